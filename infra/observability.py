"""Logs, alarms and the dashboard of a deployed stage, derived from the functions and queues the
template has (so a new handler gets its log group and alarms without a line here).

Every function gets a fixed name (`<stack>-<LogicalId>`) and a log group created before it,
kept `LogRetentionDays`; every alarm goes to the alerts topic, which mails `AlarmEmail`.
What each alarm means and what to do: docs/operations.md.
"""

from __future__ import annotations

import json
from typing import Any

from chalicelib.observe import NAMESPACE
from infra.scan import skip
from infra.stage import API_STAGE

FUNCTION = "AWS::Serverless::Function"
ALERTS = {"Ref": "AlertsTopic"}
WAF_LOG_GROUP = "aws-waf-logs-${AWS::StackName}"  # WAF wants this prefix


def functions(resources: dict[str, Any]) -> list[str]:
    return sorted(lid for lid, r in resources.items() if r.get("Type") == FUNCTION)


def function_name(lid: str) -> dict[str, str]:
    return {"Fn::Sub": "${AWS::StackName}-" + lid}


def log_group_name(lid: str) -> str:
    return "/aws/lambda/${AWS::StackName}-" + lid


def stream_functions(resources: dict[str, Any]) -> list[str]:
    return [
        lid
        for lid in functions(resources)
        if any(e["Type"] == "DynamoDB" for e in resources[lid]["Properties"].get("Events", {}).values())
    ]


_LOG_SKIPS = [
    {
        "id": "CKV_AWS_158",
        "comment": "Encrypted at rest by CloudWatch Logs; what the app logs has mobiles and tokens masked.",
    }
]


# cfn-lint-serverless's WS1004 finds a function's log group by a Ref to it only.
_LOG_GROUP_NAMED = (
    "Its log group is <LogicalId>LogGroup, /aws/lambda/<stack>-<LogicalId> with RetentionInDays LogRetentionDays, "
    "named from the stack rather than by a Ref to the function: a Ref would create the group after the function, "
    "which could log first into a group Lambda makes, kept forever (and the stack's own group would then fail "
    "to be created). tests/integration/test_infra.py checks every function has its group."
)


def _log_group(name: dict[str, Any] | str) -> dict[str, Any]:
    return {
        "Type": "AWS::Logs::LogGroup",
        # Logs outlive the stack: CERT-In's directions ask for 180 days.
        "DeletionPolicy": "Retain",
        "UpdateReplacePolicy": "Retain",
        "Metadata": {"checkov": {"skip": _LOG_SKIPS}},
        "Properties": {"LogGroupName": name, "RetentionInDays": {"Ref": "LogRetentionDays"}},
    }


def name_functions_and_add_log_groups(resources: dict[str, Any]) -> None:
    for lid in functions(resources):
        props = resources[lid]["Properties"]
        props["FunctionName"] = function_name(lid)
        group = f"{lid}LogGroup"
        resources[group] = _log_group({"Fn::Sub": log_group_name(lid)})
        resources[lid]["DependsOn"] = sorted({*resources[lid].get("DependsOn", []), group})
        skip(resources[lid], "WS1004", _LOG_GROUP_NAMED)
    resources["WafLogGroup"] = _log_group({"Fn::Sub": WAF_LOG_GROUP})


def _alarm(
    description: str,
    namespace: str,
    metric: str,
    dimensions: dict[str, Any],
    *,
    statistic: str = "Sum",
    threshold: Any = 0,
    period: int = 300,
    periods: int = 1,
) -> dict[str, Any]:
    return {
        "Type": "AWS::CloudWatch::Alarm",
        "Properties": {
            "AlarmDescription": description,
            "Namespace": namespace,
            "MetricName": metric,
            "Dimensions": [{"Name": k, "Value": v} for k, v in dimensions.items()],
            "Statistic": statistic,
            "Period": period,
            "EvaluationPeriods": periods,
            "Threshold": threshold,
            "ComparisonOperator": "GreaterThanThreshold",
            "TreatMissingData": "notBreaching",
            "AlarmActions": [ALERTS],
            "OKActions": [ALERTS],
        },
    }


