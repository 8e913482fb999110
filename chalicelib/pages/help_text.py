"""The officers' manual (R-MANUAL, R-SUPPORT), Hindi and English: one manual per role, each a
list of sections with their steps and the screenshot of the real page they describe."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from chalicelib.domain.imports import COLUMNS, MAX_ROWS
from chalicelib.domain.text import Text
from chalicelib.pages import nodal_text, officer_text, text

# Circular 000 §4.6: when an action cannot be recorded on the officers' toll-free line, and to
# give a newly posted officer's details or get their user id and password.
BACKUP_NUMBERS = ("9893049952", "8461000473", "9303135727")
OFFICERS_LINE = "1800-2330-183"
HELPLINE_MAIL = "cmhelpline@mp.gov.in"


@dataclass(frozen=True)
class Section:
    heading: Text
    steps: tuple[Text, ...] = ()
    screen: str | None = None  # a name of `help_screens.SCREENS`


@dataclass(frozen=True)
class Manual:
    role: str
    title: Text
    audience: Text
    sections: tuple[Section, ...]
    dpsm: bool = True  # shows the district's DPSM contact (officers' manuals)


T = Text
S, OS, NT = text.STRINGS, officer_text.STRINGS, nodal_text.STRINGS  # the pages' own words, as the buttons say them
CSV_COLUMNS = ",".join(COLUMNS)  # the import's columns, as its page names them
SUPPORT = Section(
    T("सहायता कहाँ मिलेगी", "Where to get help"),
    (
        T(
            f"अधिकारी सहायता लाइन {OFFICERS_LINE} (टोल-फ्री) पर 1 दबाकर अपनी लंबित शिकायतें सुनें, 2 दबाकर किसी "
            "शिकायत पर कार्रवाई दर्ज कराएँ, 3 दबाकर लॉगिन या पासवर्ड की सहायता लें।",
            f"On the officers' toll-free line {OFFICERS_LINE}, press 1 to hear your pending complaints, 2 to have "
            "an action recorded on a complaint, 3 for help with your login or password.",
        ),
        T(
            "वहाँ कार्रवाई दर्ज न हो पाए तो कॉल सेंटर के इन नंबरों पर फोन करें (नीचे देखें)। नए पदस्थ अधिकारी की "
            "जानकारी देने और उनका यूज़र आईडी व पासवर्ड पाने के लिए भी यही नंबर हैं।",
            "If the action cannot be recorded there, call the call centre on the numbers below. The same "
            "numbers take a newly posted officer's details and give their user id and password.",
        ),
        T(
            "यूज़र आईडी या पासवर्ड न मिला हो तो अपने जिले के जिला लोक सेवा प्रबंधक (DPSM) से संपर्क करें; वही जिले "
            "के तकनीकी संपर्क अधिकारी भी हैं।",
            "If you have not received your user id or password, contact your district's District Public "
            "Service Manager (DPSM), who is also the district's technical contact.",
        ),
    ),
)

OFFICER = Manual(
    "officer",
    T("अधिकारी के लिए मार्गदर्शिका", "The officer's manual"),
    T(
        "प्रथम से चतुर्थ स्तर के अधिकारी: जिला कार्यालय प्रमुख, कलेक्टर, संभाग आयुक्त, विभागाध्यक्ष, और ब्लॉक के अधिकारी।",
        "Officers of levels 1 to 4: block officers, district office heads, Collectors, Divisional "
        "Commissioners and Heads of Department.",
    ),
    (
        Section(
            T("1. लॉगिन करें", "1. Log in"),
            (
                T(
                    f"ब्राउज़र में /officer खोलें, अपना यूज़र आईडी और पासवर्ड डालें और '{S['login'].hi}' दबाएँ।",
                    f"Open /officer in a browser, enter your user id and password and press '{S['login'].en}'.",
                ),
                T(
                    "पहली बार अस्थायी पासवर्ड मिला हो तो नया पासवर्ड बनाना होगा। पाँच बार गलत पासवर्ड देने पर कुछ "
                    "समय के लिए लॉगिन रुक जाता है।",
                    "With a temporary password you choose a new one at the first login. After five wrong "
                    "passwords, login is refused for a while.",
                ),
            ),
            "officer_login",
        ),
        Section(
            T("2. अपनी लंबित शिकायतें देखें", "2. See your pending complaints"),
            (
                T(
                    "सूची में आपके सभी पदों (अतिरिक्त प्रभार सहित) की लंबित शिकायतें हैं, जिनकी समय-सीमा सबसे पहले "
                    "समाप्त होगी वे सबसे ऊपर। लाल रंग की शिकायत की समय-सीमा पार हो चुकी है।",
                    "The list holds the pending complaints of every post you hold (additional charge "
                    "included), the earliest deadline first. A red one is past its deadline.",
                ),
                T(
                    "शिकायतें पद की होती हैं, व्यक्ति की नहीं: स्थानांतरण पर वे नए पदस्थ अधिकारी के पास पहुँच जाती हैं।",
                    "Complaints belong to the post, not the person: on a transfer they go to the new holder.",
                ),
            ),
            "officer_inbox",
        ),
        Section(
            T("3. शिकायत खोलें और कार्रवाई करें", "3. Open a complaint and act"),
            (
                T(
                    f"'{OS['a_resolve'].hi}': की गई कार्रवाई पूर्ण रूप में लिखें और लागू नियम/प्रावधान बताएँ; पत्राचार "
                    "हुआ हो तो पत्र क्रमांक और दिनांक दोनों दें। इसके बाद नागरिक से संतुष्टि पूछी जाती है।",
                    f"'{OS['a_resolve'].en}': write the action taken in full and the applicable rule or "
                    "provision; if letters were exchanged, give both their number and date. The citizen is "
                    "then asked whether satisfied.",
                ),
                T(
                    f"'{OS['a_interim'].hi}': प्रगति दर्ज करती है, पर समय-सीमा नहीं रोकती।",
                    f"'{OS['a_interim'].en}' records progress, but the clock keeps running.",
                ),
                T(
                    f"शिकायत आपके विभाग की न हो तो '{OS['a_transfer'].hi}' चुनें और कारण लिखें (परिपत्र 4.4)।",
                    f"If the complaint is not your department's, choose '{OS['a_transfer'].en}' and "
                    "say why (circular 4.4).",
                ),
                T(
                    "तृतीय स्तर के अधिकारी: नागरिक और विभाग में निराकरण पर मतभेद हो तो 'अंतिम निर्णय' दें और उसका आधार "
                    "लिखें; यह निर्णय अंतिम है (परिपत्र 4.5)।",
                    "Level 3 officers: when the citizen and the department disagree about a resolution, give "
                    "the 'Final decision' with its basis; it is final (circular 4.5).",
                ),
            ),
            "officer_complaint",
        ),
        Section(
            T("4. समय-सीमा: हर स्तर पर 7 कार्य दिवस", "4. The deadline: 7 working days at each level"),
            (
                T(
                    "किसी स्तर पर 7 कार्य दिवस में निराकरण दर्ज न हो तो शिकायत अपने-आप अगले स्तर पर चली जाती है: "
                    "प्रथम → द्वितीय → तृतीय → चतुर्थ। असंतुष्ट नागरिक की शिकायत भी अगले वरिष्ठ अधिकारी को जाती है।",
                    "If no resolution is recorded within 7 working days, the complaint moves up by itself: "
                    "level 1 → 2 → 3 → 4. A complaint whose citizen is not satisfied also goes to the next "
                    "senior officer.",
                ),
                T(
                    "हर नई शिकायत आपके मोबाइल पर SMS और कॉल से आती है। SMS का लिंक बिना लॉगिन के वही शिकायत खोलता "
                    "है; वह केवल उसी शिकायत पर आपकी कार्रवाई के लिए है।",
                    "Every new complaint reaches your mobile by SMS and a call. The SMS link opens that "
                    "complaint without a login, for your action on it only.",
                ),
            ),
        ),
        SUPPORT,
    ),
)

NODAL = Manual(
    "nodal",
    T("नोडल अधिकारी के लिए मार्गदर्शिका", "The nodal officer's manual"),
    T(
        "जिला नोडल अधिकारी / जिला लोक सेवा प्रबंधक (DPSM), और विभागों के राज्य स्तरीय नोडल अधिकारी।",
        "District nodal officers / District Public Service Managers (DPSM), and departments' state nodal officers.",
    ),
    (
        Section(
            T("1. जिला नोडल अधिकारी का डेस्क", "1. The district nodal officer's desk"),
            (
                T(
                    "/officer पर लॉगिन करें। जिस पद पर कोई अधिकारी मैप नहीं है, उसकी शिकायत खोती नहीं: वह आपके डेस्क "
                    "पर आती है। उसे सही अधिकारी या विभाग तक पहुँचाएँ।",
                    "Log in at /officer. A complaint whose post has no officer mapped is never lost: it "
                    "comes to your desk. Pass it to the right officer or department.",
                ),
                T(
                    "आप अपने जिले की हर शिकायत देख सकते हैं, किसी दूसरे जिले की नहीं।",
                    "You can see every complaint of your district, and none of another district.",
                ),
            ),
            "nodal_inbox",
        ),
        Section(
            T("2. अधिकारियों की जानकारी अद्यतन रखें", "2. Keep the officers' details current"),
            (
                T(
                    "जिले के कार्यालय प्रमुखों और चिन्हित अधिकारियों के स्थानांतरण, सेवानिवृत्ति, निलंबन, त्यागपत्र या "
                    "अतिरिक्त प्रभार की जानकारी तुरंत दर्ज करें (कलेक्टरों को परिपत्र 5.2 अ)। अधिकारियों के मोबाइल और "
                    "ई-मेल सही होना अत्यंत आवश्यक है (परिपत्र 6.2 अ)।",
                    "Record every transfer, retirement, suspension, resignation or additional charge of the "
                    "district's office heads and identified officers at once (circular to Collectors 5.2 a). "
                    "Officers' mobiles and e-mails must be right (circular 6.2 a).",
                ),
                T(
                    "यह सब आप स्वयं अधिकारी निर्देशिका /nodal पर दर्ज करते हैं (आगे भाग 3 से 8)। नए पदस्थ अधिकारी को "
                    "यूज़र आईडी और पासवर्ड वहीं से एसएमएस द्वारा मिलता है; कॉल सेंटर के सहायता नंबर भी मदद करते हैं "
                    "(परिपत्र 4.6, 4.7)।",
                    "You record all of it yourself in the officers' directory, /nodal (sections 3 to 8 below). A "
                    "newly posted officer gets their user id and password from there, by SMS; the call centre's "
                    "support numbers help too (circular 4.6, 4.7).",
                ),
            ),
        ),
        Section(
            T("3. अधिकारी निर्देशिका और रिक्त पद", "3. The officers' directory and the vacant posts"),
            (
                T(
                    f"डेस्क (/officer) पर '{OS['directory_link'].hi}' दबाएँ, या सीधे /nodal खोलें; लॉगिन वही है।",
                    f"On your desk (/officer) press '{OS['directory_link'].en}', or open /nodal; the login is "
                    "the same.",
                ),
                T(
                    "जिला नोडल अधिकारी को अपने जिले के पद दिखते हैं, विभाग के राज्य नोडल अधिकारी को विभाग के संभाग और "
                    f"राज्य स्तर के पद। प्रशासक जिला या विभाग चुनकर '{NT['show'].hi}' दबाते हैं।",
                    "A district nodal officer sees the district's posts, a department's state nodal officer the "
                    "department's divisional and state posts. The administrator chooses a district or a "
                    f"department and presses '{NT['show'].en}'.",
                ),
                T(
                    f"सबसे ऊपर '{NT['vacant_h'].hi}' की सूची है: जिन पदों पर आज कोई अधिकारी नहीं। रिक्त पद की शिकायतें "
                    "भरे जाने तक जिला नोडल अधिकारी के डेस्क पर आती हैं, इसलिए पद जल्द भरें (भाग 4)। कलेक्टर के जिला "
                    "डैशबोर्ड पर भी रिक्त पद और उन पर लंबित शिकायतें दिखती हैं।",
                    f"At the top is the list of '{NT['vacant_h'].en}': the posts nobody holds today. A vacant "
                    "post's complaints come to the district nodal officer's desk until it is filled, so fill it "
                    "soon (section 4). The Collector's district dashboard shows the vacant posts too, with the "
                    "complaints waiting on each.",
                ),
                T(
                    f"'{NT['by_department'].hi}' में किसी विभाग को खोलें: हर पद, उसके अधिकारी (नाम, मोबाइल के अंतिम चार "
                    "अंक, लॉगिन आईडी) और प्रभार दिखते हैं।",
                    f"Open a department under '{NT['by_department'].en}': each post shows its holders (name, the "
                    "last four digits of the mobile, login id) and their charge.",
                ),
            ),
            "nodal_directory",
        ),
        Section(
            T("4. अधिकारी को पद पर पदस्थ करें", "4. Post an officer to a post"),
            (
                T(
                    f"पद पर '+ {NT['post_officer'].hi}' दबाएँ। नाम, पदनाम, मोबाइल, ई-मेल (वैकल्पिक), आदेश क्रमांक और "
                    f"आदेश दिनांक (YYYY-MM-DD) भरें, प्रभार '{NT['k_regular'].hi}' चुनें और '{NT['post_officer'].hi}' "
                    "दबाएँ।",
                    f"At the post press '+ {NT['post_officer'].en}'. Fill in the name, designation, mobile, "
                    "e-mail (optional), the order's number and date (YYYY-MM-DD), choose the charge "
                    f"'{NT['k_regular'].en}' and press '{NT['post_officer'].en}'.",
                ),
                T(
                    "नए अधिकारी (जिसका मोबाइल किसी कार्यरत अधिकारी का नहीं) का लॉगिन आईडी तुरंत बनता है और पृष्ठ पर "
                    "दिखता है; अस्थायी पासवर्ड उनके मोबाइल पर एसएमएस से जाता है, और पहले लॉगिन पर वे अपना पासवर्ड "
                    "बनाते हैं। वही मोबाइल और वही नाम हो तो वही अधिकारी है: दूसरा लॉगिन नहीं बनता।",
                    "A new officer (a mobile no serving officer has) gets a login id at once, shown on the page; "
                    "the temporary password goes to their mobile by SMS, and they set their own at the first "
                    "login. The same mobile and name is the same officer: no second login is made.",
                ),
                T(
                    f"'{NT['officer_lang'].hi}' में '{NT['lang_keep'].hi}' चुना रहता है: नया अधिकारी हिंदी में एसएमएस "
                    "और कॉल पाता है, निर्देशिका में पहले से दर्ज अधिकारी की भाषा वही रहती है। हिंदी या अंग्रेज़ी तभी "
                    "चुनें जब अधिकारी की भाषा तय करनी या बदलनी हो।",
                    f"Under '{NT['officer_lang'].en}', '{NT['lang_keep'].en}' is chosen: a new officer gets SMS "
                    "and calls in Hindi, and an officer already in the directory keeps their language. Choose "
                    "Hindi or English only to set or change it.",
                ),
                T(
                    "दर्ज होते ही पद की सभी लंबित शिकायतें और आगे की सूचनाएँ नए अधिकारी को मिलती हैं। एक पद पर एक समय "
                    "में एक ही नियमित पदस्थापना हो सकती है: पहले वर्तमान पदस्थापना समाप्त करें (भाग 6)।",
                    "From the moment it is recorded, the post's pending complaints and its notifications go to "
                    "the new holder. A post has one regular posting at a time: end the current one first "
                    "(section 6).",
                ),
                T(
                    f"फॉर्म के नीचे '{NT['changes_h'].hi}' है: किसे पदस्थ किया गया, किसकी पदस्थापना किस कारण समाप्त हुई, "
                    "किसे नया पासवर्ड भेजा गया; कब, किस आदेश से और किसने दर्ज किया। यह इतिहास कभी बदला या मिटाया "
                    "नहीं जाता।",
                    f"Below the form is '{NT['changes_h'].en}': who was posted, whose posting ended and why, who "
                    "was sent a new password; when, under which order and recorded by whom. This history is "
                    "never changed or deleted.",
                ),
            ),
            "nodal_post",
        ),
        Section(
            T("5. अतिरिक्त प्रभार", "5. Additional charge"),
            (
                T(
                    f"उसी फॉर्म में प्रभार '{NT['k_additional_charge'].hi}' चुनें। यह पद पर नियमित अधिकारी के रहते भी दिया "
                    "जा सकता है, और रिक्त पद पर भी।",
                    f"Use the same form and choose the charge '{NT['k_additional_charge'].en}'. It may be given "
                    "beside a regular holder, or on a vacant post.",
                ),
                T(
                    "अतिरिक्त प्रभार वाले अधिकारी के इनबॉक्स में उस पद की शिकायतें उनके अपने पदों के साथ आती हैं, और पद "
                    "की सूचनाएँ भी उन्हें मिलती हैं।",
                    "The officer holding additional charge gets the post's complaints in their inbox beside "
                    "their own posts', and its notifications too.",
                ),
                T(
                    f"प्रभार वापस लेने पर वह पदस्थापना कारण '{NT['r_charge_withdrawn'].hi}' के साथ समाप्त करें (भाग 6)।",
                    f"When the charge is withdrawn, end that posting with the reason "
                    f"'{NT['r_charge_withdrawn'].en}' (section 6).",
                ),
            ),
        ),
        Section(
            T("6. पदस्थापना समाप्त करें", "6. End a posting"),
            (
                T(
                    f"अधिकारी के नाम के आगे '{NT['holder_more'].hi}' दबाएँ। कारण (स्थानांतरण, सेवानिवृत्ति, निलंबन, "
                    "त्यागपत्र, अतिरिक्त प्रभार वापस, निधन), आदेश क्रमांक और दिनांक भरें और "
                    f"'{NT['end_posting'].hi}' दबाएँ।",
                    f"Press '{NT['holder_more'].en}' beside the officer's name. Choose the reason (transfer, "
                    "retirement, suspension, resignation, additional charge withdrawn, death), fill in the "
                    f"order's number and date, and press '{NT['end_posting'].en}'.",
                ),
                T(
                    "उसी क्षण अधिकारी की उस पद पर पहुँच बंद हो जाती है: इनबॉक्स, कार्रवाई, और पहले भेजे गए एसएमएस "
                    "लिंक भी। उनके पास कोई पद न बचे तो लॉगिन बंद हो जाता है। पद रिक्त दिखता है और उसकी शिकायतें जिला "
                    "नोडल अधिकारी को जाती हैं, जब तक नया अधिकारी पदस्थ न हो।",
                    "The officer's access to the post ends that moment: the inbox, the actions, and the SMS "
                    "links already sent. With no post left, their login is disabled. The post shows as vacant "
                    "and its complaints go to the district nodal officer until a new officer is posted.",
                ),
                T(
                    "आदेश दिनांक पदस्थापना के आरंभ से पहले का नहीं हो सकता।",
                    "The order's date cannot be before the posting began.",
                ),
            ),
            "nodal_end",
        ),
        Section(
            T("7. नया अस्थायी पासवर्ड भेजें", "7. Send a password again"),
            (
                T(
                    f"अधिकारी पासवर्ड भूल जाएँ या अस्थायी पासवर्ड न मिला हो तो उसी पृष्ठ पर '{NT['send_password'].hi}' "
                    "दबाएँ: निर्देशिका में दर्ज उनके मोबाइल पर एसएमएस जाता है (पृष्ठ पर अंतिम चार अंक दिखते हैं)। अगले "
                    "लॉगिन पर वे अपना पासवर्ड बनाते हैं।",
                    "When an officer forgot their password or never got the temporary one, press "
                    f"'{NT['send_password'].en}' on the same page: an SMS goes to their mobile in the directory "
                    "(the page shows its last four digits). At the next login they set their own password.",
                ),
                T(
                    "यह केवल उन अधिकारियों के लिए है जिनका कोई पद आपकी निर्देशिका में है; भेजना भी पद के इतिहास में दर्ज होता है।",
                    "It is only for officers holding a post you manage; each sending is recorded in the post's "
                    "history.",
                ),
            ),
        ),
        Section(
            T("8. CSV से आयात और CSV निर्यात", "8. CSV import and export"),
            (
                T(
                    f"'{NT['export'].hi}' दिखाए गए पदों की सूची (अधिकारी, प्रभार, आदेश; मोबाइल के अंतिम चार अंक) और "
                    "रिक्त पद CSV फ़ाइल में देता है, जिसे Excel में खोला जा सकता है।",
                    f"'{NT['export'].en}' gives the posts shown (holders, charge, order; the mobile's last four "
                    "digits) and the vacant posts as a CSV file, which opens in Excel.",
                ),
                T(
                    f"कई पदस्थापनाएँ एक साथ: '{NT['import_h'].hi}' खोलें और CSV चिपकाएँ, पहली पंक्ति में कॉलम "
                    f"{CSV_COLUMNS} (ई-मेल वैकल्पिक; kind: regular या additional_charge; अधिकतम {MAX_ROWS} पंक्तियाँ), फिर "
                    f"'{NT['do_import'].hi}' दबाएँ।",
                    f"Many postings at once: open '{NT['import_h'].en}' and paste the CSV, with the columns "
                    f"{CSV_COLUMNS} in its first row (e-mail optional; kind: regular or additional_charge; at "
                    f"most {MAX_ROWS} rows), then press '{NT['do_import'].en}'.",
                ),
                T(
                    "हर पंक्ति की जाँच वैसे ही होती है जैसे फॉर्म से एक पदस्थापना की। कोई भी पंक्ति गलत हो तो कुछ भी दर्ज "
                    "नहीं होता और गलत पंक्तियाँ बताई जाती हैं (पंक्ति क्रमांक और कॉलम); सुधारकर फिर चिपकाएँ।",
                    "Every row is checked as the form checks one posting. If any row is wrong nothing is "
                    "recorded and the wrong rows are named (row number and column); correct them and paste again.",
                ),
            ),
        ),
        Section(
            T(
                "9. राज्य नोडल अधिकारी: किसी सेवा को हेल्पलाइन से बाहर रखने का प्रस्ताव",
                "9. State nodal officers: proposing to exclude a service",
            ),
            (
                T(
                    "विधिक प्रावधानों के कारण या अत्यंत अपवादिक परिस्थिति में कोई सेवा हेल्पलाइन से देना कठिन हो तो विभाग "
                    "प्रस्ताव भेज सकता है; निर्णय लोक सेवा प्रबंधन विभाग लेता है (परिपत्र 6.6)।",
                    "When a service is hard to provide through the helpline because of a legal provision or "
                    "an exceptional circumstance, the department may propose excluding it; the Public "
                    "Service Management department decides (circular 6.6).",
                ),
                T(
                    "/officer पर लॉगिन कर /officer/exclusions खोलें। प्रशासक उसी पृष्ठ पर प्रस्ताव स्वीकार या अस्वीकार करते "
                    "हैं, और लागू अपवर्जन हटा सकते हैं; हर चरण इतिहास में दर्ज रहता है।",
                    "Log in at /officer and open /officer/exclusions. The administrator accepts or rejects "
                    "proposals on the same page, and may lift an exclusion in force; every step stays in its "
                    "history.",
                ),
                T(
                    "प्रस्ताव में सेवा का नाम (हिन्दी और अंग्रेजी), श्रेणी या शिकायत के विषय के वे शब्द जिनसे सेवा पहचानी "
                    "जाती है, कारण और विधिक प्रावधान, और नागरिक कहाँ जाएँ — यह लिखें। भ्रष्टाचार की शिकायतें कभी बाहर "
                    "नहीं की जा सकतीं।",
                    "The proposal names the service (Hindi and English), its category or the words of a "
                    "complaint's subject that name it, the reason and legal provision, and where citizens "
                    "go instead. Corruption complaints can never be excluded.",
                ),
                T(
                    "स्वीकृत होते ही उस सेवा की शिकायत हर माध्यम पर यह बताकर लौटा दी जाती है कि नागरिक कहाँ जाएँ, "
                    "और सेवा सार्वजनिक सूची /exclusions में दिखती है।",
                    "Once accepted, a filing for that service is refused at every channel with where to go "
                    "instead, and the service shows on the public list /exclusions.",
                ),
            ),
            "exclusion_proposal",
        ),
        Section(
            T("10. हेल्पलाइन से बाहर रखी गई सेवाओं की सूची", "10. The list of services excluded from the helpline"),
            (
                T(
                    "/exclusions पर हर कोई देख सकता है कि कौन-सी सेवा हेल्पलाइन से बाहर है, क्यों, और नागरिक कहाँ जाएँ।",
                    "Anyone can see at /exclusions which services are excluded from the helpline, why, and "
                    "where citizens go instead.",
                ),
            ),
            "exclusions",
        ),
        Section(
            T(
                "11. राज्य नोडल अधिकारी: विभाग की योजनाओं की जानकारी",
                "11. State nodal officers: the department's scheme information",
            ),
            (
                T(
                    "/officer पर लॉगिन कर /nodal/schemes खोलें। विभाग की हर योजना परिपत्र के प्रारूप में लिखें: नाम, "
                    "प्रमुख उद्देश्य (अधिकतम दो पंक्तियाँ) और प्रमुख पात्रता शर्तें, हिंदी और अंग्रेज़ी दोनों में (परिपत्र 6.2 ब)।",
                    "Log in at /officer and open /nodal/schemes. Write each of the department's schemes in the "
                    "circular's format: its name, main objective (at most two lines) and key eligibility "
                    "conditions, in Hindi and English both (circular 6.2 b).",
                ),
                T(
                    "नई, संशोधित या समाप्त योजना कॉल सेंटर को तुरंत दिखती है। संशोधन का फ़ॉर्म वर्तमान संस्करण से भरा आता "
                    "है; इस बीच किसी और ने संशोधन किया हो तो सहेजना रुक जाता है और आपका लिखा फ़ॉर्म में रहता है: "
                    "वर्तमान संस्करण खोलकर फिर बदलें। हर संस्करण (किसने, कब, क्या बदला) इतिहास में रहता है।",
                    "A new, amended or ended scheme shows to the call centre at once. The amendment form comes "
                    "filled from the current version; if someone else amended it meanwhile, saving stops and "
                    "what you wrote stays in the form: open the current version and change it again. Every "
                    "version (who, when, what changed) stays in the history.",
                ),
            ),
        ),
        SUPPORT,
    ),
)

MONITOR = Manual(
    "monitor",
    T("मॉनिटरिंग अधिकारी के लिए मार्गदर्शिका", "The monitoring officer's manual"),
    T(
        "अपर मुख्य सचिव/प्रमुख सचिव/सचिव, विभागाध्यक्ष, संभाग आयुक्त, कलेक्टर और जिला कार्यालय प्रमुख (परिपत्र 5.1)।",
        "Additional Chief Secretaries, Principal Secretaries and Secretaries, Heads of Department, "
        "Divisional Commissioners, Collectors and district office heads (circular 5.1).",
    ),
    (
        Section(
            T("1. लॉगिन करें", "1. Log in"),
            (
                T(
                    "/monitor खोलें और अपने यूज़र आईडी व पासवर्ड से लॉगिन करें। आपको केवल अपने क्षेत्र (विभाग, संभाग, "
                    "जिला या कार्यालय) की शिकायतें दिखती हैं।",
                    "Open /monitor and log in with your user id and password. You see the complaints of "
                    "your own scope only: department, division, district or office.",
                ),
            ),
            "monitor_login",
        ),
        Section(
            T("2. प्रतिदिन समीक्षा", "2. The daily review"),
            (
                T(
                    "डैशबोर्ड में प्राप्त, निराकृत, समय-सीमा में निराकृत, संतुष्ट और लंबित शिकायतें हैं, और 100 व 300 दिन से "
                    "अधिक लंबित शिकायतें। किसी कॉलम के शीर्षक पर क्लिक कर क्रम बदलें।",
                    "The dashboard shows complaints received, disposed, disposed in time, satisfied and "
                    "pending, and those pending over 100 and 300 days. Click a column's heading to sort by it.",
                ),
                T(
                    "सूची का प्रिंट निकालें (ब्राउज़र का प्रिंट, Ctrl+P) या CSV डाउनलोड करें (परिपत्र 5.2)।",
                    "Print the list (the browser's Print, Ctrl+P) or download it as CSV (circular 5.2).",
                ),
            ),
            "monitor_district",
        ),
        Section(
            T("3. जिलों की ग्रेडिंग और साप्ताहिक समीक्षा", "3. The grading of districts and the weekly review"),
            (
                T(
                    "ग्रेडिंग में सबसे अधिक महत्व समय-सीमा में संतुष्टिपूर्वक निराकरण को है। मुख्य सचिव और मुख्यमंत्री "
                    "प्रति सप्ताह समीक्षा करते हैं (परिपत्र 5.3)।",
                    "The grading gives the highest weight to satisfactory disposal within the time limit. "
                    "The Chief Secretary and the Chief Minister review weekly (circular 5.3).",
                ),
                T(
                    "विभागाध्यक्ष प्रतिदिन 2 से 5 और कलेक्टर 2 से 3 शिकायतकर्ताओं से फीडबैक लें; यह सूची प्रणाली देती है।",
                    "Heads of Department call 2 to 5 complainants a day and Collectors 2 to 3, for "
                    "feedback; the system picks them.",
                ),
            ),
            "monitor_ranking",
        ),
        SUPPORT,
    ),
)

CCE = Manual(
    "cce",
    T("कॉल सेंटर कार्यपालक के लिए मार्गदर्शिका", "The call-centre executive's manual"),
    T("सीएम हेल्पलाइन 181 कॉल सेंटर के कार्यपालक।", "Executives of the CM Helpline 181 call centre."),
    (
        Section(
            T("1. लॉगिन करें", "1. Log in"),
            (
                T(
                    "/cce खोलें और अपने यूज़र आईडी व पासवर्ड से लॉगिन करें।",
                    "Open /cce and log in with your user id and password.",
                ),
            ),
            "cce_login",
        ),
        Section(
            T("2. कॉल लें और शिकायत दर्ज करें", "2. Take a call and file the complaint"),
            (
                T(
                    f"प्रतीक्षारत कॉल '{S['phone_take'].hi}' से लें: कॉलर का नंबर, भाषा, चुना विकल्प और उसकी "
                    "लंबित शिकायतें दिखती हैं।",
                    f"Take a waiting call with '{S['phone_take'].en}': the caller's number, language, chosen "
                    "option and pending complaints show.",
                ),
                T(
                    f"नाम, मोबाइल, जिला (फिर '{S['show_blocks'].hi}'), विकासखंड, प्रकार, विभाग, विषय और विवरण "
                    "भरें और दर्ज करें। शिकायत क्रमांक कॉलर को पढ़कर सुनाएँ।",
                    f"Fill in the name, mobile, district (then '{S['show_blocks'].en}'), block, kind, department, "
                    "subject and description, and file. Read the reference number out to the caller.",
                ),
                T(
                    f"'{S['caller_lang'].hi}' में कॉलर की भाषा चुनें (हिंदी पहले से चुनी है; IVR से आई कॉल में कॉलर की "
                    "चुनी भाषा): शिकायत के सारे SMS उसी भाषा में जाते हैं।",
                    f"Choose the caller's language under '{S['caller_lang'].en}' (Hindi unless changed; for a "
                    "call through the IVR, the language the caller chose there): every SMS of the complaint "
                    "goes in it.",
                ),
                T(
                    "भ्रष्टाचार की शिकायत में पूछें कि किसके विरुद्ध है; जिला कार्यालय प्रमुख या उससे ऊपर के विरुद्ध शिकायत "
                    "सीधे राज्य शासन को जाती है। हेल्पलाइन से बाहर रखी गई सेवा पर कंसोल बताता है कि नागरिक कहाँ जाएँ।",
                    "For corruption, ask against whom; a complaint against the district office head or "
                    "above goes straight to the State government. For a service excluded from the helpline, "
                    "the console says where the caller should go instead.",
                ),
                T(
                    f"जो कॉल शिकायत नहीं है (योजना की जानकारी, अन्य हेल्पलाइन को भेजना) उसे '{S['calls_h'].hi}' में दर्ज करें।",
                    "Log a call that is not a complaint (scheme information, a referral to another line) "
                    f"under '{S['calls_h'].en}'.",
                ),
            ),
            "cce_console",
        ),
        Section(
            T("3. अधिकारियों की कॉल", "3. Officers' calls"),
            (
                T(
                    f"अधिकारी सहायता लाइन {OFFICERS_LINE} या सहायता नंबरों से आई कॉल में अधिकारी और शिकायत दिखते हैं; "
                    "अधिकारी की अंतरिम टीप या निराकरण उनकी ओर से दर्ज करें।",
                    f"A call from the officers' line {OFFICERS_LINE} or the support numbers shows the officer "
                    "and the complaint; record the officer's interim note or resolution for them.",
                ),
            ),
        ),
        Section(
            T("4. संतुष्टि कॉल", "4. Satisfaction calls"),
            (
                T(
                    "/cce/callbacks में वे नागरिक हैं जिनकी शिकायत का निराकरण दर्ज हुआ। फोन कर पूछें कि वे संतुष्ट हैं या "
                    "नहीं: संतुष्ट होने पर शिकायत बंद होती है, असंतुष्ट होने पर अगले वरिष्ठ अधिकारी को जाती है।",
                    "/cce/callbacks lists the citizens whose complaint was resolved. Call and ask whether "
                    "satisfied: satisfied closes the complaint, not satisfied sends it to the next senior officer.",
                ),
            ),
            "cce_callbacks",
        ),
        SUPPORT,
    ),
    dpsm=False,
)

MANUALS: dict[str, Manual] = {m.role: m for m in (OFFICER, NODAL, MONITOR, CCE)}

STRINGS: dict[str, Text] = {
    "help_h": T("सहायता: उपयोगकर्ता मार्गदर्शिका", "Help: the user manuals"),
    "help_intro": T(
        "सीएम हेल्पलाइन 181 पोर्टल के उपयोग की मार्गदर्शिका, हर भूमिका के लिए। हर पृष्ठ प्रिंट किया जा सकता है "
        "(ब्राउज़र का प्रिंट, Ctrl+P)।",
        "How to use the CM Helpline 181 portal, for each role. Every page prints (the browser's Print, Ctrl+P).",
    ),
    "for_whom": T("किसके लिए", "For whom"),
    "contents": T("विषय-सूची", "Contents"),
    "support_h": T("सहायता नंबर", "Support numbers"),
    "officers_line": T("अधिकारी सहायता लाइन (टोल-फ्री)", "Officers' line (toll-free)"),
    "backup": T("कॉल सेंटर के सहायता नंबर", "The call centre's support numbers"),
    "mail": T("ई-मेल", "E-mail"),
    "dpsm_h": T("आपके जिले के जिला लोक सेवा प्रबंधक (DPSM)", "Your district's District Public Service Manager (DPSM)"),
    "dpsm_choose": T("जिला चुनें", "Choose the district"),
    "dpsm_show": T("संपर्क दिखाएँ", "Show the contact"),
    "dpsm_vacant": T(
        "इस जिले में अभी यह पद रिक्त है; कॉल सेंटर के सहायता नंबरों पर संपर्क करें।",
        "This post is vacant in the district just now; call the call centre's support numbers.",
    ),
    "screen_missing": T("(चित्र उपलब्ध नहीं)", "(picture not available)"),
    "back_help": T("सभी मार्गदर्शिकाएँ", "All manuals"),
    "print_hint": T("प्रिंट करने के लिए ब्राउज़र का प्रिंट (Ctrl+P) चुनें।", "To print, use the browser's Print (Ctrl+P)."),
    "help": T("सहायता", "Help"),
    # the public list of exclusions
    "excl_h": T("सीएम हेल्पलाइन से बाहर रखी गई सेवाएँ", "Services excluded from CM Helpline 181"),
    "excl_intro": T(
        "विधिक प्रावधानों या अपवादिक परिस्थितियों के कारण लोक सेवा प्रबंधन विभाग के निर्णय से ये सेवाएँ हेल्पलाइन पर "
        "दर्ज नहीं होतीं। इनके लिए बताए गए स्थान पर संपर्क करें।",
        "By decision of the Public Service Management department, for legal or exceptional reasons, "
        "these services are not taken by the helpline. Please go where each one says.",
    ),
    "excl_none": T("अभी कोई सेवा हेल्पलाइन से बाहर नहीं है।", "No service is excluded from the helpline just now."),
    "excl_department": T("विभाग", "Department"),
    "excl_category": T("श्रेणी", "Category"),
    "excl_all_categories": T("सभी (भ्रष्टाचार छोड़कर)", "All (except corruption)"),
    "excl_terms": T("विषय में ये शब्द", "Subjects with these words"),
    "excl_instead": T("कहाँ जाएँ", "Where to go instead"),
    "excl_reason": T("कारण", "Reason"),
    "excl_legal": T("विधिक प्रावधान", "Legal provision"),
    "excl_exceptional": T("अपवादिक परिस्थिति", "Exceptional circumstance"),
    "excl_since": T("निर्णय दिनांक", "Decided on"),
    "excl_officers": T("अधिकारियों के लिए: प्रस्ताव और निर्णय", "For officers: proposals and decisions"),
    # the officers' page of exclusions
    "xd_h": T("सेवा अपवर्जन: प्रस्ताव और निर्णय", "Service exclusion: proposals and decisions"),
    "xd_refused": T(
        "यह पृष्ठ विभागों के राज्य नोडल अधिकारियों और प्रशासक के लिए है।",
        "This page is for departments' state nodal officers and the administrator.",
    ),
    "xd_done": T("दर्ज हो गया", "Recorded"),
    "xd_propose_h": T("किसी सेवा को हेल्पलाइन से बाहर रखने का प्रस्ताव", "Propose to exclude a service"),
    "xd_terms": T("शिकायत के विषय में सेवा के शब्द", "Words of the subject that name the service"),
    "xd_terms_hint": T(
        "हर पंक्ति में एक शब्द या वाक्यांश; पूरे शब्द मिलाए जाते हैं। श्रेणी न चुनें तो कम से कम एक शब्द दें।",
        "One word or phrase a line; whole words are matched. Without a category, give at least one.",
    ),
    "xd_service_hi": T("सेवा का नाम (हिन्दी)", "The service (Hindi)"),
    "xd_service_en": T("सेवा का नाम (अंग्रेजी)", "The service (English)"),
    "xd_instead_hi": T("नागरिक कहाँ जाएँ (हिन्दी)", "Where citizens go instead (Hindi)"),
    "xd_instead_en": T("नागरिक कहाँ जाएँ (अंग्रेजी)", "Where citizens go instead (English)"),
    "xd_reason": T(
        "कारण: विधिक प्रावधान या अपवादिक परिस्थिति, पूर्ण रूप में", "The reason: the provision or circumstance, in full"
    ),
    "xd_propose": T("प्रस्ताव भेजें", "Send the proposal"),
    "xd_pending_h": T("निर्णय हेतु प्रस्ताव", "Proposals to decide"),
    "xd_accept": T("स्वीकार: सेवा हेल्पलाइन से बाहर", "Accept: the service leaves the helpline"),
    "xd_reject": T("अस्वीकार", "Reject"),
    "xd_basis": T("निर्णय का आधार", "Basis of the decision"),
    "xd_decide": T("निर्णय दर्ज करें", "Record the decision"),
    "xd_in_force_h": T("लागू अपवर्जन", "Exclusions in force"),
    "xd_lift_why": T("हटाने का कारण", "Why it is lifted"),
    "xd_lift": T("अपवर्जन हटाएँ: सेवा फिर हेल्पलाइन पर", "Lift: the helpline takes the service again"),
    "xd_all_h": T("सभी प्रस्ताव और उनका इतिहास", "Every proposal and its history"),
    "xd_none": T("कोई नहीं", "None"),
    "xst_proposed": T("प्रस्तावित", "Proposed"),
    "xst_accepted": T("लागू", "In force"),
    "xst_rejected": T("अस्वीकृत", "Rejected"),
    "xst_lifted": T("हटाया गया", "Lifted"),
    "xev_proposed": T("प्रस्ताव", "Proposed"),
    "xev_accepted": T("स्वीकृत", "Accepted"),
    "xev_rejected": T("अस्वीकृत", "Rejected"),
    "xev_lifted": T("हटाया गया", "Lifted"),
}
# The proposal's fields, as the page's error list names them.
STRINGS |= {
    "terms": STRINGS["xd_terms"],
    "reason": STRINGS["xd_reason"],
    "reason_kind": STRINGS["excl_reason"],
    "category": STRINGS["excl_category"],
    "department": STRINGS["excl_department"],
    "legal_reference": STRINGS["excl_legal"],
    "remarks": STRINGS["xd_basis"],
    "decision": STRINGS["xd_decide"],
    **{k: STRINGS[f"xd_{k}"] for k in ("service_hi", "service_en", "instead_hi", "instead_en")},
}


def translator(lang: str) -> Callable[..., str]:
    """`ht(key)` from this table, else from the citizen pages' table."""
    fallback = text.translator(lang)

    def ht(key: str, default: str | None = None) -> str:
        entry = STRINGS.get(key)
        return entry.in_lang(lang) if entry is not None else fallback(key, default)

    return ht
