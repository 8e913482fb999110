"""Drives the Chalice app's own event sources from moto, as Lambda's pollers would.

Handlers are discovered from `app.event_sources`, so a handler added later is wired
with no code here: DynamoDB stream handlers get the table's stream records, SQS
handlers get the queue's messages, and schedules fire on the system clock.

SQS messages are deleted as Lambda deletes them with `ReportBatchItemFailures` on (which
the packaged template sets for every queue): when the handler returns, all but those it
lists in `batchItemFailures`; when it raises, or lists an id that is not in the batch,
none. Messages not deleted come back when their visibility runs out and, after the
redrive limit, move to the DLQ.
"""

from __future__ import annotations

import functools
import importlib
import logging
import threading
import traceback
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from chalice import Chalice
from chalice.app import DynamoDBEventConfig, ScheduledEventConfig, SQSEventConfig

from chalicelib.clock import Clock, iso_z
from devstack.schedule import Schedule

log = logging.getLogger("devstack.pump")


def _handler(app: Chalice, handler_string: str) -> Callable[[dict[str, Any], Any], Any]:
    module, _, name = handler_string.rpartition(".")
    if module == "app":
        return getattr(importlib.import_module("app"), name)  # type: ignore[no-any-return]
    return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


@dataclass
class _Stream:
    name: str
    handler: Callable[..., Any]
    arn: str
    batch: int = 100
    # Last sequence number handled per shard (None: nothing yet).
    positions: dict[str, str | None] = field(default_factory=dict)
    # The batch size after a failure, per shard: halved at each failure, as the deployed
    # mapping's BisectBatchOnFunctionError splits a failing batch (infra/stage.py).
    bisect: dict[str, int] = field(default_factory=dict)


@dataclass
class _Queue:
    name: str
    handler: Callable[..., Any]
    url: str
    arn: str
    batch: int


@dataclass
class _Timer:
    name: str
    handler: Callable[..., Any]
    schedule: Schedule
    last: datetime


