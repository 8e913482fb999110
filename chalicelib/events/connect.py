"""The Lambdas the Amazon Connect contact flows invoke (`connect/flows/`): the 181 line's
status self-service and the officers' toll-free line.

Connect sends `Details.ContactData` (the contact: its id, the caller's number in
`CustomerEndpoint.Address`, its attributes) and `Details.Parameters` (the flow's
`LambdaInvocationAttributes`), waits at most 8 seconds, and reads the answer as a flat map
of strings (`$.External.…`). Each handler calls the same use case as the API
(`services.ivr` over `tracking`, `inbox`, `actions`, `domain.reference`) and returns an
`outcome` the flow branches on, with the SSML to play (`pages.speech`). Every invocation
is logged with the contact id, never with a reference or a mobile number.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from chalice import Blueprint

from chalicelib.domain.errors import Conflict, NotFound
from chalicelib.settings import get_settings

bp = Blueprint(__name__)
log = logging.getLogger(__name__)

Answer = dict[str, str]
# Store customer input hands the flow this when the caller pressed nothing.
NO_INPUT = "Timeout"


class ContactEvent:
    """The parts of Connect's event a handler reads."""

    def __init__(self, event: dict[str, Any]) -> None:
        details = event.get("Details") or {}
        self.contact: dict[str, Any] = details.get("ContactData") or {}
        attributes = self.contact.get("Attributes") or {}
        self.params: dict[str, str] = {**attributes, **(details.get("Parameters") or {})}

    @property
    def contact_id(self) -> str:
        return str(self.contact.get("ContactId", ""))

    @property
    def caller(self) -> str:
        return str((self.contact.get("CustomerEndpoint") or {}).get("Address", ""))

    @property
    def lang(self) -> str:
        from chalicelib.pages import speech

        return speech.lang_of(self.params.get("lang"))

    def get(self, name: str) -> str:
        return str(self.params.get(name) or "")


def answered(
    name: str, handle: Callable[[ContactEvent], Answer], outcome: str = "outcome"
) -> Callable[[dict[str, Any], Any], Answer]:
    """Runs `handle`, logs the contact id, the outcome (the answer's `outcome` field, or the
    one named) and the time taken; only strings go back."""

    def run(event: dict[str, Any], context: Any) -> Answer:
        get_settings()  # a stage that may not serve refuses every contact (the flow's error branch)
        contact = ContactEvent(event)
        started = time.monotonic()
        try:
            answer = handle(contact)
        except Exception:
            # The flow takes its error branch (an apology, then an executive in hours).
            log.exception("connect %s contact=%s failed", name, contact.contact_id)
            raise
        log.info(
            "connect %s contact=%s outcome=%s in %.0f ms",
            name,
            contact.contact_id,
            answer.get(outcome),
            (time.monotonic() - started) * 1000,
        )
        return {k: str(v) for k, v in answer.items()}

    return run


def _callers_complaints(contact: ContactEvent) -> Answer:
    from chalicelib import bootstrap as b
    from chalicelib.services import ivr

    found = ivr.callers_complaints(contact.caller, b.desk()) if contact.caller else ivr.CallersComplaints([], [])
    return {
        "outcome": "known" if found.latest else "none",
        "count": str(len(found.references)),
        "latest": found.latest or "",
        "pending_references": " ".join(found.pending),
    }


def _complaint_status(contact: ContactEvent) -> Answer:
    from chalicelib import bootstrap as b
    from chalicelib.domain.reference import InvalidReference
    from chalicelib.pages import speech
    from chalicelib.services import ivr

    entered, lang = contact.get("reference"), contact.lang
    if not entered or entered == NO_INPUT:
        return {"outcome": "no_input", "ssml": speech.entered_wrong("", lang)}
    try:
        answer = ivr.status_by_reference(entered, contact.caller, b.desk())
    except InvalidReference:
        return {"outcome": "bad_reference", "ssml": speech.entered_wrong(entered, lang)}
    except NotFound:
        return {"outcome": "unknown", "ssml": speech.not_found(entered, lang)}
    return {
        "outcome": "found",
        "reference": str(answer.status["reference"]),
        "status": str(answer.status["status"]),
        "ssml": speech.status(answer, lang),
    }


