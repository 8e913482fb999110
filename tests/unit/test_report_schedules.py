"""The monitoring schedules on the in-memory stores: the daily digest (R-DAILY-VIEW), the weekly
review pack (R-WEEKLY) and the feedback sampling (R-FEEDBACK-SAMPLING)."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest

from chalicelib.domain.errors import InvalidInput, NotFound
from chalicelib.domain.reference import new_reference
from chalicelib.services import digest, feedback, weekly
from chalicelib.services.report_ports import Disposal
from tests.unit.report_world import World

B1, B2 = "REVENUE:L1:SEHORE-B1", "HEALTH:L1:SEHORE-B1"


@pytest.fixture
def w() -> World:
    return World()


# ---- the daily digest ------------------------------------------------------------------
def test_posts_with_pending_come_from_the_all_time_post_rows(w: World) -> None:
    w.count("2026-10", "SEHORE", post=B1, pending=2)
    w.count("2026-11", "SEHORE", post=B1, pending=-2)  # all done: no SMS
    w.count("2026-11", "SEHORE", "HEALTH", post=B2, pending=1)
    w.count("2026-11", "RAISEN", level=3, post="REVENUE:L3:BHOPAL", pending=1)
    w.count("2026-11", "SEHORE", level=3, post="REVENUE:L3:BHOPAL", pending=1)
    w.count("2026-09", "DHAR", post="REVENUE:L1:DHAR-B1", pending=1)  # still waiting since September
    # A division's post has pending in two districts: the first in the directory's order names it.
    assert digest.posts_with_pending(w.reports) == {
        B2: "SEHORE",
        "REVENUE:L3:BHOPAL": "RAISEN",
        "REVENUE:L1:DHAR-B1": "DHAR",
    }
    assert w.aggregates.calls["post_rows"] == 1  # every district in one call (the store queries in parallel)


def test_inbox_counts_pending_due_today_and_overdue_over_every_page(w: World) -> None:
    now = w.clock.now()  # 10:30 IST
    for _ in range(120):
        w.complaint(post=B1, due_in_days=3)
    w.complaint(post=B1, due_in_days=5 / 24)  # 15:30 IST today
    w.complaint(post=B1, due_in_days=-1 / 24)  # 09:30 IST today: already past
    w.complaint(post=B1, due_in_days=2, overdue=True)  # at L4, marked overdue
    w.complaint(post=B1, due_in_days=14 / 24)  # 00:30 IST tomorrow
    w.complaint(post=B1, status="resolved")  # awaiting the citizen: not in the inbox
    assert digest.inbox_counts(B1, w.reports, now) == {"pending": 124, "due_today": 1, "overdue": 2}
    assert w.complaints.pages == [(B1, digest.PAGE), (B1, digest.PAGE)]


def digest_world() -> World:
    w = World()
    w.count("2026-11", "SEHORE", post=B1, pending=2)
    w.count("2026-11", "SEHORE", "HEALTH", post=B2, pending=1)
    w.count("2026-11", "SEHORE", "ENERGY", post="ENERGY:L1:SEHORE-B1", pending=1)
    w.count("2026-11", "RAISEN", post="REVENUE:L1:RAISEN-B1", pending=1)
    w.count("2026-11", "DHAR", post="REVENUE:L1:DHAR-B1", pending=1)
    w.complaint(post=B1, due_in_days=5 / 24)
    w.complaint(post=B1, due_in_days=-1)
    w.complaint("SEHORE", "HEALTH", post=B2)
    w.complaint("SEHORE", "ENERGY", post="ENERGY:L1:SEHORE-B1")
    w.complaint("RAISEN", post="REVENUE:L1:RAISEN-B1")
    w.complaint("DHAR", post="REVENUE:L1:DHAR-B1")
    w.hold("two-posts", B1, B2, mobile="+919800000001")
    w.hold("nodal", "NODAL:DISTRICT:RAISEN", mobile="+919800000002", lang="en")  # Raisen's L1 post is vacant
    w.hold("no-mobile", "REVENUE:L1:DHAR-B1", mobile="")
    return w


def test_the_digest_is_one_sms_per_officer_summing_the_posts_held() -> None:
    jobs = {j["to_mobile"]: j for j in digest.build(digest_world().schedules)}
    assert set(jobs) == {"+919800000001", "+919800000002"}
    mine = jobs["+919800000001"]
    assert {k: mine["params"][k] for k in ("pending", "due_today", "overdue", "day", "link", "lang")} == {
        "pending": "3",
        "due_today": "1",
        "overdue": "1",
        "day": "23-11-2026",
        "link": "https://cmh.example/officer",
        "lang": "hi",
    }
    assert jobs["+919800000002"]["params"]["lang"] == "en"  # each in the officer's own language
    assert (mine["job"], mine["template"], mine["channel"], mine["district"], mine["to_post"]) == (
        "digest:2026-11-23:two-posts",
        "digest_daily",
        "sms",
        "SEHORE",
        None,
    )


def test_a_vacant_post_s_pending_goes_to_the_district_s_nodal_officer_and_no_mobile_means_no_sms() -> None:
    jobs = {j["job"]: j for j in digest.build(digest_world().schedules)}
    assert jobs["digest:2026-11-23:nodal"]["params"]["pending"] == "1"
    assert jobs["digest:2026-11-23:nodal"]["district"] == "RAISEN"
    assert not any("no-mobile" in j for j in jobs)
    # ENERGY in Sehore is vacant and Sehore has no nodal officer: nobody to tell.
    assert len(jobs) == 2


def test_a_post_whose_inbox_is_empty_gets_no_sms_even_if_the_counters_lag(w: World) -> None:
    w.count("2026-11", "SEHORE", post=B1, pending=1)
    w.hold("o", B1)
    assert digest.build(w.schedules) == []
    assert digest.send(w.schedules) == 0 and w.queue.jobs == []


def test_sending_puts_the_jobs_on_the_queue_with_one_id_per_officer_per_ist_day() -> None:
    w = digest_world()
    assert digest.send(w.schedules) == 2 and len(w.queue.jobs) == 2
    w.clock.set(w.clock.now().replace(hour=19))  # 00:30 IST, the 24th
    assert {j["job"] for j in digest.build(w.schedules)} == {"digest:2026-11-24:two-posts", "digest:2026-11-24:nodal"}


# ---- the weekly review pack --------------------------------------------------------------
def weekly_world() -> World:
    w = World()
    w.count("2026-11", "SEHORE", received=10, disposed=10, disposed_in_time=10, satisfied_in_time=10, pending=1)
    w.count("2026-11", "INDORE", "HEALTH", received=10, disposed=2, pending=8)
    w.count("2026-11", "RAISEN", "ENERGY", received=4, disposed=2, pending=2)
    w.count("2026-10", "RAISEN", received=3, disposed=3, satisfied=1)
    w.count("2026-10", "DHAR", "HEALTH", received=1, pending=1)
    w.complaint("INDORE", "HEALTH", days_old=320)
    w.complaint("INDORE", "HEALTH", days_old=120)
    w.complaint("RAISEN", "ENERGY", days_old=150)
    return w


def test_the_pack_summarises_this_month_the_month_before_and_pending_now() -> None:
    pack = weekly.build(weekly_world().reports)
    assert (pack["week_of"], pack["month"]) == ("2026-11-23", "2026-11")
    assert set(pack["summary"]["month"]) == set(weekly.SUMMARY)
    assert {k: pack["summary"]["month"][k] for k in ("received", "disposed", "satisfied_in_time")} == {
        "received": 24,
        "disposed": 14,
        "satisfied_in_time": 10,
    }
    assert (pack["summary"]["previous_month"]["received"], pack["summary"]["previous_month"]["satisfied"]) == (4, 1)
    assert pack["summary"]["pending"] == 12


def test_the_pack_ranks_every_district_with_both_names() -> None:
    ranking = weekly.build(weekly_world().reports)["ranking"]
    assert [(r["code"], r["rank"]) for r in ranking] == [("SEHORE", 1), ("RAISEN", 2), ("INDORE", 3), ("DHAR", None)]
    assert (ranking[0]["name_hi"], ranking[0]["name_en"], ranking[0]["received"]) == ("सीहोर", "Sehore", 10)
    assert (ranking[1]["score"], ranking[1]["score_change"], ranking[1]["rank_change"]) == (10.0, -10.0, -1)
    assert ranking[2]["score"] == 4.0 and ranking[3]["score"] is None


def test_the_weakest_departments_have_the_lowest_disposal_share_state_wide() -> None:
    weak = weekly.build(weekly_world().reports)["weakest_departments"]
    assert [(r["code"], r["disposal_pct"], r["pending"]) for r in weak] == [
        ("HEALTH", 20.0, 9),
        ("ENERGY", 50.0, 2),
        ("REVENUE", 100.0, 1),
    ]
    assert weak[0]["name_en"] == "Health Department"


def test_a_department_with_only_old_pending_is_weakest_after_those_with_a_share() -> None:
    w = World()
    w.count("2026-09", "DHAR", "ENERGY", received=5, pending=5)
    w.count("2026-11", "DHAR", "REVENUE", received=2, disposed=1)
    assert [(r["code"], r["disposal_pct"]) for r in weekly.build(w.reports)["weakest_departments"]] == [
        ("REVENUE", 50.0),
        ("ENERGY", None),
    ]


def test_the_weakest_list_is_cut_at_its_length(w: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(weekly, "WEAKEST", 2)
    for dept in ("REVENUE", "HEALTH", "ENERGY"):
        w.count("2026-11", "SEHORE", dept, received=1)
    assert len(weekly.build(w.reports)["weakest_departments"]) == 2


def test_long_pendency_lists_districts_with_pending_the_oldest_backlog_first() -> None:
    rows = weekly.build(weekly_world().reports)["long_pendency"]
    assert [(r["code"], r["pending"], r["pending_100"], r["pending_300"]) for r in rows] == [
        ("INDORE", 8, 2, 1),
        ("RAISEN", 2, 1, 0),
        ("DHAR", 1, 0, 0),
        ("SEHORE", 1, 0, 0),
    ]


def test_long_pendency_puts_the_oldest_backlog_before_the_largest(w: World) -> None:
    w.count("2026-11", "SEHORE", pending=5)
    w.count("2026-11", "DHAR", pending=2)
    w.count("2026-11", "RAISEN", pending=1)
    w.complaint("DHAR", days_old=150)
    w.complaint("DHAR", days_old=160)
    w.complaint("RAISEN", days_old=301)
    rows = weekly.build(w.reports)["long_pendency"]
    assert [(r["code"], r["pending_100"], r["pending_300"]) for r in rows] == [
        ("RAISEN", 1, 1),
        ("DHAR", 2, 0),
        ("SEHORE", 0, 0),
    ]


def test_the_published_pack_is_what_the_page_reads_until_the_next_one() -> None:
    w = weekly_world()
    stored = weekly.publish(w.reports)
    w.count("2026-11", "DHAR", received=50, disposed=50, disposed_in_time=50, satisfied_in_time=50)
    assert weekly.latest(None, w.reports) == stored
    assert weekly.latest("2026-11-23", w.reports) == stored
    assert weekly.latest(None, w.reports)["ranking"][0]["code"] == "SEHORE"  # stored: later figures wait
    assert weekly.latest("2026-11-16", w.reports)["ranking"][0]["code"] == "DHAR"  # none stored: built now
    w.clock.advance(days=7)
    again = weekly.publish(w.reports)
    assert again["week_of"] == "2026-11-30" and weekly.latest(None, w.reports) == again
    assert weekly.latest("2026-11-23", w.reports) == stored


def test_the_pack_s_csv_has_one_section_after_another_each_with_its_header() -> None:
    pack = weekly.build(weekly_world().reports)
    rows = list(csv.reader(io.StringIO(weekly.to_csv(pack, "en"))))
    assert rows[0] == ["section", "week_of", "2026-11-23", "month", "2026-11"]
    assert rows[1][:3] == ["summary", "Received", "Disposed"] and rows[2][:3] == ["month", "24", "14"]
    start = rows.index(next(r for r in rows if r and r[0] == "ranking"))
    assert rows[start][1:3] == ["Rank", "Code"] and len([r for r in rows[start + 1 : start + 5] if r[0] == ""]) == 4
    assert rows[start + 4][1] == ""  # the ungraded district: no rank
    assert any(r and r[0] == "long_pendency" for r in rows) and any(r and r[0] == "weakest_departments" for r in rows)


# ---- feedback sampling --------------------------------------------------------------------
def test_a_draw_is_deterministic_within_the_quota_and_takes_everyone_when_few() -> None:
    pool = [new_reference() for _ in range(20)]
    assert feedback.pick(pool, "hod", "s|d|p") == feedback.pick(list(reversed(pool)), "hod", "s|d|p")
    for seed in ("a", "b", "c", "d", "e", "f"):
        assert 2 <= len(feedback.pick(pool, "hod", seed)) <= 5
        assert 2 <= len(feedback.pick(pool, "collector", seed)) <= 3
        assert set(feedback.pick(pool, "collector", seed)) <= set(pool)
    assert len({tuple(feedback.pick(pool, "hod", s)) for s in "abcdefgh"}) > 1  # the seed matters
    assert feedback.pick(pool[:1], "hod", "x") == pool[:1]


def dispose(w: World, day: date, district: str, department: str) -> str:
    c = w.complaint(district, department, status="resolved")
    assert w.aggregates.apply(
        c.reference,
        2,
        {},
        day.isoformat()[:7],
        Disposal(day.isoformat(), c.reference, district, department),
        w.clock.now(),
    )
    return c.reference


def test_sampling_draws_per_collector_and_hod_from_the_last_three_days_disposals(w: World) -> None:
    today = date(2026, 11, 23)
    recent = [dispose(w, today - timedelta(days=1 + i % 3), "SEHORE", "REVENUE") for i in range(6)]
    dispose(w, today, "SEHORE", "REVENUE")  # today's: tomorrow's draw
    dispose(w, today - timedelta(days=4), "SEHORE", "REVENUE")  # too old
    health = dispose(w, today - timedelta(days=2), "RAISEN", "HEALTH")
    drawn = feedback.sample(today, "seed", w.reports)
    assert set(drawn) == {"COLLECTOR:L2:SEHORE", "REVENUE:L4:STATE", "COLLECTOR:L2:RAISEN", "HEALTH:L4:STATE"}
    assert 2 <= len(drawn["COLLECTOR:L2:SEHORE"]) <= 3 and set(drawn["COLLECTOR:L2:SEHORE"]) <= set(recent)
    assert 2 <= len(drawn["REVENUE:L4:STATE"]) <= 5 and set(drawn["REVENUE:L4:STATE"]) <= set(recent)
    assert drawn["COLLECTOR:L2:RAISEN"] == [health] == drawn["HEALTH:L4:STATE"]
    assert w.monitoring.calls["disposed"] == 3  # one read per day


def test_drawing_a_day_again_picks_the_same_people_and_keeps_recorded_outcomes(w: World) -> None:
    today = date(2026, 11, 23)
    for _ in range(5):
        dispose(w, today - timedelta(days=1), "SEHORE", "REVENUE")
    first = feedback.sample(today, "seed", w.reports)
    w.hold("col", "COLLECTOR:L2:SEHORE")
    ref = first["COLLECTOR:L2:SEHORE"][0]
    feedback.record("col", ref, {"outcome": "no_answer"}, today.isoformat(), w.reports)
    assert feedback.sample(today, "seed", w.reports) == first
    calls = {c["reference"]: c for c in feedback.calls_for("col", today.isoformat(), w.reports)["calls"]}
    assert calls[ref]["outcome"] == "no_answer"
    assert sorted(calls) == first["COLLECTOR:L2:SEHORE"]


def test_the_caller_s_calls_carry_what_the_call_needs(w: World) -> None:
    day = "2026-11-23"
    c = w.complaint("SEHORE", name="सीता", mobile="+919812345678")
    w.monitoring.add_pick("COLLECTOR:L2:SEHORE", day, c.reference, "collector", w.clock.now())
    w.monitoring.add_pick("COLLECTOR:L2:SEHORE", day, "1234567890", "collector", w.clock.now())  # no such complaint
    w.monitoring.add_pick("REVENUE:L1:SEHORE-B1", day, c.reference, "collector", w.clock.now())
    w.monitoring.add_pick("STATE_DESK:L4:STATE", day, c.reference, "hod", w.clock.now())  # not a sampling post
    w.hold("col", "COLLECTOR:L2:SEHORE", "REVENUE:L1:SEHORE-B1", "STATE_DESK:L4:STATE")
    got = feedback.calls_for("col", day, w.reports)
    assert got["day"] == day and len(got["calls"]) == 1
    call = got["calls"][0]
    assert {k: call[k] for k in ("reference", "post", "kind", "outcome", "name", "mobile", "district", "status")} == {
        "reference": c.reference,
        "post": "COLLECTOR:L2:SEHORE",
        "kind": "collector",
        "outcome": "to_call",
        "name": "सीता",
        "mobile": "+919812345678",
        "district": "SEHORE",
        "status": "open",
    }
    assert feedback.calls_for("col", "2026-11-24", w.reports)["calls"] == []


def test_an_outcome_is_recorded_on_the_caller_s_own_pick_only(w: World) -> None:
    day = "2026-11-23"
    c = w.complaint("SEHORE")
    w.monitoring.add_pick("HEALTH:L4:STATE", day, c.reference, "hod", w.clock.now())
    w.hold("hod", "HEALTH:L4:STATE")
    w.hold("col", "COLLECTOR:L2:SEHORE")
    out = feedback.record("hod", c.reference, {"outcome": "satisfied", "remarks": "ठीक"}, day, w.reports)
    assert out == {
        "reference": c.reference,
        "day": day,
        "post": "HEALTH:L4:STATE",
        "outcome": "satisfied",
        "remarks": "ठीक",
        "by": "hod",
        "at": "2026-11-23T05:00:00+00:00",
    }
    with pytest.raises(NotFound):
        feedback.record("col", c.reference, {"outcome": "satisfied"}, day, w.reports)
    with pytest.raises(NotFound):
        feedback.record("hod", c.reference, {"outcome": "satisfied"}, "2026-11-24", w.reports)


@pytest.mark.parametrize(
    "body",
    [
        None,
        [],
        {"outcome": "maybe"},
        {"outcome": "satisfied", "remarks": "x" * 1001},
        {"outcome": "satisfied", "remarks": 5},
    ],
)
def test_an_outcome_must_be_one_of_the_four_with_short_text_remarks(w: World, body: object) -> None:
    c = w.complaint("SEHORE")
    w.monitoring.add_pick("HEALTH:L4:STATE", "2026-11-23", c.reference, "hod", w.clock.now())
    w.hold("hod", "HEALTH:L4:STATE")
    with pytest.raises(InvalidInput):
        feedback.record("hod", c.reference, body, "2026-11-23", w.reports)
    assert w.monitoring.picks("HEALTH:L4:STATE", "2026-11-23")[0]["outcome"] == "to_call"
