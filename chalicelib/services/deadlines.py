"""Deadlines that must move: a holiday added or removed in the gazette list (R-7WD), and
timers that did not fire (the daily reconciler). Both read the sparse `due_by_district`
index one district at a time, never the whole table, and replace the timer by writing
the change (with its history item); the reactor then stops the old execution and starts
the new one."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta
from typing import Any

from chalicelib.clock import iso
from chalicelib.domain import history as h
from chalicelib.domain import schemas
from chalicelib.domain.calendar import IST, YearCalendar
from chalicelib.domain.complaint import OPEN, STATE_GOVT, Complaint
from chalicelib.domain.errors import Conflict, InvalidInput
from chalicelib.domain.escalation import timer_name
from chalicelib.domain.text import Text
from chalicelib.services.ports import Calendar, Clock, ComplaintsStore, Timers

ACTIVE = (OPEN, STATE_GOVT)
GRACE = timedelta(hours=1)
# Processing latency (a stream record on its way, a timer being started) is real time: on a
# local stack whose day lasts seconds, an hour of system time is gone before a record is read.
REAL_GRACE = timedelta(seconds=30)


def parse_year(year: int, data: Any) -> YearCalendar:
    """The year's calendar out of `schemas.CalendarYear`; holidays of another year, or a
    `year` other than the path's, are bad input."""
    cal = schemas.check(schemas.CalendarYear, data)
    if cal.year is not None and cal.year != year:
        raise InvalidInput({"year": Text(f"पथ का वर्ष {year}", f"the path's year, {year}")})
    stray = sorted(d for d in cal.holidays if not d.startswith(f"{year:04d}-"))
    if stray:
        raise InvalidInput({"holidays": Text(f"केवल {year} की तिथियाँ: {stray[0]}", f"only dates of {year}: {stray[0]}")})
    return YearCalendar.from_data({"year": year, "weekly_off": cal.weekly_off, "holidays": cal.holidays})


def changed_from(old: YearCalendar, new: YearCalendar) -> datetime | None:
    """The first day whose working/non-working status differs (UTC instant of IST midnight)."""
    day = datetime(new.year, 1, 1).date()
    while day.year == new.year:
        if old.is_working_day(day) != new.is_working_day(day):
            return datetime.combine(day, time(0), IST)
        day += timedelta(days=1)
    return None


def _with_timer(c: Complaint, due: str, version: int) -> Complaint:
    return replace(c, version=version, due_at=due, extra={**c.extra, "timer": f"{c.assignment_id}.v{version}"})


def _replace_timer(c: Complaint, due: str, event: str, at: str, complaints: ComplaintsStore) -> bool:
    after = _with_timer(c, due, c.version + 1)
    entry = h.Entry(
        after.version,
        at,
        event,
        c.level,
        c.post_id,
        c.assignment_id,
        "system",
        {"previous_due_at": c.due_at, "due_at": due, "previous_timer": timer_name(c)},
    )
    try:
        complaints.update(c, after, entry)
        return True
    except Conflict:  # someone acted meanwhile: that change started its own timer
        return False


def recompute_district(
    district: str, since: datetime, complaints: ComplaintsStore, calendar: Calendar, clock: Clock
) -> dict[str, int]:
    """New deadlines for the district's waiting complaints whose deadline is on or after
    the first changed day."""
    seen = moved = 0
    for ref in complaints.due_since(district, iso(since)):
        c = complaints.get(ref)
        if c is None or c.status not in ACTIVE or c.overdue:
            continue
        seen += 1
        due = iso(calendar.deadline(datetime.fromisoformat(c.assigned_at)))
        if due != c.due_at and _replace_timer(c, due, h.DEADLINE_CHANGED, iso(clock.now()), complaints):
            moved += 1
    return {"checked": seen, "moved": moved}


def reconcile_district(district: str, complaints: ComplaintsStore, timers: Timers, clock: Clock) -> dict[str, int]:
    """Waiting complaints whose deadline passed over an hour ago (and 30 real seconds) yet
    are still on that assignment have lost their timer (a start that failed, an execution
    that died): each gets a new one, which escalates at once."""
    now = clock.now()
    seen = repaired = 0
    for ref in complaints.due_before(district, iso(now - max(GRACE, clock.span(REAL_GRACE)))):
        c = complaints.get(ref)
        if c is None or c.status not in ACTIVE or c.overdue:
            continue
        seen += 1
        if timers.running(timer_name(c)):
            continue
        if _replace_timer(c, c.due_at, h.TIMER_REPAIRED, iso(now), complaints):
            repaired += 1
    return {"lapsed": seen, "repaired": repaired}