def alarms(resources: dict[str, Any]) -> dict[str, Any]:
    """Lambda errors and throttles per function, iterator age per stream reader, API 5xx, SMS
    spend, timer repairs, a stage refusing to serve, and the stream-failure queue."""
    out: dict[str, Any] = {}
    for lid in functions(resources):
        name = {"Ref": lid}
        out[f"{lid}ErrorsAlarm"] = _alarm(
            f"{lid} raised errors: its events are being retried (queues: then the DLQ; streams: then the "
            "stream-failure queue). Read its log group.",
            "AWS/Lambda",
            "Errors",
            {"FunctionName": name},
        )
        out[f"{lid}ThrottlesAlarm"] = _alarm(
            f"{lid} was throttled: the account's Lambda concurrency is exhausted; raise the quota.",
            "AWS/Lambda",
            "Throttles",
            {"FunctionName": name},
        )
    for lid in stream_functions(resources):
        out[f"{lid}IteratorAgeAlarm"] = _alarm(
            f"{lid} is more than 10 minutes behind the complaints stream: effects (SMS, timers, counters) are late; "
            "a record older than an hour goes to the stream-failure queue.",
            "AWS/Lambda",
            "IteratorAge",
            {"FunctionName": {"Ref": lid}},
            statistic="Maximum",
            threshold=600_000,
            periods=2,
        )
    out["StreamFailureAlarm"] = _alarm(
        "Complaint stream records failed every retry and wait in cmh181-stream-failures: replay them within "
        "24 hours of their write (docs/operations.md, 'Replay stream failures').",
        "AWS/SQS",
        "ApproximateNumberOfMessagesVisible",
        {"QueueName": {"Fn::GetAtt": ["StreamFailureQueue", "QueueName"]}},
        statistic="Maximum",
    )
    out["Api5xxAlarm"] = _alarm(
        "The API answered 5xx (a 503 means the stage refuses to serve: see MisconfiguredAlarm).",
        "AWS/ApiGateway",
        "5XXError",
        {"ApiName": "cmh181", "Stage": API_STAGE},
    )
    out["SmsSpendAlarm"] = _alarm(
        "SNS SMS month-to-date spend passed SmsSpendAlarmUsd: past the account's SMS spend limit SNS stops "
        "sending (OTPs included). Raise the limit or find the flood.",
        "AWS/SNS",
        "SMSMonthToDateSpentUSD",
        {},
        statistic="Maximum",
        threshold={"Ref": "SmsSpendAlarmUsd"},
    )
    out["TimerRepairsAlarm"] = _alarm(
        "The daily reconciler repaired escalation timers that were missing: find why they were lost "
        "(the reactor's errors, StartExecution throttling).",
        NAMESPACE,
        "TimerRepairs",
        {},
        period=86400,
    )
    out["MisconfiguredAlarm"] = _alarm(
        "The stage refuses to serve (every route 503, events retried): a setting is missing or invalid, or the "
        "signing key cannot be read. The log line 'refusing to serve' names it.",
        NAMESPACE,
        "Misconfigured",
        {},
        period=60,
    )
    return out


def alarm_subscription() -> dict[str, Any]:
    return {
        "AlarmEmailSubscription": {
            "Type": "AWS::SNS::Subscription",
            "Metadata": {
                "checkov": {
                    "skip": [
                        {
                            "id": "ES7000",
                            "comment": "An email subscription: SNS retries the mail itself, and an alarm whose mail "
                            "is lost stays in ALARM on the console and the dashboard; a dead-letter queue would need "
                            "an alarm of its own, sent through this same topic.",
                        }
                    ]
                }
            },
            "Properties": {"TopicArn": ALERTS, "Protocol": "email", "Endpoint": {"Ref": "AlarmEmail"}},
        }
    }


def _widget(title: str, metrics: list[list[Any]], x: int, y: int, stat: str = "Sum") -> dict[str, Any]:
    return {
        "type": "metric",
        "x": x,
        "y": y,
        "width": 12,
        "height": 6,
        "properties": {
            "title": title,
            "region": "${AWS::Region}",
            "stat": stat,
            "period": 300,
            "view": "timeSeries",
            "metrics": metrics,
        },
    }


