"""SMS and call texts: one message kind, one template per language, sent in the
recipient's language (Hindi unless they chose English).

SMS are the helpline's largest running cost, paid per part: a Hindi SMS travels as UCS-2,
70 characters in one part (67 a part when concatenated); an English one as GSM-7, 160
(153). Each template has a budget of parts, checked with the longest realistic values
(`LONGEST`) by the tests; each (kind, language) is its own DLT registration, named by
`Template.dlt_key`, whose id the deployment supplies.
"""

from __future__ import annotations

import math
import string
from datetime import datetime
from typing import NamedTuple

from chalicelib.domain import speech
from chalicelib.domain.calendar import IST
from chalicelib.domain.tokens import LINK_TOKEN_CHARS

LANGS = ("hi", "en")
# GSM 03.38: the basic set counts one septet a character, the extension table two.
GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿"
    "abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENDED = frozenset("^{}\\[~]|€")


class Parts(NamedTuple):
    encoding: str  # "gsm7" | "ucs2"
    units: int  # septets (GSM-7) or UTF-16 code units (UCS-2)
    parts: int


def sms_parts(text: str) -> Parts:
    """How many SMS parts `text` costs."""
    if all(c in GSM_BASIC or c in GSM_EXTENDED for c in text):
        units = sum(2 if c in GSM_EXTENDED else 1 for c in text)
        return Parts("gsm7", units, 1 if units <= 160 else math.ceil(units / 153))
    units = len(text.encode("utf-16-le")) // 2
    return Parts("ucs2", units, 1 if units <= 70 else math.ceil(units / 67))


class Template(NamedTuple):
    kind: str
    hi: str
    en: str
    max_parts: int = 1

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.hi

    def render(self, lang: str, values: dict[str, str]) -> str:
        return self.text(lang).format(**values)

    def variables(self) -> set[str]:
        return {name for t in (self.hi, self.en) for _, name, _, _ in string.Formatter().parse(t) if name}

    def dlt_key(self, lang: str) -> str:
        """The name of this text's DLT registration (one per kind and language)."""
        return f"{self.kind}.{'en' if lang == 'en' else 'hi'}"


_TEMPLATES = (
    Template(
        "otp",
        "OTP {otp}: सीएम हेल्पलाइन 181, 10 मिनट मान्य। किसी को न बताएँ।",
        "CM Helpline 181: your OTP is {otp}, valid for 10 minutes. Do not share it with anyone.",
    ),
    Template(
        "citizen_registered",
        "शिकायत {reference} दर्ज। स्थिति: {track}",
        "CM Helpline 181: complaint {reference} registered. Status: {track}",
    ),
    Template(
        "citizen_escalated",
        "शिकायत {reference} समय पर निराकृत न होने से स्तर {level} पर भेजी गई। CMH181",
        "CM Helpline 181: complaint {reference} was not resolved in time and has moved to level {level}.",
    ),
    Template(
        "citizen_resolved",
        "शिकायत {reference} निराकृत दर्ज। संतुष्टि पूछने हेतु कॉल आएगा। CMH181",
        "CM Helpline 181: complaint {reference} is marked resolved. We will call you to ask if you are satisfied.",
    ),
    Template(
        "citizen_closed",
        "शिकायत {reference} बंद। स्थिति: {track}",
        "CM Helpline 181: complaint {reference} is closed. Status: {track}",
    ),
    Template(
        "officer_new",
        "CMH181 नई शिकायत {reference}, स्तर {level}, अंतिम तिथि {due}। कार्रवाई: {link}",
        "CMH181: new complaint {reference} for you at level {level}, due {due}. Act: {link}",
        max_parts=2,
    ),
    Template(
        "officer_escalated",
        "CMH181 शिकायत {reference} समय-सीमा पार, अब आपके स्तर {level} पर, अंतिम तिथि {due}: {link}",
        "CMH181: complaint {reference} escalated to you at level {level}, due {due}. Act: {link}",
        max_parts=2,
    ),
    Template(
        # One part: a reminder is about work the officer was already sent (its page has the deadline).
        "officer_reminder",
        "CMH181 स्मरण {reference}: {link}",
        "CMH181 reminder: the citizen asks about complaint {reference}. Act: {link}",
    ),
    Template(
        "officer_login",
        # The one-time password goes by the helpline's own SMS (never Cognito's message).
        "CMH181 लॉगिन: आईडी {username} अस्थायी पासवर्ड {password} पहली बार में नया बनाएँ: {desk}",
        "CMH181 login: user {username}, temporary password {password}. Set your own at first sign-in: {desk}",
        max_parts=2,
    ),
    Template(
        "officer_password",
        "CMH181 नया अस्थायी पासवर्ड {password} (आईडी {username}), लॉगिन पर बदलें: {desk}",
        "CMH181: new temporary password {password} for user {username}; change it at sign-in: {desk}",
        max_parts=2,
    ),
    Template(
        "digest_daily",
        # Dated: an SMS delivered late still says which morning it counts.
        "CMH181 {day}: लंबित {pending}, आज देय {due_today}, विलंबित {overdue}",
        "CMH181 {day}: pending {pending}, due today {due_today}, overdue {overdue}. {link}",
    ),
)
TEMPLATES: dict[str, Template] = {t.kind: t for t in _TEMPLATES}

