"""Words of the scheme pages (the public `/schemes` page and the console's scheme panel), Hindi
and English; anything not here comes from the citizen pages' table (`text.STRINGS`)."""

from __future__ import annotations

from collections.abc import Callable

from chalicelib.domain.text import Text
from chalicelib.pages import text

STRINGS: dict[str, Text] = {
    "schemes_h": Text("शासन की योजनाओं की जानकारी", "Information on government schemes"),
    "schemes_intro": Text(
        "विभागों द्वारा दी गई योजनाओं की संक्षिप्त जानकारी: उद्देश्य और प्रमुख पात्रता शर्तें। "
        "आवेदन और पूरी शर्तों के लिए संबंधित विभाग से संपर्क करें या 181 पर कॉल करें।",
        "Brief information on schemes, as the departments give it: the objective and the key "
        "eligibility conditions. For applying and the full rules, ask the department or call 181.",
    ),
    "scheme_q": Text("योजना खोजें (हिंदी या English में कुछ शब्द)", "Find a scheme (a few words, Hindi or English)"),
    "scheme_q_hint": Text("जैसे: पेंशन, लाड़ली बहना, kisan, awas", "e.g. pension, ladli behna, किसान, आवास"),
    "scheme_search": Text("खोजें", "Search"),
    "scheme_department": Text("विभाग", "Department"),
    "scheme_all_departments": Text("सभी विभाग", "All departments"),
    "scheme_objective": Text("प्रमुख उद्देश्य", "Main objective"),
    "scheme_eligibility": Text("प्रमुख पात्रता शर्तें", "Key eligibility conditions"),
    "scheme_none": Text("कोई योजना नहीं मिली। दूसरे शब्दों से खोजें।", "No scheme found. Try other words."),
    "scheme_found": Text("मिली योजनाएँ (सबसे मिलती-जुलती पहले)", "Schemes found (closest first)"),
    "scheme_listed": Text("योजनाएँ", "Schemes"),
    "scheme_more": Text("और योजनाएँ हैं: खोजें या विभाग चुनें।", "There are more schemes: search or choose a department."),
    "scheme_ended": Text("समाप्त", "Ended"),
    "scheme_updated": Text("अद्यतन", "Updated"),
    "scheme_panel_h": Text("योजना की जानकारी", "Scheme information"),
    "scheme_log": Text("कॉल दर्ज करें: यह योजना बताई", "Log the call: this scheme told"),
    "changes_h": Text("आज बदली योजनाएँ", "Schemes changed today"),
    "changes_none": Text("आज कोई बदलाव नहीं", "No changes today"),
    "event_new": Text("नई", "New"),
    "event_amended": Text("संशोधित", "Amended"),
    "event_ended": Text("समाप्त", "Ended"),
    "field_name": Text("नाम", "name"),
    "field_objective": Text("उद्देश्य", "objective"),
    "field_eligibility": Text("पात्रता", "eligibility"),
    "field_status": Text("स्थिति", "status"),
}


def translator(lang: str) -> Callable[..., str]:
    """`st(key)` in `lang` from this table, else from the citizen pages' table."""
    fallback = text.translator(lang)

    def st(key: str, default: str | None = None) -> str:
        entry = STRINGS.get(key)
        if entry is not None:
            return entry.in_lang(lang)
        return fallback(key, default)

    return st
