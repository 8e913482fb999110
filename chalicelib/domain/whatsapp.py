"""The WhatsApp Business Platform as the domain sees it (R-WHATSAPP): the webhook's signature,
its payload read into the messages citizens sent, the 24-hour customer-service window, who
has opted in, and the approved templates the system's own notifications go as.

The platform signs each webhook POST with `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the
raw body, keyed by the app secret>` (the name: `chalicelib.domain.webhook`); it is checked on
the bytes, before anything is parsed.
A payload is `{"object": "whatsapp_business_account", "entry": [{"id", "changes": [{"field":
"messages", "value": {"metadata": {"phone_number_id"}, "contacts", "messages" | "statuses"}}]}]}`.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from chalicelib.domain import messages

# Free-form messages may go to a number only within this long of its last message to us.
WINDOW = timedelta(hours=24)
# What a conversation reads of a message: WhatsApp allows 4096 characters, a question is short.
TEXT_KEPT = 1000
# The platform's message types that carry a file or a place: answered politely, never read.
MEDIA = frozenset({"image", "audio", "video", "document", "sticker", "location", "contacts"})
# Types that need no answer at all: a reaction to one of our messages, a change of number.
SILENT = frozenset({"reaction", "system", "request_welcome"})


@dataclass(frozen=True)
class PlatformKeys:
    """The app secret(s) that sign webhooks (the previous one still accepted while a rotation
    is under way), the token the verification request must carry, and the token outbound
    messages are sent with."""

    app_secrets: tuple[str, ...]
    verify_token: str
    access_token: str = ""


def signature(raw: bytes, secret: str) -> str:
    """The header value the platform sends for `raw` signed with `secret`."""
    return "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()


def signed(raw: bytes, header: str | None, secrets: Iterable[str]) -> bool:
    """True if `header` is the signature of `raw` by one of `secrets`; compared in constant time
    (every secret is tried, whatever matched)."""
    if not header or not header.startswith("sha256="):
        return False
    given = header.encode("utf-8", "replace")
    ok = False
    for secret in secrets:
        if secret:
            ok |= hmac.compare_digest(signature(raw, secret).encode(), given)
    return ok


def verification(mode: str | None, token: str | None, challenge: str | None, verify_token: str) -> str | None:
    """The challenge to echo when the platform's verification request carries our token; else None."""
    if mode != "subscribe" or not token or not challenge or not verify_token:
        return None
    return challenge if hmac.compare_digest(token.encode(), verify_token.encode()) else None


def number_of(wa_id: Any) -> str | None:
    """A WhatsApp id (the sender's number in international form, digits only) as E.164: an
    Indian mobile in its one canonical form (as the intake stores it), another country's
    valid number as libphonenumber formats it; None for anything else."""
    import phonenumbers  # its metadata loads with the first message, not at the cold start

    from chalicelib.domain.schemas import canonical_mobile

    if not isinstance(wa_id, str) or not wa_id.isascii() or not wa_id.isdigit() or len(wa_id) > 15:
        return None
    text = "+" + wa_id
    indian = canonical_mobile(text)
    if indian is not None:
        return indian
    try:
        parsed = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


@dataclass(frozen=True)
class Inbound:
    """One message a citizen sent: its id (the platform's `wamid`), the sender's number, when it
    was sent (the platform's timestamp), and what it says. `kind` is `text` (also a button or
    list choice), `media` (a picture, a voice note, a place…) or `other` (a type we do not know)."""

    id: str
    sender: str
    at: datetime
    kind: str
    text: str = ""
    type: str = "text"

    def to_job(self) -> dict[str, str]:
        return {
            "id": self.id,
            "from": self.sender,
            "at": self.at.isoformat(),
            "kind": self.kind,
            "text": self.text,
            "type": self.type,
        }

    @classmethod
    def from_job(cls, job: dict[str, Any]) -> Inbound:
        return cls(
            id=str(job["id"]),
            sender=str(job["from"]),
            at=datetime.fromisoformat(str(job["at"])),
            kind=str(job["kind"]),
            text=str(job.get("text", "")),
            type=str(job.get("type", "text")),
        )


