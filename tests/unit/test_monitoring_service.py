"""The monitoring figures on the in-memory report stores: scope, pendency by age, officer scores,
district grading, the district / department / division / state views, and the lists."""

from __future__ import annotations

import base64

import pytest

from chalicelib.domain.actor import STAFF, Caller
from chalicelib.domain.errors import InvalidInput, NotFound
from chalicelib.domain.scope import Scope, Viewer
from chalicelib.services import dashboards, lists, monitoring
from chalicelib.services.report_ports import ALL
from tests.unit.report_world import World, refs

EVERYTHING = Scope(everything=True)
COLLECTOR_SEHORE = Scope(districts=frozenset({"SEHORE"}))
HEALTH_OFFICE_SEHORE = Scope(offices=frozenset({("SEHORE", "HEALTH")}))
REVENUE_HOD = Scope(departments=frozenset({"REVENUE"}))
BHOPAL_COMMISSIONER = Scope(divisions=frozenset({"BHOPAL"}))


def monitor(scope: Scope) -> Viewer:
    """A monitoring officer with this scope (the lists take the viewer, not only the scope)."""
    return Viewer(Caller(STAFF, "monitor.officer", frozenset({"monitor"})), frozenset(), scope)


@pytest.fixture
def w() -> World:
    return World()


def by_code(rows: list[dict]) -> dict[str, dict]:
    return {r["code"]: r for r in rows}


# ---- who sees what ---------------------------------------------------------------------
def test_viewer_scope_follows_the_posts_held_and_the_monitoring_group(w: World) -> None:
    w.hold("col", "COLLECTOR:L2:SEHORE")
    w.hold("hod", "REVENUE:L4:STATE")
    assert monitoring.viewer_scope("col", frozenset({"monitor"}), w.reports) == COLLECTOR_SEHORE
    assert monitoring.viewer_scope("hod", frozenset({"monitor", "officer"}), w.reports) == REVENUE_HOD
    assert monitoring.viewer_scope("anyone", frozenset({"admin"}), w.reports).everything


@pytest.mark.parametrize("who, groups", [("col", {"officer"}), ("nobody", {"monitor"}), ("col", set())])
def test_outside_the_monitoring_groups_or_without_a_monitoring_post_there_is_no_report(
    w: World, who: str, groups: set[str]
) -> None:
    w.hold("col", "COLLECTOR:L2:SEHORE")
    with pytest.raises(NotFound):
        monitoring.viewer_scope(who, frozenset(groups), w.reports)


def test_the_month_and_the_day_are_those_of_india(w: World) -> None:
    w.clock.set(w.clock.now().replace(day=30, hour=18, minute=29))  # 23:59 IST, 30 Nov
    assert (monitoring.this_month(w.reports), monitoring.today(w.reports)) == ("2026-11", "2026-11-30")
    w.clock.advance(minutes=2)  # 00:01 IST, 1 Dec
    assert (monitoring.this_month(w.reports), monitoring.today(w.reports)) == ("2026-12", "2026-12-01")


def test_names_follow_the_language_and_fall_back_to_the_code(w: World) -> None:
    sehore = w.directory.district("SEHORE")
    assert [
        monitoring.name(sehore, "hi", "SEHORE"),
        monitoring.name(sehore, "en", "SEHORE"),
        monitoring.name(None, "en", "NOWHERE"),
    ] == ["सीहोर", "Sehore", "NOWHERE"]


# ---- pendency by age (R-AGE) -----------------------------------------------------------
def aged_world(carries_department: bool) -> World:
    w = World(carries_department)
    w.complaint("SEHORE", "REVENUE", days_old=150)
    w.complaint("SEHORE", "REVENUE", days_old=350)
    w.complaint("SEHORE", "HEALTH", days_old=120)
    w.complaint("SEHORE", "HEALTH", days_old=310, status="resolved")  # with the citizen: not pending
    w.complaint("SEHORE", "REVENUE", days_old=50)
    w.close(w.complaint("SEHORE", "REVENUE", days_old=400))
    w.complaint("RAISEN", "REVENUE", days_old=200)
    return w


