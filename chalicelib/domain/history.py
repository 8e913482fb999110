"""History entries: the append-only record of everything that happened to a complaint."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

REGISTERED = "registered"
ESCALATED = "escalated"
OVERDUE = "overdue"
REMINDER = "reminder"
INTERIM = "interim"
RESOLVED = "resolved"
TRANSFERRED = "transferred"
REOPENED = "reopened"
CLOSED = "closed"
FINAL_DECISION = "final_decision"
DEADLINE_CHANGED = "deadline_changed"
TIMER_REPAIRED = "timer_repaired"
# Events that hand the complaint to a post with a fresh 7-working-day clock.
NEW_ASSIGNMENT = frozenset({REGISTERED, ESCALATED, TRANSFERRED, REOPENED})
# Events after which the assignment's timer must be (re)started.
NEW_TIMER = NEW_ASSIGNMENT | {DEADLINE_CHANGED, TIMER_REPAIRED}


@dataclass(frozen=True)
class Entry:
    version: int
    at: str
    event: str
    level: int
    post_id: str
    assignment_id: str
    actor: str | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def public(self) -> dict[str, Any]:
        return {
            "at": self.at,
            "event": self.event,
            "level": self.level,
            "post": self.post_id,
            "actor": self.actor,
            **self.details,
        }