@dataclass(frozen=True)
class Delivery:
    """What one webhook POST held: the messages to answer, how many status callbacks (sent,
    delivered, read, failed: nothing to do), and why anything else was left out."""

    messages: list[Inbound] = field(default_factory=list)
    statuses: int = 0
    skipped: list[str] = field(default_factory=list)


class Malformed(ValueError):
    """Not a WhatsApp Business Account webhook at all."""


def _obj(value: Any) -> dict[str, Any]:
    """`value` if it is a JSON object, else an empty one (a payload is read, never trusted)."""
    return value if isinstance(value, dict) else {}


def _text_of(m: dict[str, Any]) -> tuple[str, str] | None:
    """(kind, text) of a message, or None when it needs no answer."""
    kind = m.get("type")
    said: Any = None
    if kind == "text":
        said = _obj(m.get("text")).get("body")
    elif kind == "button":  # a template's quick-reply button
        button = _obj(m.get("button"))
        said = button.get("text") or button.get("payload")
    elif kind == "interactive":  # a reply button or a list row of one of our messages
        inter = _obj(m.get("interactive"))
        choice = _obj(inter.get("button_reply") or inter.get("list_reply"))
        said = choice.get("id") or choice.get("title")
    if kind in ("text", "button", "interactive"):
        return ("text", said) if isinstance(said, str) else ("other", "")
    if kind in MEDIA:
        return ("media", "")
    if kind in SILENT:
        return None
    return ("other", "")


def _instant(value: Any) -> datetime | None:
    try:
        seconds = int(value)
    except (TypeError, ValueError):
        return None
    if not 0 < seconds < 2**33:
        return None
    return datetime.fromtimestamp(seconds, tz=UTC)


def _message(m: Any, skipped: list[str]) -> Inbound | None:
    if not isinstance(m, dict):
        skipped.append("a message that is not an object")
        return None
    wamid, sender, at = m.get("id"), number_of(m.get("from")), _instant(m.get("timestamp"))
    if not isinstance(wamid, str) or not 0 < len(wamid) <= 200:
        skipped.append("a message without an id")
        return None
    if sender is None or at is None:
        skipped.append(f"message {wamid}: no valid sender number or timestamp")
        return None
    read = _text_of(m)
    if read is None:
        skipped.append(f"message {wamid}: type {str(m.get('type'))[:20]} needs no answer")
        return None
    kind, text = read
    return Inbound(wamid, sender, at, kind, text.strip()[:TEXT_KEPT], str(m.get("type"))[:20])


def parse_delivery(payload: Any, phone_number_id: str) -> Delivery:
    """The messages sent to our number (`phone_number_id`) in one webhook payload. Raises
    `Malformed` when it is not a WhatsApp Business Account webhook; parts it cannot use
    (another number's messages, other fields, broken items) are listed in `skipped`."""
    if not isinstance(payload, dict) or payload.get("object") != "whatsapp_business_account":
        raise Malformed("not a whatsapp_business_account webhook")
    entries = payload.get("entry")
    if not isinstance(entries, list):
        raise Malformed("no entry list")
    out: list[Inbound] = []
    skipped: list[str] = []
    statuses = 0
    for entry in entries:
        changes = _obj(entry).get("changes")
        if not isinstance(changes, list):
            skipped.append("an entry without changes")
            continue
        for change in changes:
            change = _obj(change)
            value = change.get("value")
            if not isinstance(value, dict) or change.get("field") != "messages":
                skipped.append(f"a change of field {str(change.get('field', '?'))[:40]}")
                continue
            metadata = _obj(value.get("metadata"))
            if str(metadata.get("phone_number_id", "")) != phone_number_id:
                skipped.append("a change for another phone number")
                continue
            if isinstance(value.get("statuses"), list):
                statuses += len(value["statuses"])
            messages = value.get("messages")
            for m in messages if isinstance(messages, list) else []:
                inbound = _message(m, skipped)
                if inbound is not None:
                    out.append(inbound)
    return Delivery(out, statuses, skipped)


# ---- the window and opt-in ------------------------------------------------------------------


