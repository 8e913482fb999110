"""The report ports' contract: the same checks against the in-memory fakes (tests/fakes/reports.py)
and the DynamoDB adapters over the session's moto server, so that service tests on the fakes
say something about production.

Over moto every test uses its own districts, posts, references and far-future days, so it
neither sees nor disturbs the rest of the suite; what it adds to shared partitions (the ALL
counters, the weekly packs) it removes afterwards. Complaints are seeded with `interim`
history items only: the stream readers (reactor, aggregator) do nothing for those.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from chalicelib.domain.aggregates import COUNTERS, Side
from chalicelib.domain.complaint import CLOSED, OPEN, Complaint
from chalicelib.domain.history import INTERIM, Entry
from chalicelib.domain.reference import new_reference
from chalicelib.services.report_ports import ALL, Applied, DepartmentRow, Disposal, LongPending, PostRow
from tests.fakes.reports import fake_reports

NOW = datetime(2026, 11, 23, 5, 0, tzinfo=UTC)
MONTH, LAST_MONTH = "2026-11", "2026-10"


def zero(**counts: int) -> dict[str, int]:
    return {**dict.fromkeys(COUNTERS, 0), **counts}


class Memory:
    name = "memory"

    def __init__(self) -> None:
        self.aggregates, self.monitoring = fake_reports()

    def seed(self, c: Complaint, history: list[Entry]) -> None:
        self.monitoring.put_complaint(c, history)

    def close(self) -> None:
        pass


class Dynamo:
    """The adapters, with small pages so that reads must follow them."""

    name = "dynamo"

    def __init__(self) -> None:
        import boto3

        from chalicelib.adapters.dynamo.aggregates_repo import DynamoAggregates
        from chalicelib.adapters.dynamo.monitoring_repo import DynamoMonitoring

        self.aggregates = _Recording(DynamoAggregates(page_size=2))
        self.monitoring = _Recording(DynamoMonitoring(boto3.client("dynamodb"), page_size=2))

    def seed(self, c: Complaint, history: list[Entry]) -> None:
        from chalicelib.adapters.dynamo.complaints_repo import DynamoComplaints

        store = DynamoComplaints()
        store.create(c, history[0], None)
        for e in history[1:]:
            assert store.append_history(c.reference, e)

    def close(self) -> None:
        from chalicelib.adapters.dynamo.aggregates_repo import AggregateRow, cells
        from chalicelib.adapters.dynamo.models import OpsRow

        for args in self.aggregates.log.get("apply", []):
            for side, _ in args[2]:
                for pk, sk in cells(side, args[3]):
                    AggregateRow(pk, sk).delete()
        for args in self.aggregates.log.get("apply_all", []):
            for item in args[0]:
                for side, _ in item.changes:
                    for pk, sk in cells(side, item.month):
                        AggregateRow(pk, sk).delete()
        for args in self.monitoring.log.get("put_pack", []):
            OpsRow("WEEKLY#PACK", args[0]).delete()


class _Recording:
    """Passes every call through, remembering the writes' arguments (for the clean-up)."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.log: dict[str, list[tuple[Any, ...]]] = {}

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._inner, name)

        def call(*args: Any, **kwargs: Any) -> Any:
            self.log.setdefault(name, []).append(args)
            return method(*args, **kwargs)

        return call


@pytest.fixture(params=["memory", "dynamo"])
def store(request: pytest.FixtureRequest) -> Iterator[Any]:
    if request.param == "dynamo":
        request.getfixturevalue("aws")
        s: Any = Dynamo()
    else:
        s = Memory()
    yield s
    s.close()


def uid(prefix: str) -> str:
    return f"{prefix}{secrets.token_hex(4).upper()}"


def complaint(district: str, department: str, registered_at: str, status: str = OPEN, **kw: Any) -> Complaint:
    ref = new_reference()
    post = f"{department}:L1:{district}-B1"
    return Complaint(
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
        registered_at,
        "2026-12-02T18:29:59+00:00",
        registered_at,
        "web",
        "+919999999999",
        "परीक्षण",
        "विषय",
        "विवरण",
        **kw,
    )


def interim(c: Complaint, version: int, at: str) -> Entry:
    return Entry(version, at, INTERIM, c.level, c.post_id, c.assignment_id, "link:x", {"remarks": f"नोट {version}"})


