"""Satisfaction callbacks: the dispatcher (every 15 minutes of the calling hours) and the Connect
survey's answer."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from chalice import Blueprint, Cron

from chalicelib.domain.errors import DomainError

if TYPE_CHECKING:
    from chalicelib.events.connect import ContactEvent

bp = Blueprint(__name__)
log = logging.getLogger(__name__)


# Every 15 minutes from 01:00 to 17:45 UTC (06:30–23:15 IST): the calling hours, 07:00–23:00
# IST, and no firing in the night, when nobody may be called and the dispatcher would do nothing.
@bp.schedule(Cron("0/15", "1-17", "*", "*", "?", "*"), name="dispatch_callbacks")
def dispatch_callbacks(event: Any) -> dict[str, int]:
    from chalicelib import bootstrap as b
    from chalicelib.services import callbacks

    deps = b.callbacks()
    out = callbacks.dispatch(deps.clock.now(), deps)
    log.info("satisfaction callbacks: %s", out)
    return out


def _survey_answer(contact: ContactEvent) -> dict[str, str]:
    from chalicelib import bootstrap as b
    from chalicelib.domain.actor import SURVEY, Caller
    from chalicelib.services import actions

    answer, reference = contact.get("answer"), contact.get("reference")
    if answer not in ("1", "2"):
        return {"status": "invalid_answer"}
    try:
        actions.record_satisfaction(Caller(SURVEY, reference), reference, {"satisfied": answer == "1"}, b.desk())
    except DomainError as exc:
        return {"status": "not_recorded", "reason": exc.en}
    return {"status": "recorded"}


@bp.lambda_function(name="connect_survey_answer")
def connect_survey_answer(event: dict[str, Any], context: Any) -> dict[str, str]:
    """Invoked by the survey's Connect contact flow with the keypress: 1 satisfied, 2 not.
    Logged as every Connect Lambda is: the contact id and the outcome, never the reference."""
    from chalicelib.events.connect import answered

    return answered("survey_answer", _survey_answer, outcome="status")(event, context)
