"""The report ports: the counters the dashboards read (aggregates) and the monitoring records
(disposal log, feedback calls, weekly packs, the complaint-table reads reports need), as
`typing.Protocol`s. The bundles the report handlers are given are in `services.bundles`.

How a store lays out its keys is its own business: a use case asks for "the state's districts
for 2026-11" or "the L1 posts of REVENUE in these districts", never for a partition key.
`chalicelib.adapters.dynamo.aggregates_repo` and `.monitoring_repo` implement them against
DynamoDB; `tests/fakes/reports.py` in memory; `tests/integration/test_report_contracts.py`
runs the same checks against both.

A period is a month (`YYYY-MM`, in IST) or `ALL` (since the beginning). `pending` is a
level, not a flow: only its `ALL` value means "pending now".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple, Protocol

from chalicelib.domain.aggregates import Side
from chalicelib.domain.complaint import Complaint
from chalicelib.domain.history import Entry

ALL = "ALL"
Counts = Mapping[str, int]
"""Every counter of `domain.aggregates.COUNTERS`, 0 when never moved."""
Changes = Mapping[tuple[Side, str], int]
"""One history item's counter changes: (side, counter) -> n (see `domain.aggregates.totals`)."""


@dataclass(frozen=True)
class DepartmentRow:
    """A district's counters for one department at one level."""

    department: str
    level: int
    counts: Counts


@dataclass(frozen=True)
class PostRow:
    """A post's counters in one district (officer scores, the daily digest)."""

    post: str
    counts: Counts


@dataclass(frozen=True)
class Disposal:
    """One line of the day's disposal log (feedback sampling): who was disposed of, where."""

    day: str
    reference: str
    district: str
    department: str


@dataclass(frozen=True)
class Applied:
    """One history item's counter changes (and its disposal-log line), to apply once."""

    reference: str
    version: int
    changes: Changes
    month: str
    disposal: Disposal | None = None


class LongPending(NamedTuple):
    """An open complaint's entry in the district's pendency index."""

    reference: str
    registered_at: str
    department: str | None
    """Only when the index carries it; else `MonitoringStore.departments_of` says."""


class AggregatesStore(Protocol):
    """Report counters per district x department x level, per post, and per district, for
    each month and for all time; each history item moves them once."""

    def apply(
        self, reference: str, version: int, changes: Changes, month: str, disposal: Disposal | None, now: datetime
    ) -> bool:
        """Adds `changes` to the month's and the all-time counters of every side they name
        (its district x department x level, the district, the post) and logs `disposal`, all
        at once, once per (reference, version): False, and nothing written, if that history
        item was applied before. A counter row whose changes cancel out is not created."""
        ...

    def apply_all(self, items: Sequence[Applied], now: datetime) -> list[bool]:
        """As `apply` for each item in turn (True: applied now; False: applied before, and
        nothing of it written), in as few writes as the store can: items that move the same
        counter row move it once, so a row whose changes cancel out across the items is not
        created either."""
        ...

    def state_rows(self, period: str) -> dict[str, Counts]:
        """district -> its counters, for every district that has any."""
        ...

    def district_months(self, district: str, months: Sequence[str]) -> dict[str, Counts]:
        """month -> the district's counters that month; months without any are left out."""
        ...

    def district_rows(
        self, districts: Sequence[str], period: str, department: str | None = None
    ) -> dict[str, list[DepartmentRow]]:
        """Each asked district (always a key, perhaps with no rows) -> its department x level
        rows, only `department`'s if given, by department then level."""
        ...

    def post_rows(
        self, districts: Sequence[str], period: str, department: str | None = None, role: str | None = None
    ) -> dict[str, list[PostRow]]:
        """Each asked district (always a key) -> its posts' rows, by post id; only the posts of
        `department` (and of `role`, e.g. "L1", if given)."""
        ...


class MonitoringStore(Protocol):
    """What reports read besides counters, and the records monitoring keeps."""

    # ---- the complaints, as reports read them ------------------------------------------
    def complaint_with_history(self, reference: str) -> tuple[Complaint | None, list[Entry]]:
        """The complaint and its history items as they are now (a consistent read)."""
        ...

    def long_pending(self, district: str, registered_before: str) -> list[LongPending]:
        """The district's complaints not yet closed, registered before the instant, oldest
        first (every one of them: the store pages through)."""
        ...

    def departments_of(self, references: Iterable[str]) -> dict[str, str]:
        """reference -> department, for those that exist."""
        ...

    def complaints(self, references: Iterable[str]) -> dict[str, Complaint]:
        """reference -> complaint, for those that exist."""
        ...

    # ---- the daily disposal log (written by `AggregatesStore.apply`) ----------------------
    def disposed(self, day: str) -> list[Disposal]:
        """The day's disposals (IST date), in reference order."""
        ...

    # ---- feedback calls (R-FEEDBACK-SAMPLING) --------------------------------------------
    def add_pick(self, post: str, day: str, reference: str, kind: str, now: datetime) -> bool:
        """A complainant for the post to call that day (outcome "to_call"); False, keeping what
        was recorded, if already picked."""
        ...

    def picks(self, post: str, day: str) -> list[dict[str, Any]]:
        """The post's calls of the day, in reference order: post, day, reference, kind,
        outcome, and remarks/by/at once recorded."""
        ...

    def record_outcome(self, post: str, day: str, reference: str, outcome: Mapping[str, str]) -> bool:
        """Merges `outcome` into an existing pick; False if there is no such pick."""
        ...

    # ---- weekly review packs (R-WEEKLY) ---------------------------------------------------
    def put_pack(self, day: str, pack: dict[str, Any]) -> None:
        """Stores (or replaces) the pack of the week starting `day`."""
        ...

    def pack(self, day: str | None = None) -> dict[str, Any] | None:
        """The pack of `day`, or the latest stored; None if there is none."""
        ...
