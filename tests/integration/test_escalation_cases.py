"""Escalation cases on the real ASL in moto: resolved in time, an officer racing the
deadline, the corruption chain and the State government's desk."""

from __future__ import annotations

import re
import time
from datetime import datetime
from typing import Any

import pytest

from chalicelib import bootstrap
from chalicelib.clock import ManualClock
from tests.conftest import MONDAY
from tests.integration.escalation_support import SPEED, staff_chain, wait_execution
from tests.integration.helpers import FORM, body, citizen_token, get, phone, post

RESOLVE = {"action": "resolve", "remarks": "समस्या हल", "rule_reference": "नियम 3"}


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


def test_resolved_at_l2_stops_the_clock_and_nothing_escalates_further(
        app_client: Any, aws: dict[str, str], mobile: str, pump: Any) -> None:
    _clock(SPEED / 4)  # a level lapses in about 4 s
    chain = ["REVENUE:L1:SEHORE-BUDHNI", "REVENUE:L2:SEHORE", "REVENUE:L3:BHOPAL", "REVENUE:L4:STATE"]
    holders = staff_chain(bootstrap.get_directory(), chain, "resolved-l2")
    ref, token = _file(app_client, mobile, FORM)
    pump.drain()
    assert wait_execution(f"{ref}-1")["status"] == "SUCCEEDED"
    pump.drain()
    resp = post(app_client, f"/v1/complaints/{ref}/actions", RESOLVE, _link(app_client, holders[chain[1]], ref))
    assert resp.status_code == 200, resp.body
    pump.drain()
    assert wait_execution(f"{ref}-2", timeout=5)["status"] == "ABORTED"
    time.sleep(1)
    view = body(get(app_client, f"/v1/complaints/{ref}", token))
    assert (view["status"], view["level"]) == ("resolved", 2)
    assert [h["event"] for h in view["history"]] == ["registered", "escalated", "resolved"]


def test_an_officer_racing_the_deadline_either_wins_or_gets_409_and_history_agrees(
        app_client: Any, aws: dict[str, str], mobile: str, pump: Any) -> None:
    clock = _clock(SPEED / 2)
    chain = ["REVENUE:L1:SEHORE-BUDHNI", "REVENUE:L2:SEHORE", "REVENUE:L3:BHOPAL", "REVENUE:L4:STATE"]
    holders = staff_chain(bootstrap.get_directory(), chain, "race")
    ref, token = _file(app_client, mobile, FORM)
    pump.drain()
    link = _link(app_client, holders[chain[0]], ref)
    due = datetime.fromisoformat(bootstrap.get_complaints().get(ref).due_at)
    time.sleep(max(0.0, (clock.to_real(due) - datetime.now(due.tzinfo)).total_seconds() - 0.05))
    resp = post(app_client, f"/v1/complaints/{ref}/actions", RESOLVE, link)
    wait_execution(f"{ref}-1")
    pump.drain()
    view = body(get(app_client, f"/v1/complaints/{ref}", token))
    events = [h["event"] for h in view["history"]]
    if resp.status_code == 200:  # the officer won: the workflow's update found the complaint resolved
        assert (view["status"], view["level"], events) == ("resolved", 1, ["registered", "resolved"])
    else:  # the deadline won: the officer's stale submission changed nothing
        assert resp.status_code in (403, 409)
        # (it keeps climbing untouched afterwards; only the first step matters here)
        assert view["status"] == "open" and view["level"] >= 2 and events[:2] == ["registered", "escalated"]
        assert "resolved" not in events


def test_corruption_below_district_head_climbs_the_corruption_chain(
        app_client: Any, aws: dict[str, str], mobile: str, pump: Any) -> None:
    _clock(SPEED)
    chain = ["REVENUE:L2:SEHORE", "COLLECTOR:L2:SEHORE", "COMMISSIONER:L3:BHOPAL", "REVENUE:L4:STATE"]
    holders = staff_chain(bootstrap.get_directory(), chain, "corruption")
    form = {**FORM, "category": "corruption", "accused_level": "below_district_head"}
    ref, token = _file(app_client, mobile, form)
    pump.drain()
    for n in range(1, 5):
        wait_execution(f"{ref}-{n}")
        pump.drain()
    view = body(get(app_client, f"/v1/complaints/{ref}", token))
    assert view["chain"] == chain and view["level"] == 4 and view["overdue"] is True
    for post_id in chain:
        assert [m for m in phone(app_client, holders[post_id]) if ref in m["text"]]
    # The accused's chain does not see who complained.
    officer_view = body(post(app_client, f"/v1/complaints/{ref}/actions",
                             {"action": "interim", "remarks": "जांच जारी"},
                             _link(app_client, holders[chain[3]], ref)))
    assert "mobile" not in officer_view and "name" not in officer_view


@pytest.mark.parametrize("speed", [SPEED])
def test_corruption_against_district_head_waits_at_the_state_desk_and_is_marked_overdue(
        app_client: Any, aws: dict[str, str], mobile: str, pump: Any, speed: float) -> None:
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