@pytest.mark.parametrize("carries_department", [False, True])
def test_complaints_waiting_over_100_and_300_days_per_department_and_in_total(carries_department: bool) -> None:
    w = aged_world(carries_department)
    assert monitoring.aged("SEHORE", w.reports) == ({"REVENUE": [2, 1], "HEALTH": [1, 0]}, [3, 1])
    assert monitoring.aged("SEHORE", w.reports, "HEALTH") == ({"HEALTH": [1, 0]}, [1, 0])
    assert monitoring.aged("RAISEN", w.reports) == ({"REVENUE": [1, 0]}, [1, 0])
    assert monitoring.aged("DHAR", w.reports) == ({}, [0, 0])


def test_departments_are_read_only_when_the_index_does_not_carry_them() -> None:
    without, carried = aged_world(False), aged_world(True)
    monitoring.aged("SEHORE", without.reports)
    monitoring.aged("SEHORE", carried.reports)
    monitoring.aged("DHAR", without.reports)
    assert without.monitoring.calls.get("departments_of") == 1  # one batch read, not one per complaint
    assert "departments_of" not in carried.monitoring.calls


def test_over_100_days_means_strictly_older_than_100_days(w: World) -> None:
    w.complaint("SEHORE", days_old=100)
    w.complaint("SEHORE", days_old=100 + 1 / 86400)
    w.complaint("SEHORE", days_old=300)
    w.complaint("SEHORE", days_old=300 + 1 / 86400)
    assert monitoring.aged("SEHORE", w.reports)[1] == [3, 1]


def test_the_same_complaint_grows_old_as_the_clock_moves(w: World) -> None:
    w.complaint("SEHORE", days_old=99)
    assert monitoring.aged("SEHORE", w.reports)[1] == [0, 0]
    w.clock.advance(days=2)
    assert monitoring.aged("SEHORE", w.reports)[1] == [1, 0]
    w.clock.advance(days=200)
    assert monitoring.aged("SEHORE", w.reports)[1] == [1, 1]


# ---- officers (R-OFFICER-SCORE) ----------------------------------------------------------
def officer_world() -> World:
    w = World()
    b1, b2 = "REVENUE:L1:SEHORE-B1", "REVENUE:L1:SEHORE-B2"
    w.count("2026-11", "SEHORE", post=b1, assigned=4, disposed=2, disposed_in_time=1, pending=2)
    w.count("2026-11", "SEHORE", post=b2, assigned=2, disposed=2)
    w.count("2026-10", "SEHORE", post=b2, pending=3)
    w.count("2026-11", "SEHORE", level=2, post="REVENUE:L2:SEHORE", assigned=3, disposed=3)
    w.count("2026-11", "SEHORE", "HEALTH", post="HEALTH:L1:SEHORE-B1", escalated=1)
    w.hold("o1", b1, name="राम")
    w.hold("o2", b1, name="श्याम")
    return w


def test_officers_are_the_l1_posts_best_first_with_holders_pending_now_and_vacant_posts() -> None:
    w = officer_world()
    month, now = (w.aggregates.post_rows(["SEHORE"], p)["SEHORE"] for p in ("2026-11", ALL))
    got = monitoring.officers(month, now, w.reports)
    assert [(o["post"], o["officer"], o["assigned"], o["disposed"], o["pending"], o["disposal_pct"]) for o in got] == [
        ("REVENUE:L1:SEHORE-B2", monitoring.VACANT, 2, 2, 3, 100.0),
        ("REVENUE:L1:SEHORE-B1", "राम, श्याम", 4, 2, 2, 50.0),
        ("HEALTH:L1:SEHORE-B1", monitoring.VACANT, 0, 0, 0, None),
    ]
    assert got[1]["in_time_pct"] == 50.0
    assert [o["post"] for o in monitoring.officers(month, now, w.reports, frozenset({"HEALTH"}))] == [
        "HEALTH:L1:SEHORE-B1"
    ]


def test_worst_first_leaves_out_officers_with_nothing_assigned() -> None:
    w = officer_world()
    month = w.aggregates.post_rows(["SEHORE"], "2026-11")["SEHORE"]
    worst = monitoring.worst_first(monitoring.officers(month, month, w.reports))
    assert [o["post"] for o in worst] == ["REVENUE:L1:SEHORE-B1", "REVENUE:L1:SEHORE-B2"]


