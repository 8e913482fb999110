"""The report ports in memory: `FakeAggregates` (AggregatesStore) and `FakeMonitoring`
(MonitoringStore), sharing one `ReportsMemory` as the two adapters share the ops table
(the aggregates write the disposal log the monitoring store reads). The monitoring store
reads the complaints from a `FakeComplaints` (tests/fakes/stores.py), as its adapter reads
the complaints table.

They keep the adapters' observable behaviour, which tests/integration/test_report_contracts.py
checks against both: a history item applies once; its changes go to the month and to ALL,
per district x department x level, per district and per post; a row whose changes cancel
out is not created; reads come sorted as the adapters' keys sort; the pendency index holds
every complaint not closed; packs are stored as JSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from chalicelib.domain.aggregates import COUNTERS
from chalicelib.domain.complaint import OPEN, STATE_GOVT, Complaint
from chalicelib.domain.history import Entry
from chalicelib.services.report_ports import (
    ALL,
    Applied,
    Changes,
    Counts,
    DepartmentRow,
    Disposal,
    LongPending,
    PostRow,
)
from tests.fakes.stores import FakeComplaints

# Counter rows: ("S", period, district), ("D", period, district, department, level),
# ("P", period, district, post).
RowKey = tuple[Any, ...]


@dataclass
class ReportsMemory:
    rows: dict[RowKey, dict[str, int]] = field(default_factory=dict)
    applied: set[tuple[str, int]] = field(default_factory=set)
    disposals: dict[str, dict[str, Disposal]] = field(default_factory=dict)
    picks: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)
    packs: dict[str, str] = field(default_factory=dict)


def _keys(district: str, department: str, level: int, post: str, period: str) -> list[RowKey]:
    return [("D", period, district, department, level), ("S", period, district), ("P", period, district, post)]


class FakeAggregates:
    """`AggregatesStore` in memory. `calls` counts the reads (a test can check a view reads
    only what it should)."""

    def __init__(self, memory: ReportsMemory | None = None) -> None:
        self.memory = memory if memory is not None else ReportsMemory()
        self.calls: dict[str, int] = {}

    def _count(self, name: str) -> None:
        self.calls[name] = self.calls.get(name, 0) + 1

    def apply(
        self, reference: str, version: int, changes: Changes, month: str, disposal: Disposal | None, now: datetime
    ) -> bool:
        return self.apply_all([Applied(reference, version, changes, month, disposal)], now)[0]

    def apply_all(self, items: Sequence[Applied], now: datetime) -> list[bool]:
        m = self.memory
        done: list[bool] = []
        merged: dict[RowKey, dict[str, int]] = {}
        for item in items:
            if (item.reference, item.version) in m.applied:
                done.append(False)
                continue
            for (side, counter), n in item.changes.items():
                if counter not in COUNTERS:
                    raise ValueError(f"unknown counter {counter}")
                for period in (item.month, ALL):
                    for key in _keys(side.district, side.department, side.level, side.post, period):
                        acc = merged.setdefault(key, {})
                        acc[counter] = acc.get(counter, 0) + n
            m.applied.add((item.reference, item.version))
            if item.disposal is not None:
                m.disposals.setdefault(item.disposal.day, {})[item.disposal.reference] = item.disposal
            done.append(True)
        for key, counts in merged.items():
            if not any(counts.values()):
                continue  # cancelled out: no row is created
            row = m.rows.setdefault(key, dict.fromkeys(COUNTERS, 0))
            for c, n in counts.items():
                row[c] += n
        return done

    def state_rows(self, period: str) -> dict[str, Counts]:
        self._count("state_rows")
        got = {k[2]: dict(v) for k, v in self.memory.rows.items() if k[0] == "S" and k[1] == period}
        return dict(sorted(got.items()))

    def district_months(self, district: str, months: Sequence[str]) -> dict[str, Counts]:
        self._count("district_months")
        rows = self.memory.rows
        return {m: dict(rows[("S", m, district)]) for m in dict.fromkeys(months) if ("S", m, district) in rows}

    def district_rows(
        self, districts: Sequence[str], period: str, department: str | None = None
    ) -> dict[str, list[DepartmentRow]]:
        self._count("district_rows")
        out: dict[str, list[DepartmentRow]] = {d: [] for d in districts}
        for k, v in self.memory.rows.items():
            if k[0] == "D" and k[1] == period and k[2] in out and (department is None or k[3] == department):
                out[k[2]].append(DepartmentRow(k[3], k[4], dict(v)))
        for rows in out.values():
            rows.sort(key=lambda r: f"{r.department}#L{r.level}")  # as the adapter's sort keys sort
        return out

    def post_rows(
        self, districts: Sequence[str], period: str, department: str | None = None, role: str | None = None
    ) -> dict[str, list[PostRow]]:
        self._count("post_rows")
        out: dict[str, list[PostRow]] = {d: [] for d in districts}
        for k, v in self.memory.rows.items():
            if k[0] != "P" or k[1] != period or k[2] not in out:
                continue
            dept, post_role = (k[3].split(":") + [""])[:2]
            if (department is None or dept == department) and (role is None or post_role == role):
                out[k[2]].append(PostRow(k[3], dict(v)))
        for rows in out.values():
            rows.sort(key=lambda r: r.post)
        return out


class FakeMonitoring:
    """`MonitoringStore` in memory, reading the complaints of `complaints` (a fresh
    `FakeComplaints` if none is given). `carries_department` says whether the pendency
    index gives the department (the adapter's index does not: a batch read does)."""

    def __init__(
        self,
        memory: ReportsMemory | None = None,
        carries_department: bool = False,
        complaints: FakeComplaints | None = None,
    ) -> None:
        self.memory = memory if memory is not None else ReportsMemory()
        self.carries_department = carries_department
        self.table = complaints if complaints is not None else FakeComplaints()
        self.calls: dict[str, int] = {}

    def _count(self, name: str) -> None:
        self.calls[name] = self.calls.get(name, 0) + 1

    # ---- test set-up: what the complaints store would have written ---------------------------
    def put_complaint(self, c: Complaint, history: Iterable[Entry] = ()) -> None:
        self.table.move(c)
        for e in history:
            self.table.append_history(c.reference, e)

    # ---- the port ------------------------------------------------------------------------
    def complaint_with_history(self, reference: str) -> tuple[Complaint | None, list[Entry]]:
        self._count("complaint_with_history")
        return self.table.get(reference), self.table.history(reference)

    def long_pending(self, district: str, registered_before: str) -> list[LongPending]:
        self._count("long_pending")
        found = [
            c
            for c in self.table.items.values()
            if c.district == district and c.status in (OPEN, STATE_GOVT) and c.registered_at < registered_before
        ]
        found.sort(key=lambda c: (c.registered_at, c.reference))
        return [
            LongPending(c.reference, c.registered_at, c.department if self.carries_department else None) for c in found
        ]

    def departments_of(self, references: Iterable[str]) -> dict[str, str]:
        self._count("departments_of")
        cs = self.table.items
        return {r: cs[r].department for r in dict.fromkeys(references) if r in cs}

    def complaints(self, references: Iterable[str]) -> dict[str, Complaint]:
        self._count("complaints")
        cs = self.table.items
        return {r: cs[r] for r in dict.fromkeys(references) if r in cs}

    def disposed(self, day: str) -> list[Disposal]:
        self._count("disposed")
        got = self.memory.disposals.get(day, {})
        return [got[r] for r in sorted(got)]

    def add_pick(self, post: str, day: str, reference: str, kind: str, now: datetime) -> bool:
        key = (post, day, reference)
        if key in self.memory.picks:
            return False
        self.memory.picks[key] = {"kind": kind, "outcome": "to_call"}
        return True

    def picks(self, post: str, day: str) -> list[dict[str, Any]]:
        self._count("picks")
        mine = sorted((k, v) for k, v in self.memory.picks.items() if k[0] == post and k[1] == day)
        return [{"post": post, "day": day, "reference": k[2], **v} for k, v in mine]

    def record_outcome(self, post: str, day: str, reference: str, outcome: Mapping[str, str]) -> bool:
        pick = self.memory.picks.get((post, day, reference))
        if pick is None:
            return False
        pick.update(outcome)
        return True

    def put_pack(self, day: str, pack: dict[str, Any]) -> None:
        self.memory.packs[day] = json.dumps(pack, ensure_ascii=False)

    def pack(self, day: str | None = None) -> dict[str, Any] | None:
        self._count("pack")
        packs = self.memory.packs
        key = day if day else max(packs, default=None)
        text = packs.get(key) if key else None
        return json.loads(text) if text is not None else None


def fake_reports(
    carries_department: bool = False, complaints: FakeComplaints | None = None
) -> tuple[FakeAggregates, FakeMonitoring]:
    """The two stores over one memory (and the monitoring store over `complaints`)."""
    memory = ReportsMemory()
    return FakeAggregates(memory), FakeMonitoring(memory, carries_department, complaints)


if TYPE_CHECKING:  # mypy checks that the fakes are the ports
    from chalicelib.services.report_ports import AggregatesStore, MonitoringStore

    _aggregates: AggregatesStore = FakeAggregates()
    _monitoring: MonitoringStore = FakeMonitoring()