def _officer_identify(contact: ContactEvent) -> Answer:
    from chalicelib import bootstrap as b
    from chalicelib.pages import speech
    from chalicelib.services import ivr

    found = ivr.officer_calling(contact.caller, b.get_directory())
    if found is None:
        return {"outcome": "unknown"}
    return {
        "outcome": "officer",
        "officer_id": found.officer.officer_id,
        "officer_name": found.officer.name,
        "posts": " ".join(found.posts),
        "ssml": speech.officer_greeting(found.officer.name, contact.lang),
    }


def _officer_pending(contact: ContactEvent) -> Answer:
    from chalicelib import bootstrap as b
    from chalicelib.pages import speech
    from chalicelib.services import ivr

    officer = contact.get("officer_id")
    if not officer:
        return {"outcome": "unknown"}
    p = ivr.officer_pending(officer, b.desk())
    return {"outcome": "ok", "pending": str(p.count), "ssml": speech.pending(p, contact.lang)}


def _officer_reference(contact: ContactEvent) -> Answer:
    from chalicelib import bootstrap as b
    from chalicelib.domain.reference import InvalidReference
    from chalicelib.pages import speech
    from chalicelib.services import ivr

    officer, entered, lang = contact.get("officer_id"), contact.get("reference"), contact.lang
    if not officer:
        return {"outcome": "unknown", "ssml": speech.officer_reference_refused(lang, False)}
    if not entered or entered == NO_INPUT:
        return {"outcome": "no_input", "ssml": speech.entered_wrong("", lang)}
    try:
        ok = ivr.officer_reference(officer, entered, b.desk())
    except InvalidReference:
        return {"outcome": "bad_reference", "ssml": speech.entered_wrong(entered, lang)}
    except NotFound:
        return {"outcome": "not_theirs", "ssml": speech.officer_reference_refused(lang, False)}
    except Conflict:
        return {"outcome": "not_pending", "ssml": speech.officer_reference_refused(lang, True)}
    return {
        "outcome": "ok",
        "reference": ok.reference,
        "lapsed": "true" if ok.lapsed else "false",
        "acting_level": str(ok.level),
        "ssml": speech.officer_reference_ok(ok.reference, ok.lapsed, lang),
    }


def _officer_link_again(contact: ContactEvent) -> Answer:
    from chalicelib import bootstrap as b
    from chalicelib.services import ivr

    outcome = ivr.link_again(
        contact.get("reference"), contact.caller, contact.contact_id, b.reactor(), b.get_directory()
    )
    return {"outcome": outcome}


@bp.lambda_function(name="connect_callers_complaints")
def connect_callers_complaints(event: dict[str, Any], context: Any) -> Answer:
    """181: the complaints filed from the calling number (the latest is offered first)."""
    return answered("callers_complaints", _callers_complaints)(event, context)


@bp.lambda_function(name="connect_complaint_status")
def connect_complaint_status(event: dict[str, Any], context: Any) -> Answer:
    """181: a complaint's status by its reference (`reference` parameter)."""
    return answered("complaint_status", _complaint_status)(event, context)


@bp.lambda_function(name="connect_officer_identify")
def connect_officer_identify(event: dict[str, Any], context: Any) -> Answer:
    """1800-2330-183: the officer holding a post today whose mobile is calling."""
    return answered("officer_identify", _officer_identify)(event, context)


@bp.lambda_function(name="connect_officer_pending")
def connect_officer_pending(event: dict[str, Any], context: Any) -> Answer:
    """1800-2330-183: how many complaints wait on the officer's posts, the three most urgent."""
    return answered("officer_pending", _officer_pending)(event, context)


@bp.lambda_function(name="connect_officer_reference")
def connect_officer_reference(event: dict[str, Any], context: Any) -> Answer:
    """1800-2330-183: a complaint the officer wants to record an action on (theirs, or lapsed from theirs)."""
    return answered("officer_reference", _officer_reference)(event, context)


@bp.lambda_function(name="connect_officer_link_again")
def connect_officer_link_again(event: dict[str, Any], context: Any) -> Answer:
    """The officer's notification call: the SMS with the complaint's link, sent again to the number called."""
    return answered("officer_link_again", _officer_link_again)(event, context)