# The longest public host name the budgets are counted with (https:// is not shown, see
# `link_text`): the helpline's own, cmhelpline.mp.gov.in, is 20 characters. The Hindi
# "registered" SMS has room for 25 in one part; the packaged template's PublicDomainName
# accepts no longer, and a deployed stage refuses a longer PUBLIC_BASE_URL (settings).
PUBLIC_HOST_MAX = 25
LONG_BASE = "x" * (PUBLIC_HOST_MAX - len(".mp.gov.in")) + ".mp.gov.in"
# The longest realistic value of every variable, for the part budgets: a 10-digit
# reference, dates, counts of 4 digits, the links at the longest public host name, the
# officer's with a link token's length, a login and a temporary password as long as
# `postings.new_username` and `postings.temporary_password` make them.
LONGEST = {
    "otp": "123456",
    "reference": "1234567890",
    "level": "4",
    "due": "28-12-2026",
    "day": "28-12-2026",
    "pending": "1234",
    "due_today": "1234",
    "overdue": "1234",
    "track": f"{LONG_BASE}/t/1234567890",
    "link": f"{LONG_BASE}/o/{'x' * LINK_TOKEN_CHARS}",
    "username": "o12345678",
    "password": "Abcdef@234567x",
    "desk": f"{LONG_BASE}/officer",
}


def _day(iso_text: str) -> str:
    return datetime.fromisoformat(iso_text).astimezone(IST).strftime("%d-%m-%Y")


def spaced(reference: str) -> str:
    """Digits spoken one by one on a call."""
    return " ".join(reference)


def link_text(url: str) -> str:
    """A link as an SMS shows it: an https link without its scheme (phones still make it
    a link; 8 characters fewer). A plain-http link (the local stack) keeps it."""
    return url.removeprefix("https://")


def values(p: dict[str, str]) -> dict[str, str]:
    """A job's parameters as the templates' variables."""
    out = dict(p)
    if p.get("due_at"):
        out["due"] = _day(p["due_at"])
    for k in ("track", "link", "desk"):
        if p.get(k):
            out[k] = link_text(p[k])
    return out


def sms(template: str, p: dict[str, str], lang: str = "hi") -> str:
    try:
        t = TEMPLATES[template]
    except KeyError:
        raise ValueError(f"unknown SMS template {template}") from None
    return t.render(lang, values(p))


def dlt_key(template: str, lang: str) -> str:
    return TEMPLATES[template].dlt_key(lang)


def call_script(template: str, p: dict[str, str], lang: str = "hi") -> str:
    """What the officer's call says, as SSML (the notification flow plays it): a new complaint
    (or one escalated to them), its reference digit by digit, its subject, and the day by which
    to act, as people say dates. Hindi first, then English, for an officer who reads Hindi;
    English alone for one who chose it. The subject is the citizen's text, escaped."""
    ref = speech.digits(p.get("reference", ""))
    subject = speech.escape(" ".join(p.get("subject", "").split()))
    due_hi = speech.day_of(p["due_at"], "hi") if p.get("due_at") else ""
    due_en = speech.day_of(p["due_at"], "en") if p.get("due_at") else ""
    escalated = template == "officer_escalated"
    en = speech.part(
        "en",
        "Hello, this is CM Helpline 181.",
        (
            f"A complaint has been escalated to you, as its deadline passed: number {ref}."
            if escalated
            else f"A new complaint has been assigned to you: number {ref}."
        ),
        f"Subject: {subject}." if subject else "",
        f"Please record your action by {due_en}." if due_en else "",
        "The link is in the SMS sent to you.",
    )
    if speech.lang_of(lang) == "en":
        return speech.document(en)
    hi = speech.part(
        "hi",
        "नमस्कार, सीएम हेल्पलाइन 181 से।",
        (
            f"समय-सीमा पार होने से एक शिकायत आपके स्तर पर आई है, क्रमांक {ref}।"
            if escalated
            else f"आपको एक नई शिकायत सौंपी गई है, क्रमांक {ref}।"
        ),
        f"विषय: {subject}।" if subject else "",
        f"कृपया {due_hi} तक कार्रवाई दर्ज करें।" if due_hi else "",
        "लिंक आपको एसएमएस से भेजा गया है।",
    )
    return speech.document(hi, en)
