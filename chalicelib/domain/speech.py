"""Speech for Amazon Polly, pure: SSML documents in a language, numbers digit by digit, dates
as people say them ("2 दिसंबर 2026", "2 December 2026"), and what a listener hears of a
document. Shared by the phone lines' answers (`pages/speech.py`) and the officer's
notification call (`domain/messages.py`).
"""

from __future__ import annotations

import html
import re
from datetime import date, datetime

from chalicelib.domain.calendar import ist_date

LANGS = {"hi": "hi-IN", "en": "en-IN"}


def escape(text: str) -> str:
    """Text typed by people, safe inside an SSML document: read as words, never as markup."""
    return html.escape(text, quote=False)


MONTHS_HI = (
    "जनवरी",
    "फ़रवरी",
    "मार्च",
    "अप्रैल",
    "मई",
    "जून",
    "जुलाई",
    "अगस्त",
    "सितंबर",
    "अक्टूबर",
    "नवंबर",
    "दिसंबर",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Past this many keys the read-back stops: a caller who pressed on and on hears the start.
READ_BACK = 20


def lang_of(value: str | None) -> str:
    return "en" if value == "en" else "hi"


def part(lang: str, *sentences: str) -> str:
    """Sentences marked as one language (a part of an SSML document)."""
    body = " ".join(s for s in sentences if s)
    return f'<lang xml:lang="{LANGS[lang_of(lang)]}">{body}</lang>'


def speak(lang: str, *sentences: str) -> str:
    """One SSML document in the caller's language."""
    return f"<speak>{part(lang, *sentences)}</speak>"


def document(*parts: str) -> str:
    """One SSML document of language parts (`part`), in order."""
    return f"<speak>{' '.join(p for p in parts if p)}</speak>"


def digits(number: str) -> str:
    """Read one digit at a time (only the digits of what was given)."""
    kept = "".join(ch for ch in number if ch.isascii() and ch.isdigit())[:READ_BACK]
    return f'<say-as interpret-as="digits">{kept}</say-as>' if kept else ""


def day(d: date, lang: str) -> str:
    if lang_of(lang) == "en":
        return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"
    return f"{d.day} {MONTHS_HI[d.month - 1]} {d.year}"


def day_of(iso_text: str, lang: str) -> str:
    """The day (in India) of an instant, as people say it."""
    return day(ist_date(datetime.fromisoformat(iso_text)), lang)


def heard(ssml: str) -> str:
    """What a listener hears, as text: digits read one by one, the markup gone (plain text
    comes back with its spaces made single)."""
    text = re.sub(
        r'<say-as interpret-as="digits">([^<]*)</say-as>',
        lambda m: " ".join(m[1].replace(" ", "")),
        ssml,
    )
    text = re.sub(r"<break[^>]*/>", " ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(html.unescape(text).split())
