"""Every word the pages show, Hindi and English, in one table: key -> Text(hi, en)."""

from __future__ import annotations

from collections.abc import Callable

from chalicelib.domain.text import Text

LANGS = ("hi", "en")

STRINGS: dict[str, Text] = {
    # shared
    "site": Text("सीएम हेल्पलाइन 181", "CM Helpline 181"),
    "gov": Text("मध्यप्रदेश शासन", "Government of Madhya Pradesh"),
    "switch_to": Text("English", "हिन्दी"),
    "errors_h": Text("कृपया सुधारें", "Please correct this"),
    "footer": Text("टोल-फ्री 181, सुबह 7 से रात 11 बजे तक, हर दिन", "Toll-free 181, 7 am to 11 pm, every day"),
    "home": Text("मुख्य पृष्ठ", "Home"),
    "choose": Text("— चुनें —", "— choose —"),
    "optional": Text("(वैकल्पिक)", "(optional)"),
    # a form POST refused at the edge (another site, or a form without its token)
    "form_refused": Text(
        "यह फ़ॉर्म स्वीकार नहीं हुआ, कुछ भी नहीं बदला गया। पेज फिर से खोलकर दोबारा भेजें।",
        "This form was not accepted and nothing was changed. Open the page again and resend it.",
    ),
    "schemes_link": Text("योजनाओं की जानकारी", "Scheme information"),
    # step 1
    "intro_h": Text("शिकायत, माँग या सुझाव दर्ज करें", "File a complaint, demand or suggestion"),
    "intro": Text(
        "सीएम हेल्पलाइन 181 मध्यप्रदेश शासन की जन शिकायत सेवा है। आपकी शिकायत तुरंत संबंधित "
        "अधिकारी तक पहुँचती है; किसी स्तर पर 7 कार्य दिवस में कार्रवाई न हो तो वह अपने-आप अगले "
        "स्तर पर जाती है।",
        "CM Helpline 181 is the Government of Madhya Pradesh's public grievance service. Your "
        "complaint reaches the responsible officer at once; if a level does not act within 7 "
        "working days, it moves up to the next level by itself.",
    ),
    "agree": Text(
        "मैं सहमत हूँ: मेरी दी गई जानकारी सही है और शिकायत निवारण के लिए उपयोग की जा सकती है।",
        "I agree: the information I give is true and may be used to resolve my complaint.",
    ),
    "agree_required": Text("आगे बढ़ने के लिए 'मैं सहमत हूँ' चुनें", "Tick 'I agree' to continue"),
    "kind": Text("क्या दर्ज करना है?", "What do you want to file?"),
    "cat_complaint": Text("शिकायत / समस्या", "Complaint / problem"),
    "cat_demand": Text("माँग", "Demand"),
    "cat_suggestion": Text("सुझाव", "Suggestion"),
    "cat_corruption": Text("भ्रष्टाचार / अनियमितता", "Corruption / irregularity"),
    "accused_q": Text("भ्रष्टाचार की शिकायत में: किसके विरुद्ध?", "For corruption: against whom?"),
    "acc_below_district_head": Text("जिला कार्यालय प्रमुख से नीचे के कर्मचारी", "Staff below the district office head"),
    "acc_district_head_or_above": Text("जिला कार्यालय प्रमुख या उससे ऊपर", "The district office head or anyone above"),
    "mobile": Text("मोबाइल नंबर", "Mobile number"),
    "mobile_hint": Text("10 अंक; इसी पर OTP आएगा", "10 digits; the OTP is sent to it"),
    "send_otp": Text("OTP भेजें", "Send OTP"),
    "refer_h": Text(
        "इन मामलों के लिए सीधे इन नंबरों पर संपर्क करें (181 पर दर्ज नहीं होते)",
        "These go to their own lines (not registered on 181)",
    ),
    "refer_kisan": Text("खेती-किसानी: किसान कॉल सेंटर 1800-180-1551", "Farming: Kisan call centre 1800-180-1551"),
    "refer_women": Text("महिला हेल्पलाइन 1090", "Women helpline 1090"),
    "refer_fire": Text("आग: फायर ब्रिगेड 101", "Fire: fire brigade 101"),
    "refer_ambulance": Text("एम्बुलेंस 108", "Ambulance 108"),
    "refer_police": Text("पुलिस: डायल-100", "Police: Dial-100"),
    # OTP
    "otp_h": Text("OTP दर्ज करें", "Enter the OTP"),
    "otp_sent": Text(
        "6 अंकों का OTP इस नंबर पर भेजा गया है (10 मिनट तक मान्य):",
        "A 6-digit OTP was sent to this number (valid for 10 minutes):",
    ),
    "otp": Text("OTP", "OTP"),
    "verify": Text("सत्यापित करें", "Verify"),
    "resend": Text("नया OTP भेजें", "Send a new OTP"),
    # the form
    "form_h": Text("शिकायतकर्ता का विवरण", "Complainant's details"),
    "matter_h": Text("मामला", "The matter"),
    "verified_mobile": Text("सत्यापित मोबाइल", "Verified mobile"),
    "name": Text("नाम", "Name"),
    "district": Text("जिला", "District"),
    "block": Text("विकासखंड / नगर", "Block / town"),
    "show_blocks": Text("विकासखंड दिखाएँ", "Show blocks"),
    "block_first": Text("पहले जिला चुनें, फिर 'विकासखंड दिखाएँ' दबाएँ", "Choose the district, then press 'Show blocks'"),
    "block_free": Text(
        "इस जिले के विकासखंड अभी सूची में नहीं हैं: विकासखंड या नगर का नाम लिखें",
        "This district's blocks are not listed yet: type the block or town",
    ),
    "department": Text("विभाग", "Department"),
    "subject": Text("विषय", "Subject"),
    "description": Text("विवरण", "Description"),
    "address": Text("पता", "Address"),
    "submit": Text("शिकायत दर्ज करें", "Submit"),
    # done
    "done_h": Text("आपकी शिकायत दर्ज हो गई", "Your complaint is registered"),
    "ref": Text("शिकायत क्रमांक", "Reference number"),
    "done_note": Text(
        "यह क्रमांक लिख लें; यह SMS से भी भेजा गया है।", "Note this number; it has also been sent to you by SMS."
    ),
    "see_status": Text("स्थिति देखें", "See the status"),
    "file_another": Text("नई शिकायत दर्ज करें", "File another"),
    # track
    "track_h": Text("शिकायत की स्थिति", "Complaint status"),
    "ref_input": Text("10 अंकों का शिकायत क्रमांक", "10-digit reference number"),
    "show": Text("देखें", "Show"),
    "status": Text("स्थिति", "Status"),
    "st_open": Text("अधिकारी के पास लंबित", "Pending with the officer"),
    "st_resolved": Text("निराकरण दर्ज; आपकी पुष्टि शेष", "Resolved; awaiting your confirmation"),
    "st_closed": Text("बंद", "Closed"),
    "st_state_government": Text("राज्य शासन को भेजी गई", "Sent to the State government"),
    "level": Text("स्तर", "Level"),
    "level_1": Text("पहला स्तर (L1)", "First level (L1)"),
    "level_2": Text("दूसरा स्तर (L2)", "Second level (L2)"),
    "level_3": Text("तीसरा स्तर (L3)", "Third level (L3)"),
    "level_4": Text("चौथा स्तर (L4)", "Fourth level (L4)"),
    "overdue": Text("समय-सीमा पार होकर आगे बढ़ी", "Moved up after a missed deadline"),
    "registered": Text("दर्ज दिनांक", "Registered on"),
    "due": Text("कार्रवाई की अंतिम तिथि", "Action due by"),
    "ref_hint": Text(
        "क्रमांक के अंक दोबारा जाँचें: अंतिम अंक जाँच अंक है।", "Check the digits again: the last one is a check digit."
    ),
    "not_found": Text("इस क्रमांक की कोई शिकायत नहीं मिली।", "No complaint has this reference number."),
    # call centre
    "cce_h": Text("कॉल सेंटर कंसोल", "Call-centre console"),
    "username": Text("उपयोगकर्ता नाम", "Username"),
    "password": Text("पासवर्ड", "Password"),
    "login": Text("लॉगिन", "Log in"),
    "logout": Text("लॉगआउट", "Log out"),
    "logged_in": Text("लॉगिन:", "Logged in:"),
    "not_cce": Text("यह कंसोल केवल कॉल सेंटर कार्यपालकों के लिए है", "This console is for call-centre executives only"),
    "login_again": Text("सत्र समाप्त; फिर से लॉगिन करें", "Session ended; log in again"),
    "caller_h": Text("1. कॉलर का विवरण", "1. Caller's details"),
    "cce_matter_h": Text("2. मामला", "2. The matter"),
    "caller_mobile": Text("कॉलर का मोबाइल", "Caller's mobile"),
    "caller_lang": Text("कॉलर की भाषा (एसएमएस इसी भाषा में जाएँगे)", "Caller's language (their SMS go in it)"),
    "cce_submit": Text("शिकायत दर्ज करें", "Register the complaint"),
    "read_out": Text("कॉलर को यह क्रमांक पढ़कर सुनाएँ:", "Read this number out to the caller:"),
    "calls_h": Text("बिना शिकायत की कॉल", "Calls without a complaint"),
    "call_scheme": Text("योजना की जानकारी", "Scheme information"),
    "call_log": Text("कॉल दर्ज करें (शिकायत नहीं)", "Log the call (no complaint)"),
    "call_logged": Text("कॉल दर्ज हो गई।", "Call logged."),
    "call_notes": Text("टिप्पणी", "Notes"),
    "call_status": Text("पुरानी शिकायत की स्थिति", "Status of an earlier complaint"),
    "call_refer": Text("अन्य हेल्पलाइन पर भेजा", "Referred to another helpline"),
    # the emulated calls of the local stack (in a deployed stage the Connect agent workspace has them)
    "phone_h": Text("प्रतीक्षा में कॉल", "Calls waiting"),
    "phone_none": Text("कोई कॉल प्रतीक्षा में नहीं है।", "No call is waiting."),
    "phone_take": Text("कॉल लें", "Take the call"),
    "phone_mine_h": Text("आपकी कॉल", "Your call"),
    "softphone_noscript": Text(
        "सॉफ़्टफ़ोन (कॉल लेने के लिए) को JavaScript चाहिए; शिकायत का फ़ॉर्म इसके बिना भी चलता है।",
        "The softphone (to take calls) needs JavaScript; the complaint form works without it.",
    ),
    "phone_end": Text("कॉल समाप्त करें", "End the call"),
    "phone_line": Text("लाइन", "Line"),
    "phone_line_181": Text("181", "181"),
    "phone_line_officers": Text("अधिकारी लाइन 1800-2330-183", "Officers' line 1800-2330-183"),
    "phone_from": Text("कॉल करने वाला नंबर", "Calling number"),
    "phone_lang": Text("भाषा", "Language"),
    "phone_lang_hi": Text("हिंदी", "Hindi"),
    "phone_lang_en": Text("अंग्रेज़ी", "English"),
    "phone_choice": Text("चुना गया विकल्प", "Option chosen"),
    "phone_pending": Text("इस नंबर की लंबित शिकायतें", "This number's pending complaints"),
    "phone_officer": Text("अधिकारी", "Officer"),
    "phone_reference": Text("शिकायत क्रमांक", "Complaint number"),
    "phone_lapsed": Text(
        "इस अधिकारी के स्तर की समय-सीमा पार: कार्रवाई विलंब से दर्ज होगी",
        "This officer's level lapsed: the action is recorded as late",
    ),
    "phone_record_h": Text("अधिकारी की ओर से कार्रवाई दर्ज करें", "Record the officer's action"),
    "phone_recorded": Text("अधिकारी की कार्रवाई दर्ज हो गई।", "The officer's action is recorded."),
    "phone_interim": Text("अंतरिम उत्तर", "Interim reply"),
    "phone_resolve": Text("निराकरण", "Resolution"),
    "phone_remarks": Text("अधिकारी का उत्तर / कारण", "The officer's reply / reason"),
    "phone_rule": Text("लागू नियम (निराकरण पर)", "Applicable rule (for a resolution)"),
    "choice_register": Text(
        "शिकायत, माँग, सुझाव या भ्रष्टाचार दर्ज कराना", "Register a complaint, demand, suggestion or corruption complaint"
    ),
    "choice_scheme": Text("योजना की जानकारी", "Scheme information"),
    "choice_jan_seva": Text("सीएम जनसेवा आवेदन", "CM Jan Seva application"),
    "choice_women": Text("महिला हेल्पलाइन: परामर्श", "Women's helpline: counselling"),
    "choice_status_help": Text("स्थिति: क्रमांक नहीं मिला", "Status: no valid number"),
    "choice_record_action": Text("शिकायत पर कार्रवाई दर्ज कराना", "Record an action on a complaint"),
    "choice_reference_help": Text("अधिकारी: क्रमांक नहीं मिला", "Officer: no valid number"),
    "choice_login_help": Text("लॉगिन या पासवर्ड सहायता", "Login or password help"),
    "choice_lookup_failed": Text(
        "स्वचालित जानकारी उपलब्ध नहीं हो सकी", "The automated answer failed: help the caller by hand"
    ),
    # the local stack's emulated phone
    "dev_phone_h": Text("नकली फ़ोन (केवल स्थानीय)", "The emulated phone (local only)"),
    "dev_call_h": Text("कॉल करें", "Make a call"),
    "dev_from": Text("आपका नंबर", "Your number"),
    "dev_call_181": Text("181 पर कॉल", "Call 181"),
    "dev_call_officers": Text("अधिकारी लाइन पर कॉल", "Call the officers' line"),
    "dev_call_state": Text("कॉल", "Call"),
    "dev_number": Text("पूरा नंबर (अंत में #)", "A whole number (end with #)"),
    "dev_silence": Text("कुछ न दबाएँ (प्रतीक्षा)", "Press nothing (wait)"),
    "dev_ended": Text("कॉल समाप्त", "call ended"),
    "dev_messages_h": Text("भेजे गए एसएमएस, कॉल और व्हाट्सऐप संदेश", "SMS, calls and WhatsApp messages sent"),
    "help_link": Text("सहायता: उपयोगकर्ता मार्गदर्शिका", "Help: the user manual"),
    "dev_whatsapp_h": Text("हेल्पलाइन को व्हाट्सऐप संदेश", "A WhatsApp message to the helpline"),
    "dev_whatsapp_text": Text("संदेश", "Message"),
    "dev_whatsapp_send": Text("व्हाट्सऐप पर भेजें", "Send on WhatsApp"),
    "dev_whatsapp_reload": Text("उत्तर देखें (पृष्ठ फिर से खोलें)", "See the reply (reload the page)"),
    "dev_whatsapp_none": Text("अभी उत्तर नहीं आया", "No reply yet"),
    "calls_soon": Text(
        "इन कॉल को दर्ज करने की सुविधा जल्द आएगी। स्थिति के लिए 'शिकायत की स्थिति' खोलें।",
        "Logging these calls is coming soon. For status, open 'Complaint status'.",
    ),
}


def translator(lang: str) -> Callable[..., str]:
    """`t(key)` in `lang`; `t(key, default)` for keys made from data (e.g. a new status)."""

    def t(key: str, default: str | None = None) -> str:
        entry = STRINGS.get(key)
        if entry is None:
            if default is None:
                raise KeyError(f"no text for {key!r}")
            return default
        return entry.in_lang(lang)

    return t
