"""Words of the officers' pages and the callback queue, Hindi and English; anything not
here comes from the citizen pages' table (`text.STRINGS`)."""

from __future__ import annotations

from collections.abc import Callable

from chalicelib.domain.text import Text
from chalicelib.pages import text

STRINGS: dict[str, Text] = {
    "officer_h": Text("अधिकारी: शिकायत पर कार्रवाई", "Officer: act on a complaint"),
    "inbox_h": Text("मेरी लंबित शिकायतें", "My pending complaints"),
    "login_h": Text("अधिकारी लॉगिन", "Officers' login"),
    "posts_held": Text("आपके पद (अतिरिक्त प्रभार सहित)", "Your posts (additional charge included)"),
    "no_posts": Text("इस खाते के नाम कोई पद नहीं है", "This account holds no post"),
    "inbox_empty": Text("कोई लंबित शिकायत नहीं", "No pending complaints"),
    "more": Text("और शिकायतें", "More complaints"),
    "open_it": Text("खोलें", "Open"),
    "back_inbox": Text("मेरी शिकायतों पर लौटें", "Back to my complaints"),
    "category": Text("प्रकार", "Type"),
    "complainant": Text("शिकायतकर्ता", "Complainant"),
    "hidden_identity": Text(
        "भ्रष्टाचार की शिकायत: शिकायतकर्ता की पहचान गोपनीय है",
        "Corruption complaint: the complainant's identity is confidential",
    ),
    "ost_resolved": Text("निराकरण दर्ज; नागरिक की पुष्टि शेष", "Resolved; awaiting the citizen's confirmation"),
    "overdue_now": Text("समय-सीमा पार", "Overdue"),
    "disputed": Text("नागरिक निराकरण से असंतुष्ट", "The citizen is not satisfied with the resolution"),
    "history_h": Text("अब तक क्या हुआ", "What happened so far"),
    "actions_h": Text("आपकी कार्रवाई", "Your action"),
    "no_actions": Text(
        "इस समय इस शिकायत पर आपकी कोई कार्रवाई शेष नहीं है", "There is no action for you on this complaint now"
    ),
    "a_interim": Text("अंतरिम टीप (समय-सीमा नहीं रुकती)", "Interim note (the clock keeps running)"),
    "a_resolve": Text("निराकरण दर्ज करें", "Record the resolution"),
    "a_transfer": Text("दूसरे विभाग को अंतरित करें", "Transfer to another department"),
    "a_final_decision": Text("अंतिम निर्णय (स्तर 3)", "Final decision (level 3)"),
    "remarks": Text("कारण / की गई कार्रवाई, पूर्ण रूप में", "Reason / action taken, in full"),
    "note": Text("टीप", "Note"),
    "explanation": Text("अंतरण का कारण", "Why it belongs to that department"),
    "basis": Text("निर्णय का आधार", "Basis of the decision"),
    "rule_reference": Text("लागू नियम / प्रावधान", "Applicable rule / provision"),
    "letter_no": Text("पत्र क्रमांक", "Letter number"),
    "letter_date": Text("पत्र दिनांक", "Letter date"),
    "letter_hint": Text("पत्राचार हुआ हो तो क्रमांक और दिनांक दोनों", "If letters were exchanged: both number and date"),
    "to_department": Text("सही विभाग", "The right department"),
    "done_interim": Text("अंतरिम टीप दर्ज हो गई।", "Interim note recorded."),
    "done_resolve": Text(
        "निराकरण दर्ज हो गया। नागरिक से संतुष्टि पूछी जाएगी।",
        "Resolution recorded. The citizen will be asked whether satisfied.",
    ),
    "done_transfer": Text("शिकायत अंतरित हो गई; अब यह लिंक बंद है।", "Complaint transferred; this link is now closed."),
    "done_final_decision": Text("अंतिम निर्णय दर्ज; शिकायत बंद।", "Final decision recorded; complaint closed."),
    "bad_link": Text(
        "यह लिंक मान्य नहीं है या इसकी अवधि समाप्त हो गई है। नए SMS का लिंक खोलें या लॉगिन करें।",
        "This link is not valid or has expired. Open the link of a newer SMS, or log in.",
    ),
    "moved_on": Text(
        "यह शिकायत आगे बढ़ चुकी है (दूसरे स्तर या विभाग पर); यह लिंक अब काम नहीं करेगा।",
        "This complaint has moved on (to another level or department); this link no longer works.",
    ),
    "unknown": Text("यह शिकायत नहीं मिली।", "This complaint was not found."),
    "officer_login_link": Text("अधिकारी लॉगिन", "Officers' login"),
    # history events
    "ev_registered": Text("दर्ज", "Registered"),
    "ev_escalated": Text("समय-सीमा पार, अगले स्तर पर", "Escalated after the deadline"),
    "ev_overdue": Text("समय-सीमा पार", "Overdue"),
    "ev_reminder": Text("नागरिक का स्मरण", "Citizen's reminder"),
    "ev_interim": Text("अंतरिम टीप", "Interim note"),
    "ev_resolved": Text("निराकरण दर्ज", "Resolved"),
    "ev_transferred": Text("अंतरित", "Transferred"),
    "ev_reopened": Text("असंतुष्ट: अगले स्तर पर", "Not satisfied: to the next level"),
    "ev_closed": Text("संतुष्ट: बंद", "Satisfied: closed"),
    "ev_final_decision": Text("अंतिम निर्णय: बंद", "Final decision: closed"),
    "ev_deadline_changed": Text("समय-सीमा बदली", "Deadline changed"),
    "ev_timer_repaired": Text("समय-सीमा पुनः स्थापित", "Deadline timer restored"),
    # callbacks
    "callbacks_h": Text("संतुष्टि कॉल: नागरिकों को फोन करें", "Satisfaction calls: call the citizens"),
    "callbacks_empty": Text("अभी कोई कॉल शेष नहीं", "No calls due now"),
    "call_this": Text("फोन करें", "Call"),
    "resolved_on": Text("निराकरण दिनांक", "Resolved on"),
    "survey_tries": Text("स्वचालित कॉल प्रयास", "Automated call attempts"),
    "satisfied_q": Text("क्या नागरिक संतुष्ट है?", "Is the citizen satisfied?"),
    "yes_satisfied": Text("हाँ, संतुष्ट (शिकायत बंद होगी)", "Yes, satisfied (the complaint closes)"),
    "not_satisfied": Text(
        "नहीं, असंतुष्ट (अगले वरिष्ठ अधिकारी को जाएगी)", "No, not satisfied (goes to the next senior officer)"
    ),
    "citizen_remarks": Text("नागरिक ने क्या कहा", "What the citizen said"),
    "record": Text("परिणाम दर्ज करें", "Record the outcome"),
    "recorded_closed": Text("दर्ज: शिकायत बंद।", "Recorded: complaint closed."),
    "recorded_reopened": Text("दर्ज: शिकायत अगले स्तर पर भेजी गई।", "Recorded: sent to the next level."),
    "console_link": Text("कॉल सेंटर कंसोल", "Call-centre console"),
    "schemes_keep_link": Text("योजनाओं की जानकारी (राज्य नोडल अधिकारी)", "Scheme information (state nodal officer)"),
    "directory_link": Text("अधिकारी निर्देशिका: पदस्थापनाएँ और रिक्त पद", "Officers' directory: postings and vacancies"),
    "new_password_h": Text("अपना नया पासवर्ड बनाएँ", "Set your own password"),
    "new_password_why": Text(
        "आपने एसएमएस से मिले अस्थायी पासवर्ड से लॉगिन किया है। आगे के लिए अपना पासवर्ड बनाएँ।",
        "You signed in with the temporary password sent by SMS. Set your own password to go on.",
    ),
    "new_password": Text("नया पासवर्ड", "New password"),
    "confirm": Text("नया पासवर्ड दोबारा", "New password again"),
    "password_rule": Text(
        "कम से कम 12 अक्षर: बड़ा और छोटा अक्षर, अंक और चिह्न (जैसे @)",
        "At least 12 characters with upper and lower case, a digit and a symbol (e.g. @)",
    ),
    "set_password": Text("पासवर्ड बनाएँ और आगे बढ़ें", "Set the password and go on"),
    "forgot": Text(
        "पासवर्ड भूल गए या नए पदस्थ हुए? जिला लोक सेवा प्रबंधक (जिला नोडल अधिकारी) एसएमएस से नया अस्थायी पासवर्ड भेज सकते हैं।",
        "Forgot your password, or newly posted? The District Public Service Manager (district nodal officer) "
        "can send a new temporary password by SMS.",
    ),
    "dpsm_why": Text(
        "लॉगिन, पासवर्ड या किसी नए पदस्थ अधिकारी की जानकारी के लिए अपने जिले के जिला लोक सेवा प्रबंधक (जिला नोडल "
        "अधिकारी) से संपर्क करें; वे एसएमएस से नया अस्थायी पासवर्ड भेज सकते हैं।",
        "For your login, your password or a newly posted officer's details, contact your district's District "
        "Public Service Manager (district nodal officer), who can send a new temporary password by SMS.",
    ),
    "dpsm_no_district": Text(
        "आपके पद राज्य स्तर के हैं: नीचे दिए कॉल सेंटर के सहायता नंबरों पर संपर्क करें।",
        "Your posts are state posts: call the call centre's support numbers below.",
    ),
    "dpsm_other": Text("किसी अन्य जिले के DPSM का संपर्क", "Another district's DPSM"),
    "dpsm_find": Text("अपने जिले के DPSM का संपर्क देखें", "Find your district's DPSM"),
}


def translator(lang: str) -> Callable[..., str]:
    """`ot(key)` in `lang` from this table, else from the citizen pages' table;
    `ot(key, default)` for keys made from data (an event or status added later)."""
    fallback = text.translator(lang)

    def ot(key: str, default: str | None = None) -> str:
        entry = STRINGS.get(key)
        if entry is not None:
            return entry.in_lang(lang)
        return fallback(key, default)

    return ot
