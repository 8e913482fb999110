"""Support for tests that run the real escalation workflow in moto: officers on the
posts of a chain, a clock whose days pass in about a second of real time (or one whose
first deadline falls at once), and waiting for executions (moto's Wait state sleeps
real time)."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

import boto3

from chalicelib import bootstrap
from chalicelib.clock import ManualClock
from chalicelib.domain.directory import Officer, Posting

# One system day = 0.1 s real: seven working days (with weekends, about ten days) lapse
# in about one second.
SPEED = 864_000.0


def clock_lapsing_level_1(start: str) -> ManualClock:
    """A manual clock at `start`, real speed, anchored at the deadline of a complaint filed
    at `start`: its level-1 timer ends as soon as it starts, the next level's days of real
    time later (after the test)."""
    at = datetime.fromisoformat(start)
    c = ManualClock(bootstrap.get_calendar().deadline(at))
    c.set(at)
    bootstrap.override(clock=c)
    return c


def staff_chain(directory: Any, posts: list[str], tag: str) -> dict[str, str]:
    """Puts a fresh officer (unique mobile) on each post; returns post -> mobile."""
    out = {}
    officers, postings = [], []
    for i, post in enumerate(posts):
        mobile = f"+9160{abs(hash((tag, post))) % 10**8:08d}"
        oid = f"test-{tag}-{i}"
        officers.append(Officer(oid, f"अधिकारी {i}", "test", mobile))
        for old in directory.current_holders(post):
            directory.end_posting(old, "2026-11-01T00:00:00+00:00", "transfer")
        postings.append(Posting(post, oid, "regular", f"2026-11-02T00:00:{i:02d}+00:00"))
        out[post] = mobile
    directory.put_officers(officers)
    directory.put_postings(postings)
    return out


def wait_execution(assignment: str, timeout: float = 20.0) -> dict[str, Any]:
    """Polls until the assignment's execution has ended; returns its description."""
    import os

    sfn = boto3.client("stepfunctions")
    arn = os.environ["ESCALATION_STATE_MACHINE_ARN"].replace(":stateMachine:", ":execution:") + f":{assignment}"
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            out = sfn.describe_execution(executionArn=arn)
        except sfn.exceptions.ExecutionDoesNotExist:
            out = {"status": "MISSING"}
        if out["status"] not in ("RUNNING", "MISSING"):
            return dict(out)
        time.sleep(0.1)
    raise AssertionError(f"execution {assignment} still running after {timeout}s")


def executions_named(name: str, prefix: bool = False) -> list[dict[str, Any]]:
    """The executions called `name` (or whose name starts with it)."""
    import os

    sfn = boto3.client("stepfunctions")
    arn = os.environ["ESCALATION_STATE_MACHINE_ARN"]
    runs = [
        e for page in sfn.get_paginator("list_executions").paginate(stateMachineArn=arn) for e in page["executions"]
    ]
    return [e for e in runs if e["name"] == name or (prefix and e["name"].startswith(name))]


def parse(text: str) -> datetime:
    return datetime.fromisoformat(text)
