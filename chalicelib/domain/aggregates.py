"""Report counters (R-LISTED, R-OFFICER-SCORE, ARCHITECTURE 5): which counters one history entry moves.

A counter belongs to a `Side`: district x department x level x post (the department the
complaint was with at that moment, not the post's). `pending` counts complaints waiting
for an officer, so per post it equals the post's inbox: +1 on registration, reopening,
transfer in and escalation in; -1 on resolution, transfer out, escalation out and the
L3 officer's final decision (a satisfied closure follows a resolution: already counted).
Disposals are credited to the post that acted (a late action by a lapsed lower level
included, never in time); satisfaction to the post whose resolution the citizen judged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from chalicelib.domain import history as h
from chalicelib.domain.calendar import IST
from chalicelib.domain.history import Entry

COUNTERS = (
    "received",
    "assigned",
    "disposed",
    "disposed_in_time",
    "satisfied",
    "satisfied_in_time",
    "dissatisfied",
    "force_closed",
    "escalated",
    "overdue",
    "transferred_in",
    "transferred_out",
    "pending",
)


@dataclass(frozen=True)
class Side:
    district: str
    department: str
    level: int
    post: str


@dataclass(frozen=True)
class Delta:
    side: Side
    counter: str
    n: int = 1


@dataclass(frozen=True)
class Facts:
    """What the complaint item says now (the history says what it was)."""

    district: str
    department: str
    assignment_id: str
    due_at: str


def month_of(at: str) -> str:
    """The IST month (YYYY-MM) an instant falls in: reports follow the Indian calendar."""
    return datetime.fromisoformat(at).astimezone(IST).strftime("%Y-%m")


def _before(version: int, history: list[Entry]) -> Entry | None:
    earlier = [e for e in history if e.version < version]
    return max(earlier, key=lambda e: e.version) if earlier else None


def department_at(version: int, history: list[Entry], now: str) -> str:
    """The department at `version`: the last transfer up to it decides; else the first
    transfer after it tells where it came from; else it never moved."""
    moves = sorted((e for e in history if e.event == h.TRANSFERRED), key=lambda e: e.version)
    done = [e for e in moves if e.version <= version]
    if done:
        return str(done[-1].details["to_department"])
    return str(moves[0].details["from_department"]) if moves else now


def assignment_due(
    assignment: str, history: list[Entry], facts: Facts, fallback: Callable[[str], str] | None = None
) -> str | None:
    """An assignment's deadline from the (immutable) history when it says so; else the
    complaint's, if still on it; else `fallback(start instant)` (the calendar)."""
    for e in history:
        if e.assignment_id == assignment and e.event in h.NEW_ASSIGNMENT and e.details.get("due_at"):
            return str(e.details["due_at"])
        if e.details.get("lapsed_assignment") == assignment and e.details.get("lapsed_due_at"):
            return str(e.details["lapsed_due_at"])
    if facts.assignment_id == assignment:
        return facts.due_at
    start = next((e for e in history if e.assignment_id == assignment and e.event in h.NEW_ASSIGNMENT), None)
    return fallback(start.at) if fallback and start else None


def in_time(resolved: Entry, history: list[Entry], facts: Facts, fallback: Callable[[str], str] | None = None) -> bool:
    """Resolved by the responsible level at or before its assignment's deadline."""
    if resolved.details.get("late"):
        return False
    due = assignment_due(resolved.assignment_id, history, facts, fallback)
    return due is not None and datetime.fromisoformat(resolved.at) <= datetime.fromisoformat(due)


def _acting(e: Entry, district: str, dept: str) -> Side:
    level = int(e.details.get("acting_level") or e.level)
    return Side(district, dept, level, str(e.details.get("acting_post") or e.post_id))


def deltas(
    entry: Entry, history: list[Entry], facts: Facts, fallback: Callable[[str], str] | None = None
) -> list[Delta]:
    """The counter changes of one history entry (pure: same input, same output)."""
    d = facts.district
    dept = department_at(entry.version, history, facts.department)
    here = Side(d, dept, entry.level, entry.post_id)
    ev = entry.event
    if ev == h.REGISTERED:
        return [Delta(here, "received"), Delta(here, "assigned"), Delta(here, "pending")]
    if ev == h.ESCALATED:
        lapsed = Side(
            d,
            dept,
            int(entry.details.get("lapsed_level") or entry.level - 1),
            str(entry.details.get("lapsed_post") or entry.post_id),
        )
        return [
            Delta(lapsed, "escalated"),
            Delta(lapsed, "pending", -1),
            Delta(here, "assigned"),
            Delta(here, "pending"),
        ]
    if ev == h.OVERDUE:
        return [Delta(here, "overdue")]
    if ev == h.TRANSFERRED:
        prev = _before(entry.version, history)
        from_dept = str(entry.details.get("from_department") or dept)
        gone = Side(d, from_dept, prev.level, prev.post_id) if prev else Side(d, from_dept, 1, entry.post_id)
        return [
            Delta(gone, "transferred_out"),
            Delta(gone, "pending", -1),
            Delta(here, "transferred_in"),
            Delta(here, "assigned"),
            Delta(here, "pending"),
        ]
    if ev == h.RESOLVED:
        out = [Delta(here, "pending", -1), Delta(_acting(entry, d, dept), "disposed")]
        if in_time(entry, history, facts, fallback):
            out.append(Delta(_acting(entry, d, dept), "disposed_in_time"))
        return out
    if ev in (h.CLOSED, h.REOPENED):
        return _judged(entry, history, facts, fallback, here)
    if ev == h.FINAL_DECISION:
        return [Delta(here, "force_closed"), Delta(here, "pending", -1)]
    return []  # interim, reminder: no counter moves


def _judged(
    entry: Entry, history: list[Entry], facts: Facts, fallback: Callable[[str], str] | None, here: Side
) -> list[Delta]:
    """The citizen's answer counts for the post whose resolution was judged."""
    resolutions = [e for e in history if e.event == h.RESOLVED and e.version < entry.version]
    res = max(resolutions, key=lambda e: e.version) if resolutions else None
    judged = _acting(res, facts.district, department_at(res.version, history, facts.department)) if res else here
    if entry.event == h.REOPENED:
        return [Delta(judged, "dissatisfied"), Delta(here, "assigned"), Delta(here, "pending")]
    if entry.details.get("satisfied") is not True:
        return []
    out = [Delta(judged, "satisfied")]
    if res is not None and in_time(res, history, facts, fallback):
        out.append(Delta(judged, "satisfied_in_time"))
    return out


def totals(ds: list[Delta]) -> dict[tuple[Side, str], int]:
    """Sums deltas per side and counter (zeros dropped)."""
    out: dict[tuple[Side, str], int] = {}
    for x in ds:
        out[(x.side, x.counter)] = out.get((x.side, x.counter), 0) + x.n
    return {k: v for k, v in out.items() if v}
