"""A small state for report service tests, all in memory: two divisions, four districts, three
departments (small enough to write every figure out), officers on posts, complaints, and the
report stores of tests/fakes/reports.py over the shared fakes of the directory and the
complaints (tests/fakes/stores.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from chalicelib.clock import ManualClock, iso
from chalicelib.domain.aggregates import Side
from chalicelib.domain.complaint import CLOSED, OPEN, Complaint
from chalicelib.domain.directory import Officer, Place, Posting
from chalicelib.domain.reference import new_reference
from chalicelib.services.bundles import Reports, ReportSchedules
from tests.fakes.outside import FakeQueue
from tests.fakes.reports import FakeAggregates, FakeMonitoring, fake_reports
from tests.fakes.stores import Cursor, FakeComplaints, FakeDirectory

# Monday 23 November 2026, 10:30 IST.
NOW = datetime(2026, 11, 23, 5, 0, tzinfo=UTC)
DIVISIONS = [Place("BHOPAL", "भोपाल", "Bhopal"), Place("INDORE", "इंदौर", "Indore")]
DISTRICTS = [
    Place("DHAR", "धार", "Dhar", "INDORE"),
    Place("INDORE", "इंदौर", "Indore", "INDORE"),
    Place("RAISEN", "रायसेन", "Raisen", "BHOPAL"),
    Place("SEHORE", "सीहोर", "Sehore", "BHOPAL"),
]
DEPARTMENTS = [
    Place("ENERGY", "ऊर्जा विभाग", "Energy Department"),
    Place("HEALTH", "स्वास्थ्य विभाग", "Health Department"),
    Place("REVENUE", "राजस्व विभाग", "Revenue Department"),
]


def small_directory() -> FakeDirectory:
    d = FakeDirectory()
    for kind, places in (("DIVISION", DIVISIONS), ("DISTRICT", DISTRICTS), ("DEPARTMENT", DEPARTMENTS)):
        d.put_places(kind, places)
    return d


class Complaints(FakeComplaints):
    """The shared fake, noting each inbox page asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.pages: list[tuple[str, int]] = []

    def inbox(
        self, post_id: str, limit: int = 50, cursor: Cursor | None = None
    ) -> tuple[list[Complaint], Cursor | None]:
        self.pages.append((post_id, limit))
        return super().inbox(post_id, limit, cursor)


class World:
    def __init__(self, carries_department: bool = False) -> None:
        self.clock = ManualClock(NOW)
        self.directory = small_directory()
        self.complaints = Complaints()
        self.queue = FakeQueue()
        self.aggregates: FakeAggregates
        self.monitoring: FakeMonitoring
        self.aggregates, self.monitoring = fake_reports(carries_department, self.complaints)
        self.reports = Reports(
            directory=self.directory,
            aggregates=self.aggregates,
            monitoring=self.monitoring,
            complaints=self.complaints,
            clock=self.clock,
            cursor_key="report-world-cursor-key",
        )
        self.schedules = ReportSchedules(self.reports, self.queue, "https://cmh.example", "seed")

    def hold(
        self, officer_id: str, *posts: str, mobile: str = "+919800000000", name: str | None = None, lang: str = "hi"
    ) -> None:
        """The officer holds the posts (regular charge, since January)."""
        self.directory.put_officers([Officer(officer_id, name or f"अधिकारी {officer_id}", "test", mobile, lang=lang)])
        self.directory.put_postings([Posting(p, officer_id, "regular", "2026-01-01T00:00:00+00:00") for p in posts])

    # ---- counters ------------------------------------------------------------------------
    def count(
        self,
        month: str,
        district: str,
        department: str = "REVENUE",
        level: int = 1,
        post: str | None = None,
        **counts: int,
    ) -> None:
        """Moves counters as one history item would (month and ALL)."""
        side = Side(district, department, level, post or f"{department}:L{level}:{district}-B1")
        assert self.aggregates.apply(
            new_reference(), 1, {(side, k): n for k, n in counts.items()}, month, None, self.clock.now()
        )

    # ---- complaints ----------------------------------------------------------------------
    def complaint(
        self,
        district: str = "SEHORE",
        department: str = "REVENUE",
        days_old: float = 1,
        status: str = OPEN,
        post: str | None = None,
        due_in_days: float = 5,
        **kw: Any,
    ) -> Complaint:
        ref = new_reference()
        at = self.clock.now() - timedelta(days=days_old)
        post = post or f"{department}:L1:{district}-B1"
        due = self.clock.now() + timedelta(days=due_in_days)
        c = Complaint(
            ref,
            1,
            kw.pop("category", "complaint"),
            department,
            district,
            f"{district}-B1",
            status,
            1,
            [post],
            "standard",
            post,
            f"{ref}-1",
            iso(at),
            iso(due),
            iso(at),
            "web",
            kw.pop("mobile", "+919999999999"),
            kw.pop("name", "रमेश"),
            "विषय",
            "विवरण",
            **kw,
        )
        self.complaints.move(c)
        return c

    def close(self, c: Complaint) -> Complaint:
        closed = replace(c, status=CLOSED)
        self.complaints.move(closed)
        return closed


def refs(rows: Iterable[dict[str, Any]]) -> list[str]:
    return [r["reference"] for r in rows]
