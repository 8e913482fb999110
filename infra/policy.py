"""The Lambda functions' least-privilege policy, replacing the one Chalice generates for DefaultRole."""

from __future__ import annotations

from typing import Any

STATE_MACHINE = "EscalationStateMachine"
USER_POOL = "StaffUserPool"

_ITEM_ACTIONS = [
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "dynamodb:Query",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:BatchWriteItem",
    "dynamodb:ConditionCheckItem",
    "dynamodb:DescribeTable",
]
# SAM names functions <stack>-<LogicalId>-<suffix>, so their log groups share the prefix.
LOG_GROUPS = "/aws/lambda/${AWS::StackName}-*"
_STREAM_ACTIONS = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"]


def _allow(actions: list[str], resource: Any) -> dict[str, Any]:
    return {"Effect": "Allow", "Action": actions, "Resource": resource}


def _sub(text: str) -> dict[str, str]:
    return {"Fn::Sub": text}


def _work_queues(resources: dict[str, dict[str, Any]]) -> list[str]:
    """Queues the functions use: every queue but the dead-letter ones (left to operators)."""
    queues = [lid for lid, r in resources.items() if r.get("Type") == "AWS::SQS::Queue"]
    dead = {
        resources[q]["Properties"]["RedrivePolicy"]["deadLetterTargetArn"]["Fn::GetAtt"][0]
        for q in queues
        if "RedrivePolicy" in resources[q]["Properties"]
    }
    return [q for q in queues if q not in dead]


def statements(resources: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Policy statements for the template's tables, work queues, state machine and user pool."""
    tables = {lid: r for lid, r in resources.items() if r.get("Type") == "AWS::DynamoDB::Table"}
    items = [r for t in tables for r in ({"Fn::GetAtt": [t, "Arn"]}, _sub(f"${{{t}.Arn}}/index/*"))]
    streams = [
        _sub(f"${{{t}.Arn}}/stream/*") for t, res in tables.items() if "StreamSpecification" in res["Properties"]
    ]
    logs = "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:" + LOG_GROUPS
    result = [
        _allow(_ITEM_ACTIONS, items),
        _allow(
            [
                "sqs:SendMessage",
                "sqs:ReceiveMessage",
                "sqs:DeleteMessage",
                "sqs:ChangeMessageVisibility",
                "sqs:GetQueueAttributes",
                "sqs:GetQueueUrl",
            ],
            [{"Fn::GetAtt": [q, "Arn"]} for q in _work_queues(resources)],
        ),
        # SMS go to phone numbers, which have no ARN to scope sns:Publish to.
        _allow(["sns:Publish"], "*"),
        _allow(["states:StartExecution"], {"Ref": STATE_MACHINE}),
        _allow(
            ["states:StopExecution", "states:DescribeExecution"],
            _sub(
                "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:"
                f"${{{STATE_MACHINE}.Name}}:*"
            ),
        ),
        _allow(["cognito-idp:InitiateAuth", "cognito-idp:AdminGetUser"], {"Fn::GetAtt": [USER_POOL, "Arn"]}),
        # The Connect instance is per-stage configuration (CONNECT_INSTANCE_ID), not a stack resource.
        _allow(
            ["connect:StartOutboundVoiceContact"],
            _sub("arn:${AWS::Partition}:connect:${AWS::Region}:${AWS::AccountId}:instance/*/contact/*"),
        ),
        # X-Ray has no resource-level permissions.
        _allow(["xray:PutTraceSegments", "xray:PutTelemetryRecords"], "*"),
        _allow(
            ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
            [_sub(logs), _sub(logs + ":*")],
        ),
    ]
    if streams:
        result.insert(1, _allow(_STREAM_ACTIONS, streams))
        # Lambda's stream poller lists streams account-wide; ListStreams has no resource type.
        result.insert(2, _allow(["dynamodb:ListStreams"], "*"))
    return result


def lambda_policies(resources: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The `Policies` list for the functions' role, from the template's resources."""
    document = {"Version": "2012-10-17", "Statement": statements(resources)}
    return [{"PolicyName": "cmh181-least-privilege", "PolicyDocument": document}]
