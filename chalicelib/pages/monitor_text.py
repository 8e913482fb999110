"""Words of the monitoring pages, Hindi and English (column names live in report_tables.LABELS)."""

from __future__ import annotations

from collections.abc import Callable

from chalicelib.services.report_tables import LABELS

STRINGS: dict[str, tuple[str, str]] = {
    "site": ("सीएम हेल्पलाइन 181 — निगरानी", "CM Helpline 181 — Monitoring"),
    "switch_to": ("English", "हिन्दी"),
    "login_h": ("निगरानी अधिकारी लॉगिन", "Monitoring officers' login"),
    "username": ("उपयोगकर्ता नाम", "Username"),
    "password": ("पासवर्ड", "Password"),
    "login": ("लॉगिन करें", "Log in"),
    "logout": ("लॉगआउट", "Log out"),
    "not_monitor": ("यह खाता निगरानी समूह में नहीं है", "This account is not in the monitoring group"),
    "login_again": ("कृपया दोबारा लॉगिन करें", "Please log in again"),
    "district": ("जिला डैशबोर्ड", "District dashboard"),
    "department": ("विभाग डैशबोर्ड", "Department dashboard"),
    "division": ("संभाग डैशबोर्ड", "Division dashboard"),
    "ranking": ("जिलों की रैंकिंग", "District ranking"),
    "weekly": ("साप्ताहिक समीक्षा", "Weekly review"),
    "month": ("माह", "Month"),
    "show": ("दिखाएँ", "Show"),
    "all_time": ("अब तक", "all time"),
    "csv": ("CSV डाउनलोड", "Download CSV"),
    "print": ("प्रिंट: Ctrl+P", "Print: Ctrl+P"),
    "departments_h": ("विभागवार स्थिति", "Departments"),
    "districts_h": ("जिलेवार स्थिति", "Districts"),
    "officers_best": ("L1 अधिकारी — सर्वश्रेष्ठ पहले", "L1 officers — best first"),
    "officers_worst": ("L1 अधिकारी — सबसे कमज़ोर पहले", "L1 officers — weakest first"),
    "rank_h": ("राज्य में स्थान", "Rank in the state"),
    "trend_h": ("12 माह का रुझान (अंक %)", "12-month trend (score %)"),
    "total": ("योग", "Total"),
    "no_rows": ("इस अवधि में कोई आंकड़ा नहीं", "No figures for this period"),
    "weights": ("भारांक", "Weights"),
    "summary_h": ("राज्य सारांश", "State summary"),
    "weakest_h": ("सबसे कमज़ोर विभाग", "Weakest departments"),
    "pendency_h": ("दीर्घ लंबित", "Long pendency"),
    "this_month": ("इस माह", "This month"),
    "previous_month": ("पिछला माह", "Previous month"),
    "week_of": ("सप्ताह", "Week of"),
}


def words(lang: str) -> Callable[[str], str]:
    def t(key: str) -> str:
        hi, en = STRINGS.get(key) or LABELS.get(key) or (key, key)
        return hi if lang == "hi" else en

    return t
