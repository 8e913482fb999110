"""Replaying a complaint-stream batch that failed every retry (infra/replay.py): the records the
failure message names are read again from the stream and run through the same handler, once
in effect however often replayed; a failing replay keeps the message."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest

from chalicelib import bootstrap
from infra import replay
from tests.integration.helpers import FORM, body, citizen_token, phone, post


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def local_invoke(pump: Any) -> replay.Invoke:
    """As the deployed function would be invoked: by its name, `<stack>-<LogicalId>`."""
    handlers = {_camel(s.name): s.handler for s in pump.streams}

    def invoke(function_arn: str, event: dict[str, Any]) -> None:
        logical_id = function_arn.rsplit(":", 1)[1].rsplit("-", 1)[1]
        handlers[logical_id](event, None)

    return invoke


def _records_of(arn: str, reference: str) -> tuple[str, list[dict[str, Any]]]:
    streams = boto3.client("dynamodbstreams")
    for shard in streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
        it = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON")[
            "ShardIterator"
        ]
        found = []
        while it:
            page = streams.get_records(ShardIterator=it, Limit=1000)
            found += [r for r in page["Records"] if r["dynamodb"]["Keys"]["pk"]["S"] == f"C#{reference}"]
            it = page.get("NextShardIterator") if page["Records"] else None
        if found:
            return shard["ShardId"], found
    raise AssertionError(f"no stream record of {reference}")


def failure_message(arn: str, shard: str, records: list[dict[str, Any]], function: str) -> str:
    """What Lambda writes to the OnFailure destination of a stream mapping (its documented shape)."""
    return json.dumps(
        {
            "requestContext": {
                "requestId": "316aa6d0-8154-xmpl-9af7-85d5f4a6bc81",
                "functionArn": f"arn:aws:lambda:ap-south-1:123456789012:function:cmh181-prod-{function}",
                "condition": "RetryAttemptsExhausted",
                "approximateInvokeCount": 4,
            },
            "responseContext": {"statusCode": 200, "executedVersion": "$LATEST", "functionError": "Unhandled"},
            "version": "1.0",
            "timestamp": "2026-11-23T05:10:00.000Z",
            "DDBStreamBatchInfo": {
                "shardId": shard,
                "startSequenceNumber": records[0]["dynamodb"]["SequenceNumber"],
                "endSequenceNumber": records[-1]["dynamodb"]["SequenceNumber"],
                "approximateArrivalOfFirstRecord": "2026-11-23T05:00:00Z",
                "approximateArrivalOfLastRecord": "2026-11-23T05:00:00Z",
                "batchSize": len(records),
                "streamArn": arn,
            },
        }
    )


def _registered_sms(app_client: Any, mobile: str, ref: str) -> list[dict[str, Any]]:
    return [m for m in phone(app_client, mobile) if m["kind"] == "sms" and ref in m["text"]]


def test_a_failed_batch_is_replayed_from_the_stream_once_in_effect(
    app_client: Any, clock: Any, mobile: str, pump: Any, aws: dict[str, str]
) -> None:
    token = citizen_token(app_client, mobile)
    pump.drain()  # earlier records are handled; this complaint's are left to the replay
    ref = body(post(app_client, "/v1/complaints", FORM, token))["reference"]
    arn = next(s.arn for s in pump.streams if s.name == "on_complaint_change")
    shard, records = _records_of(arn, ref)
    sqs = boto3.client("sqs")
    queue = aws["STREAM_FAILURE_QUEUE_URL"]
    sqs.send_message(QueueUrl=queue, MessageBody=failure_message(arn, shard, records, "OnComplaintChange"))

    dry = replay.replay(sqs, boto3.client("dynamodbstreams"), queue, local_invoke(pump), dry_run=True)
    assert [e["outcome"] for e in dry] == ["would replay"]
    assert not bootstrap.get_timers().running(f"{ref}-1")  # a dry run does nothing

    report = replay.replay(sqs, boto3.client("dynamodbstreams"), queue, local_invoke(pump))

    assert [(e["outcome"], e["records"]) for e in report] == [("replayed", len(records))]
    assert bootstrap.get_timers().running(f"{ref}-1")  # the reaction ran: the escalation timer started
    pump.poll_queues()
    assert len(_registered_sms(app_client, mobile, ref)) == 1  # and the citizen was told
    assert replay.replay(sqs, boto3.client("dynamodbstreams"), queue, local_invoke(pump)) == []  # message gone

    # The same batch again (a second failure message, then the stream itself): nothing twice.
    sqs.send_message(QueueUrl=queue, MessageBody=failure_message(arn, shard, records, "OnComplaintChange"))
    assert [e["outcome"] for e in replay.replay(sqs, boto3.client("dynamodbstreams"), queue, local_invoke(pump))] == [
        "replayed"
    ]
    pump.drain()
    assert len(_registered_sms(app_client, mobile, ref)) == 1


def test_a_replay_that_fails_again_keeps_its_message(
    app_client: Any, clock: Any, mobile: str, pump: Any, aws: dict[str, str]
) -> None:
    token = citizen_token(app_client, mobile)
    pump.drain()
    ref = body(post(app_client, "/v1/complaints", FORM, token))["reference"]
    arn = next(s.arn for s in pump.streams if s.name == "on_complaint_change")
    shard, records = _records_of(arn, ref)
    sqs = boto3.client("sqs")
    queue = aws["STREAM_FAILURE_QUEUE_URL"]
    sqs.send_message(QueueUrl=queue, MessageBody=failure_message(arn, shard, records, "OnComplaintChange"))

    def broken(function_arn: str, event: dict[str, Any]) -> None:
        raise RuntimeError("still failing")

    (entry,) = replay.replay(sqs, boto3.client("dynamodbstreams"), queue, broken)
    assert entry["outcome"].startswith("failed")
    left = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["ApproximateNumberOfMessagesNotVisible"])
    assert left["Attributes"]["ApproximateNumberOfMessagesNotVisible"] == "1"  # back after its visibility timeout
    sqs.purge_queue(QueueUrl=queue)
    pump.drain()


@pytest.mark.parametrize("function", ["OnComplaintChange", "OnHistoryForReports"])
def test_the_failure_message_names_a_function_the_app_has(pump: Any, function: str) -> None:
    assert function in {_camel(s.name) for s in pump.streams}