# ---- grading (R-GRADING) ------------------------------------------------------------------
def graded_world() -> World:
    w = World()
    w.count("2026-11", "SEHORE", received=10, disposed=10, disposed_in_time=10, satisfied_in_time=10)  # 100
    w.count("2026-11", "INDORE", received=10, disposed=10)  # 20
    w.count("2026-11", "RAISEN", received=10, disposed=5)  # 10
    w.count("2026-10", "RAISEN", received=1, disposed=1, disposed_in_time=1, satisfied_in_time=1)  # 100
    w.count("2026-10", "SEHORE", received=1)  # 0
    return w


def test_districts_are_ranked_by_score_with_the_change_from_the_month_before() -> None:
    grades = {g.district: g for g in monitoring.ranking("2026-11", graded_world().reports)}
    assert {d: (g.rank, g.score) for d, g in grades.items()} == {
        "SEHORE": (1, 100.0),
        "INDORE": (2, 20.0),
        "RAISEN": (3, 10.0),
        "DHAR": (None, None),
    }
    assert (grades["SEHORE"].rank_change, grades["SEHORE"].score_change) == (1, 100.0)
    assert (grades["RAISEN"].rank_change, grades["RAISEN"].score_change) == (-2, -90.0)
    assert (grades["INDORE"].rank_change, grades["INDORE"].score_change) == (None, None)  # not graded before
    assert [g.district for g in monitoring.ranking("2026-11", graded_world().reports)][-1] == "DHAR"


def test_all_time_ranking_has_no_month_on_month_change() -> None:
    grades = monitoring.ranking(ALL, graded_world().reports)
    assert [g.district for g in grades if g.rank] == ["SEHORE", "INDORE", "RAISEN"]
    assert all(g.rank_change is None and g.score_change is None for g in grades)


def test_equal_scores_go_to_the_district_that_handled_more_complaints(w: World) -> None:
    w.count("2026-11", "DHAR", received=4, disposed=2)
    w.count("2026-11", "RAISEN", received=2, disposed=1)
    w.count("2026-11", "INDORE", received=2, disposed=1)
    assert [(g.district, g.rank) for g in monitoring.ranking("2026-11", w.reports)][:3] == [
        ("DHAR", 1),
        ("INDORE", 2),
        ("RAISEN", 3),
    ]


def test_trend_is_twelve_months_to_the_end_for_a_district_or_the_state() -> None:
    w = graded_world()
    sehore = monitoring.trend("SEHORE", "2026-11", w.reports)
    assert [p["month"] for p in sehore] == ["2025-12", *(f"2026-{m:02d}" for m in range(1, 12))]
    assert [(p["received"], p["score"]) for p in sehore[-2:]] == [(1, 0.0), (10, 100.0)]
    assert all(p["score"] is None and p["received"] == 0 for p in sehore[:-2])
    state = monitoring.trend(None, "2026-11", w.reports)
    assert [(p["received"], p["disposed"]) for p in state[-2:]] == [(2, 1), (30, 25)]
    assert state[-1]["score"] == 43.33  # 0.5 x 10/30 + 0.3 x 10/30 + 0.2 x 25/30
    assert w.aggregates.calls["district_months"] == 1  # the district's twelve months: one read


# ---- the district view -------------------------------------------------------------------
def district_world() -> World:
    w = World()
    w.count("2026-10", "SEHORE", received=4, assigned=4, pending=3, disposed=1)
    w.count("2026-11", "SEHORE", received=5, assigned=5, pending=3, disposed=2, disposed_in_time=2)
    w.count("2026-11", "SEHORE", level=2, post="REVENUE:L2:SEHORE", transferred_in=1, pending=1)
    w.count("2026-11", "SEHORE", "HEALTH", received=3, assigned=3, pending=3)
    w.count("2026-10", "SEHORE", "ENERGY", received=2, assigned=2, pending=2)
    w.count("2026-11", "RAISEN", received=7, assigned=7, pending=7)
    w.complaint("SEHORE", "REVENUE", days_old=150)
    w.complaint("SEHORE", "HEALTH", days_old=350)
    return w


