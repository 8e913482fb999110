"""Words of the monitoring pages, Hindi and English (column names live in report_tables.LABELS)."""

from __future__ import annotations

from collections.abc import Callable

from chalicelib.domain.text import Text
from chalicelib.services.report_tables import LABELS

STRINGS: dict[str, Text] = {
    "site": Text("सीएम हेल्पलाइन 181 — निगरानी", "CM Helpline 181 — Monitoring"),
    "switch_to": Text("English", "हिन्दी"),
    "login_h": Text("निगरानी अधिकारी लॉगिन", "Monitoring officers' login"),
    "username": Text("उपयोगकर्ता नाम", "Username"),
    "password": Text("पासवर्ड", "Password"),
    "login": Text("लॉगिन करें", "Log in"),
    "logout": Text("लॉगआउट", "Log out"),
    "not_monitor": Text("यह खाता निगरानी समूह में नहीं है", "This account is not in the monitoring group"),
    "login_again": Text("कृपया दोबारा लॉगिन करें", "Please log in again"),
    "district": Text("जिला डैशबोर्ड", "District dashboard"),
    "department": Text("विभाग डैशबोर्ड", "Department dashboard"),
    "division": Text("संभाग डैशबोर्ड", "Division dashboard"),
    "ranking": Text("जिलों की रैंकिंग", "District ranking"),
    "weekly": Text("साप्ताहिक समीक्षा", "Weekly review"),
    "month": Text("माह", "Month"),
    "show": Text("दिखाएँ", "Show"),
    "all_time": Text("अब तक", "all time"),
    "csv": Text("CSV डाउनलोड", "Download CSV"),
    "print": Text("प्रिंट: Ctrl+P", "Print: Ctrl+P"),
    "departments_h": Text("विभागवार स्थिति", "Departments"),
    "districts_h": Text("जिलेवार स्थिति", "Districts"),
    "vacancies_h": Text("रिक्त पद और उन पर लंबित शिकायतें", "Vacant posts and the complaints waiting on them"),
    "vacant_post": Text("रिक्त पद", "Vacant post"),
    "waiting": Text("लंबित शिकायतें", "Complaints waiting"),
    "vacant_overdue": Text("अंतिम स्तर पर भी समय-सीमा पार", "Overdue at the last level too"),
    "no_vacancies": Text("कोई पद रिक्त नहीं", "No vacant post"),
    "officers_best": Text("L1 अधिकारी — सर्वश्रेष्ठ पहले", "L1 officers — best first"),
    "officers_worst": Text("L1 अधिकारी — सबसे कमज़ोर पहले", "L1 officers — weakest first"),
    "rank_h": Text("राज्य में स्थान", "Rank in the state"),
    "trend_h": Text("12 माह का रुझान (अंक %)", "12-month trend (score %)"),
    "total": Text("योग", "Total"),
    "no_rows": Text("इस अवधि में कोई आंकड़ा नहीं", "No figures for this period"),
    "weights": Text("भारांक", "Weights"),
    "summary_h": Text("राज्य सारांश", "State summary"),
    "weakest_h": Text("सबसे कमज़ोर विभाग", "Weakest departments"),
    "pendency_h": Text("दीर्घ लंबित", "Long pendency"),
    "this_month": Text("इस माह", "This month"),
    "previous_month": Text("पिछला माह", "Previous month"),
    "week_of": Text("सप्ताह", "Week of"),
    "help": Text("सहायता", "Help"),
}


def words(lang: str) -> Callable[[str], str]:
    def t(key: str) -> str:
        text = STRINGS.get(key) or LABELS.get(key)
        return text.in_lang(lang) if text else key

    return t
