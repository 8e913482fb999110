"""Shared fixtures: environment before any import of the app, moto in-process, the app client."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from typing import Any

import pytest

# Import-time environment: the app decides at import which routes exist, and moto's
# Step Functions Wait compares with the machine's local time.
os.environ.update({
    "TZ": "UTC",
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "ap-south-1",
    "AWS_REGION": "ap-south-1",
    "STAGE": "local",
    "AWS_XRAY_SDK_ENABLED": "false",
})
for _var in ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_DYNAMODB_STREAMS", "MOTO_PORT"):
    os.environ.pop(_var, None)
time.tzset()


@pytest.fixture
def aws() -> Iterator[dict[str, str]]:
    """moto in-process with Step Functions execution on; every resource provisioned
    from the models and infra/, the app's settings pointed at them."""
    from moto import mock_aws

    from chalicelib import bootstrap
    from infra.local import provision

    with mock_aws(config={"stepfunctions": {"execute_state_machine": True}}):
        outputs = provision()
        saved = {k: os.environ.get(k) for k in outputs}
        os.environ.update(outputs)
        bootstrap.reset()
        try:
            yield outputs
        finally:
            _stop_executions(outputs)
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
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
    """The MP structure and its standard posts, loaded as deployment seeds it."""
    from chalicelib.bootstrap import get_directory
    from chalicelib.services.structure import load_structure

    d = get_directory()
    load_structure(d)
    return d


@pytest.fixture
def app_client(directory: Any) -> Iterator[Any]:
    from chalice.test import Client

    from app import app

    with Client(app, stage_name="local") as c:
        yield c
