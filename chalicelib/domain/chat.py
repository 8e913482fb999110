"""The WhatsApp conversation (R-WHATSAPP), Hindi first: what a message asks, and the short
texts the helpline answers with. Nothing here looks anything up: the use case
(`services.whatsapp`) finds the complaints and schemes and hands them to these texts.

A message asks for one of:
- `status` ("स्थिति", "status", or the menu's 1): the sender's own complaints;
- `reference` (a 10-digit complaint number anywhere in it): that complaint's status;
- `scheme` ("योजना …", "scheme …", "yojana …"): the schemes matching the words after it
  (`scheme_help` when there are none, or the menu's 2);
- `file` (the menu's 3, "शिकायत", "complaint"): how to file;
- `lang` ("EN", "English", "हिंदी", "HI"), `stop` ("STOP"), `start` ("START");
- anything else: `menu`.
The reply's language is the one the message is written in (Devanagari or Hindi typed in Latin
letters: Hindi; English words: English), else the language the sender last used, else Hindi.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chalicelib.domain.calendar import IST
from chalicelib.domain.complaint import CLOSED, OPEN, RESOLVED, STATE_GOVT
from chalicelib.domain.reference import REFERENCE_LENGTH

STATUS_WORDS = frozenset({"स्थिति", "स्तिथि", "status", "sthiti", "stithi", "staus"})
STATUS_PHRASES = frozenset({"मेरी शिकायत", "मेरी शिकायतें", "मेरी शिकायतों", "my complaints", "my complaint"})
SCHEME_WORDS = frozenset({"योजना", "योजनाएं", "योजनाएँ", "योजनाओं", "scheme", "schemes", "yojana", "yojna", "yojnaa"})
FILE_PHRASES = frozenset(
    {"शिकायत", "शिकायत दर्ज", "नई शिकायत", "complaint", "file", "file a complaint", "new complaint"}
)
LANG_WORDS = {
    "en": frozenset({"en", "english", "अंग्रेजी", "अंग्रेज़ी", "angrezi"}),
    "hi": frozenset({"hi", "hindi", "हिंदी", "हिन्दी"}),
}
STOP_WORDS = frozenset({"stop", "unsubscribe", "रोकें", "रोको"})
START_WORDS = frozenset({"start", "subscribe", "शुरू"})
# Hindi typed in Latin letters: answered in Hindi.
HINGLISH = frozenset({"yojana", "yojna", "yojnaa", "sthiti", "stithi", "shikayat", "kya", "hai", "mera"})
MENU_CHOICES = {"1": "status", "2": "scheme_help", "3": "file"}
MAX_COMPLAINTS = 5  # a reply lists at most this many complaints
_DIGIT_RUN = re.compile(r"[0-9][0-9 \-]*[0-9]")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Intent:
    kind: str  # status | reference | scheme | scheme_help | file | lang | stop | start | menu
    value: str = ""  # the reference's digits, the scheme question, the language chosen


def normalise(text: str) -> str:
    """Unicode NFC, any script's digits as ASCII (१२३ → 123), one space between words, Latin
    letters in lower case."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(str(unicodedata.digit(ch)) if ch.isdigit() and not ch.isascii() else ch for ch in text)
    return _SPACES.sub(" ", text).strip().casefold()


def _words(text: str) -> list[str]:
    return [w.strip(".,!?।:;\"'") for w in text.split(" ") if w.strip(".,!?।:;\"'")]


def language_of(text: str) -> str | None:
    """The language a message is written in, or None when it has no words (a number, a digit)."""
    if any("\u0900" <= ch <= "\u097f" for ch in text):
        return "hi"
    words = [w for w in _words(normalise(text)) if any("a" <= c <= "z" for c in w)]
    if not words:
        return None
    if set(words) & HINGLISH:
        return "hi"
    if len(words) == 1 and words[0] in LANG_WORDS["hi"]:
        return "hi"
    return "en"


