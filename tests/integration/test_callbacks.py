"""Satisfaction callbacks: the call centre's queue, the automated survey with retries
within calling hours, and the survey's answer coming back through Connect."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from chalicelib import bootstrap
from tests.integration.helpers import body, get, phone, post
from tests.integration.test_actions import RESOLVE, _cce, filed  # noqa: F401 (fixture)

EVENTS = Path(__file__).parent / "events"


def _resolve(app_client: Any, filed: dict[str, Any], pump: Any) -> None:
    assert post(app_client, f"/v1/complaints/{filed['ref']}/actions", RESOLVE, filed["link"]).status_code == 200
    pump.drain()


def test_resolved_complaint_waits_in_the_call_centre_queue_until_the_outcome_is_recorded(
    app_client: Any, filed: dict[str, Any], pump: Any, aws: dict[str, str]
) -> None:
    _resolve(app_client, filed, pump)
    cce = _cce(app_client, aws)
    queue = body(get(app_client, "/v1/callbacks", cce))["callbacks"]
    mine = [c for c in queue if c["reference"] == filed["ref"]]
    assert mine and mine[0]["mobile"] == filed["mobile"]
    post(app_client, f"/v1/complaints/{filed['ref']}/satisfaction", {"satisfied": True}, cce)
    pump.drain()
    assert filed["ref"] not in [c["reference"] for c in body(get(app_client, "/v1/callbacks", cce))["callbacks"]]


def test_callback_queue_is_for_the_call_centre_only(app_client: Any, filed: dict[str, Any]) -> None:
    assert get(app_client, "/v1/callbacks", filed["citizen"]).status_code == 403


@pytest.fixture
def survey(monkeypatch: Any) -> None:
    monkeypatch.setenv("SATISFACTION_SURVEY", "connect")
    from chalicelib.settings import get_settings

    get_settings.cache_clear()


def test_survey_rings_three_times_within_hours_then_goes_to_the_call_centre(
    app_client: Any, survey: None, filed: dict[str, Any], pump: Any, clock: Any
) -> None:
    _resolve(app_client, filed, pump)
    timer = pump.timer("dispatch_callbacks")
    for _ in range(12):  # three days of 6-hourly firings
        clock.advance(hours=6)
        assert pump.fire(timer, clock.now())
    calls = [m for m in phone(app_client, filed["mobile"]) if m["kind"] == "call" and "दबाएँ" in m["text"]]
    assert len(calls) == 3
    assert all(7 <= int(m["at"][11:13]) + 5 < 24 for m in calls)  # within 07:00–23:00 IST (UTC+5:30)
    cb = bootstrap.get_callbacks().get(filed["ref"])
    assert cb is not None and cb.queue == "cce" and cb.attempts == 3


def test_survey_answer_2_from_connect_reopens_at_the_next_level(
    app_client: Any, survey: None, filed: dict[str, Any], pump: Any
) -> None:
    from app import app
    from chalicelib.events.callbacks import connect_survey_answer as handler

    assert any(f.name == "connect_survey_answer" for f in app.pure_lambda_functions)

    _resolve(app_client, filed, pump)
    event = json.loads((EVENTS / "connect_survey_answer.json").read_text())
    event["Details"]["Parameters"] = {"reference": filed["ref"], "answer": "2"}
    assert handler(event, None) == {"status": "recorded"}
    view = body(get(app_client, f"/v1/complaints/{filed['ref']}", filed["citizen"]))
    assert (view["status"], view["level"]) == ("open", 2)
    assert view["history"][-1]["via"] == "ivr" and view["history"][-1]["satisfied"] is False