class TestAggregates:
    def test_changes_go_to_the_month_and_to_all_per_district_department_level_and_post(self, store: Any) -> None:
        d = uid("CT")
        l1, l2 = Side(d, "REVENUE", 1, f"REVENUE:L1:{d}-B1"), Side(d, "REVENUE", 2, f"REVENUE:L2:{d}")
        a = store.aggregates
        assert a.apply(
            new_reference(), 1, {(l1, "received"): 1, (l1, "assigned"): 1, (l1, "pending"): 1}, MONTH, None, NOW
        )
        assert a.apply(
            new_reference(), 2, {(l2, "escalated"): 1, (l1, "pending"): -1, (l2, "pending"): 1}, LAST_MONTH, None, NOW
        )
        for period, want in (
            (MONTH, zero(received=1, assigned=1, pending=1)),
            (ALL, zero(received=1, assigned=1, pending=1, escalated=1)),
        ):
            assert a.state_rows(period)[d] == want
        assert a.district_rows([d], MONTH) == {
            d: [DepartmentRow("REVENUE", 1, zero(received=1, assigned=1, pending=1))]
        }
        assert a.district_rows([d], ALL)[d] == [
            DepartmentRow("REVENUE", 1, zero(received=1, assigned=1)),
            DepartmentRow("REVENUE", 2, zero(escalated=1, pending=1)),
        ]
        assert a.post_rows([d], LAST_MONTH)[d] == [
            PostRow(l1.post, zero(pending=-1)),
            PostRow(l2.post, zero(escalated=1, pending=1)),
        ]

    def test_a_history_item_applies_once_and_increments_add_up(self, store: Any) -> None:
        d = uid("CT")
        side = Side(d, "HEALTH", 1, f"HEALTH:L1:{d}-B1")
        ref = new_reference()
        assert store.aggregates.apply(ref, 1, {(side, "received"): 1}, MONTH, None, NOW)
        assert not store.aggregates.apply(ref, 1, {(side, "received"): 1}, MONTH, None, NOW)  # redelivered
        assert store.aggregates.apply(ref, 2, {(side, "received"): 2}, MONTH, None, NOW)
        assert store.aggregates.apply(new_reference(), 1, {(side, "received"): 4}, MONTH, None, NOW)
        assert store.aggregates.state_rows(MONTH)[d]["received"] == 7

    def test_a_batch_applies_each_item_once_and_adds_up_the_rows_they_share(self, store: Any) -> None:
        d, day = uid("CT"), f"2999-0{secrets.randbelow(9) + 1}-1{secrets.randbelow(9)}"
        l1, l2 = Side(d, "HEALTH", 1, f"HEALTH:L1:{d}-B1"), Side(d, "HEALTH", 2, f"HEALTH:L2:{d}")
        a, b = new_reference(), new_reference()
        filed = {(l1, "received"): 1, (l1, "assigned"): 1, (l1, "pending"): 1}
        assert store.aggregates.apply(a, 1, filed, MONTH, None, NOW)  # applied before the batch came
        batch = [
            Applied(a, 1, filed, MONTH),
            Applied(b, 1, filed, MONTH),
            Applied(b, 2, {(l1, "escalated"): 1, (l1, "pending"): -1, (l2, "assigned"): 1, (l2, "pending"): 1}, MONTH),
            Applied(b, 1, filed, MONTH),  # twice in one batch: once
            Applied(b, 3, {(l2, "pending"): -1, (l2, "disposed"): 1}, MONTH, Disposal(day, b, d, "HEALTH")),
            Applied(b, 5, {(l2, "disposed"): 1}, MONTH, Disposal(day, b, d, "REVENUE")),  # the day's later line
        ]
        assert store.aggregates.apply_all(batch, NOW) == [False, True, True, False, True, True]
        assert store.aggregates.apply_all(batch, NOW) == [False] * 6  # redelivered
        assert store.aggregates.state_rows(MONTH)[d] == zero(received=2, assigned=3, escalated=1, pending=1, disposed=2)
        rows = {r.level: r.counts for r in store.aggregates.district_rows([d], ALL)[d]}
        assert rows == {
            1: zero(received=2, assigned=2, escalated=1, pending=1),
            2: zero(assigned=1, disposed=2),  # pending +1 -1
        }
        assert store.monitoring.disposed(day) == [Disposal(day, b, d, "REVENUE")]

    def test_a_batch_larger_than_one_transaction_is_applied_whole(self, store: Any) -> None:
        districts = [uid("CB") for _ in range(30)]  # 6 rows each: 210 items, more than one transaction holds
        batch = [
            Applied(new_reference(), 1, {(Side(d, "ENERGY", 1, f"ENERGY:L1:{d}-B1"), "received"): 1}, MONTH)
            for d in districts
        ]
        assert store.aggregates.apply_all(batch, NOW) == [True] * 30
        assert store.aggregates.apply_all(batch[:5] + batch[-5:], NOW) == [False] * 10
        state = store.aggregates.state_rows(MONTH)
        assert all(state[d]["received"] == 1 for d in districts)

    def test_changes_that_cancel_out_create_no_row(self, store: Any) -> None:
        d = uid("CT")
        l1, l2 = Side(d, "ENERGY", 1, f"ENERGY:L1:{d}-B1"), Side(d, "ENERGY", 2, f"ENERGY:L2:{d}")
        # Within a district the moves cancel (district and department-level rows move), the posts do not.
        assert store.aggregates.apply(new_reference(), 3, {(l1, "pending"): -1, (l2, "pending"): 1}, MONTH, None, NOW)
        assert d not in store.aggregates.state_rows(MONTH)
        assert [r.level for r in store.aggregates.district_rows([d], MONTH)[d]] == [1, 2]
        same = Side(d, "ENERGY", 1, f"ENERGY:L1:{d}-B1")
        assert store.aggregates.apply(new_reference(), 1, {(same, "assigned"): 0}, "2026-09", None, NOW)
        assert store.aggregates.district_rows([d], "2026-09") == {d: []}

    def test_periods_are_kept_apart_and_district_months_leaves_out_empty_months(self, store: Any) -> None:
        d = uid("CT")
        side = Side(d, "REVENUE", 1, f"REVENUE:L1:{d}-B1")
        for month, n in (("2026-08", 2), ("2026-10", 5)):
            assert store.aggregates.apply(new_reference(), 1, {(side, "disposed"): n}, month, None, NOW)
        got = store.aggregates.district_months(d, ["2026-08", "2026-09", "2026-10", "2026-11"])
        assert got == {"2026-08": zero(disposed=2), "2026-10": zero(disposed=5)}
        assert store.aggregates.state_rows(ALL)[d] == zero(disposed=7)
        assert d not in store.aggregates.state_rows("2026-09")
        assert store.aggregates.district_months(uid("CT"), ["2026-08"]) == {}

    def test_reads_across_districts_filter_by_department_and_role_and_follow_pages(self, store: Any) -> None:
        d1, d2, d3 = uid("CA"), uid("CB"), uid("CC")
        changes = {}
        for d in (d1, d2):
            for dept in ("ENERGY", "HEALTH", "REVENUE"):
                for level, role in ((1, "L1"), (2, "L2")):
                    changes[(Side(d, dept, level, f"{dept}:{role}:{d}"), "received")] = level
        assert store.aggregates.apply(new_reference(), 1, changes, MONTH, None, NOW)
        every = store.aggregates.district_rows([d1, d2, d3], MONTH)
        assert list(every) == [d1, d2, d3] and every[d3] == []
        assert [(r.department, r.level) for r in every[d1]] == [
            (x, lv) for x in ("ENERGY", "HEALTH", "REVENUE") for lv in (1, 2)
        ]
        health = store.aggregates.district_rows([d1, d2], MONTH, "HEALTH")
        assert {d: [r.counts["received"] for r in rows] for d, rows in health.items()} == {d1: [1, 2], d2: [1, 2]}
        posts = store.aggregates.post_rows([d2, d1], MONTH)
        assert list(posts) == [d2, d1] and len(posts[d1]) == 6
        assert [r.post for r in posts[d1]] == sorted(r.post for r in posts[d1])
        l1 = store.aggregates.post_rows([d1, d2, d3], MONTH, "REVENUE", "L1")
        assert l1 == {
            d1: [PostRow(f"REVENUE:L1:{d1}", zero(received=1))],
            d2: [PostRow(f"REVENUE:L1:{d2}", zero(received=1))],
            d3: [],
        }
        assert [r.post for r in store.aggregates.post_rows([d1], MONTH, "ENERGY")[d1]] == [
            f"ENERGY:L1:{d1}",
            f"ENERGY:L2:{d1}",
        ]
        assert {r.post for r in store.aggregates.post_rows([d1], MONTH, role="L2")[d1]} == {
            f"{x}:L2:{d1}" for x in ("ENERGY", "HEALTH", "REVENUE")
        }

    def test_the_disposal_log_is_written_with_the_counters_and_only_once(self, store: Any) -> None:
        d, day = uid("CT"), f"2999-0{secrets.randbelow(9) + 1}-1{secrets.randbelow(9)}"
        side = Side(d, "REVENUE", 1, f"REVENUE:L1:{d}-B1")
        refs = sorted(new_reference() for _ in range(3))
        for ref in reversed(refs):
            assert store.aggregates.apply(ref, 2, {(side, "disposed"): 1}, MONTH, Disposal(day, ref, d, "REVENUE"), NOW)
        assert not store.aggregates.apply(refs[0], 2, {}, MONTH, Disposal(day, refs[0], d, "HEALTH"), NOW)
        assert store.monitoring.disposed(day) == [Disposal(day, r, d, "REVENUE") for r in refs]
        assert store.monitoring.disposed("2999-12-31") == []


