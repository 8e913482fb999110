"""Replay complaint-stream batches that failed every retry (the stream-failure queue).

Lambda writes one message per failed batch to `cmh181-stream-failures`: which function
failed and the batch's place in the stream (shard, first and last sequence number), not the
records themselves. This tool reads each message, reads those records again from the stream
(they stay there 24 hours after their write), hands them to the same function as Lambda
would, and deletes the message once the function succeeded. The handlers are idempotent per
history item, so a batch replayed twice, or one part of which had gone through, changes
nothing twice.

    python -m infra.replay --queue-url https://sqs.ap-south-1.amazonaws.com/<account>/cmh181-stream-failures
    python -m infra.replay --queue-url … --dry-run     # say what would be replayed, change nothing

Run it with credentials that may read the queue and the stream and invoke the functions
(docs/operations.md, "Replay stream failures"). Fix the cause first: a batch that fails
again stays in the queue.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

Invoke = Callable[[str, dict[str, Any]], None]  # function ARN, event -> raises if the function failed


@dataclass(frozen=True)
class Failure:
    receipt: str
    function_arn: str
    stream_arn: str
    shard: str
    first: str
    last: str

    @classmethod
    def parse(cls, message: dict[str, Any]) -> Failure:
        body = json.loads(message["Body"])
        info = body["DDBStreamBatchInfo"]
        return cls(
            message["ReceiptHandle"],
            body["requestContext"]["functionArn"],
            info["streamArn"],
            info["shardId"],
            info["startSequenceNumber"],
            info["endSequenceNumber"],
        )


def batch_records(streams: Any, failure: Failure) -> list[dict[str, Any]]:
    """The stream's records from the batch's first to its last sequence number, as Lambda delivers them."""
    try:
        iterator = streams.get_shard_iterator(
            StreamArn=failure.stream_arn,
            ShardId=failure.shard,
            ShardIteratorType="AT_SEQUENCE_NUMBER",
            SequenceNumber=failure.first,
        )["ShardIterator"]
    except streams.exceptions.TrimmedDataAccessException as exc:
        raise LookupError(
            f"shard {failure.shard}: the batch is older than the stream's 24 hours; see docs/operations.md"
        ) from exc
    out: list[dict[str, Any]] = []
    last = int(failure.last)
    while iterator:
        page = streams.get_records(ShardIterator=iterator, Limit=1000)
        records = page.get("Records", [])
        for record in records:
            if int(record["dynamodb"]["SequenceNumber"]) > last:
                return out
            out.append(lambda_record(record, failure.stream_arn))
        if not records:
            break
        iterator = page.get("NextShardIterator")
    return out


def lambda_record(record: dict[str, Any], stream_arn: str) -> dict[str, Any]:
    """boto3 parses the creation time into a datetime; Lambda delivers epoch seconds."""
    ddb = dict(record["dynamodb"])
    created = ddb.get("ApproximateCreationDateTime")
    if isinstance(created, datetime):
        ddb["ApproximateCreationDateTime"] = created.timestamp()
    return {**record, "dynamodb": ddb, "eventSourceARN": stream_arn}


def messages(sqs: Any, queue_url: str) -> Iterator[dict[str, Any]]:
    """Every message in the queue, each once (hidden for 15 minutes while replayed)."""
    seen: set[str] = set()
    while True:
        got = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, VisibilityTimeout=900).get("Messages", [])
        fresh = [m for m in got if m["MessageId"] not in seen]
        if not fresh:
            return
        seen.update(m["MessageId"] for m in fresh)
        yield from fresh


def replay(sqs: Any, streams: Any, queue_url: str, invoke: Invoke, dry_run: bool = False) -> list[dict[str, Any]]:
    """Replay every failed batch in the queue; returns what happened to each."""
    report = []
    held: list[str] = []
    for message in messages(sqs, queue_url):
        failure = Failure.parse(message)
        entry: dict[str, Any] = {"function": failure.function_arn, "shard": failure.shard, "first": failure.first}
        try:
            records = batch_records(streams, failure)
            entry["records"] = len(records)
            if not dry_run:
                if records:
                    invoke(failure.function_arn, {"Records": records})
                sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
            entry["outcome"] = "would replay" if dry_run else "replayed"
        except Exception as exc:  # the message stays (visible again in 15 minutes) for the next run
            entry["outcome"] = f"failed: {exc!r}"
        if dry_run:
            held.append(message["ReceiptHandle"])
        report.append(entry)
    for receipt in held:  # a dry run leaves the queue as it found it
        sqs.change_message_visibility(QueueUrl=queue_url, ReceiptHandle=receipt, VisibilityTimeout=0)
    return report


def lambda_invoke(client: Any) -> Invoke:
    """Invoke the deployed function itself: it runs with its own settings and permissions."""

    def invoke(function_arn: str, event: dict[str, Any]) -> None:
        out = client.invoke(FunctionName=function_arn, InvocationType="RequestResponse", Payload=json.dumps(event))
        if out.get("FunctionError"):
            raise RuntimeError(f"{function_arn}: {out['Payload'].read().decode()[:500]}")

    return invoke


def main(argv: list[str] | None = None) -> int:
    import boto3

    parser = argparse.ArgumentParser(prog="python -m infra.replay", description=__doc__.split("\n\n")[0])
    parser.add_argument("--queue-url", required=True, help="the stream-failure queue (output StreamFailureQueueUrl)")
    parser.add_argument("--region", default=None)
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)
    session = boto3.Session(region_name=args.region)
    report = replay(
        session.client("sqs"),
        session.client("dynamodbstreams"),
        args.queue_url,
        lambda_invoke(session.client("lambda")),
        args.dry_run,
    )
    for entry in report:
        print(json.dumps(entry))
    failed = sum(e["outcome"].startswith("failed") for e in report)
    print(f"{sum(e['outcome'] == 'replayed' for e in report)} replayed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