def test_the_district_view_sums_levels_per_department_and_shows_pending_now() -> None:
    view = dashboards.district("SEHORE", None, EVERYTHING, district_world().reports)
    assert view["month"] == "2026-11" and view["division"] == "BHOPAL" and view["name"] == "सीहोर"
    rows = by_code(view["rows"])
    assert list(rows) == ["ENERGY", "HEALTH", "REVENUE"]  # unsorted: by code
    assert {c: (r["received"], r["transferred_in"], r["disposed"], r["pending"]) for c, r in rows.items()} == {
        "REVENUE": (5, 1, 2, 7),
        "HEALTH": (3, 0, 0, 3),
        "ENERGY": (0, 0, 0, 2),
    }
    assert rows["REVENUE"]["disposal_pct"] == 33.33 and rows["REVENUE"]["in_time_pct"] == 100.0
    assert rows["ENERGY"]["disposal_pct"] is None  # nothing came to it this month
    assert (view["total"]["received"], view["total"]["pending"], view["total"]["disposal_pct"]) == (8, 12, 22.22)


def test_the_district_view_for_all_time_and_a_past_month() -> None:
    w = district_world()
    every = by_code(dashboards.district("SEHORE", "all", EVERYTHING, w.reports)["rows"])
    assert (every["REVENUE"]["received"], every["REVENUE"]["disposed"], every["REVENUE"]["disposal_pct"]) == (
        9,
        3,
        30.0,
    )
    october = dashboards.district("SEHORE", "2026-10", EVERYTHING, w.reports)
    assert october["month"] == "2026-10"
    assert {r["code"]: (r["received"], r["pending"]) for r in october["rows"]} == {
        "REVENUE": (4, 7),
        "HEALTH": (0, 3),
        "ENERGY": (2, 2),
    }


def test_the_district_view_counts_long_pendency_per_department() -> None:
    view = dashboards.district("SEHORE", None, EVERYTHING, district_world().reports)
    rows = by_code(view["rows"])
    assert (rows["REVENUE"]["pending_100"], rows["REVENUE"]["pending_300"]) == (1, 0)
    assert (rows["HEALTH"]["pending_100"], rows["HEALTH"]["pending_300"]) == (1, 1)
    assert (view["pending_over_100"], view["pending_over_300"]) == (2, 1)
    assert (view["total"]["pending_100"], view["total"]["pending_300"]) == (2, 1)


def test_the_district_view_has_its_officers_rank_and_trend() -> None:
    view = dashboards.district("SEHORE", None, EVERYTHING, district_world().reports, "en")
    assert [(o["post"], o["disposal_pct"]) for o in view["officers"]] == [
        ("REVENUE:L1:SEHORE-B1", 40.0),
        ("HEALTH:L1:SEHORE-B1", 0.0),
    ]
    assert view["officers"][0]["pending"] == 6  # now, not this month's flow
    assert [o["post"] for o in view["officers_worst"]] == ["HEALTH:L1:SEHORE-B1", "REVENUE:L1:SEHORE-B1"]
    assert {k: view["rank"][k] for k in ("rank", "of", "score", "base")} == {
        "rank": 1,
        "of": 2,
        "score": 12.5,
        "base": 8,
    }  # 0.3 x 2/8 in time + 0.2 x 2/8 disposed
    assert view["rank"]["text"] == "Sehore 12.50 % of 8 — first"
    assert len(view["trend"]) == 12 and view["trend"][-1]["received"] == 8 and view["name"] == "Sehore"


def test_the_district_view_sorts_on_any_column_blanks_last() -> None:
    w = district_world()
    pending = dashboards.district("SEHORE", None, EVERYTHING, w.reports, sort="pending")  # the API's default
    assert [r["code"] for r in pending["rows"]] == ["REVENUE", "HEALTH", "ENERGY"]
    up = dashboards.district("SEHORE", None, EVERYTHING, w.reports, sort="received", desc=False)
    assert [r["code"] for r in up["rows"]] == ["ENERGY", "HEALTH", "REVENUE"]
    pct = dashboards.district("SEHORE", None, EVERYTHING, w.reports, sort="disposal_pct", desc=False)
    assert [r["code"] for r in pct["rows"]] == ["HEALTH", "REVENUE", "ENERGY"]
    unknown = dashboards.district("SEHORE", None, EVERYTHING, w.reports, sort="no_such_column")
    assert [r["code"] for r in unknown["rows"]] == ["ENERGY", "HEALTH", "REVENUE"]  # by code