class TestMonitoring:
    def test_long_pending_is_every_complaint_waiting_for_an_officer_registered_before_oldest_first(
        self, store: Any
    ) -> None:
        d = uid("CT")
        when = [f"2026-01-0{i}T05:00:00+00:00" for i in range(1, 8)]
        made = [complaint(d, "REVENUE" if i % 2 else "HEALTH", at) for i, at in enumerate(when)]
        made[3] = replace(made[3], status=CLOSED)
        made[4] = replace(made[4], status="resolved")  # with the citizen, not pending with an officer
        for c in reversed(made):
            store.seed(c, [interim(c, 1, c.registered_at)])
        elsewhere = complaint(uid("CT"), "REVENUE", when[0])
        store.seed(elsewhere, [interim(elsewhere, 1, when[0])])
        got = store.monitoring.long_pending(d, when[6])
        want = [c for c in made[:6] if c.status not in (CLOSED, "resolved")]
        assert [(k.reference, k.registered_at) for k in got] == [(c.reference, c.registered_at) for c in want]
        assert all(
            isinstance(k, LongPending) and k.department in (None, c.department) for k, c in zip(got, want, strict=True)
        )
        assert store.monitoring.long_pending(d, when[0]) == []
        assert store.monitoring.departments_of([k.reference for k in got] + ["1234567890"]) == {
            c.reference: c.department for c in want
        }

    def test_complaints_and_one_complaint_with_its_history_in_order(self, store: Any) -> None:
        d = uid("CT")
        c = complaint(d, "REVENUE", "2026-11-20T05:00:00+00:00", extra={"note": "x"})
        history = [interim(c, v, f"2026-11-2{v}T05:00:00+00:00") for v in (1, 2, 3)]
        store.seed(c, history)
        got, entries = store.monitoring.complaint_with_history(c.reference)
        assert got == c and entries == history
        assert store.monitoring.complaint_with_history("1234567890") == (None, [])
        other = complaint(d, "HEALTH", "2026-11-21T05:00:00+00:00")
        store.seed(other, [interim(other, 1, other.registered_at)])
        assert store.monitoring.complaints([c.reference, other.reference, c.reference, "1234567890"]) == {
            c.reference: c,
            other.reference: other,
        }

    def test_feedback_picks_keep_their_outcome_when_drawn_again(self, store: Any) -> None:
        post, day = f"COLLECTOR:L2:{uid('CT')}", "2999-01-05"
        refs = sorted(new_reference() for _ in range(2))
        m = store.monitoring
        assert m.add_pick(post, day, refs[1], "collector", NOW) and m.add_pick(post, day, refs[0], "collector", NOW)
        assert m.add_pick(post, "2999-01-06", refs[0], "collector", NOW)
        assert m.record_outcome(post, day, refs[0], {"outcome": "satisfied", "remarks": "ठीक", "by": "u"})
        assert not m.add_pick(post, day, refs[0], "hod", NOW)  # the same draw again: the outcome stays
        assert m.picks(post, day) == [
            {
                "post": post,
                "day": day,
                "reference": refs[0],
                "kind": "collector",
                "outcome": "satisfied",
                "remarks": "ठीक",
                "by": "u",
            },
            {"post": post, "day": day, "reference": refs[1], "kind": "collector", "outcome": "to_call"},
        ]
        assert not m.record_outcome(post, day, new_reference(), {"outcome": "satisfied"})
        assert not m.record_outcome(f"{post}X", day, refs[0], {"outcome": "satisfied"})
        assert m.picks(post, "2999-01-07") == []

    def test_weekly_packs_by_day_and_the_latest_as_json(self, store: Any) -> None:
        m = store.monitoring
        assert m.pack("2999-02-01") is None
        m.put_pack(
            "2999-02-01", {"week_of": "2999-02-01", "rows": [{"name": "सीहोर", "score": 12.5}], "pair": ("a", 1)}
        )
        m.put_pack("2999-02-08", {"week_of": "2999-02-08"})
        m.put_pack("2999-02-08", {"week_of": "2999-02-08", "again": True})
        assert m.pack() == {"week_of": "2999-02-08", "again": True}
        assert m.pack("2999-02-01") == {
            "week_of": "2999-02-01",
            "rows": [{"name": "सीहोर", "score": 12.5}],
            "pair": ["a", 1],
        }
        assert m.pack("2999-02-02") is None
