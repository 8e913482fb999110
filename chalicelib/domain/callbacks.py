"""Satisfaction callbacks (R-SATISFACTION): when to call the citizen after a resolution.

Calls go out only within the call centre's hours, 07:00–23:00 IST (R-CALL-HOURS). An
automated survey that gets no answer is tried again, at most 3 times over 2 working
days; then the complaint is listed for an executive to call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from chalicelib.domain.calendar import IST, WorkingDays

OPENS, CLOSES = time(7, 0), time(23, 0)
MAX_SURVEY_ATTEMPTS = 3


@dataclass(frozen=True)
class Callback:
    """A citizen to call back about a resolution."""

    reference: str
    queue: str  # "auto" (automated survey) | "cce" (an executive calls)
    due: str
    attempts: int


def within_hours(at: datetime) -> bool:
    local = at.astimezone(IST).time()
    return OPENS <= local < CLOSES


def next_attempt(after: datetime, attempt: int, calendar: WorkingDays) -> datetime:
    """Attempts spread over two working days: the same evening, next working morning,
    next working evening (each snapped into calling hours)."""
    gaps = {1: timedelta(hours=4), 2: timedelta(hours=16), 3: timedelta(hours=8)}
    at = after + gaps.get(attempt, timedelta(hours=8))
    local = at.astimezone(IST)
    day = local.date()
    if local.time() >= CLOSES or not calendar.is_working_day(day):
        day = calendar.next_working_day(day)
        return datetime.combine(day, time(10, 0), IST)
    if local.time() < OPENS:
        return datetime.combine(day, time(10, 0), IST)
    return at


def shard(reference: str, shards: int = 8) -> int:
    return int(reference) % shards
