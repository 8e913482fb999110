"""Escalation (R-7WD, R-AUTO-ESC): what happens when a level's 7 working days lapse."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from chalicelib.domain.calendar import WorkingDays
from chalicelib.domain.complaint import Complaint, assignment_id, assignment_number

TOP_LEVEL = 4


@dataclass(frozen=True)
class Step:
    """When the current assignment lapses and where the complaint goes then. `final`
    means there is no level above: the complaint stays, marked overdue."""

    lapses_at: datetime
    final: bool
    level: int
    post_id: str
    assignment_id: str
    due_at: datetime


def next_step(c: Complaint, calendar: WorkingDays) -> Step:
    lapses = datetime.fromisoformat(c.due_at)
    final = c.level >= TOP_LEVEL or c.level >= len(c.chain)
    level = c.level if final else c.level + 1
    post = c.post_id if final else c.chain[level - 1]
    return Step(
        lapses,
        final,
        level,
        post,
        assignment_id(c.reference, assignment_number(c.assignment_id) + 1),
        calendar.deadline(lapses),
    )


def timer_name(c: Complaint) -> str:
    """The assignment id; a replaced timer (deadline recomputed, timer repaired) gets the
    name recorded on the complaint, since execution names are never reused."""
    return timer_of(c, c.assignment_id)


def timer_of(c: Complaint, assignment: str) -> str:
    """The name of the timer that waits on `assignment` of this complaint, current or not:
    the replacement recorded on the complaint when it is that assignment's, else the id."""
    timer = str(c.extra.get("timer") or "")
    return timer if timer.startswith(f"{assignment}.") else assignment
