"""The WhatsApp channel's use case (R-WHATSAPP): one message a citizen sent, answered once.

The webhook has already checked the platform's signature and put each message on the
WhatsApp queue; the queue's handler calls `answer` for each. Nothing here is a rule of its
own: a complaint's status is `tracking.find` and its public status, whether the sender may
read its subject is `tracking.sight_of` (the sender's WhatsApp number stands for the
citizen, as the caller's number does on the 181 line: the platform verified it), the
sender's complaints are the store's `by_mobile`, a reference is `domain.reference`'s, what a
message asks and the texts are `domain.chat`'s.

Exactly once where it can be: the message id is claimed in the notification ledger (a
conditional write with a lease) before anything is done, so a delivery the platform
repeats, or a queue message that comes back, answers nothing twice. A reply is free-form, so
it goes only while the sender's 24-hour window is open (a message taken from the queue
later than that, e.g. redriven from the DLQ days after, is recorded and not answered). Each
number is rate limited.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime

from chalicelib.domain import chat
from chalicelib.domain.actor import CITIZEN, Caller
from chalicelib.domain.complaint import public_status
from chalicelib.domain.errors import NotFound
from chalicelib.domain.otp import Limit
from chalicelib.domain.reference import InvalidReference, parse_reference
from chalicelib.domain.whatsapp import ChatContact, Delivery, Inbound, Malformed, parse_delivery, within_window
from chalicelib.services import schemes as scheme_info
from chalicelib.services import tracking
from chalicelib.services.bundles import Chat
from chalicelib.services.ports import JobQueue, OutsideWindow

log = logging.getLogger(__name__)
KIND = "whatsapp"
# Per number: a person types a few messages a minute at most; a script is cut off.
LIMITS = (Limit("whatsapp-minute", 10, 60), Limit("whatsapp-day", 100, 24 * 3600))
SCHEMES_SHOWN = 3


class NotAnswered(RuntimeError):
    """The message must come back: the reply failed (`leased_until` None: after the queue's
    backoff), or another attempt holds its claim until `leased_until`."""

    def __init__(self, message_id: str, why: str, leased_until: datetime | None = None) -> None:
        super().__init__(f"whatsapp message {message_id} not answered: {why}")
        self.leased_until = leased_until


@dataclass(frozen=True)
class Answered:
    """What became of one message: `replied` (with the text), `duplicate`, `late` (outside the
    window), `limited` (the number's rate limit)."""

    outcome: str
    reply: str | None = None
    lang: str = "hi"


def take(raw: bytes, phone_number_id: str, queue: JobQueue) -> Delivery:
    """A webhook body whose signature was checked: its messages to our number go on the queue
    (raises if the queue refused them, so the platform delivers again); a body that is not a
    WhatsApp webhook, status callbacks and other numbers' messages are logged and left."""
    try:
        delivery = parse_delivery(json.loads(raw), phone_number_id)
    except (ValueError, Malformed) as exc:  # invalid JSON or UTF-8 is a ValueError too
        log.warning("whatsapp webhook: malformed payload, nothing done (%s)", str(exc)[:120])
        return Delivery(skipped=["malformed"])
    for why in delivery.skipped[:20]:
        log.info("whatsapp webhook: left out %s", why)
    if delivery.messages:
        queue.put([{"message": m.to_job()} for m in delivery.messages])
    return delivery


def job_of(message_id: str) -> str:
    return f"{KIND}:{message_id}"


def answer(m: Inbound, deps: Chat) -> Answered:
    """Answers one message once; raises NotAnswered when it must be tried again."""
    clock, ledger = deps.desk.clock, deps.ledger
    deps.chats.inbound(m.sender, m.at)  # the window and the opt-in; a repeat changes nothing
    now = clock.wall()
    contact = deps.chats.get(m.sender) or ChatContact(m.sender, m.at)
    if not within_window(contact, now):
        log.warning("whatsapp message %s taken after its 24-hour window: not answered", m.id)
        return Answered("late")
    claim = ledger.claim(job_of(m.id), m.sender, KIND, now)
    if claim.status == "sent":
        return Answered("duplicate")
    if claim.status == "leased":
        raise NotAnswered(m.id, "claimed by another attempt", claim.until)
    for limit in LIMITS:
        if not deps.ops.hit(limit, m.sender, now):
            log.warning("whatsapp message %s: the number's %s limit is spent", m.id, limit.name)
            ledger.finish(job_of(m.id), m.sender, KIND, clock.now(), "rate-limited")
            return Answered("limited")
    try:
        text, lang = reply_to(m, contact, deps)
        provider_id = deps.whatsapp.send_text(m.sender, text)
    except OutsideWindow:
        log.warning("whatsapp message %s: the platform says the window has closed", m.id)
        ledger.finish(job_of(m.id), m.sender, KIND, clock.now(), "outside-window")
        return Answered("late")
    except Exception as exc:  # the store or the platform: record it, let the queue bring it back
        try:
            ledger.fail(job_of(m.id), m.sender, KIND, clock.now(), repr(exc))
        except Exception:
            log.exception("whatsapp message %s failed and the failure was not recorded", m.id)
        raise NotAnswered(m.id, repr(exc)) from exc
    try:
        ledger.finish(job_of(m.id), m.sender, KIND, clock.now(), provider_id)
    except Exception:  # the reply went out; a repeat is worse than a missing record
        log.exception("whatsapp reply to %s sent (%s) but not recorded", m.id, provider_id)
    return Answered("replied", text, lang)


def reply_to(m: Inbound, contact: ChatContact, deps: Chat) -> tuple[str, str]:
    """The reply to one message and its language; a language the sender chose or wrote in is
    kept for the next message (a bare number is answered in it)."""
    said = chat.language_of(m.text) if m.kind == "text" else None
    lang = said or contact.lang or "hi"
    if m.kind != "text":
        return chat.only_text(lang, deps.portal), lang
    wants = chat.intent(m.text)
    if wants.kind == "lang":
        lang = wants.value
    if lang != contact.lang:
        deps.chats.set_lang(m.sender, lang)
    portal = deps.portal
    if wants.kind == "status":
        return own_complaints(m.sender, lang, deps), lang
    if wants.kind == "reference":
        return reference_status(wants.value, m.sender, lang, deps), lang
    if wants.kind == "scheme":
        return schemes(wants.value, lang, deps), lang
    if wants.kind == "scheme_help":
        return chat.scheme_help(lang), lang
    if wants.kind == "file":
        return chat.how_to_file(lang, portal), lang
    if wants.kind == "stop":
        deps.chats.set_opted_out(m.sender, True)
        return chat.stopped(lang), lang
    if wants.kind == "start":
        deps.chats.set_opted_out(m.sender, False)
        return chat.started(lang), lang
    return chat.menu(lang, portal), lang


def own_complaints(number: str, lang: str, deps: Chat) -> str:
    """The complaints filed from this number, newest first, each with its status, level and due date."""
    complaints = deps.desk.complaints
    refs = complaints.by_mobile(number, chat.MAX_COMPLAINTS + 1)
    found = [c for c in (complaints.get(r) for r in refs[: chat.MAX_COMPLAINTS]) if c is not None]
    lines = [chat.complaint_line(public_status(c), lang, c.subject) for c in found]
    return chat.own_complaints(lang, lines, len(refs) > chat.MAX_COMPLAINTS)


def reference_status(entered: str, number: str, lang: str, deps: Chat) -> str:
    """The complaint's public status; its subject too when the sender is its complainant."""
    try:
        reference = parse_reference(entered)
        c = tracking.find(reference, deps.desk.complaints)
    except InvalidReference:
        return chat.bad_reference(lang, entered)
    except NotFound:
        return chat.unknown_reference(lang, entered)
    directory = deps.desk.directory
    seen = tracking.sight_of(c, Caller(CITIZEN, number), directory)
    department, district = directory.department(c.department), directory.district(c.district)
    line = chat.complaint_line(public_status(c), lang, c.subject if seen.personal else None)
    return chat.reference_status(
        lang,
        line,
        (department.name_en if lang == "en" else department.name_hi) if department else c.department,
        (district.name_en if lang == "en" else district.name_hi) if district else c.district,
    )


def schemes(question: str, lang: str, deps: Chat) -> str:
    """The active schemes best matching the question (`services.schemes.search`: Hindi, English
    or Hindi in Latin letters, spelling slips too), the best few, short: name, department and
    the main objective; the public schemes page for the rest."""
    found = scheme_info.search(question, deps.schemes, limit=SCHEMES_SHOWN)
    directory = deps.desk.directory
    lines = []
    for s in found:
        place = directory.department(s.department)
        department = (place.name_en if lang == "en" else place.name_hi) if place else s.department
        objective = " ".join(s.objective.in_lang(lang).split())
        lines.append(chat.SchemeLine(s.name.in_lang(lang), department, objective))
    return chat.schemes_found(lang, question, lines, f"{deps.portal}/schemes")
