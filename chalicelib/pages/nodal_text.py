"""Words of the nodal officers' directory pages, Hindi and English; the rest from the officers'."""

from __future__ import annotations

from collections.abc import Callable

from chalicelib.domain.text import Text
from chalicelib.pages import officer_text

STRINGS: dict[str, Text] = {
    "nodal_h": Text("अधिकारी निर्देशिका: पद और पदस्थापना", "Officers' directory: posts and postings"),
    "nodal_why": Text(
        "शिकायतें पदों की होती हैं: पदस्थापना दर्ज होते ही नए अधिकारी को पद की शिकायतें और सूचनाएँ मिलती हैं, "
        "और पदस्थापना समाप्त होते ही पुराने अधिकारी की पहुँच (इनबॉक्स, लिंक) बंद हो जाती है।",
        "Complaints belong to posts: once a posting is recorded the new officer has the post's complaints and "
        "notifications, and once it ends the previous officer's access (inbox, links) stops.",
    ),
    "choose_scope": Text("जिला या विभाग चुनें", "Choose a district or a department"),
    "show": Text("दिखाएँ", "Show"),
    "vacant_h": Text("रिक्त पद", "Vacant posts"),
    "no_vacant": Text("कोई पद रिक्त नहीं", "No vacant post"),
    "posts_h": Text("पद", "Posts"),
    "by_department": Text("विभागवार पद", "Posts by department"),
    "vacant": Text("रिक्त", "Vacant"),
    "k_regular": Text("नियमित", "Regular"),
    "k_additional_charge": Text("अतिरिक्त प्रभार", "Additional charge"),
    "since": Text("से", "since"),
    "order": Text("आदेश", "Order"),
    "post_officer": Text("अधिकारी पदस्थ करें", "Post an officer"),
    "holder_more": Text("पदस्थापना: समाप्त करें, पासवर्ड", "Posting: end it, password"),
    "end_posting": Text("पदस्थापना समाप्त करें", "End the posting"),
    "send_password": Text("नया अस्थायी पासवर्ड भेजें", "Send a new temporary password"),
    "import_h": Text("CSV से पदस्थापनाएँ", "Postings from a CSV"),
    "import_why": Text(
        "हर पंक्ति एक पदस्थापना। कोई भी पंक्ति गलत हो तो कुछ भी दर्ज नहीं होता, और गलत पंक्तियाँ बताई जाती हैं।",
        "One posting a row. If any row is wrong nothing is recorded, and the wrong rows are named.",
    ),
    "csv": Text("CSV (पहली पंक्ति में कॉलम के नाम)", "CSV (column names in the first row)"),
    "do_import": Text("जाँचें और दर्ज करें", "Check and record"),
    "export": Text("CSV निर्यात", "CSV export"),
    "name": Text("अधिकारी का नाम", "Officer's name"),
    "designation": Text("पदनाम", "Designation"),
    "mobile": Text("मोबाइल नंबर", "Mobile number"),
    "email": Text("ई-मेल", "E-mail"),
    "kind": Text("प्रभार", "Charge"),
    "order_no": Text("आदेश क्रमांक", "Order number"),
    "order_date": Text("आदेश दिनांक", "Order date"),
    "officer_lang": Text("अधिकारी की भाषा (एसएमएस और कॉल)", "Officer's language (SMS and calls)"),
    "officer_lang_hint": Text(
        "हिंदी या अंग्रेज़ी चुनने पर निर्देशिका में पहले से दर्ज अधिकारी की भाषा भी बदल जाती है।",
        "Choosing Hindi or English changes it for an officer already in the directory too.",
    ),
    "lang_keep": Text("जो निर्देशिका में है (नए अधिकारी: हिंदी)", "As in the directory (a new officer: Hindi)"),
    "lang_hi": Text("हिंदी", "Hindi"),
    "lang_en": Text("अंग्रेज़ी", "English"),
    "reason": Text("कारण", "Reason"),
    "r_transfer": Text("स्थानांतरण", "Transfer"),
    "r_retirement": Text("सेवानिवृत्ति", "Retirement"),
    "r_suspension": Text("निलंबन", "Suspension"),
    "r_resignation": Text("त्यागपत्र", "Resignation"),
    "r_charge_withdrawn": Text("अतिरिक्त प्रभार वापस", "Additional charge withdrawn"),
    "r_death": Text("निधन", "Death"),
    "posted_done": Text("पदस्थापना दर्ज। लॉगिन आईडी: ", "Posting recorded. Login id: "),
    "posted_sms": Text(
        "नए अधिकारी को अस्थायी पासवर्ड एसएमएस से भेजा गया।", "A new officer gets the temporary password by SMS."
    ),
    "ended_done": Text("पदस्थापना समाप्त। ", "Posting ended. "),
    "login_disabled": Text(
        "इस अधिकारी के पास कोई पद नहीं बचा: लॉगिन बंद किया गया।", "No post left: the login is disabled."
    ),
    "password_done": Text("नया अस्थायी पासवर्ड एसएमएस से भेजा गया: ", "A new temporary password went by SMS to "),
    "imported_done": Text("पदस्थापनाएँ दर्ज: ", "Postings recorded: "),
    "changes_h": Text("इस पद का इतिहास (नया पहले)", "This post's history (newest first)"),
    "no_changes": Text(
        "इस पद पर अभी तक निर्देशिका में कोई बदलाव दर्ज नहीं हुआ।", "No change of this post is recorded in the directory yet."
    ),
    "ev_posted": Text("पदस्थ", "Posted"),
    "ev_ended": Text("पदस्थापना समाप्त", "Posting ended"),
    "ev_password_reset": Text("नया अस्थायी पासवर्ड भेजा", "New temporary password sent"),
    "by": Text("दर्ज करने वाले", "Recorded by"),
    "back_nodal": Text("निर्देशिका पर लौटें", "Back to the directory"),
    "not_manager": Text(
        "यह पेज जिला/राज्य नोडल अधिकारियों और प्रशासक के लिए है",
        "This page is for district and state nodal officers and the administrator",
    ),
    "directory_link": Text("अधिकारी निर्देशिका (नोडल अधिकारी)", "Officers' directory (nodal officers)"),
}


def translator(lang: str) -> Callable[..., str]:
    """`nt(key)` in `lang` from this table, else the officers' pages' words."""
    fallback = officer_text.translator(lang)

    def nt(key: str, default: str | None = None) -> str:
        entry = STRINGS.get(key)
        return entry.in_lang(lang) if entry is not None else fallback(key, default)

    return nt
