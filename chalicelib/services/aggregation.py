"""Keeps the report aggregates (ARCHITECTURE 5): each new history item moves its counters once."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from chalicelib.clock import iso
from chalicelib.domain import aggregates as agg
from chalicelib.domain import history as h
from chalicelib.domain.calendar import IST
from chalicelib.domain.history import Entry


def on_history(entry: Entry, reference: str, deps: Any) -> bool:
    """Applies the entry's counter changes (and, for a resolution, the day's disposal log)
    in one transaction with the entry's marker; False if there was nothing to do or the
    entry was applied before (a redelivered stream record)."""
    c, history = deps.read(reference)
    if c is None:
        return False
    if all(e.version != entry.version for e in history):
        history = [*history, entry]
    facts = agg.Facts(c.district, c.department, c.assignment_id, c.due_at)

    def deadline(start: str) -> str:
        return iso(deps.calendar.deadline(datetime.fromisoformat(start)))

    changes = agg.totals(agg.deltas(entry, history, facts, deadline))
    records = []
    if entry.event == h.RESOLVED and c.category != "corruption":
        # Corruption complainants are never put on a call list (their identity is protected).
        day = datetime.fromisoformat(entry.at).astimezone(IST).date().isoformat()
        dept = agg.department_at(entry.version, history, c.department)
        records = deps.disposal_records(day, reference, c.district, dept, deps.clock.now())
    if not changes and not records:
        return False
    cells = deps.rollup(changes, agg.month_of(entry.at))
    return bool(deps.aggregates.apply(reference, entry.version, cells, records, deps.clock.now()))


def deps_from_bootstrap() -> Any:
    from types import SimpleNamespace

    from chalicelib import bootstrap as b
    from chalicelib.adapters.dynamo import aggregates_repo, monitoring_repo

    return SimpleNamespace(read=monitoring_repo.complaint_with_history, aggregates=aggregates_repo.DynamoAggregates(),
                           rollup=aggregates_repo.rollup, disposal_records=monitoring_repo.disposal_records,
                           calendar=b.get_calendar(), clock=b.get_clock())
