"""Escalation through the real workflow: the reactor starts one execution per assignment,
the ASL runs in moto's interpreter, the reactor records the escalation and notifies."""

from __future__ import annotations

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
from tests.integration.helpers import FORM, body, citizen_token, get, phone, post, redelivery, stored

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
    app_client: Any, fast_clock: ManualClock, mobile: str, pump: Any
) -> None:
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


def test_redelivered_stream_records_make_no_second_history_entry_execution_or_message(
    app_client: Any, aws: dict[str, str], mobile: str, pump: Any
) -> None:
    """Our own idempotence, not Step Functions' refusal of a reused name: every record of
    the complaint (registration, the workflow's escalation, its history items) handled
    again by the reactor records nothing twice, starts no other timer and sends nothing again."""
    from types import SimpleNamespace

    from chalicelib.events.stream import on_complaint_change

    clock = clock_lapsing_level_1(MONDAY)
    holders = staff_chain(bootstrap.get_directory(), CHAIN, "redelivery")
    ref = _file(app_client, mobile)
    clock.set(datetime.fromisoformat(stored(ref).due_at) + timedelta(minutes=1))
    pump.drain()
    assert wait_execution(f"{ref}-1")["status"] == "SUCCEEDED"
    pump.drain()

    def state() -> dict[str, Any]:
        return {
            "history": [(e.version, e.event) for e in bootstrap.get_complaints().history(ref)],
            "executions": sorted((e["name"], e["status"]) for e in executions_named(f"{ref}-", prefix=True)),
            "phones": {
                to: sorted(m["kind"] for m in phone(app_client, to) if ref in m["text"] or " ".join(ref) in m["text"])
                for to in (mobile, *holders.values())
            },
        }

    before = state()
    assert before == {
        "history": [(1, "registered"), (2, "escalated")],
        "executions": [(f"{ref}-1", "SUCCEEDED"), (f"{ref}-2", "RUNNING")],
        "phones": {
            mobile: ["sms", "sms"],
            holders[CHAIN[0]]: ["call", "sms"],
            holders[CHAIN[1]]: ["call", "sms"],
            holders[CHAIN[2]]: [],
            holders[CHAIN[3]]: [],
        },
    }
    batch = redelivery(pump, "on_complaint_change", [ref])
    assert len(batch["Records"]) >= 4  # the complaint's insert and escalation, both history items
    clock.advance(hours=1)  # later, as a redelivery is: links and timestamps made now would differ
    on_complaint_change(batch, SimpleNamespace(function_name="redelivery"))
    pump.drain()
    assert state() == before
