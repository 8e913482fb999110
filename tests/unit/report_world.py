"""A small state for report service tests, all in memory: two divisions, four districts, three
departments, officers on posts, complaints, and the report stores of tests/fakes/reports.py.

`Places` and `Inboxes` stand in for the directory and the complaints store with only what the
report services read (the shared fakes of those ports can replace them).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from chalicelib.clock import ManualClock, iso
from chalicelib.domain.aggregates import Side
from chalicelib.domain.complaint import CLOSED, OPEN, STATE_GOVT, Complaint
from chalicelib.domain.directory import Officer, Place, Posting
from chalicelib.domain.reference import new_reference
from chalicelib.services.ports import ComplaintsStore, Directory
from chalicelib.services.report_ports import Reports, ReportSchedules
from tests.fakes.reports import FakeAggregates, FakeMonitoring, fake_reports

# Monday 23 November 2026, 10:30 IST.
NOW = datetime(2026, 11, 23, 5, 0, tzinfo=UTC)
DIVISIONS = [Place("BHOPAL", "भोपाल", "Bhopal"), Place("INDORE", "इंदौर", "Indore")]
DISTRICTS = [Place("SEHORE", "सीहोर", "Sehore", "BHOPAL"), Place("RAISEN", "रायसेन", "Raisen", "BHOPAL"),
             Place("INDORE", "इंदौर", "Indore", "INDORE"), Place("DHAR", "धार", "Dhar", "INDORE")]
DEPARTMENTS = [Place("REVENUE", "राजस्व विभाग", "Revenue Department"),
               Place("HEALTH", "स्वास्थ्य विभाग", "Health Department"),
               Place("ENERGY", "ऊर्जा विभाग", "Energy Department")]


class Places:
    """The directory as the reports read it: places, officers, current postings."""

    def __init__(self) -> None:
        self.officers: dict[str, Officer] = {}
        self.postings: list[Posting] = []

    def divisions(self) -> list[Place]:
        return list(DIVISIONS)

    def districts(self) -> list[Place]:
        return list(DISTRICTS)

    def departments(self) -> list[Place]:
        return list(DEPARTMENTS)

    def district(self, code: str) -> Place | None:
        return next((d for d in DISTRICTS if d.code == code), None)

    def department(self, code: str) -> Place | None:
        return next((d for d in DEPARTMENTS if d.code == code), None)

    def officer(self, officer_id: str) -> Officer | None:
        return self.officers.get(officer_id)

    def current_holders(self, post_id: str) -> list[Posting]:
        return [p for p in self.postings if p.post_id == post_id and p.current]

    def posts_held(self, officer_id: str) -> list[str]:
        return [p.post_id for p in self.postings if p.officer_id == officer_id and p.current]

    def hold(self, officer_id: str, *posts: str, mobile: str = "+919800000000", name: str | None = None) -> None:
        self.officers[officer_id] = Officer(officer_id, name or f"अधिकारी {officer_id}", "test", mobile)
        self.postings += [Posting(p, officer_id, "regular", "2026-01-01T00:00:00+00:00") for p in posts]


class Inboxes:
    """The complaints store as the reports read it: inboxes and lists, a page at a time."""

    def __init__(self) -> None:
        self.complaints: dict[str, Complaint] = {}
        self.pages: list[tuple[str, int]] = []

    def add(self, c: Complaint) -> Complaint:
        self.complaints[c.reference] = c
        return c

    @staticmethod
    def _page(found: list[Complaint], limit: int, cursor: dict[str, Any] | None
              ) -> tuple[list[Complaint], dict[str, Any] | None]:
        start = int((cursor or {}).get("at", 0))
        page = found[start:start + limit]
        return page, ({"at": start + limit} if start + limit < len(found) else None)

    def inbox(self, post_id: str, limit: int = 50, cursor: dict[str, Any] | None = None
              ) -> tuple[list[Complaint], dict[str, Any] | None]:
        self.pages.append((post_id, limit))
        found = sorted((c for c in self.complaints.values() if c.post_id == post_id and c.status in (OPEN, STATE_GOVT)),
                       key=lambda c: (c.due_at, c.reference))
        return self._page(found, limit, cursor)

    def listing(self, by: str, key: str, categories: tuple[str, ...], cursor: dict[str, Any] | None,
                limit: int = 50) -> tuple[list[Complaint], dict[str, Any] | None]:
        found = sorted((c for c in self.complaints.values() if getattr(c, by) == key and c.category in categories),
                       key=lambda c: c.registered_at, reverse=True)
        return self._page(found, limit, cursor)


@dataclass
class Queue:
    jobs: list[list[dict[str, Any]]] = field(default_factory=list)

    def put(self, jobs: list[dict[str, Any]]) -> None:
        self.jobs.append(list(jobs))


class World:
    def __init__(self, carries_department: bool = False) -> None:
        self.clock = ManualClock(NOW)
        self.places = Places()
        self.inboxes = Inboxes()
        self.queue = Queue()
        self.aggregates: FakeAggregates
        self.monitoring: FakeMonitoring
        self.aggregates, self.monitoring = fake_reports(carries_department)
        # The stand-ins have only what the reports read of those ports.
        self.reports = Reports(directory=cast(Directory, self.places), aggregates=self.aggregates,
                               monitoring=self.monitoring, complaints=cast(ComplaintsStore, self.inboxes),
                               clock=self.clock)
        self.schedules = ReportSchedules(self.reports, self.queue, "https://cmh.example", "seed")

    # ---- counters ------------------------------------------------------------------------
    def count(self, month: str, district: str, department: str = "REVENUE", level: int = 1,
              post: str | None = None, **counts: int) -> None:
        """Moves counters as one history item would (month and ALL)."""
        side = Side(district, department, level, post or f"{department}:L{level}:{district}-B1")
        assert self.aggregates.apply(new_reference(), 1, {(side, k): n for k, n in counts.items()}, month, None,
                                     self.clock.now())

    # ---- complaints ----------------------------------------------------------------------
    def complaint(self, district: str = "SEHORE", department: str = "REVENUE", days_old: float = 1,
                  status: str = OPEN, post: str | None = None, due_in_days: float = 5, **kw: Any) -> Complaint:
        ref = new_reference()
        at = self.clock.now() - timedelta(days=days_old)
        post = post or f"{department}:L1:{district}-B1"
        due = self.clock.now() + timedelta(days=due_in_days)
        c = Complaint(ref, 1, kw.pop("category", "complaint"), department, district, f"{district}-B1", status, 1,
                      [post], "standard", post, f"{ref}-1", iso(at), iso(due), iso(at), "web",
                      kw.pop("mobile", "+919999999999"), kw.pop("name", "रमेश"), "विषय", "विवरण", **kw)
        self.inboxes.add(c)
        self.monitoring.put_complaint(c)
        return c

    def close(self, c: Complaint) -> Complaint:
        closed = replace(c, status=CLOSED)
        self.inboxes.add(closed)
        self.monitoring.put_complaint(closed)
        return closed


def refs(rows: Iterable[dict[str, Any]]) -> list[str]:
    return [r["reference"] for r in rows]
