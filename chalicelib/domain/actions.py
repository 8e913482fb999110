"""What officers and citizens do to a complaint (R-REASONS, R-TRANSFER, R-SATISFACTION,
R-DISPUTE, R-LATE-UPDATE): validation and the resulting state, as pure functions."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from chalicelib.domain import history as h
from chalicelib.domain import schemas
from chalicelib.domain.complaint import CLOSED, OPEN, RESOLVED, Complaint, assignment_id, assignment_number
from chalicelib.domain.errors import Conflict, InvalidInput
from chalicelib.domain.schemas import ACTIONS
from chalicelib.domain.text import Text

REQUIRED_TEXT = schemas.ActionBody.REQUIRED_TEXT
REQUIRED = {
    "interim": ("remarks",),
    "resolve": ("remarks", "rule_reference"),
    "transfer": ("remarks", "to_department"),
    "final_decision": ("remarks", "rule_reference"),
}
BOTH_LETTER = Text("पत्र क्रमांक और दिनांक दोनों", "both letter number and date")


@dataclass(frozen=True)
class Action:
    kind: str
    remarks: str
    rule_reference: str | None
    letter_no: str | None
    letter_date: str | None
    to_department: str | None
    version: int | None

    def details(self) -> dict[str, Any]:
        d = {
            "remarks": self.remarks,
            "rule_reference": self.rule_reference,
            "letter_no": self.letter_no,
            "letter_date": self.letter_date,
        }
        return {k: v for k, v in d.items() if v}


def parse_action(body: Any) -> Action:
    """Validates an action through `schemas.ActionBody` (known fields, capped texts, a date
    that exists), then what the action needs: a rule for a resolution or a final decision,
    a department for a transfer, a letter's number and date together."""
    action, errors = schemas.attempt(schemas.ActionBody, body)
    if not isinstance(body, dict):
        raise InvalidInput(errors)
    kind: Any = body.get("action")
    for k in REQUIRED.get(kind, ()) if isinstance(kind, str) else ():
        if body.get(k) is None or (action is not None and getattr(action, k) is None):
            errors.setdefault(k, REQUIRED_TEXT[k])
    letter_no, letter_date = body.get("letter_no"), body.get("letter_date")
    if bool(letter_no) != bool(letter_date):
        errors.setdefault("letter_date" if letter_no else "letter_no", BOTH_LETTER)
    if errors or action is None:
        raise InvalidInput(errors)
    return Action(
        action.action,
        action.remarks,
        action.rule_reference,
        action.letter_no,
        action.letter_date,
        action.to_department,
        action.version,
    )


def not_open(c: Complaint) -> Conflict:
    return Conflict(
        f"शिकायत की स्थिति '{c.status}' में यह कार्य संभव नहीं", f"Not possible while the complaint is {c.status}"
    )


def resolved(c: Complaint, at: str, level_acting: int) -> Complaint:
    return replace(
        c, version=c.version + 1, status=RESOLVED, resolved_level=level_acting, extra={**c.extra, "resolved_at": at}
    )


def reassigned(c: Complaint, at: str, due: str, level: int, post: str, **changes: Any) -> Complaint:
    """A new assignment (transfer or reopening): a fresh clock at `post`."""
    n = assignment_number(c.assignment_id) + 1
    return replace(
        c,
        version=c.version + 1,
        status=OPEN,
        level=level,
        post_id=post,
        assignment_id=assignment_id(c.reference, n),
        assigned_at=at,
        due_at=due,
        overdue=False,
        **changes,
    )


def closed(c: Complaint, at: str, how: str) -> Complaint:
    return replace(c, version=c.version + 1, status=CLOSED, extra={**c.extra, "closed_at": at, "closed_by": how})


def reopen_level(c: Complaint) -> int:
    """Not satisfied: to the next senior officer above the level that resolved."""
    return min((c.resolved_level or c.level) + 1, len(c.chain), 4)


def entry_for(c: Complaint, after: Complaint, event: str, at: str, actor: str, **details: Any) -> h.Entry:
    return h.Entry(
        after.version,
        at,
        event,
        after.level,
        after.post_id,
        after.assignment_id,
        actor,
        {k: v for k, v in details.items() if v is not None},
    )


__all__ = ["ACTIONS", "Action", "CLOSED", "OPEN", "RESOLVED", "parse_action"]