def test_an_office_head_sees_only_the_own_department_in_the_district() -> None:
    view = dashboards.district("SEHORE", None, HEALTH_OFFICE_SEHORE, district_world().reports)
    assert [r["code"] for r in view["rows"]] == ["HEALTH"]
    assert [o["post"] for o in view["officers"]] == ["HEALTH:L1:SEHORE-B1"]
    assert view["total"]["received"] == 3


@pytest.mark.parametrize(
    "code, scope",
    [
        ("RAISEN", COLLECTOR_SEHORE),
        ("NOWHERE", EVERYTHING),
        ("RAISEN", HEALTH_OFFICE_SEHORE),
        ("INDORE", BHOPAL_COMMISSIONER),
    ],
)
def test_a_district_out_of_scope_is_not_found_like_one_that_does_not_exist(code: str, scope: Scope) -> None:
    with pytest.raises(NotFound):
        dashboards.district(code, None, scope, district_world().reports)


def test_the_commissioner_sees_the_division_s_districts_whole() -> None:
    view = dashboards.district("RAISEN", None, BHOPAL_COMMISSIONER, district_world().reports)
    assert [r["code"] for r in view["rows"]] == ["REVENUE"] and view["total"]["received"] == 7


@pytest.mark.parametrize("month", ["2026-13", "26-11", "last", "2026-1"])
def test_a_month_that_is_not_yyyy_mm_or_all_is_refused(month: str) -> None:
    with pytest.raises(InvalidInput):
        dashboards.district("SEHORE", month, EVERYTHING, district_world().reports)


# ---- the department, division and state views ---------------------------------------------
def test_the_department_view_is_the_department_in_every_district() -> None:
    w = district_world()
    view = dashboards.department("REVENUE", None, REVENUE_HOD, w.reports, "en")
    rows = by_code(view["rows"])
    assert view["name"] == "Revenue Department" and set(rows) == {"SEHORE", "RAISEN"}
    assert {c: (r["name"], r["received"], r["pending"], r["pending_100"]) for c, r in rows.items()} == {
        "SEHORE": ("Sehore", 5, 7, 1),
        "RAISEN": ("Raisen", 7, 7, 0),
    }
    assert [o["post"] for o in view["officers"]] == ["REVENUE:L1:SEHORE-B1", "REVENUE:L1:RAISEN-B1"]
    assert view["total"]["received"] == 12
    assert w.aggregates.calls["district_rows"] == 2  # the month's and the all-time rows, each one call


@pytest.mark.parametrize(
    "code, scope", [("HEALTH", REVENUE_HOD), ("NOWHERE", EVERYTHING), ("REVENUE", COLLECTOR_SEHORE)]
)
def test_a_department_out_of_scope_is_not_found(code: str, scope: Scope) -> None:
    with pytest.raises(NotFound):
        dashboards.department(code, None, scope, district_world().reports)


def test_the_division_view_ranks_its_own_districts_only() -> None:
    w = graded_world()
    view = dashboards.division("BHOPAL", None, BHOPAL_COMMISSIONER, w.reports, desc=False)
    assert [(r["code"], r["rank"], r["score"]) for r in view["rows"]] == [("SEHORE", 1, 100.0), ("RAISEN", 3, 10.0)]
    assert view["columns"][0] == "rank" and view["columns"][-1] == "score"
    assert view["total"]["received"] == 20 and view["name"] == "भोपाल"
    with pytest.raises(NotFound):
        dashboards.division("INDORE", None, BHOPAL_COMMISSIONER, w.reports)
    with pytest.raises(NotFound):
        dashboards.division("NOWHERE", None, EVERYTHING, w.reports)