class EventPump:
    def __init__(self, app: Chalice, clients: Callable[[str], Any], clock: Clock) -> None:
        self._clients = clients
        self._clock = clock
        self.streams: list[_Stream] = []
        self.queues: list[_Queue] = []
        self.timers: list[_Timer] = []
        self.errors: list[str] = []
        ddb, sqs = clients("dynamodb"), clients("sqs")
        for src in app.event_sources:
            fn = _handler(app, src.handler_string)
            if isinstance(src, DynamoDBEventConfig):
                table = src.stream_arn.split(":table/")[1].split("/")[0]
                arn = ddb.describe_table(TableName=table)["Table"]["LatestStreamArn"]
                self.streams.append(_Stream(src.name, fn, arn, src.batch_size or 100))
            elif isinstance(src, SQSEventConfig):
                name = src.queue or (src.queue_arn or "").rsplit(":", 1)[1]
                url = sqs.get_queue_url(QueueName=name)["QueueUrl"]
                arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
                self.queues.append(_Queue(src.name, fn, url, arn, src.batch_size))
            elif isinstance(src, ScheduledEventConfig):
                expr = src.schedule_expression
                text = expr if isinstance(expr, str) else expr.to_string()
                self.timers.append(_Timer(src.name, fn, Schedule(text), clock.now()))

    # ---- DynamoDB streams ----------------------------------------------------
    def poll_streams(self) -> int:
        return sum(self.poll_stream(s) for s in self.streams)

    def poll_stream(self, s: _Stream) -> int:
        streams = self._clients("dynamodbstreams")
        done = 0
        shards = streams.describe_stream(StreamArn=s.arn)["StreamDescription"]["Shards"]
        for shard in shards:
            sid = shard["ShardId"]
            # A fresh iterator from the last handled position every poll: iterators
            # expire (15 min on AWS), and moto swaps a table's shard object when a
            # transaction is cancelled, stranding old iterators.
            last = s.positions.get(sid)
            kwargs = (
                {"ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "SequenceNumber": last}
                if last
                else {"ShardIteratorType": "TRIM_HORIZON"}
            )
            it = streams.get_shard_iterator(StreamArn=s.arn, ShardId=sid, **kwargs)["ShardIterator"]
            limit = s.bisect.get(sid, s.batch)
            records = streams.get_records(ShardIterator=it, Limit=limit).get("Records", [])
            if not records:
                continue
            event = {"Records": [_lambda_record(r, s.arn) for r in records]}
            # As Lambda does for streams: a failing batch is retried, in order, and
            # blocks its shard until it succeeds; split in halves, so that one failing
            # record (or a batch too big to finish) holds up as few others as it can.
            if not self._invoke(s.name, s.handler, event):
                s.bisect[sid] = max(1, len(records) // 2)
                continue
            s.bisect.pop(sid, None)
            done += len(records)
            s.positions[sid] = records[-1]["dynamodb"]["SequenceNumber"]
        return done

    # ---- SQS -----------------------------------------------------------------
    def poll_queues(self, wait: int = 0) -> int:
        return sum(self.poll_queue(q, wait) for q in self.queues)

    def poll_queue(self, q: _Queue, wait: int = 0) -> int:
        sqs = self._clients("sqs")
        msgs = sqs.receive_message(
            QueueUrl=q.url,
            MaxNumberOfMessages=min(q.batch, 10),
            WaitTimeSeconds=wait,
            AttributeNames=["All"],
            MessageAttributeNames=["All"],
        ).get("Messages", [])
        if not msgs:
            return 0
        event = sqs_event(msgs, q.arn)
        ok, result = self._call(q.name, q.handler, event)
        done = lambda_deletes(msgs, result) if ok else []
        if done:
            sqs.delete_message_batch(
                QueueUrl=q.url,
                Entries=[{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(done)],
            )
        # Counted even when the handler failed: the messages come back (after their
        # backoff) and must not be mistaken for an idle queue.
        return len(msgs)

    # ---- schedules -------------------------------------------------------------
    def fire_if_due(self, t: _Timer) -> int:
        now = self._clock.now()
        due = t.schedule.due(t.last, now)
        t.last = now
        if not due:
            return 0
        # A compressed day can hold many firings of a short rate; fire once,
        # at the latest, as a Lambda that skipped none would have ended.
        self.fire(t, due[-1])
        return 1

    def fire(self, timer: _Timer, at: datetime) -> bool:
        event = {
            "version": "0",
            "id": str(uuid.uuid4()),
            "detail-type": "Scheduled Event",
            "source": "aws.events",
            "account": "123456789012",
            "time": iso_z(at),
            "region": "ap-south-1",
            "resources": [f"arn:aws:events:ap-south-1:123456789012:rule/{timer.name}"],
            "detail": {},
        }
        return self._invoke(timer.name, timer.handler, event)

    def timer(self, name: str) -> _Timer:
        return next(t for t in self.timers if t.name == name)

    # ---- driving -----------------------------------------------------------------
    def drain(self, rounds: int = 50) -> int:
        """Process until nothing is left to do (tests call this instead of sleeping)."""
        total = 0
        for _ in range(rounds):
            n = self.poll_streams() + self.poll_queues()
            total += n
            if n == 0:
                break
        return total

    def run(self, stop: threading.Event, interval: float = 0.3) -> None:
        """One poller per event source, as Lambda has: a slow schedule (a compressed day
        fires every daily job often) never holds up the stream or the notify queue."""
        pollers: list[tuple[str, Callable[[], int]]] = [
            *((f"stream:{s.name}", functools.partial(self.poll_stream, s)) for s in self.streams),
            *((f"queue:{q.name}", functools.partial(self.poll_queue, q)) for q in self.queues),
            *((f"schedule:{t.name}", functools.partial(self.fire_if_due, t)) for t in self.timers),
        ]
        threads = [
            threading.Thread(target=self._loop, args=(name, poll, stop, interval), name=name, daemon=True)
            for name, poll in pollers
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    @staticmethod
    def _loop(name: str, poll: Callable[[], int], stop: threading.Event, interval: float) -> None:
        while not stop.is_set():
            try:
                busy = poll()
            except Exception:  # keep the stack alive; the error is printed
                log.exception("event pump: %s failed", name)
                busy = 0
            if not busy:
                stop.wait(interval)

    def _invoke(self, name: str, handler: Callable[..., Any], event: dict[str, Any]) -> bool:
        return self._call(name, handler, event)[0]

    def _call(self, name: str, handler: Callable[..., Any], event: dict[str, Any]) -> tuple[bool, Any]:
        """(returned, what it returned); a handler that raised is logged and kept in `errors`."""
        try:
            return True, handler(event, _Context(name))
        except Exception as exc:
            self.errors.append(f"{name}: {exc!r}\n{traceback.format_exc()}")
            log.warning("handler %s failed: %r", name, exc, exc_info=True)
            return False, None


def sqs_event(msgs: list[dict[str, Any]], arn: str) -> dict[str, Any]:
    """Received SQS messages as Lambda hands them to a queue's handler."""
    return {
        "Records": [
            {
                "messageId": m["MessageId"],
                "receiptHandle": m["ReceiptHandle"],
                "body": m["Body"],
                "attributes": m.get("Attributes", {}),
                "messageAttributes": m.get("MessageAttributes", {}),
                "md5OfBody": m.get("MD5OfBody"),
                "eventSource": "aws:sqs",
                "eventSourceARN": arn,
                "awsRegion": "ap-south-1",
            }
            for m in msgs
        ]
    }


def lambda_deletes(msgs: list[dict[str, Any]], result: Any) -> list[dict[str, Any]]:
    """The messages of a batch that Lambda would delete after the handler returned `result`."""
    if not isinstance(result, dict) or not result.get("batchItemFailures"):
        return msgs  # None, {} or an empty list: every message was processed
    failed = {f.get("itemIdentifier") if isinstance(f, dict) else None for f in result["batchItemFailures"]}
    if not failed <= {m["MessageId"] for m in msgs}:
        return []  # an unknown or empty id fails the whole batch
    return [m for m in msgs if m["MessageId"] not in failed]


def _lambda_record(record: dict[str, Any], arn: str) -> dict[str, Any]:
    """boto3 parses the creation time into a datetime; Lambda delivers epoch seconds."""
    ddb = dict(record["dynamodb"])
    created = ddb.get("ApproximateCreationDateTime")
    if isinstance(created, datetime):
        ddb["ApproximateCreationDateTime"] = created.timestamp()
    return {**record, "dynamodb": ddb, "eventSourceARN": arn}


class _Context:
    def __init__(self, name: str) -> None:
        self.function_name = name
        self.aws_request_id = str(uuid.uuid4())

    def get_remaining_time_in_millis(self) -> int:
        return 60_000
