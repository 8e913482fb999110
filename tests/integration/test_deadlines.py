"""Deadlines that move: a gazette holiday added while complaints wait, and the daily
reconciler repairing a complaint whose timer died."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from chalicelib import bootstrap
from chalicelib.clock import ManualClock
from chalicelib.domain.calendar import YearCalendar
from tests.integration.escalation_support import executions_named
from tests.integration.helpers import FORM, body, citizen_token, get, post, staff_token

ADMIN_PASSWORD = "Admin@181Password"


@pytest.fixture
def admin(app_client: Any, aws: dict[str, str]) -> str:
    return staff_token(app_client, aws["USER_POOL_ID"], "admin-test", ("admin",), ADMIN_PASSWORD)


@pytest.fixture
def clock_2027(aws: dict[str, str]) -> ManualClock:
    """Monday 1 March 2027 (this file owns year 2027's calendar; other tests use 2026)."""
    c = ManualClock(datetime.fromisoformat("2027-03-01T05:00:00+00:00"))
    bootstrap.override(clock=c)
    return c


def _put(app_client: Any, token: str, cal: YearCalendar) -> Any:
    return app_client.http.put(
        "/v1/admin/calendar/2027",
        body=__import__("json").dumps(cal.to_data()),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )


def test_a_holiday_added_while_complaints_wait_moves_their_deadline_and_replaces_the_timer(
    app_client: Any, admin: str, clock_2027: ManualClock, mobile: str, pump: Any
) -> None:
    plain = YearCalendar(2027, frozenset({5, 6}), {})
    assert _put(app_client, admin, plain).status_code == 202
    pump.drain()
    citizen = citizen_token(app_client, mobile)
    out = body(post(app_client, "/v1/complaints", FORM, citizen))
    ref = out["reference"]
    assert out["due_at"] == "2027-03-10T18:29:59+00:00"  # 2,3,4,5,8,9,10 March
    pump.drain()
    resp = _put(app_client, admin, plain.with_holiday(datetime(2027, 3, 4).date(), "होली"))
    assert resp.status_code == 202 and body(resp)["districts_queued"] == 55
    pump.drain()
    view = body(get(app_client, f"/v1/complaints/{ref}", citizen))
    assert view["due_at"] == "2027-03-11T18:29:59+00:00"
    assert view["history"][-1]["event"] == "deadline_changed"
    assert view["history"][-1]["previous_due_at"] == "2027-03-10T18:29:59+00:00"
    old, new = executions_named(f"{ref}-1"), executions_named(f"{ref}-1.v2")
    assert old[0]["status"] == "ABORTED" and new[0]["status"] == "RUNNING"


def test_reconciler_repairs_a_complaint_whose_timer_died_and_reports_it(
    app_client: Any, clock: ManualClock, mobile: str, pump: Any
) -> None:
    ref = body(post(app_client, "/v1/complaints", FORM, citizen_token(app_client, mobile)))["reference"]
    pump.drain()
    bootstrap.get_timers().stop(f"{ref}-1", "simulated failure")
    clock.advance(days=11)
    report = pump.timer("reconcile_timers").handler(
        {
            "time": "x",
            "detail": {},
            "resources": [],
            "id": "1",
            "detail-type": "Scheduled Event",
            "source": "aws.events",
            "account": "1",
            "region": "x",
            "version": "0",
        },
        None,
    )
    assert report["repaired"] >= 1 and "SEHORE" in report["districts"]
    pump.drain()
    assert executions_named(f"{ref}-1.v2")[0]["status"] == "RUNNING"
    again = bootstrap.get_complaints().history(ref)[-1]
    assert again.event == "timer_repaired"