def test_the_state_ranking_view_lists_every_district_best_first_with_words() -> None:
    view = dashboards.ranking(None, COLLECTOR_SEHORE, graded_world().reports, "en")
    assert [(r["code"], r["rank"]) for r in view["rows"]] == [
        ("SEHORE", 1),
        ("INDORE", 2),
        ("RAISEN", 3),
        ("DHAR", None),
    ]
    assert view["rows"][0]["text"] == "Sehore 100.00 % of 10 — first"
    assert view["rows"][-1]["text"] == "Dhar — not graded (no complaints)"
    assert view["weights"] == {"satisfied_in_time": 0.5, "disposed_in_time": 0.3, "disposed": 0.2}
    assert [p["received"] for p in view["trend"][-2:]] == [2, 30]
    down = dashboards.ranking(None, COLLECTOR_SEHORE, graded_world().reports, sort="score", desc=True)
    assert [r["code"] for r in down["rows"]] == ["SEHORE", "INDORE", "RAISEN", "DHAR"]


# ---- lists (R-LISTED) -------------------------------------------------------------------
def listed_world() -> World:
    w = World()
    for i, (dept, category) in enumerate(
        [
            ("REVENUE", "complaint"),
            ("HEALTH", "complaint"),
            ("REVENUE", "demand"),
            ("REVENUE", "corruption"),
            ("HEALTH", "suggestion"),
        ]
    ):
        w.complaint("SEHORE", dept, days_old=10 - i, category=category)
    w.complaint("RAISEN", "REVENUE", days_old=3)
    return w


def test_a_district_list_has_complaints_or_demands_newest_first_within_scope() -> None:
    w = listed_world()
    got = lists.district_list("SEHORE", None, None, monitor(COLLECTOR_SEHORE), w.reports)
    assert got["kind"] == "complaint" and got["next"] is None
    assert [(c["department"], c["category"]) for c in got["complaints"]] == [
        ("REVENUE", "corruption"),
        ("HEALTH", "complaint"),
        ("REVENUE", "complaint"),
    ]
    demands = lists.district_list("SEHORE", "demand", None, monitor(COLLECTOR_SEHORE), w.reports)["complaints"]
    assert [c["category"] for c in demands] == ["suggestion", "demand"]
    health = lists.district_list("SEHORE", None, None, monitor(HEALTH_OFFICE_SEHORE), w.reports)["complaints"]
    assert [c["department"] for c in health] == ["HEALTH"]


def test_a_list_out_of_scope_or_of_an_unknown_kind_is_refused() -> None:
    w = listed_world()
    with pytest.raises(NotFound):
        lists.district_list("RAISEN", None, None, monitor(COLLECTOR_SEHORE), w.reports)
    with pytest.raises(NotFound):
        lists.district_list("NOWHERE", None, None, monitor(EVERYTHING), w.reports)
    with pytest.raises(NotFound):
        lists.department_list("HEALTH", None, None, monitor(REVENUE_HOD), w.reports)
    with pytest.raises(InvalidInput):
        lists.district_list("SEHORE", "letters", None, monitor(EVERYTHING), w.reports)
    for cursor in ("not-a-cursor!", base64.urlsafe_b64encode(b"[1, 2]").decode()):
        with pytest.raises(InvalidInput):
            lists.district_list("SEHORE", None, cursor, monitor(EVERYTHING), w.reports)


def test_a_department_list_spans_districts_and_pages_with_its_cursor(w: World) -> None:
    made = [w.complaint("SEHORE" if i % 2 else "RAISEN", "REVENUE", days_old=1 + i / 100) for i in range(55)]
    first = lists.department_list("REVENUE", "complaint", None, monitor(REVENUE_HOD), w.reports)
    assert len(first["complaints"]) == 50 and first["next"]
    second = lists.department_list("REVENUE", "complaint", first["next"], monitor(REVENUE_HOD), w.reports)
    assert second["next"] is None
    assert refs(first["complaints"]) + refs(second["complaints"]) == [c.reference for c in made]
    assert first["complaints"][0]["district"] == "RAISEN" and first["complaints"][0]["post"] == made[0].post_id
