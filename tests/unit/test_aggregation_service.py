"""The aggregator (history items in, counters out) and the calendar admin, on in-memory ports."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest

from chalicelib.clock import ManualClock, iso
from chalicelib.domain.calendar import WorkingDayCalendar, YearCalendar
from chalicelib.domain.complaint import Complaint
from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.history import Entry
from chalicelib.domain.reference import new_reference
from chalicelib.services import aggregation, calendar_admin
from chalicelib.services.bundles import Aggregator
from chalicelib.services.report_ports import ALL, Disposal
from tests.fakes.outside import FakeCalendar, FakeQueue
from tests.fakes.reports import FakeAggregates, FakeMonitoring, fake_reports
from tests.unit.report_world import DISTRICTS, small_directory

NOW = datetime(2026, 11, 23, 5, 0, tzinfo=UTC)
L1, L2 = "REVENUE:L1:SEHORE-B1", "REVENUE:L2:SEHORE"


class Calendar(FakeCalendar):
    """Every day a working day unless stored otherwise; notes its deadlines and stored years."""

    def __init__(self) -> None:
        super().__init__()
        self._cal = WorkingDayCalendar(default=lambda y: YearCalendar(y, frozenset()))
        self.asked: list[datetime] = []
        self.stored: list[YearCalendar] = []

    def deadline(self, reached_at: datetime, working_days: int = 7) -> datetime:
        self.asked.append(reached_at)
        return super().deadline(reached_at, working_days)

    def store_year(self, cal: YearCalendar) -> None:
        self.stored.append(cal)
        super().store_year(cal)


class Setup:
    def __init__(self) -> None:
        self.aggregates: FakeAggregates
        self.monitoring: FakeMonitoring
        self.aggregates, self.monitoring = fake_reports()
        self.calendar = Calendar()
        self.deps = Aggregator(self.monitoring, self.aggregates, self.calendar, ManualClock(NOW))

    def complaint(self, category: str = "complaint", **kw: Any) -> Complaint:
        ref = new_reference()
        c = Complaint(
            ref,
            1,
            category,
            "REVENUE",
            "SEHORE",
            "SEHORE-B1",
            "open",
            1,
            [L1, L2],
            "standard",
            L1,
            f"{ref}-1",
            iso(NOW),
            "2026-11-30T18:29:59+00:00",
            iso(NOW),
            "web",
            "+919999999999",
            "रमेश",
            "विषय",
            "विवरण",
        )
        return replace(c, **kw)

    def registered(self, c: Complaint) -> Entry:
        return Entry(1, c.registered_at, "registered", 1, L1, c.assignment_id, "citizen", {"channel": "web"})

    def apply(self, c: Complaint, history: list[Entry], entry: Entry, stored: bool = True) -> bool:
        self.monitoring.put_complaint(c, history + ([entry] if stored else []))
        return aggregation.on_history(entry, c.reference, self.deps)

    def counts(self, period: str) -> dict[str, int]:
        return dict(self.aggregates.state_rows(period).get("SEHORE", {}))


@pytest.fixture
def s() -> Setup:
    return Setup()


def resolved(c: Complaint, version: int, at: str, assignment: str | None = None, **details: Any) -> Entry:
    return Entry(
        version,
        at,
        "resolved",
        1,
        L1,
        assignment or c.assignment_id,
        "link:x",
        {"acting_level": 1, "acting_post": L1, **details},
    )


def test_a_registration_counts_received_assigned_and_pending_in_the_month_and_all_time(s: Setup) -> None:
    c = s.complaint()
    assert s.apply(c, [], s.registered(c))
    for period in ("2026-11", ALL):
        got = s.counts(period)
        assert (got["received"], got["assigned"], got["pending"], got["disposed"]) == (1, 1, 1, 0)
    assert [(r.department, r.level) for r in s.aggregates.district_rows(["SEHORE"], "2026-11")["SEHORE"]] == [
        ("REVENUE", 1)
    ]
    assert [r.post for r in s.aggregates.post_rows(["SEHORE"], ALL)["SEHORE"]] == [L1]


def test_a_redelivered_history_item_changes_nothing(s: Setup) -> None:
    c = s.complaint()
    first = s.registered(c)
    assert s.apply(c, [], first)
    assert not s.apply(c, [], first)
    assert s.counts(ALL)["received"] == 1


def test_an_item_the_read_does_not_show_yet_is_still_counted(s: Setup) -> None:
    c = s.complaint()
    assert s.apply(c, [], s.registered(c), stored=False)
    assert s.counts(ALL)["received"] == 1


def test_a_history_item_of_an_unknown_complaint_or_without_counters_does_nothing(s: Setup) -> None:
    c = s.complaint()
    assert not aggregation.on_history(s.registered(c), c.reference, s.deps)
    interim = Entry(2, iso(NOW), "interim", 1, L1, c.assignment_id, "link:x", {"remarks": "जाँच"})
    assert not s.apply(c, [s.registered(c)], interim)
    assert s.aggregates.state_rows(ALL) == {}


def test_a_resolution_in_time_is_disposed_in_time_and_logged_for_the_feedback_calls(s: Setup) -> None:
    c = s.complaint()
    reg = s.registered(c)
    s.apply(c, [], reg)
    at = "2026-11-25T20:00:00+00:00"  # 01:30 IST on the 26th
    assert s.apply(replace(c, version=2, status="resolved"), [reg], resolved(c, 2, at))
    got = s.counts("2026-11")
    assert (got["pending"], got["disposed"], got["disposed_in_time"]) == (0, 1, 1)
    assert s.monitoring.disposed("2026-11-26") == [Disposal("2026-11-26", c.reference, "SEHORE", "REVENUE")]
    assert s.monitoring.disposed("2026-11-25") == []


def test_a_resolution_after_the_deadline_is_disposed_but_not_in_time(s: Setup) -> None:
    c = s.complaint()
    reg = s.registered(c)
    s.apply(c, [], reg)
    s.apply(replace(c, version=2, status="resolved"), [reg], resolved(c, 2, "2026-12-01T06:00:00+00:00"))
    assert (s.counts("2026-12")["disposed"], s.counts("2026-12")["disposed_in_time"]) == (1, 0)
    assert s.counts("2026-11")["disposed"] == 0 and s.counts(ALL)["pending"] == 0


def test_a_corruption_complainant_is_never_on_a_call_list(s: Setup) -> None:
    c = s.complaint(category="corruption")
    reg = s.registered(c)
    s.apply(c, [], reg)
    assert s.apply(replace(c, version=2, status="resolved"), [reg], resolved(c, 2, "2026-11-24T06:00:00+00:00"))
    assert s.counts(ALL)["disposed"] == 1
    assert s.monitoring.disposed("2026-11-24") == []


def test_the_disposal_is_logged_under_the_department_it_was_disposed_in(s: Setup) -> None:
    c = s.complaint()
    reg = s.registered(c)
    moved = Entry(
        2,
        "2026-11-23T07:00:00+00:00",
        "transferred",
        1,
        "HEALTH:L1:SEHORE-B1",
        f"{c.reference}-2",
        "link:x",
        {"from_department": "REVENUE", "to_department": "HEALTH", "due_at": "2026-12-01T18:29:59+00:00"},
    )
    now = replace(
        c,
        version=3,
        department="HEALTH",
        post_id="HEALTH:L1:SEHORE-B1",
        assignment_id=f"{c.reference}-2",
        status="resolved",
    )
    done = Entry(
        3,
        "2026-11-24T06:00:00+00:00",
        "resolved",
        1,
        "HEALTH:L1:SEHORE-B1",
        f"{c.reference}-2",
        "link:x",
        {"acting_level": 1, "acting_post": "HEALTH:L1:SEHORE-B1"},
    )
    s.apply(c, [], reg)
    s.apply(replace(now, version=2, status="open"), [reg], moved)
    assert s.apply(now, [reg, moved], done)
    assert s.monitoring.disposed("2026-11-24")[0].department == "HEALTH"
    rows = {r.department: r.counts for r in s.aggregates.district_rows(["SEHORE"], ALL)["SEHORE"]}
    assert (rows["REVENUE"]["transferred_out"], rows["REVENUE"]["pending"]) == (1, 0)
    assert (rows["HEALTH"]["transferred_in"], rows["HEALTH"]["disposed"], rows["HEALTH"]["pending"]) == (1, 1, 0)


def test_a_resolution_read_after_a_later_transfer_is_logged_under_the_department_that_resolved(s: Setup) -> None:
    c = s.complaint()
    reg = s.registered(c)
    done = resolved(c, 2, "2026-11-24T06:00:00+00:00")
    moved = Entry(
        3,
        "2026-11-25T06:00:00+00:00",
        "transferred",
        1,
        "HEALTH:L1:SEHORE-B1",
        f"{c.reference}-2",
        "staff:l3",
        {"from_department": "REVENUE", "to_department": "HEALTH"},
    )
    now = replace(c, version=3, department="HEALTH", post_id="HEALTH:L1:SEHORE-B1", assignment_id=f"{c.reference}-2")
    assert s.apply(now, [reg, moved], done)  # the stream is late: the complaint has moved on
    assert s.monitoring.disposed("2026-11-24") == [Disposal("2026-11-24", c.reference, "SEHORE", "REVENUE")]
    rows = {r.department: r.counts for r in s.aggregates.district_rows(["SEHORE"], ALL)["SEHORE"]}
    assert set(rows) == {"REVENUE"} and rows["REVENUE"]["disposed"] == 1


def test_an_escalation_moves_pending_between_levels_not_out_of_the_district(s: Setup) -> None:
    c = s.complaint()
    reg = s.registered(c)
    s.apply(c, [], reg)
    up = Entry(
        2,
        "2026-12-01T06:00:00+00:00",
        "escalated",
        2,
        L2,
        f"{c.reference}-2",
        "system",
        {"lapsed_level": 1, "lapsed_post": L1, "lapsed_assignment": c.assignment_id},
    )
    assert s.apply(replace(c, version=2, level=2, post_id=L2, assignment_id=f"{c.reference}-2"), [reg], up)
    assert s.counts("2026-12")["pending"] == 0 and s.counts("2026-12")["escalated"] == 1
    levels = {r.level: r.counts["pending"] for r in s.aggregates.district_rows(["SEHORE"], "2026-12")["SEHORE"]}
    assert levels == {1: -1, 2: 1}
    assert {r.post: r.counts["pending"] for r in s.aggregates.post_rows(["SEHORE"], ALL)["SEHORE"]} == {L1: 0, L2: 1}


def test_the_month_is_the_indian_one(s: Setup) -> None:
    c = s.complaint(registered_at="2026-11-30T19:00:00+00:00")  # 00:30 IST, 1 December
    assert s.apply(c, [], s.registered(c))
    assert s.counts("2026-12")["received"] == 1 and s.counts("2026-11") == {}


def test_an_old_assignment_s_deadline_comes_from_the_calendar_when_the_history_lacks_it(s: Setup) -> None:
    c = s.complaint()
    reg = s.registered(c)
    reopened = Entry(
        3,
        "2026-11-28T06:00:00+00:00",
        "reopened",
        2,
        L2,
        f"{c.reference}-2",
        "citizen",
        {"satisfied": False, "due_at": "2026-12-08T18:29:59+00:00"},
    )
    late_read = resolved(c, 2, "2026-11-27T06:00:00+00:00", assignment=c.assignment_id)
    now = replace(c, version=3, level=2, post_id=L2, assignment_id=f"{c.reference}-2")
    assert s.apply(now, [reg, reopened], late_read)
    assert s.calendar.asked == [datetime.fromisoformat(reg.at)]
    assert s.counts("2026-11")["disposed_in_time"] == 1  # every day working: due 30 Nov, resolved 27 Nov


# ---- the calendar admin ----------------------------------------------------------------------
def test_changing_a_year_stores_it_through_the_calendar_and_queues_one_job_per_district() -> None:
    cal, queue = Calendar(), FakeQueue()
    data = {"weekly_off": [], "holidays": {"2027-03-10": "होली"}}
    out = calendar_admin.set_year(2027, data, cal, small_directory(), queue)
    assert [y.year for y in cal.stored] == [2027] and not cal.year(2027).is_working_day(date(2027, 3, 10))
    since = "2027-03-09T18:30:00+00:00"  # midnight IST of the changed day
    assert out == {"year": 2027, "changed_from": since, "districts_queued": len(DISTRICTS)}
    assert queue.jobs == [{"type": "recompute_deadlines", "district": d.code, "since": since} for d in DISTRICTS]


def test_storing_an_unchanged_year_queues_nothing_and_a_bad_one_stores_nothing() -> None:
    cal, queue = Calendar(), FakeQueue()
    out = calendar_admin.set_year(2027, {"weekly_off": [], "holidays": {}}, cal, small_directory(), queue)
    assert out == {"year": 2027, "changed_from": None, "districts_queued": 0}
    assert len(cal.stored) == 1 and queue.jobs == []
    bad_years: list[Any] = [
        [],
        {"weekly_off": [9], "holidays": {}},
        {"holidays": {}},
        {"weekly_off": [], "holidays": {"x": 1}},
    ]
    for bad in bad_years:
        with pytest.raises(InvalidInput):
            calendar_admin.set_year(2027, bad, cal, small_directory(), queue)
    assert len(cal.stored) == 1