def _reference_in(text: str) -> str | None:
    """A 10-digit number in the text (spaces and hyphens between its digits allowed)."""
    for run in _DIGIT_RUN.findall(text):
        digits = re.sub(r"[ \-]", "", run)
        if len(digits) == REFERENCE_LENGTH:
            return digits
    return None


def intent(text: str) -> Intent:
    t = normalise(text)
    words = _words(t)
    whole = " ".join(words)
    if not words:
        return Intent("menu")
    if whole in MENU_CHOICES:
        return Intent(MENU_CHOICES[whole])
    for lang, names in LANG_WORDS.items():
        if whole in names:
            return Intent("lang", lang)
    if whole in STOP_WORDS:
        return Intent("stop")
    if whole in START_WORDS:
        return Intent("start")
    if words[0] in SCHEME_WORDS:
        question = " ".join(words[1:])
        return Intent("scheme", question) if question else Intent("scheme_help")
    reference = _reference_in(t)
    if reference is not None:
        return Intent("reference", reference)
    if words[0] in STATUS_WORDS or whole in STATUS_PHRASES:
        return Intent("status")
    if whole in FILE_PHRASES:
        return Intent("file")
    if any(w in SCHEME_WORDS for w in words):  # "pension yojana", "पेंशन योजना"
        return Intent("scheme", " ".join(w for w in words if w not in SCHEME_WORDS))
    return Intent("menu")


# ---- the texts ------------------------------------------------------------------------------


def _pick(lang: str, hi: str, en: str) -> str:
    return en if lang == "en" else hi


def day(iso_text: str | None) -> str:
    if not iso_text:
        return ""
    return datetime.fromisoformat(iso_text).astimezone(IST).strftime("%d-%m-%Y")


def how_to_file(lang: str, portal: str) -> str:
    return _pick(
        lang,
        f"शिकायत दर्ज करने के लिए 181 पर कॉल करें (निःशुल्क, सुबह 7 से रात 11 बजे), या पोर्टल {portal} "
        "या सीएम हेल्पलाइन ऐप से दर्ज करें।",
        f"To file a complaint, call 181 (free, 7 am to 11 pm), or use the portal {portal} or the CM Helpline app.",
    )


def menu(lang: str, portal: str) -> str:
    return _pick(
        lang,
        "सीएम हेल्पलाइन 181 — भेजें:\n"
        "1 — आपकी शिकायतों की स्थिति\n"
        "शिकायत क्रमांक (10 अंक) — उस शिकायत की स्थिति\n"
        "योजना और कुछ शब्द (जैसे: योजना पेंशन) — योजनाओं की जानकारी\n"
        "3 — शिकायत कैसे दर्ज करें\n" + how_to_file("hi", portal) + "\nFor English, send EN.",
        "CM Helpline 181 — send:\n"
        "1 — the status of your complaints\n"
        "a complaint number (10 digits) — its status\n"
        "scheme and a few words (e.g. scheme pension) — scheme information\n"
        "3 — how to file a complaint\n" + how_to_file("en", portal) + "\nहिंदी के लिए HI भेजें।",
    )


def only_text(lang: str, portal: str) -> str:
    """The answer to a picture, a voice note, a place or a message type we do not know."""
    return _pick(lang, "हम अभी केवल लिखे हुए संदेश पढ़ पाते हैं।\n", "We can read only written messages for now.\n") + menu(
        lang, portal
    )


def scheme_help(lang: str) -> str:
    return _pick(
        lang,
        "योजना की जानकारी के लिए 'योजना' के बाद कुछ शब्द भेजें, जैसे: योजना वृद्धावस्था पेंशन",
        "For scheme information send 'scheme' and a few words, e.g.: scheme old age pension",
    )


@dataclass(frozen=True)
class SchemeLine:
    name: str
    department: str
    objective: str


