"""Escalation cases on the real ASL in moto: resolved in time, an officer acting on a view
the deadline overtook, the corruption chain and the State government's desk."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

import pytest

from chalicelib import bootstrap
from chalicelib.clock import ManualClock
from tests.conftest import MONDAY
from tests.integration.escalation_support import (
    SPEED,
    clock_lapsing_level_1,
    executions_named,
    staff_chain,
    wait_execution,
)
from tests.integration.helpers import FORM, body, citizen_token, get, phone, post, staff_token, stored

RESOLVE = {"action": "resolve", "remarks": "समस्या हल", "rule_reference": "नियम 3"}
CHAIN = ["REVENUE:L1:SEHORE-BUDHNI", "REVENUE:L2:SEHORE", "REVENUE:L3:BHOPAL", "REVENUE:L4:STATE"]


def _clock(speed: float) -> ManualClock:
    c = ManualClock(datetime.fromisoformat(MONDAY), speed=speed)
    bootstrap.override(clock=c)
    return c


def _file(app_client: Any, mobile: str, form: dict[str, Any]) -> tuple[str, str]:
    token = citizen_token(app_client, mobile)
    resp = post(app_client, "/v1/complaints", form, token)
    assert resp.status_code == 201, resp.body
    return str(body(resp)["reference"]), token


def _link(app_client: Any, to: str, ref: str) -> str:
    sms = [m for m in phone(app_client, to) if m["kind"] == "sms" and ref in m["text"]][0]
    return re.search(r"/o/([\w.~-]+)", sms["text"]).group(1)  # type: ignore[union-attr]


def _officer(app_client: Any, aws: dict[str, str], tag: str, i: int) -> str:
    """A staff login of the officer `staff_chain(..., tag)` put on its i-th post."""
    return staff_token(app_client, aws["USER_POOL_ID"], f"test-{tag}-{i}", ("officer",))


def test_resolved_at_l2_stops_the_clock_and_nothing_escalates_further(
    app_client: Any, aws: dict[str, str], mobile: str, pump: Any
) -> None:
    clock = clock_lapsing_level_1(MONDAY)
    holders = staff_chain(bootstrap.get_directory(), CHAIN, "resolved-l2")
    ref, _ = _file(app_client, mobile, FORM)
    due = datetime.fromisoformat(stored(ref).due_at)
    clock.set(due + timedelta(minutes=1))
    pump.drain()
    assert wait_execution(f"{ref}-1")["status"] == "SUCCEEDED"
    pump.drain()
    assert bootstrap.get_timers().running(f"{ref}-2")
    resp = post(app_client, f"/v1/complaints/{ref}/actions", RESOLVE, _link(app_client, holders[CHAIN[1]], ref))
    assert resp.status_code == 200, resp.body
    pump.drain()
    # The reactor stopped the level-2 timer (its deadline is days of real time away).
    assert wait_execution(f"{ref}-2", timeout=5)["status"] == "ABORTED"
    pump.drain()
    assert not executions_named(f"{ref}-3")
    view = body(get(app_client, f"/v1/complaints/{ref}", citizen_token(app_client, mobile)))
    assert (view["status"], view["level"]) == ("resolved", 2)
    assert [h["event"] for h in view["history"]] == ["registered", "escalated", "resolved"]


def test_an_officer_submitting_a_view_the_deadline_overtook_gets_409_and_history_agrees(
    app_client: Any, aws: dict[str, str], mobile: str, pump: Any
) -> None:
    clock = clock_lapsing_level_1(MONDAY)
    staff_chain(bootstrap.get_directory(), CHAIN, "race")
    ref, _ = _file(app_client, mobile, FORM)
    l1 = _officer(app_client, aws, "race", 0)
    due = datetime.fromisoformat(stored(ref).due_at)
    clock.set(due - timedelta(minutes=1))
    opened = body(get(app_client, f"/v1/complaints/{ref}", l1))  # a minute before the deadline
    assert (opened["level"], opened["status"], opened["version"]) == (1, "open", 1)
    # The deadline lapses before the officer submits: the workflow escalates first.
    clock.set(due + timedelta(minutes=1))
    pump.drain()
    assert wait_execution(f"{ref}-1")["status"] == "SUCCEEDED"
    pump.drain()
    resp = post(app_client, f"/v1/complaints/{ref}/actions", {**RESOLVE, "version": opened["version"]}, l1)
    assert resp.status_code == 409, resp.body
    pump.drain()
    view = body(get(app_client, f"/v1/complaints/{ref}", citizen_token(app_client, mobile)))
    assert (view["status"], view["level"], view["post_id"]) == ("open", 2, CHAIN[1])
    assert [h["event"] for h in view["history"]] == ["registered", "escalated"]
    assert view["version"] == opened["version"] + 1


def test_corruption_below_district_head_climbs_the_corruption_chain_unseen_by_the_accuseds_chain(
    app_client: Any, aws: dict[str, str], mobile: str, pump: Any
) -> None:
    _clock(SPEED)
    chain = ["REVENUE:L2:SEHORE", "COLLECTOR:L2:SEHORE", "COMMISSIONER:L3:BHOPAL", "REVENUE:L4:STATE"]
    holders = staff_chain(bootstrap.get_directory(), chain, "corruption")
    # The block-level chain the accused works in; only its posts outside the corruption chain.
    accused = [p for p in CHAIN if p not in chain]
    assert accused == ["REVENUE:L1:SEHORE-BUDHNI", "REVENUE:L3:BHOPAL"]
    staff_chain(bootstrap.get_directory(), accused, "accused")
    form = {**FORM, "category": "corruption", "accused_level": "below_district_head"}
    ref, token = _file(app_client, mobile, form)
    pump.drain()
    for n in range(1, 5):
        wait_execution(f"{ref}-{n}")
        pump.drain()
    view = body(get(app_client, f"/v1/complaints/{ref}", token))
    assert view["chain"] == chain and view["level"] == 4 and view["overdue"] is True
    assert view["name"] == FORM["name"] and view["mobile"] == mobile  # the complainant sees their own
    for post_id in chain:
        assert [m for m in phone(app_client, holders[post_id]) if ref in m["text"]]
    # The accused's chain does not see the complaint at all.
    for i, post_id in enumerate(accused):
        officer = _officer(app_client, aws, "accused", i)
        assert get(app_client, f"/v1/complaints/{ref}", officer).status_code == 404, post_id
        inbox = body(get(app_client, "/v1/officer/inbox", officer))
        assert post_id in inbox["posts"] and ref not in [c["reference"] for c in inbox["complaints"]]
    # The officer it is routed to does, without who complained.
    routed = _officer(app_client, aws, "corruption", 3)
    assert ref in [c["reference"] for c in body(get(app_client, "/v1/officer/inbox", routed))["complaints"]]
    officer_view = body(get(app_client, f"/v1/complaints/{ref}", routed))
    assert officer_view["reference"] == ref and officer_view["history"]
    assert not {"name", "mobile", "extra"} & set(officer_view)
    acted = post(app_client, f"/v1/complaints/{ref}/actions", {"action": "interim", "remarks": "जांच जारी"}, routed)
    assert acted.status_code == 200, acted.body
    assert body(acted)["history"][-1]["event"] == "interim" and not {"name", "mobile"} & set(body(acted))


@pytest.mark.parametrize("speed", [SPEED])
def test_corruption_against_district_head_waits_at_the_state_desk_and_is_marked_overdue(
    app_client: Any, aws: dict[str, str], mobile: str, pump: Any, speed: float
) -> None:
    _clock(speed)
    holders = staff_chain(bootstrap.get_directory(), ["STATE_DESK:L4:STATE"], "desk")
    form = {**FORM, "category": "corruption", "accused_level": "district_head_or_above"}
    ref, token = _file(app_client, mobile, form)
    pump.drain()
    assert [m for m in phone(app_client, holders["STATE_DESK:L4:STATE"]) if ref in m["text"]]
    wait_execution(f"{ref}-1")
    pump.drain()
    view = body(get(app_client, f"/v1/complaints/{ref}", token))
    assert (view["status"], view["level"], view["overdue"]) == ("state_government", 4, True)
    assert [h["event"] for h in view["history"]] == ["registered", "overdue"]
