"""The notify queue's handler on moto: only the jobs that failed or are claimed by another
attempt come back, a leased job is sent once its lease has run out, and a notifier that dies
after SNS accepted an SMS repeats that one SMS once, no more."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import boto3
import pytest

from chalicelib import bootstrap
from chalicelib.domain.messages import spaced
from chalicelib.domain.reference import new_reference
from chalicelib.events.notifier import on_notify_job
from chalicelib.settings import NOTIFY_LEASE_SECONDS
from devstack.pump import sqs_event
from tests.fakes.outside import Crash
from tests.integration.escalation_support import staff_chain
from tests.integration.helpers import FORM, body, citizen_token, phone, post

L1 = "REVENUE:L1:SEHORE-BUDHNI"  # FORM's block


@pytest.fixture
def no_backoff() -> Iterator[None]:
    os.environ["NOTIFY_BACKOFF_SECONDS"] = "0"
    bootstrap.reset()
    yield
    os.environ.pop("NOTIFY_BACKOFF_SECONDS")


class FailingFor:
    """The real SMS sender, except that it refuses one number (as SNS does an opted-out phone)."""

    def __init__(self, inner: Any, mobile: str) -> None:
        self.inner, self.mobile = inner, mobile

    def send(self, to: str, text: str, template: str) -> str:
        if to == self.mobile:
            raise ConnectionError("SMS provider unavailable")
        return str(self.inner.send(to, text, template))


class DiesAfterSending:
    """The real SMS sender; after SNS has accepted the SMS to `mobile`, the process dies."""

    def __init__(self, inner: Any, mobile: str) -> None:
        self.inner, self.mobile = inner, mobile

    def send(self, to: str, text: str, template: str) -> str:
        message_id = str(self.inner.send(to, text, template))
        if to == self.mobile:
            raise Crash(f"died after SNS accepted {message_id}")
        return message_id


def citizen_job(to: str) -> dict[str, Any]:
    ref = new_reference()
    return {
        "job": f"{ref}:1:citizen_registered:sms",
        "channel": "sms",
        "template": "citizen_registered",
        "to_post": None,
        "to_mobile": to,
        "district": "SEHORE",
        "params": {"reference": ref, "level": "1", "due_at": "2026-12-03T18:29:59+00:00", "track": "t"},
    }


def receive(url: str, n: int) -> list[dict[str, Any]]:
    sqs, msgs = boto3.client("sqs"), []
    for _ in range(20):
        msgs += sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, AttributeNames=["All"]).get("Messages", [])
        if len(msgs) >= n:
            break
    assert len(msgs) == n, msgs
    return msgs


def visible_now(url: str, msgs: list[dict[str, Any]]) -> None:
    """What the passing of their visibility timeout does (the test cannot wait for it)."""
    sqs = boto3.client("sqs")
    for m in msgs:
        sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"], VisibilityTimeout=0)


def notify_arn(pump: Any) -> str:
    return str(next(q.arn for q in pump.queues if q.name == "on_notify_job"))


def texts(app_client: Any, to: str, ref: str) -> list[str]:
    return [m["text"] for m in phone(app_client, to) if ref in m["text"]]


def test_only_the_failed_and_the_leased_jobs_of_a_batch_come_back_and_the_leased_one_after_its_lease(
    app_client: Any, no_backoff: None, clock: Any, pump: Any, aws: dict[str, str]
) -> None:
    pump.drain()
    url, sqs = aws["NOTIFY_QUEUE_URL"], boto3.client("sqs")
    base = f"+9196{os.getpid() % 1000:03d}"
    ok, leased, failing = (citizen_job(f"{base}{n:05d}") for n in (11, 12, 13))
    # An attempt claimed the second job's SMS a moment ago and died before sending.
    held = bootstrap.get_ledger().claim(leased["job"], leased["to_mobile"], "sms", clock.wall())
    real_sms = bootstrap.get_sms()
    bootstrap.override(sms=FailingFor(real_sms, failing["to_mobile"]))
    for j in (ok, leased, failing):
        sqs.send_message(QueueUrl=url, MessageBody=json.dumps(j))
    msgs = receive(url, 3)
    by_job = {json.loads(m["Body"])["job"]: m for m in msgs}

    answer = on_notify_job(sqs_event(msgs, notify_arn(pump)), None)

    back = {f["itemIdentifier"] for f in answer["batchItemFailures"]}
    assert back == {by_job[leased["job"]]["MessageId"], by_job[failing["job"]]["MessageId"]}
    sqs.delete_message(QueueUrl=url, ReceiptHandle=by_job[ok["job"]]["ReceiptHandle"])  # as Lambda does
    # The failed job is visible again at once (no backoff here), the leased one not before its lease.
    [again] = receive(url, 1)
    assert json.loads(again["Body"])["job"] == failing["job"]
    assert texts(app_client, ok["to_mobile"], ok["params"]["reference"]) != []
    assert texts(app_client, leased["to_mobile"], leased["params"]["reference"]) == []

    bootstrap.override(sms=real_sms)
    assert held.until is not None
    clock.set(held.until + timedelta(seconds=1))
    visible_now(url, [again, by_job[leased["job"]]])
    pump.drain()
    for j in (ok, leased, failing):
        assert len(texts(app_client, j["to_mobile"], j["params"]["reference"])) == 1, j["job"]
    [row] = bootstrap.get_ledger().attempts(leased["job"])
    assert (row["status"], row["attempts"]) == ("sent", 2)


def test_a_notifier_that_dies_after_sns_accepted_an_sms_repeats_that_sms_once_and_nothing_else(
    app_client: Any, directory: Any, clock: Any, mobile: str, pump: Any, aws: dict[str, str]
) -> None:
    officer = staff_chain(directory, [L1], f"crash-{mobile}")[L1]
    token = citizen_token(app_client, mobile)
    pump.drain()
    ref = body(post(app_client, "/v1/complaints", FORM, token))["reference"]
    while pump.poll_streams():  # the reactor queues the jobs; the test is the notifier
        pass
    url = aws["NOTIFY_QUEUE_URL"]
    msgs = receive(url, 3)  # the citizen's SMS, the officer's SMS and call
    real_sms = bootstrap.get_sms()
    bootstrap.override(sms=DiesAfterSending(real_sms, mobile))
    with pytest.raises(Crash):
        on_notify_job(sqs_event(msgs, notify_arn(pump)), None)
    assert len(texts(app_client, mobile, ref)) == 1
    job = f"{ref}:1:citizen_registered:sms"
    assert bootstrap.get_ledger().attempts(job)[0]["status"] == "sending"

    # Nothing deleted the batch: it comes back after the queue's visibility timeout, by which
    # time the dead attempt's lease (shorter by construction) has run out.
    bootstrap.override(sms=real_sms)
    clock.advance(seconds=NOTIFY_LEASE_SECONDS + 1)
    visible_now(url, msgs)
    pump.drain()
    assert len(texts(app_client, mobile, ref)) == 2  # the one repeat
    clock.advance(days=1)
    for m in msgs:  # the same jobs delivered yet again (SQS delivers at least once): nothing more
        boto3.client("sqs").send_message(QueueUrl=url, MessageBody=m["Body"])
    pump.drain()
    assert len(texts(app_client, mobile, ref)) == 2
    told = [m["kind"] for m in phone(app_client, officer) if ref in m["text"] or spaced(ref) in m["text"]]
    assert sorted(told) == ["call", "sms"]  # the officer's SMS and call: once each
    [row] = bootstrap.get_ledger().attempts(job)
    assert (row["status"], row["attempts"]) == ("sent", 2)