def schemes_found(lang: str, question: str, found: list[SchemeLine], page: str) -> str:
    if not found:
        return _pick(
            lang,
            f"'{question[:60]}' से मिलती कोई योजना नहीं मिली। दूसरे शब्दों से भेजें, या 181 पर कॉल करें।",
            f"No scheme matches '{question[:60]}'. Try other words, or call 181.",
        )
    head = _pick(lang, "मिलती योजनाएँ:", "Matching schemes:")
    lines = [f"{n}. {s.name} ({s.department}): {s.objective[:200]}" for n, s in enumerate(found, start=1)]
    tail = _pick(
        lang,
        f"पात्रता और पूरी जानकारी: {page} या 181 पर कॉल करें।",
        f"Eligibility and details: {page}, or call 181.",
    )
    return "\n".join([head, *lines, tail])


def status_text(status: str, level: int, overdue: bool, lang: str) -> str:
    words = {
        OPEN: ("अधिकारी के पास लंबित", "pending with the officer"),
        STATE_GOVT: ("राज्य शासन स्तर पर लंबित", "pending with the State government"),
        RESOLVED: ("निराकृत, आपकी पुष्टि शेष", "resolved, awaiting your confirmation"),
        CLOSED: ("बंद", "closed"),
    }.get(status, (status, status))
    text = _pick(lang, *words) + _pick(lang, f", स्तर {level}", f", level {level}")
    if overdue and status in (OPEN, STATE_GOVT):
        text += _pick(lang, " (समय-सीमा पार)", " (overdue)")
    return text


def complaint_line(public: dict[str, Any], lang: str, subject: str | None = None) -> str:
    """`reference — status, level N, due dd-mm-yyyy — subject` from a complaint's public status."""
    text = f"{public['reference']} — " + status_text(public["status"], public["level"], public["overdue"], lang)
    if public.get("due_at"):
        text += _pick(lang, f", अंतिम तिथि {day(public['due_at'])}", f", due {day(public['due_at'])}")
    if subject:
        text += f" — {subject[:60]}"
    return text


def own_complaints(lang: str, lines: list[str], more: bool) -> str:
    if not lines:
        return _pick(
            lang,
            "इस नंबर से दर्ज कोई शिकायत नहीं मिली। शिकायत क्रमांक (10 अंक) भेजें, या 181 पर कॉल करें।",
            "We found no complaint filed from this number. Send a complaint number (10 digits), or call 181.",
        )
    head = _pick(lang, "आपकी शिकायतें (नई पहले):", "Your complaints (newest first):")
    tail = [_pick(lang, "और भी हैं: पोर्टल पर देखें या 181 पर कॉल करें।", "There are more: see the portal or call 181.")]
    return "\n".join([head, *lines, *(tail if more else [])])


def reference_status(lang: str, line: str, department: str, district: str) -> str:
    return (
        _pick(lang, "शिकायत ", "Complaint ")
        + line
        + "\n"
        + _pick(lang, f"विभाग: {department}, जिला: {district}", f"Department: {department}, district: {district}")
    )


def unknown_reference(lang: str, reference: str) -> str:
    return _pick(
        lang,
        f"शिकायत क्रमांक {reference} नहीं मिला। क्रमांक जाँचकर फिर भेजें, या 181 पर कॉल करें।",
        f"We found no complaint {reference}. Check the number and send it again, or call 181.",
    )


def bad_reference(lang: str, reference: str) -> str:
    return _pick(
        lang,
        f"{reference} सही शिकायत क्रमांक नहीं है (एक अंक गलत या छूटा है)। क्रमांक जाँचकर फिर भेजें।",
        f"{reference} is not a valid complaint number (a digit is wrong or missing). Check it and send it again.",
    )


def stopped(lang: str) -> str:
    return _pick(
        lang,
        "अब आपको व्हाट्सऐप पर शिकायतों की सूचनाएँ नहीं भेजी जाएँगी। फिर से पाने के लिए START भेजें।",
        "You will get no more complaint updates on WhatsApp. Send START to get them again.",
    )


def started(lang: str) -> str:
    return _pick(
        lang,
        "आपकी शिकायतों की सूचनाएँ अब व्हाट्सऐप पर भी आएँगी। बंद करने के लिए STOP भेजें।",
        "You will get updates on your complaints on WhatsApp too. Send STOP to end them.",
    )
