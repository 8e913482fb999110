"""The notifier: a failing provider is retried with backoff, recorded, and ends in the DLQ."""

from __future__ import annotations

import json
import os
from typing import Any

import boto3
import pytest

from chalicelib import bootstrap
from tests.integration.helpers import FORM, body, citizen_token, phone, post


class DownSms:
    """An SMS provider that is down (as SNS is when the spend limit is reached)."""

    def __init__(self) -> None:
        self.calls = 0

    def send(self, to: str, text: str, template: str) -> str:
        self.calls += 1
        raise ConnectionError("SMS provider unavailable")


@pytest.fixture
def no_backoff() -> Any:
    os.environ["NOTIFY_BACKOFF_SECONDS"] = "0"
    bootstrap.reset()
    yield
    os.environ.pop("NOTIFY_BACKOFF_SECONDS")


def _dlq_bodies(aws: dict[str, str]) -> list[dict[str, Any]]:
    sqs = boto3.client("sqs")
    msgs = sqs.receive_message(QueueUrl=aws["NOTIFY_DLQ_URL"], MaxNumberOfMessages=10).get("Messages", [])
    return [json.loads(m["Body"]) for m in msgs]


def test_failed_sms_is_retried_recorded_and_ends_in_the_dlq(
    app_client: Any, no_backoff: Any, clock: Any, mobile: str, pump: Any, aws: dict[str, str]
) -> None:
    token = citizen_token(app_client, mobile)
    pump.drain()  # what earlier tests left in the queues is delivered before the provider goes down
    down = DownSms()
    bootstrap.override(sms=down)
    ref = body(post(app_client, "/v1/complaints", FORM, token))["reference"]
    job = f"{ref}:1:citizen_registered:sms"
    dead: list[dict[str, Any]] = []
    for _ in range(200):  # each round is one more delivery attempt (no backoff in this test)
        pump.drain(rounds=1)
        dead += _dlq_bodies(aws)
        if job in [d["job"] for d in dead]:
            break
    bootstrap.reset()
    ledger = bootstrap.get_ledger().attempts(job)
    assert ledger and ledger[0]["status"] == "failed" and ledger[0]["attempts"] >= 5, (
        down.calls,
        dead[:3],
        pump.errors[-2:],
    )
    assert "SMS provider unavailable" in ledger[0]["error"]
    assert job in [d["job"] for d in dead]
    assert not [m for m in phone(app_client, mobile) if ref in m["text"]]


def test_a_redelivered_job_sends_nothing_twice(app_client: Any, clock: Any, mobile: str, pump: Any) -> None:
    from chalicelib.services.notify import deliver

    token = citizen_token(app_client, mobile)
    ref = body(post(app_client, "/v1/complaints", FORM, token))["reference"]
    pump.drain()
    job = {
        "job": f"{ref}:1:citizen_registered:sms",
        "channel": "sms",
        "template": "citizen_registered",
        "to_post": None,
        "to_mobile": mobile,
        "district": "SEHORE",
        "params": {"reference": ref, "level": "1", "due_at": "2026-12-03T18:29:59+00:00", "track": "x"},
    }
    sent = deliver(job, bootstrap.notifier())
    assert sent == 0
    assert len([m for m in phone(app_client, mobile) if ref in m["text"]]) == 1