@dataclass(frozen=True)
class ChatContact:
    """What is kept of a number that wrote to the helpline's WhatsApp: when it last wrote (the
    window, and the opt-in to the system's template notifications), the language it chose or
    writes in, and whether it asked for no more notifications (STOP)."""

    number: str
    last_inbound_at: datetime | None = None
    lang: str | None = None
    opted_out: bool = False


def within_window(contact: ChatContact | None, now: datetime) -> bool:
    """May a free-form message go to this number now: it wrote to us within the last 24 hours."""
    last = contact.last_inbound_at if contact else None
    return last is not None and now - last < WINDOW


def opted_in(contact: ChatContact | None) -> bool:
    """The system's own notifications go on WhatsApp only to numbers that wrote to it and did not
    say STOP."""
    return contact is not None and contact.last_inbound_at is not None and not contact.opted_out


# ---- templates ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Template:
    """An approved message template (Meta's "utility" category): its name as approved, its body
    in each language with `{{1}}`… for the job's values `params`, in order."""

    kind: str  # the notification kind it stands for (`messages.TEMPLATES`)
    name: str
    hi: str
    en: str
    params: tuple[str, ...]

    def body(self, lang: str) -> str:
        return self.en if lang == "en" else self.hi


@dataclass(frozen=True)
class TemplateMessage:
    """One template message to send: the name, the language code, the values, and the text the
    citizen reads (the body filled in; the platform fills it from the approved body)."""

    name: str
    lang: str
    params: tuple[str, ...]
    text: str


STOP_HI = "ये सूचनाएँ बंद करने के लिए STOP भेजें।"
STOP_EN = "Send STOP to get no more of these updates."
_TEMPLATES = (
    Template(
        "citizen_registered",
        "cmh181_complaint_registered",
        "सीएम हेल्पलाइन 181: आपकी शिकायत {{1}} दर्ज हो गई है, अंतिम तिथि {{2}}। स्थिति के लिए 1 भेजें। " + STOP_HI,
        "CM Helpline 181: your complaint {{1}} is registered, due {{2}}. Send 1 for its status. " + STOP_EN,
        ("reference", "due"),
    ),
    Template(
        "citizen_escalated",
        "cmh181_complaint_escalated",
        "सीएम हेल्पलाइन 181: शिकायत {{1}} समय पर निराकृत न होने से स्तर {{2}} पर भेजी गई है। " + STOP_HI,
        "CM Helpline 181: complaint {{1}} was not resolved in time and has moved to level {{2}}. " + STOP_EN,
        ("reference", "level"),
    ),
    Template(
        "citizen_resolved",
        "cmh181_complaint_resolved",
        "सीएम हेल्पलाइन 181: शिकायत {{1}} निराकृत दर्ज की गई है। आपकी संतुष्टि पूछने हेतु कॉल आएगा। " + STOP_HI,
        "CM Helpline 181: complaint {{1}} is marked resolved. We will call to ask if you are satisfied. " + STOP_EN,
        ("reference",),
    ),
    Template(
        "citizen_closed",
        "cmh181_complaint_closed",
        "सीएम हेल्पलाइन 181: शिकायत {{1}} बंद कर दी गई है। " + STOP_HI,
        "CM Helpline 181: complaint {{1}} is closed. " + STOP_EN,
        ("reference",),
    ),
)
TEMPLATES: dict[str, Template] = {t.kind: t for t in _TEMPLATES}


def template_message(kind: str, params: dict[str, str], lang: str) -> TemplateMessage:
    """The template message for a notification job's kind and values, in `lang` (Hindi unless "en")."""
    try:
        t = TEMPLATES[kind]
    except KeyError:
        raise ValueError(f"no WhatsApp template for {kind}") from None
    lang = "en" if lang == "en" else "hi"
    shown = messages.values(params)
    values = tuple(str(shown.get(p, "")) for p in t.params)
    text = t.body(lang)
    for n, v in enumerate(values, start=1):
        text = text.replace("{{" + str(n) + "}}", v)
    return TemplateMessage(t.name, lang, values, text)
