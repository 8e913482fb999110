"""Words of the scheme pages (the public `/schemes` page, the console's scheme panel and the state
nodal officer's `/nodal/schemes` pages), Hindi and English; anything not here comes from the
citizen pages' table (`text.STRINGS`), or for the nodal officer's pages from theirs."""

from __future__ import annotations

import re
from collections.abc import Callable

from chalicelib.domain.text import Text
from chalicelib.pages import nodal_text, text

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


# The state nodal officer's pages (`/nodal/schemes`): keeping the department's schemes.
KEEPING: dict[str, Text] = {
    "keep_h": Text("योजनाओं की जानकारी: विभाग की योजनाएँ", "Scheme information: the department's schemes"),
    "keep_why": Text(
        "यहाँ लिखी जानकारी 181 कॉल सेंटर, सार्वजनिक पेज /schemes और WhatsApp पर तुरंत दिखती है। "
        "हर बदलाव एक नया संस्करण है; पुराने संस्करण रखे जाते हैं।",
        "What is written here is shown at once to the 181 call centre, on the public /schemes page and "
        "on WhatsApp. Every change is a new version; the earlier versions are kept.",
    ),
    "keep_new": Text("नई योजना जोड़ें", "Add a new scheme"),
    "keep_amend": Text("योजना में संशोधन", "Amend the scheme"),
    "keep_end": Text("योजना समाप्त करें", "End the scheme"),
    "keep_history": Text("संस्करण इतिहास", "Version history"),
    "keep_none": Text("इस विभाग की कोई योजना दर्ज नहीं", "No scheme of this department yet"),
    "keep_back": Text("विभाग की योजनाओं पर लौटें", "Back to the department's schemes"),
    "keep_save": Text("सहेजें", "Save"),
    "keep_add": Text("योजना जोड़ें", "Add the scheme"),
    "keep_more_rows": Text("पात्रता की और पंक्तियाँ", "More eligibility rows"),
    "keep_rows_hint": Text(
        "हर शर्त एक पंक्ति में, हिंदी और अंग्रेज़ी दोनों। खाली पंक्तियाँ छोड़ दी जाती हैं।",
        "One condition a row, in Hindi and English both. Empty rows are left out.",
    ),
    "keep_objective_hint": Text("अधिकतम दो पंक्तियाँ", "At most two lines"),
    "keep_note": Text("क्या बदला (एक पंक्ति)", "What changed (one line)"),
    "keep_end_note": Text("समाप्ति का कारण (एक पंक्ति)", "Why it ended (one line)"),
    "keep_end_why": Text(
        "समाप्त योजना खोज और कॉल सेंटर के पैनल से हट जाती है; उसका इतिहास रखा जाता है।",
        "An ended scheme leaves the search and the call centre's panel; its history is kept.",
    ),
    "keep_is_ended": Text("यह योजना समाप्त हो चुकी है।", "This scheme has ended."),
    "keep_reload": Text("वर्तमान संस्करण खोलें", "Open the current version"),
    "keep_version": Text("संस्करण", "Version"),
    "keep_now": Text("योजना अब ऐसी है", "The scheme as it now reads"),
    "keep_by": Text("किसने", "By"),
    "keep_when": Text("कब", "When"),
    "keep_what": Text("क्या हुआ", "What"),
    "keep_changed": Text("बदले क्षेत्र", "Fields changed"),
    "keep_text_then": Text("उस समय का पाठ", "The text then"),
    "keep_current": Text("वर्तमान संस्करण", "The current version"),
    "keep_active": Text("चालू", "Active"),
    "keep_status": Text("स्थिति", "Status"),
    "created_done": Text("योजना जोड़ी गई।", "Scheme added."),
    "amended_done": Text("संशोधन सहेजा गया: नया संस्करण।", "Amendment saved: a new version."),
    "unchanged_done": Text("कोई बदलाव नहीं था: कोई नया संस्करण नहीं बना।", "Nothing had changed: no new version."),
    "ended_done": Text("योजना समाप्त की गई।", "Scheme ended."),
    "name_hi": Text("योजना का नाम (हिंदी)", "Scheme name (Hindi)"),
    "name_en": Text("योजना का नाम (अंग्रेज़ी)", "Scheme name (English)"),
    "objective_hi": Text("प्रमुख उद्देश्य (हिंदी)", "Main objective (Hindi)"),
    "objective_en": Text("प्रमुख उद्देश्य (अंग्रेज़ी)", "Main objective (English)"),
    "eligibility": Text("प्रमुख पात्रता शर्तें", "Key eligibility conditions"),
    "bullet": Text("पात्रता शर्त", "Eligibility condition"),
    "note": Text("टिप्पणी", "Note"),
    "version": Text("संस्करण", "Version"),
    "department": Text("विभाग", "Department"),
    "in_hi": Text("हिंदी", "Hindi"),
    "in_en": Text("अंग्रेज़ी", "English"),
}
_ROW = re.compile(r"elig_(hi|en)_([0-9]+)")


def keeper_translator(lang: str) -> Callable[..., str]:
    """`kt(key)` for the nodal officer's scheme pages: these words, then the scheme pages', then
    the nodal officers' (a form row's key, `elig_hi_3`, is named as its row)."""
    fallback = nodal_text.translator(lang)

    def kt(key: str, default: str | None = None) -> str:
        entry = KEEPING.get(key) or STRINGS.get(key)
        if entry is not None:
            return entry.in_lang(lang)
        row = _ROW.fullmatch(key)
        if row:
            return f"{KEEPING['bullet'].in_lang(lang)} {row[2]} ({KEEPING['in_' + row[1]].in_lang(lang)})"
        return fallback(key, default)

    return kt


def translator(lang: str) -> Callable[..., str]:
    """`st(key)` in `lang` from this table, else from the citizen pages' table."""
    fallback = text.translator(lang)

    def st(key: str, default: str | None = None) -> str:
        entry = STRINGS.get(key)
        if entry is not None:
            return entry.in_lang(lang)
        return fallback(key, default)

    return st
