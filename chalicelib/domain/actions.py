"""What officers and citizens do to a complaint (R-REASONS, R-TRANSFER, R-SATISFACTION,
R-DISPUTE, R-LATE-UPDATE): validation and the resulting state, as pure functions."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from chalicelib.domain import history as h
from chalicelib.domain.complaint import CLOSED, OPEN, RESOLVED, Complaint, assignment_id, assignment_number
from chalicelib.domain.errors import Conflict, InvalidInput
from chalicelib.domain.text import Text

ACTIONS = ("interim", "resolve", "transfer", "final_decision")
ACTION_FIELDS = {"action", "remarks", "rule_reference", "letter_no", "letter_date", "to_department", "version"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
REQUIRED_TEXT = {
    "remarks": Text("आवश्यक: कारण/की गई कार्रवाई पूर्ण रूप में", "required: the reason or action taken, in full"),
    "rule_reference": Text("आवश्यक: लागू नियम", "required: the applicable rule"),
    "to_department": Text("आवश्यक: सही विभाग", "required: the right department"),
}
REQUIRED = {
    "interim": ("remarks",),
    "resolve": ("remarks", "rule_reference"),
    "transfer": ("remarks", "to_department"),
    "final_decision": ("remarks", "rule_reference"),
}


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
    if not isinstance(body, dict):
        raise InvalidInput({"body": Text("JSON ऑब्जेक्ट अपेक्षित", "JSON object expected")})
    errors = {k: Text("अज्ञात फ़ील्ड", "unknown field") for k in sorted(set(body) - ACTION_FIELDS)}
    kind: Any = body.get("action")
    if kind not in ACTIONS:
        errors["action"] = Text(f"इनमें से एक: {', '.join(ACTIONS)}", f"one of {', '.join(ACTIONS)}")
    for k in REQUIRED.get(kind, ()):
        v = body.get(k)
        if not isinstance(v, str) or not v.strip():
            errors[k] = REQUIRED_TEXT[k]
    letter_no, letter_date = body.get("letter_no"), body.get("letter_date")
    if bool(letter_no) != bool(letter_date):
        errors["letter_date" if letter_no else "letter_no"] = Text(
            "पत्र क्रमांक और दिनांक दोनों", "both letter number and date"
        )
    if letter_date and (not isinstance(letter_date, str) or not DATE.match(letter_date)):
        errors["letter_date"] = Text("दिनांक YYYY-MM-DD", "a date YYYY-MM-DD")
    version = body.get("version")
    if version is not None and not isinstance(version, int):
        errors["version"] = Text("पूर्णांक", "an integer")
    if isinstance(body.get("remarks"), str) and len(body["remarks"]) > 4000:
        errors["remarks"] = Text("अधिकतम 4000 अक्षर", "at most 4000 characters")
    if errors:
        raise InvalidInput(errors)
    return Action(
        kind,
        body["remarks"].strip(),
        body.get("rule_reference"),
        letter_no,
        letter_date,
        body.get("to_department"),
        version,
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
