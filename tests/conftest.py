"""Shared fixtures: environment before any import of the app, moto in-process, the app client."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from typing import Any

import pytest

# Import-time environment: the app decides at import which routes exist, and moto's
# Step Functions Wait compares with the machine's local time.
os.environ.update(
    {
        "TZ": "UTC",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": "ap-south-1",
        "AWS_REGION": "ap-south-1",
        "STAGE": "local",
        "AWS_XRAY_SDK_ENABLED": "false",
        # Every test's requests come from one address within one (manual-clock) hour; the
        # per-source limit has its own test.
        "OTP_PER_SOURCE_HOUR": "100000",
        "SIGNIN_FAILURES_PER_SOURCE": "100000",
    }
)
for _var in ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_DYNAMODB_STREAMS", "MOTO_PORT"):
    os.environ.pop(_var, None)
time.tzset()
logging.getLogger("werkzeug").setLevel(logging.ERROR)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def moto_server() -> Iterator[dict[str, str]]:
    """moto's server (as `make run` uses it), Step Functions execution on, every
    resource provisioned from the models and infra/, the MP structure loaded once."""
    from chalicelib import bootstrap
    from chalicelib.services.structure import load_structure
    from devstack.embedded import start_moto
    from infra.local import provision

    port = _free_port()
    os.environ["MOTO_PORT"] = str(port)
    os.environ["AWS_ENDPOINT_URL"] = f"http://127.0.0.1:{port}"
    server = start_moto(port)
    try:
        outputs = provision()
        os.environ.update(outputs)
        bootstrap.reset()
        load_structure(bootstrap.get_directory())
        yield {**outputs, "AWS_ENDPOINT_URL": os.environ["AWS_ENDPOINT_URL"]}
        _stop_executions(outputs)
    finally:
        server.stop()
        for var in ("MOTO_PORT", "AWS_ENDPOINT_URL"):
            os.environ.pop(var, None)


@pytest.fixture
def aws(moto_server: dict[str, str]) -> Iterator[dict[str, str]]:
    """Per test: fresh adapters (and no overrides) over the shared moto server."""
    from chalicelib import bootstrap

    bootstrap.reset()
    yield moto_server
    bootstrap.reset()


def _stop_executions(outputs: dict[str, str]) -> None:
    import boto3

    sfn = boto3.client("stepfunctions")
    arn = outputs.get("ESCALATION_STATE_MACHINE_ARN")
    if not arn:
        return
    for ex in sfn.list_executions(stateMachineArn=arn, statusFilter="RUNNING")["executions"]:
        sfn.stop_execution(executionArn=ex["executionArn"])


@pytest.fixture
def directory(aws: dict[str, str]) -> Any:
    """The directory, with the MP structure and standard posts loaded."""
    from chalicelib.bootstrap import get_directory

    return get_directory()


@pytest.fixture
def app_client(directory: Any) -> Iterator[Any]:
    from chalice.test import Client

    from app import app

    with Client(app, stage_name="local") as c:
        yield c


@pytest.fixture(scope="session")
def pump(moto_server: dict[str, str]) -> Any:
    """The local stack's event pump over the shared moto server: tests call
    `pump.drain()` instead of sleeping."""
    from app import app
    from chalicelib import bootstrap
    from devstack.pump import EventPump

    return EventPump(app, bootstrap.client, bootstrap.get_clock())


MONDAY = "2026-11-23T05:00:00+00:00"


@pytest.fixture
def clock(aws: dict[str, str]) -> Any:
    """A clock the test moves: Monday 23 Nov 2026, 10:30 IST."""
    from datetime import datetime

    from chalicelib import bootstrap
    from chalicelib.clock import ManualClock

    c = ManualClock(datetime.fromisoformat(MONDAY))
    bootstrap.override(clock=c)
    return c


_mobiles = iter(range(10_000))


@pytest.fixture
def mobile() -> str:
    """A mobile number no other test uses (rate limits are per number)."""
    return f"+9198{os.getpid() % 1000:03d}{next(_mobiles):05d}"
