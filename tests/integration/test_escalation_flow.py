"""Escalation through the real workflow: the reactor starts one execution per assignment,
the ASL runs in moto's interpreter, the reactor records the escalation and notifies."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from chalicelib import bootstrap
from chalicelib.clock import ManualClock
from tests.conftest import MONDAY
from tests.integration.escalation_support import SPEED, executions_named, staff_chain, wait_execution
from tests.integration.helpers import FORM, body, citizen_token, get, phone, post

CHAIN = ["REVENUE:L1:SEHORE-BUDHNI", "REVENUE:L2:SEHORE", "REVENUE:L3:BHOPAL", "REVENUE:L4:STATE"]


@pytest.fixture
def fast_clock(aws: dict[str, str]) -> ManualClock:
    c = ManualClock(datetime.fromisoformat(MONDAY), speed=SPEED)
    bootstrap.override(clock=c)
    return c


def _file(app_client: Any, mobile: str, form: dict[str, Any] = FORM) -> str:
    resp = post(app_client, "/v1/complaints", form, citizen_token(app_client, mobile))
    assert resp.status_code == 201, resp.body
    return str(body(resp)["reference"])


def test_untouched_complaint_climbs_l1_to_l4_each_holder_notified_once_then_overdue(
        app_client: Any, fast_clock: ManualClock, mobile: str, pump: Any) -> None:
    holders = staff_chain(bootstrap.get_directory(), CHAIN, "climb")
    ref = _file(app_client, mobile)
    pump.drain()
    for n in range(1, 5):
        assert wait_execution(f"{ref}-{n}")["status"] == "SUCCEEDED"
        pump.drain()
    view = body(get(app_client, f"/v1/complaints/{ref}", citizen_token(app_client, mobile)))
    assert view["level"] == 4 and view["status"] == "open" and view["overdue"] is True
    events = [(h["event"], h["level"]) for h in view["history"]]
    assert events == [("registered", 1), ("escalated", 2), ("escalated", 3), ("escalated", 4), ("overdue", 4)]
    lapsed = [h["lapsed_post"] for h in view["history"] if h["event"] == "escalated"]
    assert lapsed == CHAIN[:3]
    for level, post_id in enumerate(CHAIN, start=1):
        got = [m for m in phone(app_client, holders[post_id]) if ref in m["text"] or " ".join(ref) in m["text"]]
        assert sorted(m["kind"] for m in got) == ["call", "sms"], (level, got)
    # Each deadline is the 7th working day after the level was reached, 23:59:59 IST.
    dues = [h.get("due_at") for h in view["history"] if h["event"] == "escalated"]
    assert all(d.endswith("18:29:59+00:00") for d in dues)


def test_a_redelivered_start_makes_no_second_execution(app_client: Any, clock: ManualClock,
                                                      mobile: str, pump: Any) -> None:
    ref = _file(app_client, mobile)
    pump.drain()
    # The stream delivers the registration again: the reactor's start is a no-op.
    pump.poll_streams()
    complaint = bootstrap.get_complaints().get(ref)
    bootstrap.get_timers().start(complaint, bootstrap.get_calendar())
    assert len(executions_named(f"{ref}-1")) == 1
