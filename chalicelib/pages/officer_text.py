"""Words of the officers' pages and the callback queue, Hindi and English; anything not
here comes from the citizen pages' table (`text.STRINGS`)."""

from __future__ import annotations

from collections.abc import Callable

from chalicelib.pages import text

STRINGS: dict[str, dict[str, str]] = {
    "officer_h": {"hi": "अधिकारी: शिकायत पर कार्रवाई", "en": "Officer: act on a complaint"},
    "inbox_h": {"hi": "मेरी लंबित शिकायतें", "en": "My pending complaints"},
    "login_h": {"hi": "अधिकारी लॉगिन", "en": "Officers' login"},
    "posts_held": {"hi": "आपके पद (अतिरिक्त प्रभार सहित)", "en": "Your posts (additional charge included)"},
    "no_posts": {"hi": "इस खाते के नाम कोई पद नहीं है", "en": "This account holds no post"},
    "inbox_empty": {"hi": "कोई लंबित शिकायत नहीं", "en": "No pending complaints"},
    "more": {"hi": "और शिकायतें", "en": "More complaints"},
    "open_it": {"hi": "खोलें", "en": "Open"},
    "back_inbox": {"hi": "मेरी शिकायतों पर लौटें", "en": "Back to my complaints"},
    "category": {"hi": "प्रकार", "en": "Type"},
    "complainant": {"hi": "शिकायतकर्ता", "en": "Complainant"},
    "hidden_identity": {
        "hi": "भ्रष्टाचार की शिकायत: शिकायतकर्ता की पहचान गोपनीय है",
        "en": "Corruption complaint: the complainant's identity is confidential",
    },
    "ost_resolved": {"hi": "निराकरण दर्ज; नागरिक की पुष्टि शेष", "en": "Resolved; awaiting the citizen's confirmation"},
    "overdue_now": {"hi": "समय-सीमा पार", "en": "Overdue"},
    "disputed": {"hi": "नागरिक निराकरण से असंतुष्ट", "en": "The citizen is not satisfied with the resolution"},
    "history_h": {"hi": "अब तक क्या हुआ", "en": "What happened so far"},
    "actions_h": {"hi": "आपकी कार्रवाई", "en": "Your action"},
    "no_actions": {
        "hi": "इस समय इस शिकायत पर आपकी कोई कार्रवाई शेष नहीं है",
        "en": "There is no action for you on this complaint now",
    },
    "a_interim": {"hi": "अंतरिम टीप (समय-सीमा नहीं रुकती)", "en": "Interim note (the clock keeps running)"},
    "a_resolve": {"hi": "निराकरण दर्ज करें", "en": "Record the resolution"},
    "a_transfer": {"hi": "दूसरे विभाग को अंतरित करें", "en": "Transfer to another department"},
    "a_final_decision": {"hi": "अंतिम निर्णय (स्तर 3)", "en": "Final decision (level 3)"},
    "remarks": {"hi": "कारण / की गई कार्रवाई, पूर्ण रूप में", "en": "Reason / action taken, in full"},
    "note": {"hi": "टीप", "en": "Note"},
    "explanation": {"hi": "अंतरण का कारण", "en": "Why it belongs to that department"},
    "basis": {"hi": "निर्णय का आधार", "en": "Basis of the decision"},
    "rule_reference": {"hi": "लागू नियम / प्रावधान", "en": "Applicable rule / provision"},
    "letter_no": {"hi": "पत्र क्रमांक", "en": "Letter number"},
    "letter_date": {"hi": "पत्र दिनांक", "en": "Letter date"},
    "letter_hint": {
        "hi": "पत्राचार हुआ हो तो क्रमांक और दिनांक दोनों",
        "en": "If letters were exchanged: both number and date",
    },
    "to_department": {"hi": "सही विभाग", "en": "The right department"},
    "done_interim": {"hi": "अंतरिम टीप दर्ज हो गई।", "en": "Interim note recorded."},
    "done_resolve": {
        "hi": "निराकरण दर्ज हो गया। नागरिक से संतुष्टि पूछी जाएगी।",
        "en": "Resolution recorded. The citizen will be asked whether satisfied.",
    },
    "done_transfer": {
        "hi": "शिकायत अंतरित हो गई; अब यह लिंक बंद है।",
        "en": "Complaint transferred; this link is now closed.",
    },
    "done_final_decision": {"hi": "अंतिम निर्णय दर्ज; शिकायत बंद।", "en": "Final decision recorded; complaint closed."},
    "bad_link": {
        "hi": "यह लिंक मान्य नहीं है या इसकी अवधि समाप्त हो गई है। नए SMS का लिंक खोलें या लॉगिन करें।",
        "en": "This link is not valid or has expired. Open the link of a newer SMS, or log in.",
    },
    "moved_on": {
        "hi": "यह शिकायत आगे बढ़ चुकी है (दूसरे स्तर या विभाग पर); यह लिंक अब काम नहीं करेगा।",
        "en": "This complaint has moved on (to another level or department); this link no longer works.",
    },
    "unknown": {"hi": "यह शिकायत नहीं मिली।", "en": "This complaint was not found."},
    "officer_login_link": {"hi": "अधिकारी लॉगिन", "en": "Officers' login"},
    # history events
    "ev_registered": {"hi": "दर्ज", "en": "Registered"},
    "ev_escalated": {"hi": "समय-सीमा पार, अगले स्तर पर", "en": "Escalated after the deadline"},
    "ev_overdue": {"hi": "समय-सीमा पार", "en": "Overdue"},
    "ev_reminder": {"hi": "नागरिक का स्मरण", "en": "Citizen's reminder"},
    "ev_interim": {"hi": "अंतरिम टीप", "en": "Interim note"},
    "ev_resolved": {"hi": "निराकरण दर्ज", "en": "Resolved"},
    "ev_transferred": {"hi": "अंतरित", "en": "Transferred"},
    "ev_reopened": {"hi": "असंतुष्ट: अगले स्तर पर", "en": "Not satisfied: to the next level"},
    "ev_closed": {"hi": "संतुष्ट: बंद", "en": "Satisfied: closed"},
    "ev_final_decision": {"hi": "अंतिम निर्णय: बंद", "en": "Final decision: closed"},
    "ev_deadline_changed": {"hi": "समय-सीमा बदली", "en": "Deadline changed"},
    "ev_timer_repaired": {"hi": "समय-सीमा पुनः स्थापित", "en": "Deadline timer restored"},
    # callbacks
    "callbacks_h": {"hi": "संतुष्टि कॉल: नागरिकों को फोन करें", "en": "Satisfaction calls: call the citizens"},
    "callbacks_empty": {"hi": "अभी कोई कॉल शेष नहीं", "en": "No calls due now"},
    "call_this": {"hi": "फोन करें", "en": "Call"},
    "resolved_on": {"hi": "निराकरण दिनांक", "en": "Resolved on"},
    "survey_tries": {"hi": "स्वचालित कॉल प्रयास", "en": "Automated call attempts"},
    "satisfied_q": {"hi": "क्या नागरिक संतुष्ट है?", "en": "Is the citizen satisfied?"},
    "yes_satisfied": {"hi": "हाँ, संतुष्ट (शिकायत बंद होगी)", "en": "Yes, satisfied (the complaint closes)"},
    "not_satisfied": {
        "hi": "नहीं, असंतुष्ट (अगले वरिष्ठ अधिकारी को जाएगी)",
        "en": "No, not satisfied (goes to the next senior officer)",
    },
    "citizen_remarks": {"hi": "नागरिक ने क्या कहा", "en": "What the citizen said"},
    "record": {"hi": "परिणाम दर्ज करें", "en": "Record the outcome"},
    "recorded_closed": {"hi": "दर्ज: शिकायत बंद।", "en": "Recorded: complaint closed."},
    "recorded_reopened": {"hi": "दर्ज: शिकायत अगले स्तर पर भेजी गई।", "en": "Recorded: sent to the next level."},
    "console_link": {"hi": "कॉल सेंटर कंसोल", "en": "Call-centre console"},
}


def translator(lang: str) -> Callable[..., str]:
    """`ot(key)` in `lang` from this table, else from the citizen pages' table;
    `ot(key, default)` for keys made from data (an event or status added later)."""
    fallback = text.translator(lang)

    def ot(key: str, default: str | None = None) -> str:
        entry = STRINGS.get(key)
        if entry is not None:
            return entry[lang]
        return fallback(key, default)

    return ot