def dashboard(resources: dict[str, Any]) -> dict[str, Any]:
    fns = functions(resources)
    queues = sorted(r["Properties"]["QueueName"] for r in resources.values() if r.get("Type") == "AWS::SQS::Queue")
    fn_name = "${AWS::StackName}-"
    widgets = [
        _widget(
            "Complaints, escalations, timer repairs",
            [[NAMESPACE, m] for m in ("ComplaintsRegistered", "Escalations", "TimerRepairs")],
            0,
            0,
        ),
        _widget(
            "SMS and calls",
            [[NAMESPACE, m] for m in ("SmsSent", "SmsFailed", "CallsPlaced", "CallsFailed")],
            12,
            0,
        ),
        _widget(
            "API requests and errors",
            [["AWS/ApiGateway", m, "ApiName", "cmh181", "Stage", API_STAGE] for m in ("Count", "4XXError", "5XXError")],
            0,
            6,
        ),
        _widget("Lambda errors", [["AWS/Lambda", "Errors", "FunctionName", fn_name + f] for f in fns], 12, 6),
        _widget(
            "Stream readers' iterator age (ms)",
            [["AWS/Lambda", "IteratorAge", "FunctionName", fn_name + f] for f in stream_functions(resources)],
            0,
            12,
            stat="Maximum",
        ),
        _widget(
            "Queue depths (work, dead-letter, stream failures)",
            [["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", q] for q in queues],
            12,
            12,
            stat="Maximum",
        ),
        _widget("SMS month-to-date spend (USD)", [["AWS/SNS", "SMSMonthToDateSpentUSD"]], 0, 18, stat="Maximum"),
        _widget("Refusals to serve", [[NAMESPACE, "Misconfigured"]], 12, 18),
        _widget(
            "WhatsApp: sent, failed; messages replied, repeated, past their window, rate limited",
            [
                [NAMESPACE, m]
                for m in (
                    "WhatsAppSent",
                    "WhatsAppFailed",
                    "WhatsAppReplied",
                    "WhatsAppDuplicate",
                    "WhatsAppLate",
                    "WhatsAppLimited",
                )
            ],
            0,
            24,
        ),
    ]
    body = json.dumps({"widgets": widgets})
    return {
        "Dashboard": {
            "Type": "AWS::CloudWatch::Dashboard",
            "Properties": {"DashboardName": {"Fn::Sub": "${AWS::StackName}"}, "DashboardBody": {"Fn::Sub": body}},
        }
    }


# A request with no trace header (API Gateway's own decision) is matched by this rule: the stage
# alone, so no other stack's services in the account are sampled by it. What the stage sends on
# (the API function, the queues, the executions it starts) follows its decision; functions
# invoked by a stream or a schedule decide for themselves (Lambda's fixed 1 a second and 5 %).
TRACE_SAMPLING_PRIORITY = 100


def trace_sampling() -> dict[str, Any]:
    """The API stage's X-Ray sampling rule: `TraceReservoir` requests a second, then
    `TraceFixedRate` of the rest (bench/cost.py prices the traces it records)."""
    # Rule names are unique in the account and at most 32 characters: the stack id's first
    # eight hex digits tell this stack's rule from another's.
    stack_id = {"Fn::Select": [2, {"Fn::Split": ["/", {"Ref": "AWS::StackId"}]}]}
    name = {"Fn::Join": ["-", ["cmh181-api", {"Fn::Select": [0, {"Fn::Split": ["-", stack_id]}]}]]}
    return {
        "ApiTraceSampling": {
            "Type": "AWS::XRay::SamplingRule",
            "Properties": {
                "SamplingRule": {
                    "RuleName": name,
                    "Priority": TRACE_SAMPLING_PRIORITY,
                    "ReservoirSize": {"Ref": "TraceReservoir"},
                    "FixedRate": {"Ref": "TraceFixedRate"},
                    "ServiceName": "*",
                    "ServiceType": "AWS::ApiGateway::Stage",
                    "ResourceARN": {
                        "Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${RestAPI}/stages/"
                        + API_STAGE
                    },
                    "Host": "*",
                    "HTTPMethod": "*",
                    "URLPath": "*",
                    "Version": 1,
                }
            },
        }
    }
