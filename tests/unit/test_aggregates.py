"""Report counters from history entries (domain/aggregates.py): every event, pure functions."""

from __future__ import annotations

from chalicelib.domain.aggregates import Delta, Facts, Side, deltas, department_at, in_time, month_of, totals
from chalicelib.domain.history import Entry

REF = "1234567890"
L1, L2 = "REVENUE:L1:SEHORE-BUDHNI", "REVENUE:L2:SEHORE"
DUE1 = "2026-12-02T18:29:59+00:00"
REG = Entry(1, "2026-11-23T05:00:00+00:00", "registered", 1, L1, f"{REF}-1", "citizen", {"channel": "web"})
FACTS = Facts("SEHORE", "REVENUE", f"{REF}-1", DUE1)
S1, S2 = Side("SEHORE", "REVENUE", 1, L1), Side("SEHORE", "REVENUE", 2, L2)


def resolved(version: int, at: str, level: int = 1, post: str = L1, asg: int = 1, **details: object) -> Entry:
    return Entry(
        version,
        at,
        "resolved",
        level,
        post,
        f"{REF}-{asg}",
        "link:x",
        {"acting_level": level, "acting_post": post, **details},
    )


def test_registration_is_received_assigned_and_pending_at_the_first_post() -> None:
    assert deltas(REG, [REG], FACTS) == [Delta(S1, "received"), Delta(S1, "assigned"), Delta(S1, "pending")]


def test_resolution_in_time_is_disposed_in_time_and_leaves_pending() -> None:
    res = resolved(2, "2026-11-25T06:00:00+00:00")
    assert totals(deltas(res, [REG, res], FACTS)) == {
        (S1, "pending"): -1,
        (S1, "disposed"): 1,
        (S1, "disposed_in_time"): 1,
    }


def test_resolution_after_the_deadline_or_by_a_lapsed_level_is_not_in_time() -> None:
    after = resolved(2, "2026-12-03T06:00:00+00:00")
    assert not in_time(after, [REG, after], FACTS)
    late = resolved(3, "2026-11-25T06:00:00+00:00", late=True)
    assert not in_time(late, [REG, late], FACTS)


def test_deadline_comes_from_history_when_the_complaint_has_moved_on() -> None:
    res = resolved(2, "2026-11-30T06:00:00+00:00")
    reopened = Entry(
        3,
        "2026-12-01T06:00:00+00:00",
        "reopened",
        2,
        L2,
        f"{REF}-2",
        "citizen",
        {"satisfied": False, "due_at": "2026-12-10T18:29:59+00:00"},
    )
    moved = Facts("SEHORE", "REVENUE", f"{REF}-2", "2026-12-10T18:29:59+00:00")
    # The first assignment's deadline is no longer on the complaint: the calendar supplies it.
    assert in_time(res, [REG, res, reopened], moved, fallback=lambda start: DUE1)
    assert not in_time(res, [REG, res, reopened], moved, fallback=lambda start: "2026-11-24T00:00:00+00:00")


def test_satisfied_closure_credits_the_resolving_post_and_in_time_only_if_resolution_was() -> None:
    res = resolved(2, "2026-11-25T06:00:00+00:00")
    closed = Entry(3, "2026-11-26T06:00:00+00:00", "closed", 1, L1, f"{REF}-1", "staff:cce", {"satisfied": True})
    assert deltas(closed, [REG, res, closed], FACTS) == [Delta(S1, "satisfied"), Delta(S1, "satisfied_in_time")]


def test_not_satisfied_reopens_at_the_senior_post_and_counts_against_the_resolver() -> None:
    res = resolved(2, "2026-11-25T06:00:00+00:00")
    reopened = Entry(
        3,
        "2026-11-26T06:00:00+00:00",
        "reopened",
        2,
        L2,
        f"{REF}-2",
        "citizen",
        {"satisfied": False, "previous_assignment": f"{REF}-1", "due_at": "2026-12-07T18:29:59+00:00"},
    )
    assert deltas(reopened, [REG, res, reopened], FACTS) == [
        Delta(S1, "dissatisfied"),
        Delta(S2, "assigned"),
        Delta(S2, "pending"),
    ]


def test_escalation_moves_pending_from_the_lapsed_post_to_the_next() -> None:
    esc = Entry(
        2,
        "2026-12-02T18:29:59+00:00",
        "escalated",
        2,
        L2,
        f"{REF}-2",
        "system",
        {"lapsed_post": L1, "lapsed_level": 1, "lapsed_assignment": f"{REF}-1", "lapsed_due_at": DUE1},
    )
    assert totals(deltas(esc, [REG, esc], FACTS)) == {
        (S1, "escalated"): 1,
        (S1, "pending"): -1,
        (S2, "assigned"): 1,
        (S2, "pending"): 1,
    }


def test_transfer_moves_pending_between_departments_and_history_knows_the_old_one() -> None:
    energy = Side("SEHORE", "ENERGY", 1, "ENERGY:L1:SEHORE-BUDHNI")
    tr = Entry(
        2,
        "2026-11-24T06:00:00+00:00",
        "transferred",
        1,
        energy.post,
        f"{REF}-2",
        "link:x",
        {"from_department": "REVENUE", "to_department": "ENERGY", "due_at": "2026-12-03T18:29:59+00:00"},
    )
    now = Facts("SEHORE", "ENERGY", f"{REF}-2", "2026-12-03T18:29:59+00:00")
    assert department_at(1, [REG, tr], "ENERGY") == "REVENUE"
    assert deltas(REG, [REG, tr], now)[0].side == S1  # a late-processed registration still counts for REVENUE
    assert totals(deltas(tr, [REG, tr], now)) == {
        (S1, "transferred_out"): 1,
        (S1, "pending"): -1,
        (energy, "transferred_in"): 1,
        (energy, "assigned"): 1,
        (energy, "pending"): 1,
    }


def test_final_decision_is_force_closed_and_interim_moves_nothing() -> None:
    fd = Entry(5, "2026-12-05T06:00:00+00:00", "final_decision", 2, L2, f"{REF}-2", "staff:l3", {"basis": "x"})
    assert deltas(fd, [REG, fd], FACTS) == [Delta(S2, "force_closed"), Delta(S2, "pending", -1)]
    interim = Entry(2, "2026-11-24T06:00:00+00:00", "interim", 1, L1, f"{REF}-1", "link:x", {"remarks": "x"})
    assert deltas(interim, [REG, interim], FACTS) == []


def test_month_is_the_indian_month_of_the_event() -> None:
    assert month_of("2026-11-30T18:30:00+00:00") == "2026-12"
    assert month_of("2026-11-30T18:29:59+00:00") == "2026-11"


def test_a_whole_lifecycle_nets_to_zero_pending() -> None:
    res = resolved(2, "2026-11-25T06:00:00+00:00")
    closed = Entry(3, "2026-11-26T06:00:00+00:00", "closed", 1, L1, f"{REF}-1", "staff:cce", {"satisfied": True})
    history = [REG, res, closed]
    net = totals([d for e in history for d in deltas(e, history, FACTS)])
    assert (S1, "pending") not in net and net[(S1, "received")] == 1 and net[(S1, "satisfied_in_time")] == 1
