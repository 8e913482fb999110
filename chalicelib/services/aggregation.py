"""Keeps the report aggregates (ARCHITECTURE 5): each new history item moves its counters once."""

from __future__ import annotations

from datetime import datetime

from chalicelib.clock import iso
from chalicelib.domain import aggregates as agg
from chalicelib.domain import history as h
from chalicelib.domain.calendar import IST
from chalicelib.domain.history import Entry
from chalicelib.services.bundles import Aggregator
from chalicelib.services.report_ports import Disposal


def on_history(entry: Entry, reference: str, deps: Aggregator) -> bool:
    """Applies the entry's counter changes (and, for a resolution, the day's disposal log)
    at once with the entry's marker; False if there was nothing to do or the entry was
    applied before (a redelivered stream record)."""
    c, history = deps.monitoring.complaint_with_history(reference)
    if c is None:
        return False
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
        return False
    return deps.aggregates.apply(reference, entry.version, changes, agg.month_of(entry.at), disposal, deps.clock.now())
