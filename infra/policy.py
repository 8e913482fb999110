"""The Lambda functions' least-privilege policy, replacing the one Chalice generates for DefaultRole.

One list, `GRANTS`, says every permission the functions hold and who needs it: the code's own
AWS calls (`by="code"`), Lambda's event-source pollers and failure destinations
(`by="lambda"`), the runtime's logs and traces (`by="runtime"`). The policy is made from it,
and tests/unit/test_policy.py reads the code's AWS calls from the source and checks that they
are exactly the `by="code"` grants: no call without its permission, no permission unused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from infra.stage import SIGNING_SECRET

STATE_MACHINE = "EscalationStateMachine"
USER_POOL = "StaffUserPool"
STREAM_FAILURE_QUEUE = "StreamFailureQueue"
# Functions are named <stack>-<LogicalId> (infra/observability.py), so are their log groups.
LOG_GROUPS = "/aws/lambda/${AWS::StackName}-*"

Resources = dict[str, dict[str, Any]]


def _sub(text: str) -> dict[str, str]:
    return {"Fn::Sub": text}


def _of_type(resources: Resources, kind: str) -> list[str]:
    return sorted(lid for lid, r in resources.items() if r.get("Type") == kind)


def _dead_letter_queues(resources: Resources) -> set[str]:
    return {
        r["Properties"]["RedrivePolicy"]["deadLetterTargetArn"]["Fn::GetAtt"][0]
        for r in resources.values()
        if r.get("Type") == "AWS::SQS::Queue" and "RedrivePolicy" in r["Properties"]
    }


def work_queues(resources: Resources) -> list[str]:
    """Queues the functions use: all but the dead-letter ones and the stream-failure queue (operators')."""
    skip = _dead_letter_queues(resources) | {STREAM_FAILURE_QUEUE}
    return [q for q in _of_type(resources, "AWS::SQS::Queue") if q not in skip]


def tables(resources: Resources) -> list[Any]:
    lids = _of_type(resources, "AWS::DynamoDB::Table")
    return [r for t in lids for r in ({"Fn::GetAtt": [t, "Arn"]}, _sub(f"${{{t}.Arn}}/index/*"))]


def streams(resources: Resources) -> list[Any]:
    return [
        _sub(f"${{{t}.Arn}}/stream/*")
        for t in _of_type(resources, "AWS::DynamoDB::Table")
        if "StreamSpecification" in resources[t]["Properties"]
    ]


def queues(resources: Resources) -> list[Any]:
    return [{"Fn::GetAtt": [q, "Arn"]} for q in work_queues(resources)]


def _logs(resources: Resources) -> list[Any]:
    logs = "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:" + LOG_GROUPS
    return [_sub(logs), _sub(logs + ":*")]


def _executions(resources: Resources) -> Any:
    return _sub(
        f"arn:${{AWS::Partition}}:states:${{AWS::Region}}:${{AWS::AccountId}}:execution:${{{STATE_MACHINE}.Name}}:*"
    )


def _anything(resources: Resources) -> str:
    return "*"


@dataclass(frozen=True)
class Grant:
    actions: tuple[str, ...]
    resource: Callable[[Resources], Any]
    by: str  # "code" | "lambda" | "runtime"
    why: str


GRANTS: tuple[Grant, ...] = (
    Grant(
        (
            "dynamodb:GetItem",
            "dynamodb:BatchGetItem",
            "dynamodb:Query",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
            "dynamodb:BatchWriteItem",
        ),
        tables,
        "code",
        "the stores (adapters/dynamo); a TransactWriteItems needs the action of each of its items",
    ),
    Grant(
        ("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"),
        streams,
        "lambda",
        "the stream readers' event-source mappings",
    ),
    Grant(("dynamodb:ListStreams",), _anything, "lambda", "the stream poller lists streams; no resource type"),
    Grant(("sqs:SendMessage",), queues, "code", "jobs onto the notify and maintenance queues (adapters/sqs.py)"),
    Grant(("sqs:ChangeMessageVisibility",), queues, "code", "the notifier's backoff (events/notifier.py)"),
    Grant(
        ("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"),
        queues,
        "lambda",
        "the queue handlers' event-source mappings",
    ),
    Grant(
        ("sqs:SendMessage",),
        lambda r: {"Fn::GetAtt": [STREAM_FAILURE_QUEUE, "Arn"]},
        "lambda",
        "the stream mappings' OnFailure destination",
    ),
    Grant(("sns:Publish",), _anything, "code", "SMS go to phone numbers, which have no ARN (adapters/sms.py)"),
    Grant(
        ("states:StartExecution",), lambda r: {"Ref": STATE_MACHINE}, "code", "escalation timers (adapters/workflow.py)"
    ),
    Grant(("states:StopExecution", "states:DescribeExecution"), _executions, "code", "escalation timers"),
    Grant(
        ("cognito-idp:InitiateAuth", "cognito-idp:RespondToAuthChallenge"),
        lambda r: {"Fn::GetAtt": [USER_POOL, "Arn"]},
        "code",
        "staff login, and the first sign-in's new password (adapters/cognito.py)",
    ),
    Grant(
        (
            "cognito-idp:AdminCreateUser",
            "cognito-idp:AdminListGroupsForUser",
            "cognito-idp:AdminAddUserToGroup",
            "cognito-idp:AdminRemoveUserFromGroup",
            "cognito-idp:AdminEnableUser",
            "cognito-idp:AdminDisableUser",
            "cognito-idp:AdminSetUserPassword",
        ),
        lambda r: {"Fn::GetAtt": [USER_POOL, "Arn"]},
        "code",
        "logins follow postings: made, grouped, disabled, a temporary password (adapters/cognito.py)",
    ),
    Grant(
        ("connect:StartOutboundVoiceContact",),
        lambda r: _sub(
            "arn:${AWS::Partition}:connect:${AWS::Region}:${AWS::AccountId}:instance/${ConnectInstanceId}/contact/*"
        ),
        "code",
        "officers' and survey calls (adapters/voice.py), on the stage's Connect instance only",
    ),
    Grant(
        ("connect:GetContactAttributes",),
        lambda r: _sub(
            "arn:${AWS::Partition}:connect:${AWS::Region}:${AWS::AccountId}:instance/${ConnectInstanceId}/contact/*"
        ),
        "code",
        "the call-centre console reads what a call carries (adapters/voice.py ConnectContacts)",
    ),
    Grant(
        ("secretsmanager:GetSecretValue",),
        lambda r: [SIGNING_SECRET, {"Ref": "WhatsAppSecretArn"}],
        "code",
        "the signing key and the WhatsApp Business Platform's secrets (adapters/secrets.py)",
    ),
    Grant(
        ("xray:PutTraceSegments", "xray:PutTelemetryRecords"),
        _anything,
        "runtime",
        "active tracing; X-Ray has no resource-level permissions",
    ),
    Grant(
        ("logs:CreateLogStream", "logs:PutLogEvents"),
        _logs,
        "runtime",
        "the functions' own log groups (created by the stack, so no logs:CreateLogGroup)",
    ),
)


def statements(resources: Resources) -> list[dict[str, Any]]:
    """One statement per grant, its resource derived from the template's resources."""
    return [{"Effect": "Allow", "Action": list(g.actions), "Resource": g.resource(resources)} for g in GRANTS]


def lambda_policies(resources: Resources) -> list[dict[str, Any]]:
    """The `Policies` list for the functions' role, from the template's resources."""
    document = {"Version": "2012-10-17", "Statement": statements(resources)}
    return [{"PolicyName": "cmh181-least-privilege", "PolicyDocument": document}]


def unscoped_reason() -> str:
    """Why the role has statements on Resource "*", from their grants: the scan's reason for CKV_AWS_111."""
    grants = [g for g in GRANTS if g.resource is _anything]
    why = "; ".join(f"{', '.join(g.actions)}: {g.why}" for g in grants)
    return f'Resource "*" only where the action has no resource to scope it to ({why}).'
