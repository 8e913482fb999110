"""Keeps the report aggregates (ARCHITECTURE 5): each new history item moves its counters once."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from chalicelib.clock import iso
from chalicelib.domain import aggregates as agg
from chalicelib.domain import history as h
from chalicelib.domain.calendar import IST
from chalicelib.domain.complaint import Complaint
from chalicelib.domain.history import Entry
from chalicelib.services.bundles import Aggregator
from chalicelib.services.report_ports import Applied, Disposal


def on_history(entry: Entry, reference: str, deps: Aggregator) -> bool:
    """Applies the entry's counter changes (and, for a resolution, the day's disposal log)
    at once with the entry's marker; False if there was nothing to do or the entry was
    applied before (a redelivered stream record)."""
    return on_histories([(entry, reference)], deps) == [True]


def on_histories(entries: Sequence[tuple[Entry, str]], deps: Aggregator) -> list[bool]:
    """`on_history` for a stream batch's history items at once: each complaint's partition is
    read once, and the counters go in together (`AggregatesStore.apply_all`: the rows the
    items share are written once), each item still applied exactly once."""
    read: dict[str, tuple[Complaint | None, list[Entry]]] = {}
    todo: list[tuple[int, Applied]] = []
    for n, (entry, reference) in enumerate(entries):
        if reference not in read:
            read[reference] = deps.monitoring.complaint_with_history(reference)
        item = _applied(entry, reference, *read[reference], deps)
        if item is not None:
            todo.append((n, item))
    done = [False] * len(entries)
    if todo:
        for (n, _), ok in zip(todo, deps.aggregates.apply_all([a for _, a in todo], deps.clock.now()), strict=True):
            done[n] = ok
    return done


def _applied(
    entry: Entry, reference: str, c: Complaint | None, history: list[Entry], deps: Aggregator
) -> Applied | None:
    """The entry's counter changes and disposal-log line (None: nothing to do)."""
    if c is None:
        return None
    if all(e.version != entry.version for e in history):
        history = [*history, entry]
    facts = agg.Facts(c.district, c.department, c.assignment_id, c.due_at)

    def deadline(start: str) -> str:
        return iso(deps.calendar.deadline(datetime.fromisoformat(start)))

    changes = agg.totals(agg.deltas(entry, history, facts, deadline))
    disposal = None
    if entry.event == h.RESOLVED and c.category != "corruption":
        # Corruption complainants are never put on a call list (their identity is protected).
        day = datetime.fromisoformat(entry.at).astimezone(IST).date().isoformat()
        disposal = Disposal(day, reference, c.district, agg.department_at(entry.version, history, c.department))
    if not changes and disposal is None:
        return None
    return Applied(reference, entry.version, changes, agg.month_of(entry.at), disposal)
