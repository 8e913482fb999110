"""Least privilege kept exact: the AWS calls the code makes, read from its source, are exactly the
permissions `infra.policy.GRANTS` gives "by code"; and the policy holds nothing but GRANTS."""

from __future__ import annotations

import ast
from pathlib import Path

import botocore.session
import pytest
from botocore import xform_name

from infra.policy import GRANTS, statements

ROOT = Path(__file__).resolve().parents[2] / "chalicelib"
# The AWS services the functions' code may call, by botocore's name -> IAM's prefix.
SERVICES = {
    "dynamodb": "dynamodb",
    "sqs": "sqs",
    "sns": "sns",
    "stepfunctions": "states",
    "cognito-idp": "cognito-idp",
    "connect": "connect",
    "secretsmanager": "secretsmanager",
}
# API operations whose IAM action has another name.
IAM_NAME = {
    "sqs:SendMessageBatch": "sqs:SendMessage",
    "sqs:DeleteMessageBatch": "sqs:DeleteMessage",
    "sqs:ChangeMessageVisibilityBatch": "sqs:ChangeMessageVisibility",
}
# PynamoDB's methods -> the DynamoDB action each needs. A transaction's save/update/delete/
# condition_check need their item's action, as a TransactWriteItems does.
PYNAMO = {
    "get": "dynamodb:GetItem",
    "batch_get": "dynamodb:BatchGetItem",
    "query": "dynamodb:Query",
    "count": "dynamodb:Query",
    "scan": "dynamodb:Scan",
    "save": "dynamodb:PutItem",
    "update": "dynamodb:UpdateItem",
    "delete": "dynamodb:DeleteItem",
    "batch_write": "dynamodb:BatchWriteItem",
    "condition_check": "dynamodb:ConditionCheckItem",
    "describe_table": "dynamodb:DescribeTable",
    "create_table": "dynamodb:CreateTable",
}
# Modules that run only in the local stack (the emulated phone is never built in a deployment),
# and the mark of a line that does (after the settings refused any other stage).
LOCAL_ONLY = {"adapters/phone_log.py", "api/dev.py"}
LOCAL_MARK = "# local stack only"


def _operations() -> dict[str, set[str]]:
    """snake_case operation name -> the IAM actions it may be (a name several services share maps to all)."""
    session = botocore.session.get_session()
    out: dict[str, set[str]] = {}
    for service, prefix in SERVICES.items():
        for op in session.get_service_model(service).operation_names:
            action = f"{prefix}:{op}"
            out.setdefault(xform_name(op), set()).add(IAM_NAME.get(action, action))
    return out


def _is_model_call(call: ast.Call) -> bool:
    """A PynamoDB call: on a Model class or instance (CapWords, a call's result, `tx`/`batch`/`row`)."""
    func = call.func
    assert isinstance(func, ast.Attribute)
    receiver = func.value
    name = receiver.attr if isinstance(receiver, ast.Attribute) else getattr(receiver, "id", "")
    if func.attr == "update":  # dict.update has no `actions`
        return any(k.arg == "actions" for k in call.keywords)
    if func.attr == "get":  # dict.get is on a lower-case name
        return name[:1].isupper()
    return isinstance(receiver, ast.Call) or name[:1].isupper() or name in {"tx", "batch", "row", "cls"}


def code_actions() -> dict[str, set[str]]:
    """IAM action -> the files whose code needs it."""
    operations = _operations()
    found: dict[str, set[str]] = {}
    for path in sorted(ROOT.rglob("*.py")):
        relative = str(path.relative_to(ROOT))
        if relative in LOCAL_ONLY:
            continue
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        pynamo = (
            "chalicelib.adapters.dynamo" in source or "pynamodb" in source or relative.startswith("adapters/dynamo")
        )
        for node in ast.walk(ast.parse(source)):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            name = node.func.attr
            if LOCAL_MARK in lines[node.lineno - 1]:
                continue
            actions: set[str] = set()
            if name == "get_paginator" and node.args and isinstance(node.args[0], ast.Constant):
                actions = operations.get(str(node.args[0].value), set())
            elif name in operations and name not in PYNAMO:
                actions = operations[name]
            if pynamo and name in PYNAMO and _is_model_call(node):
                actions = actions | {PYNAMO[name]}
            for action in actions:
                found.setdefault(action, set()).add(relative)
    return found


def granted(by: str) -> set[str]:
    return {a for g in GRANTS if g.by == by for a in g.actions}


def test_every_aws_call_of_the_code_has_its_permission_and_no_code_permission_is_unused() -> None:
    needed = code_actions()
    assert set(needed) - granted("code") == set(), "calls without a permission"
    assert granted("code") - set(needed) == set(), "permissions no code uses"


def test_the_scan_sees_the_calls_it_should() -> None:
    """The reader of the source finds calls of each kind (a blind scan would pass the test above vacuously)."""
    needed = code_actions()
    assert "adapters/sms.py" in needed["sns:Publish"]
    assert "adapters/sqs.py" in needed["sqs:SendMessage"]
    assert "adapters/dynamo/monitoring_repo.py" in needed["dynamodb:Query"]  # a raw client paginator
    assert "adapters/dynamo/complaints_repo.py" in needed["dynamodb:PutItem"]  # inside a transaction
    assert "adapters/secrets.py" in needed["secretsmanager:GetSecretValue"]
    assert "dynamodb:Scan" not in needed and "sqs:GetQueueUrl" not in needed


@pytest.mark.parametrize("grant", GRANTS, ids=lambda g: ",".join(g.actions))
def test_every_grant_says_who_needs_it(grant: object) -> None:
    assert grant.by in {"code", "lambda", "runtime"} and grant.why  # type: ignore[attr-defined]


def test_the_policy_is_made_from_the_grants_alone() -> None:
    resources = {
        "ComplaintsTable": {"Type": "AWS::DynamoDB::Table", "Properties": {"StreamSpecification": {}}},
        "NotifyQueue": {"Type": "AWS::SQS::Queue", "Properties": {}},
    }
    policy = statements(resources)
    assert {a for s in policy for a in s["Action"]} == {a for g in GRANTS for a in g.actions}
    assert not any(a.endswith("*") for s in policy for a in s["Action"])
    wildcards = {a for s in policy if s["Resource"] == "*" for a in s["Action"]}
    assert wildcards == {"sns:Publish", "xray:PutTraceSegments", "xray:PutTelemetryRecords", "dynamodb:ListStreams"}
