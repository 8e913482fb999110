"""Every word the pages show, Hindi and English, in one table: key -> {"hi", "en"}."""

from __future__ import annotations

from collections.abc import Callable

LANGS = ("hi", "en")

STRINGS: dict[str, dict[str, str]] = {
    # shared
    "site": {"hi": "सीएम हेल्पलाइन 181", "en": "CM Helpline 181"},
    "gov": {"hi": "मध्यप्रदेश शासन", "en": "Government of Madhya Pradesh"},
    "switch_to": {"hi": "English", "en": "हिन्दी"},
    "errors_h": {"hi": "कृपया सुधारें", "en": "Please correct this"},
    "footer": {"hi": "टोल-फ्री 181, सुबह 7 से रात 11 बजे तक, हर दिन", "en": "Toll-free 181, 7 am to 11 pm, every day"},
    "home": {"hi": "मुख्य पृष्ठ", "en": "Home"},
    "choose": {"hi": "— चुनें —", "en": "— choose —"},
    "optional": {"hi": "(वैकल्पिक)", "en": "(optional)"},
    # step 1
    "intro_h": {"hi": "शिकायत, माँग या सुझाव दर्ज करें", "en": "File a complaint, demand or suggestion"},
    "intro": {
        "hi": "सीएम हेल्पलाइन 181 मध्यप्रदेश शासन की जन शिकायत सेवा है। आपकी शिकायत तुरंत संबंधित "
        "अधिकारी तक पहुँचती है; किसी स्तर पर 7 कार्य दिवस में कार्रवाई न हो तो वह अपने-आप अगले "
        "स्तर पर जाती है।",
        "en": "CM Helpline 181 is the Government of Madhya Pradesh's public grievance service. Your "
        "complaint reaches the responsible officer at once; if a level does not act within 7 "
        "working days, it moves up to the next level by itself.",
    },
    "agree": {
        "hi": "मैं सहमत हूँ: मेरी दी गई जानकारी सही है और शिकायत निवारण के लिए उपयोग की जा सकती है।",
        "en": "I agree: the information I give is true and may be used to resolve my complaint.",
    },
    "agree_required": {"hi": "आगे बढ़ने के लिए 'मैं सहमत हूँ' चुनें", "en": "Tick 'I agree' to continue"},
    "kind": {"hi": "क्या दर्ज करना है?", "en": "What do you want to file?"},
    "cat_complaint": {"hi": "शिकायत / समस्या", "en": "Complaint / problem"},
    "cat_demand": {"hi": "माँग", "en": "Demand"},
    "cat_suggestion": {"hi": "सुझाव", "en": "Suggestion"},
    "cat_corruption": {"hi": "भ्रष्टाचार / अनियमितता", "en": "Corruption / irregularity"},
    "accused_q": {"hi": "भ्रष्टाचार की शिकायत में: किसके विरुद्ध?", "en": "For corruption: against whom?"},
    "acc_below_district_head": {
        "hi": "जिला कार्यालय प्रमुख से नीचे के कर्मचारी",
        "en": "Staff below the district office head",
    },
    "acc_district_head_or_above": {
        "hi": "जिला कार्यालय प्रमुख या उससे ऊपर",
        "en": "The district office head or anyone above",
    },
    "mobile": {"hi": "मोबाइल नंबर", "en": "Mobile number"},
    "mobile_hint": {"hi": "10 अंक; इसी पर OTP आएगा", "en": "10 digits; the OTP is sent to it"},
    "send_otp": {"hi": "OTP भेजें", "en": "Send OTP"},
    "refer_h": {
        "hi": "इन मामलों के लिए सीधे इन नंबरों पर संपर्क करें (181 पर दर्ज नहीं होते)",
        "en": "These go to their own lines (not registered on 181)",
    },
    "refer_kisan": {"hi": "खेती-किसानी: किसान कॉल सेंटर 1800-180-1551", "en": "Farming: Kisan call centre 1800-180-1551"},
    "refer_women": {"hi": "महिला हेल्पलाइन 1090", "en": "Women helpline 1090"},
    "refer_fire": {"hi": "आग: फायर ब्रिगेड 101", "en": "Fire: fire brigade 101"},
    "refer_ambulance": {"hi": "एम्बुलेंस 108", "en": "Ambulance 108"},
    "refer_police": {"hi": "पुलिस: डायल-100", "en": "Police: Dial-100"},
    # OTP
    "otp_h": {"hi": "OTP दर्ज करें", "en": "Enter the OTP"},
    "otp_sent": {
        "hi": "6 अंकों का OTP इस नंबर पर भेजा गया है (10 मिनट तक मान्य):",
        "en": "A 6-digit OTP was sent to this number (valid for 10 minutes):",
    },
    "otp": {"hi": "OTP", "en": "OTP"},
    "verify": {"hi": "सत्यापित करें", "en": "Verify"},
    "resend": {"hi": "नया OTP भेजें", "en": "Send a new OTP"},
    # the form
    "form_h": {"hi": "शिकायतकर्ता का विवरण", "en": "Complainant's details"},
    "matter_h": {"hi": "मामला", "en": "The matter"},
    "verified_mobile": {"hi": "सत्यापित मोबाइल", "en": "Verified mobile"},
    "name": {"hi": "नाम", "en": "Name"},
    "district": {"hi": "जिला", "en": "District"},
    "block": {"hi": "विकासखंड / नगर", "en": "Block / town"},
    "show_blocks": {"hi": "विकासखंड दिखाएँ", "en": "Show blocks"},
    "block_first": {
        "hi": "पहले जिला चुनें, फिर 'विकासखंड दिखाएँ' दबाएँ",
        "en": "Choose the district, then press 'Show blocks'",
    },
    "block_free": {
        "hi": "इस जिले के विकासखंड अभी सूची में नहीं हैं: विकासखंड या नगर का नाम लिखें",
        "en": "This district's blocks are not listed yet: type the block or town",
    },
    "department": {"hi": "विभाग", "en": "Department"},
    "subject": {"hi": "विषय", "en": "Subject"},
    "description": {"hi": "विवरण", "en": "Description"},
    "address": {"hi": "पता", "en": "Address"},
    "submit": {"hi": "शिकायत दर्ज करें", "en": "Submit"},
    # done
    "done_h": {"hi": "आपकी शिकायत दर्ज हो गई", "en": "Your complaint is registered"},
    "ref": {"hi": "शिकायत क्रमांक", "en": "Reference number"},
    "done_note": {
        "hi": "यह क्रमांक लिख लें; यह SMS से भी भेजा गया है।",
        "en": "Note this number; it has also been sent to you by SMS.",
    },
    "see_status": {"hi": "स्थिति देखें", "en": "See the status"},
    "file_another": {"hi": "नई शिकायत दर्ज करें", "en": "File another"},
    # track
    "track_h": {"hi": "शिकायत की स्थिति", "en": "Complaint status"},
    "ref_input": {"hi": "10 अंकों का शिकायत क्रमांक", "en": "10-digit reference number"},
    "show": {"hi": "देखें", "en": "Show"},
    "status": {"hi": "स्थिति", "en": "Status"},
    "st_open": {"hi": "अधिकारी के पास लंबित", "en": "Pending with the officer"},
    "st_resolved": {"hi": "निराकरण दर्ज; आपकी पुष्टि शेष", "en": "Resolved; awaiting your confirmation"},
    "st_closed": {"hi": "बंद", "en": "Closed"},
    "st_state_government": {"hi": "राज्य शासन को भेजी गई", "en": "Sent to the State government"},
    "level": {"hi": "स्तर", "en": "Level"},
    "level_1": {"hi": "पहला स्तर (L1)", "en": "First level (L1)"},
    "level_2": {"hi": "दूसरा स्तर (L2)", "en": "Second level (L2)"},
    "level_3": {"hi": "तीसरा स्तर (L3)", "en": "Third level (L3)"},
    "level_4": {"hi": "चौथा स्तर (L4)", "en": "Fourth level (L4)"},
    "overdue": {"hi": "समय-सीमा पार होकर आगे बढ़ी", "en": "Moved up after a missed deadline"},
    "registered": {"hi": "दर्ज दिनांक", "en": "Registered on"},
    "due": {"hi": "कार्रवाई की अंतिम तिथि", "en": "Action due by"},
    "ref_hint": {
        "hi": "क्रमांक के अंक दोबारा जाँचें: अंतिम अंक जाँच अंक है।",
        "en": "Check the digits again: the last one is a check digit.",
    },
    "not_found": {"hi": "इस क्रमांक की कोई शिकायत नहीं मिली।", "en": "No complaint has this reference number."},
    # call centre
    "cce_h": {"hi": "कॉल सेंटर कंसोल", "en": "Call-centre console"},
    "username": {"hi": "उपयोगकर्ता नाम", "en": "Username"},
    "password": {"hi": "पासवर्ड", "en": "Password"},
    "login": {"hi": "लॉगिन", "en": "Log in"},
    "logout": {"hi": "लॉगआउट", "en": "Log out"},
    "logged_in": {"hi": "लॉगिन:", "en": "Logged in:"},
    "not_cce": {"hi": "यह कंसोल केवल कॉल सेंटर कार्यपालकों के लिए है", "en": "This console is for call-centre executives only"},
    "login_again": {"hi": "सत्र समाप्त; फिर से लॉगिन करें", "en": "Session ended; log in again"},
    "caller_h": {"hi": "1. कॉलर का विवरण", "en": "1. Caller's details"},
    "cce_matter_h": {"hi": "2. मामला", "en": "2. The matter"},
    "caller_mobile": {"hi": "कॉलर का मोबाइल", "en": "Caller's mobile"},
    "cce_submit": {"hi": "शिकायत दर्ज करें", "en": "Register the complaint"},
    "read_out": {"hi": "कॉलर को यह क्रमांक पढ़कर सुनाएँ:", "en": "Read this number out to the caller:"},
    "calls_h": {"hi": "बिना शिकायत की कॉल", "en": "Calls without a complaint"},
    "call_scheme": {"hi": "योजना की जानकारी", "en": "Scheme information"},
    "call_log": {"hi": "कॉल दर्ज करें (शिकायत नहीं)", "en": "Log the call (no complaint)"},
    "call_logged": {"hi": "कॉल दर्ज हो गई।", "en": "Call logged."},
    "call_notes": {"hi": "टिप्पणी", "en": "Notes"},
    "call_status": {"hi": "पुरानी शिकायत की स्थिति", "en": "Status of an earlier complaint"},
    "call_refer": {"hi": "अन्य हेल्पलाइन पर भेजा", "en": "Referred to another helpline"},
    "calls_soon": {
        "hi": "इन कॉल को दर्ज करने की सुविधा जल्द आएगी। स्थिति के लिए 'शिकायत की स्थिति' खोलें।",
        "en": "Logging these calls is coming soon. For status, open 'Complaint status'.",
    },
}


def translator(lang: str) -> Callable[..., str]:
    """`t(key)` in `lang`; `t(key, default)` for keys made from data (e.g. a new status)."""

    def t(key: str, default: str | None = None) -> str:
        entry = STRINGS.get(key)
        if entry is None:
            if default is None:
                raise KeyError(f"no text for {key!r}")
            return default
        return entry[lang]

    return t
