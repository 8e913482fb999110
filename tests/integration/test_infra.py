"""Infrastructure: the ASL files are sound, the packaged template lints clean and says what we mean,
and the local stack builds every resource from it, twice over."""

from __future__ import annotations

import copy
import json
import re
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto import mock_aws

from chalicelib import observe, settings
from chalicelib.adapters.dynamo.models import TABLES
from infra import connect, scan
from infra.asl import STATEMACHINES, load_definition, placeholders, substitute
from infra.local import provision
from infra.template import load_merge_template

ASL_NAMES = sorted(p.name.removesuffix(".asl.json") for p in STATEMACHINES.glob("*.asl.json"))
CCFE = "DynamoDB.ConditionalCheckFailedException"


# --- (a) the ASL files -------------------------------------------------------------------------


def _state_maps(defn: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The top-level States and those of every nested branch or iterator."""
    yield defn
    for state in defn["States"].values():
        for branch in state.get("Branches", []):
            yield from _state_maps(branch)
        for key in ("Iterator", "ItemProcessor"):
            if key in state:
                yield from _state_maps(state[key])


def _targets(state: dict[str, Any]) -> list[str]:
    found = [state[k] for k in ("Next", "Default") if k in state]
    found += [c["Next"] for c in state.get("Choices", [])]
    found += [c["Next"] for c in state.get("Catch", [])]
    return found


def test_there_is_an_escalation_state_machine() -> None:
    assert "escalation" in ASL_NAMES


@pytest.mark.parametrize("name", ASL_NAMES)
def test_every_transition_of_the_state_machine_lands_on_a_state(name: str) -> None:
    for machine in _state_maps(load_definition(name)):
        states = machine["States"]
        assert machine["StartAt"] in states
        for state_name, state in states.items():
            for target in _targets(state):
                assert target in states, f"{name}: {state_name} -> {target} does not exist"
            ends = state["Type"] in ("Succeed", "Fail", "Choice") or state.get("End")
            assert ends or "Next" in state, f"{name}: {state_name} neither ends nor goes on"


@pytest.mark.parametrize("name", ASL_NAMES)
def test_a_failed_condition_is_caught_at_once_never_retried(name: str) -> None:
    """Retriers are matched in order: States.TaskFailed would otherwise retry the
    conditional-check failure that means 'the officer acted in time'."""
    for machine in _state_maps(load_definition(name)):
        for state_name, state in machine["States"].items():
            if not any(CCFE in c["ErrorEquals"] for c in state.get("Catch", [])):
                continue
            first = next(
                r for r in state.get("Retry", []) if set(r["ErrorEquals"]) & {CCFE, "States.TaskFailed", "States.ALL"}
            )
            assert first["ErrorEquals"] == [CCFE] and first["MaxAttempts"] == 0, state_name


def test_substitute_fills_every_placeholder_or_refuses() -> None:
    defn = load_definition("escalation")
    assert placeholders(defn) == {"ComplaintsTable"}
    assert "${" not in json.dumps(substitute(defn, {"ComplaintsTable": "t"}))
    with pytest.raises(KeyError, match="ComplaintsTable"):
        substitute(defn, {})


# --- (b) the packaged template ----------------------------------------------------------------


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """`python -m infra.build --stage prod` into a temporary folder (about 15 s: chalice package)."""
    out = tmp_path_factory.mktemp("package")
    subprocess.run(
        [sys.executable, "-m", "infra.build", "--stage", "prod", "--out", str(out)],
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    loaded: dict[str, Any] = json.loads((out / "template.json").read_text(encoding="utf-8"))
    loaded["__path__"] = str(out / "template.json")
    return loaded


def _of_type(template: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    return {k: r for k, r in template["Resources"].items() if r.get("Type") == kind}


def _props(template: dict[str, Any], kind: str, name_prop: str, name: str) -> dict[str, Any]:
    (props,) = [r["Properties"] for r in _of_type(template, kind).values() if r["Properties"].get(name_prop) == name]
    return props


def test_packaged_template_has_no_cfn_lint_errors(template: dict[str, Any]) -> None:
    lint = Path(sys.executable).with_name("cfn-lint")
    done = subprocess.run([str(lint), template["__path__"]], capture_output=True, text=True)
    # cfn-lint's exit code is a bit mask: 2 = errors (4 = warnings, 8 = informational).
    assert done.returncode & 3 == 0, done.stdout + done.stderr


def test_packaged_template_passes_the_iac_scan(template: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    """`make scan`: no finding at all is left unexplained, and every one explained has its reason."""
    assert scan.main([template["__path__"]]) == 0, capsys.readouterr().out
    report = scan.scan(template)
    assert report.findings == [], scan.render(report)
    assert report.suppressed and all(reason for _, reason in report.suppressed)
    # the serverless rules ran, and found what the template's Metadata answers
    assert {"ES2000", "ES6000", "WS1004"} <= {f.id for f, _ in report.suppressed}


def test_a_finding_without_its_reason_fails_the_scan(template: dict[str, Any], tmp_path: Path) -> None:
    """A skip whose reason is blank suppresses nothing and is a finding itself; a new resource that
    breaks a check, with no skip, fails it too."""
    broken = copy.deepcopy(template)
    (entry,) = [s for s in broken["Resources"]["AlertsTopic"]["Metadata"]["checkov"]["skip"] if s["id"] == "CKV_AWS_26"]
    entry["comment"] = " "
    broken["Resources"]["OpenQueue"] = {"Type": "AWS::SQS::Queue", "Properties": {"SqsManagedSseEnabled": False}}
    path = tmp_path / "template.json"
    path.write_text(json.dumps({k: v for k, v in broken.items() if k != "__path__"}), encoding="utf-8")
    assert scan.main([str(path)]) == 1
    high = {(f.id, f.resource) for f in scan.scan(broken, lint=False).findings if f.severity == scan.HIGH}
    assert high == {("SKIP_REASON", "AlertsTopic"), ("CKV_AWS_26", "AlertsTopic"), ("CKV_AWS_27", "OpenQueue")}


def test_every_placeholder_has_a_substitution_in_the_template(template: dict[str, Any]) -> None:
    for machine in _of_type(template, "AWS::StepFunctions::StateMachine").values():
        props = machine["Properties"]
        assert placeholders(props["Definition"]) <= set(props["DefinitionSubstitutions"])
        assert props["Definition"] == load_definition(machine["Metadata"]["AslDefinition"])


def test_tables_are_recoverable_and_complaints_stream(template: dict[str, Any]) -> None:
    tables = _of_type(template, "AWS::DynamoDB::Table")
    assert {t["Properties"]["TableName"] for t in tables.values()} == {m.Meta.table_name for m in TABLES}
    for table in tables.values():
        props = table["Properties"]
        assert props["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}
        assert props["BillingMode"] == "PAY_PER_REQUEST"
        assert props["SSESpecification"] == {"SSEEnabled": True}
        assert table["DeletionPolicy"] == "Retain"
    complaints = _props(template, "AWS::DynamoDB::Table", "TableName", settings.COMPLAINTS_TABLE)
    assert complaints["StreamSpecification"] == {"StreamViewType": "NEW_AND_OLD_IMAGES"}
    ops = _props(template, "AWS::DynamoDB::Table", "TableName", settings.OPS_TABLE)
    assert ops["TimeToLiveSpecification"] == {"AttributeName": "expires", "Enabled": True}


def test_notify_queue_has_dead_letter_queue(template: dict[str, Any]) -> None:
    queue = _props(template, "AWS::SQS::Queue", "QueueName", settings.NOTIFY_QUEUE)
    dlq_id = queue["RedrivePolicy"]["deadLetterTargetArn"]["Fn::GetAtt"][0]
    assert template["Resources"][dlq_id]["Properties"]["QueueName"] == settings.NOTIFY_DLQ
    assert queue["RedrivePolicy"]["maxReceiveCount"] == 5


def test_queue_handlers_report_batch_item_failures_and_the_notify_lease_fits_the_queue(
    template: dict[str, Any],
) -> None:
    """Only failed or leased messages come back (the handlers list them), and a notification
    claim's lease outlasts the handler yet runs out before its message can return by itself."""
    sqs_events = [
        (lid, event["Properties"])
        for lid, f in _of_type(template, "AWS::Serverless::Function").items()
        for event in f["Properties"].get("Events", {}).values()
        if event["Type"] == "SQS"
    ]
    assert {lid for lid, _ in sqs_events} == {"OnNotifyJob", "OnMaintenanceJob", "OnWhatsappMessage"}
    assert all(props["FunctionResponseTypes"] == ["ReportBatchItemFailures"] for _, props in sqs_events)
    # both handlers claim in the notification ledger: the same lease must fit both queues
    for name, handler in ((settings.NOTIFY_QUEUE, "OnNotifyJob"), (settings.WHATSAPP_QUEUE, "OnWhatsappMessage")):
        queue = _props(template, "AWS::SQS::Queue", "QueueName", name)
        function = template["Resources"][handler]["Properties"]
        assert queue["VisibilityTimeout"] == settings.NOTIFY_VISIBILITY_SECONDS
        assert function["Timeout"] < settings.NOTIFY_LEASE_SECONDS < queue["VisibilityTimeout"]
        dlq = queue["RedrivePolicy"]["deadLetterTargetArn"]["Fn::GetAtt"][0]
        assert queue["RedrivePolicy"]["maxReceiveCount"] == 5 and dlq in template["Resources"]


def test_every_work_queue_is_encrypted_outlasts_its_handler_and_alarms_on_its_dlq(
    template: dict[str, Any],
) -> None:
    timeouts = [f["Properties"].get("Timeout", 3) for f in _of_type(template, "AWS::Serverless::Function").values()]
    alarmed = [
        a["Properties"]["Dimensions"][0]["Value"]
        for a in _of_type(template, "AWS::CloudWatch::Alarm").values()
        if a["Properties"]["MetricName"] == "ApproximateNumberOfMessagesVisible"
    ]
    queues = [q["Properties"] for q in _of_type(template, "AWS::SQS::Queue").values()]
    assert all(q["SqsManagedSseEnabled"] is True for q in queues)
    work = [q for q in queues if "RedrivePolicy" in q]
    names = {settings.NOTIFY_QUEUE, settings.MAINTENANCE_QUEUE, settings.WHATSAPP_QUEUE}
    assert {q["QueueName"] for q in work} >= names
    for queue in work:
        assert queue["VisibilityTimeout"] >= 6 * max(timeouts)  # AWS's advice for Lambda consumers
        dlq_id = queue["RedrivePolicy"]["deadLetterTargetArn"]["Fn::GetAtt"][0]
        assert {"Fn::GetAtt": [dlq_id, "QueueName"]} in alarmed


def test_state_machine_is_traced_standard_and_only_updates_complaints(template: dict[str, Any]) -> None:
    machine = _props(template, "AWS::StepFunctions::StateMachine", "StateMachineName", "cmh181-escalation")
    assert machine["StateMachineType"] == "STANDARD"
    assert machine["TracingConfiguration"] == {"Enabled": True}
    role = template["Resources"][machine["RoleArn"]["Fn::GetAtt"][0]]["Properties"]
    statements = [s for p in role["Policies"] for s in p["PolicyDocument"]["Statement"]]
    dynamo = [s for s in statements if "dynamodb" in json.dumps(s["Action"])]
    assert dynamo == [
        {
            "Effect": "Allow",
            "Action": "dynamodb:UpdateItem",
            "Resource": {"Fn::GetAtt": ["ComplaintsTable", "Arn"]},
        }
    ]


def test_staff_user_pool_client_and_groups(template: dict[str, Any]) -> None:
    pool = _props(template, "AWS::Cognito::UserPool", "UserPoolName", "cmh181-staff")
    assert pool["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is True
    assert pool["Policies"]["PasswordPolicy"]["MinimumLength"] >= 12
    groups = {g["Properties"]["GroupName"] for g in _of_type(template, "AWS::Cognito::UserPoolGroup").values()}
    assert groups == {"officer", "cce", "nodal", "admin", "monitor"}
    (client,) = [c["Properties"] for c in _of_type(template, "AWS::Cognito::UserPoolClient").values()]
    assert client["GenerateSecret"] is False
    assert "ALLOW_USER_PASSWORD_AUTH" in client["ExplicitAuthFlows"]
    assert {"NotifyQueueUrl", "EscalationStateMachineArn", "UserPoolId", "UserPoolClientId"} <= set(template["Outputs"])


def test_api_and_functions_are_traced_and_configured(template: dict[str, Any]) -> None:
    (api,) = _of_type(template, "AWS::Serverless::Api").values()
    assert api["Properties"]["TracingEnabled"] is True
    functions = _of_type(template, "AWS::Serverless::Function")
    assert functions
    for function in functions.values():
        props = function["Properties"]
        assert props["Tracing"] == "Active"
        variables = props["Environment"]["Variables"]
        assert variables["STAGE"] == "prod"
        assert variables["ESCALATION_STATE_MACHINE_ARN"] == {"Ref": "EscalationStateMachine"}
        assert {"USER_POOL_ID", "USER_POOL_CLIENT_ID"} <= set(variables)


def test_the_api_stage_samples_its_traces_by_a_rule_of_its_own(template: dict[str, Any]) -> None:
    (rule,) = [r["Properties"]["SamplingRule"] for r in _of_type(template, "AWS::XRay::SamplingRule").values()]
    assert rule["ReservoirSize"] == {"Ref": "TraceReservoir"} and rule["FixedRate"] == {"Ref": "TraceFixedRate"}
    params = template["Parameters"]
    assert params["TraceReservoir"]["Default"] == 1
    assert params["TraceFixedRate"]["Default"] == 0.05 and params["TraceFixedRate"]["MaxValue"] == 1
    # the stage only, never every service of the account
    assert rule["ServiceType"] == "AWS::ApiGateway::Stage"
    assert "${RestAPI}/stages/prod" in rule["ResourceARN"]["Fn::Sub"]
    assert rule["Version"] == 1 and 1 <= rule["Priority"] <= 9999


def test_function_role_is_least_privilege(template: dict[str, Any]) -> None:
    (policy,) = template["Resources"]["DefaultRole"]["Properties"]["Policies"]
    statements = policy["PolicyDocument"]["Statement"]
    actions = {a for s in statements for a in s["Action"]}
    assert not any(a.endswith("*") for a in actions)
    assert {
        "states:StartExecution",
        "sqs:SendMessage",
        "dynamodb:GetRecords",
        "sns:Publish",
        "connect:StartOutboundVoiceContact",
        "cognito-idp:InitiateAuth",
        "secretsmanager:GetSecretValue",
    } <= actions
    assert "cognito-idp:AdminGetUser" not in actions and "logs:CreateLogGroup" not in actions
    wildcards = {a for s in statements if s["Resource"] == "*" for a in s["Action"]}
    # Only actions that have no resource to scope them to.
    assert wildcards <= {
        "sns:Publish",
        "xray:PutTraceSegments",
        "xray:PutTelemetryRecords",
        "dynamodb:ListStreams",
    }


def test_deployed_stage_has_no_local_phone_and_no_stream_marker(template: dict[str, Any]) -> None:
    text = json.dumps(template)
    assert "/dev/" not in text
    assert settings.COMPLAINTS_STREAM_MARKER not in text


def _functions(template: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return _of_type(template, "AWS::Serverless::Function")


def test_every_choice_of_a_deployment_is_a_parameter_and_no_secret_is_in_any_environment(
    template: dict[str, Any],
) -> None:
    assert {
        "PublicDomainName",
        "CertificateArn",
        "SigningSecretArn",
        "SmsSenderId",
        "DltEntityId",
        "DltTemplateIds",
        "ConnectInstanceId",
        "ConnectContactFlowId",
        "ConnectSourcePhone",
        "AlarmEmail",
        "LogRetentionDays",
        "SmsSpendAlarmUsd",
        "WhatsAppPhoneNumberId",
        "WhatsAppSecretArn",
    } <= set(template["Parameters"])
    assert template["Parameters"]["LogRetentionDays"]["Default"] == 180
    secret = template["Resources"]["SigningSecret"]
    assert secret["Type"] == "AWS::SecretsManager::Secret" and secret["Condition"] == "CreateSigningSecret"
    assert secret["Properties"]["GenerateSecretString"]["PasswordLength"] >= 32
    for lid, function in _functions(template).items():
        variables = function["Properties"]["Environment"]["Variables"]
        # the template gives every setting a deployed stage requires, and no local-only one
        assert set(settings.DEPLOYED) <= set(variables), (lid, set(settings.DEPLOYED) - set(variables))
        assert not set(settings.LOCAL_ONLY) & set(variables)
        assert variables["SIGNING_SECRET_ARN"] == {
            "Fn::If": ["CreateSigningSecret", {"Ref": "SigningSecret"}, {"Ref": "SigningSecretArn"}]
        }
        literals = {k: v for k, v in variables.items() if isinstance(v, str)}
        assert literals == {"AWS_XRAY_SDK_ENABLED": "true", "STAGE": "prod", "VOICE_BACKEND": "connect"}, lid


def test_stream_mappings_never_stall_and_queue_mappings_report_partial_failures(template: dict[str, Any]) -> None:
    seen = {"DynamoDB": 0, "SQS": 0}
    for function in _functions(template).values():
        for event in function["Properties"].get("Events", {}).values():
            props = event["Properties"]
            if event["Type"] == "DynamoDB":
                seen["DynamoDB"] += 1
                assert 0 < props["MaximumRetryAttempts"] <= 5
                assert props["BisectBatchOnFunctionError"] is True
                assert 0 < props["MaximumRecordAgeInSeconds"] <= 6 * 3600  # replayable within the stream's 24 h
                assert props["DestinationConfig"]["OnFailure"]["Destination"] == {
                    "Fn::GetAtt": ["StreamFailureQueue", "Arn"]
                }
            elif event["Type"] == "SQS":
                seen["SQS"] += 1
                assert props["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert seen == {"DynamoDB": 2, "SQS": 3}
    failures = _props(template, "AWS::SQS::Queue", "QueueName", "cmh181-stream-failures")
    assert failures["MessageRetentionPeriod"] == 14 * 86400


def test_every_function_has_its_log_group_with_the_retention_parameter(template: dict[str, Any]) -> None:
    groups = {g["Properties"]["LogGroupName"]["Fn::Sub"]: g for g in _of_type(template, "AWS::Logs::LogGroup").values()}
    for lid, function in _functions(template).items():
        name = function["Properties"]["FunctionName"]["Fn::Sub"]
        assert name == "${AWS::StackName}-" + lid
        group = groups["/aws/lambda/" + name]
        assert group["Properties"]["RetentionInDays"] == {"Ref": "LogRetentionDays"}
        assert group["DeletionPolicy"] == "Retain"
        assert any(template["Resources"][d] is group for d in function["DependsOn"])  # exists before it logs


def _alarmed(template: dict[str, Any]) -> list[tuple[str, str, Any]]:
    out = []
    for alarm in _of_type(template, "AWS::CloudWatch::Alarm").values():
        props = alarm["Properties"]
        assert props["AlarmActions"] == [{"Ref": "AlertsTopic"}]
        dims = props["Dimensions"]
        out.append((props["Namespace"], props["MetricName"], dims[0]["Value"] if dims else None))
    return out


def test_alarms_cover_queues_streams_functions_api_sms_spend_timer_repairs_and_refusals(
    template: dict[str, Any],
) -> None:
    alarmed = _alarmed(template)
    queues = _of_type(template, "AWS::SQS::Queue")
    dead = {
        q["Properties"]["RedrivePolicy"]["deadLetterTargetArn"]["Fn::GetAtt"][0]
        for q in queues.values()
        if "RedrivePolicy" in q["Properties"]
    }
    for lid in dead | {"StreamFailureQueue"}:
        assert ("AWS/SQS", "ApproximateNumberOfMessagesVisible", {"Fn::GetAtt": [lid, "QueueName"]}) in alarmed
    for lid, function in _functions(template).items():
        assert ("AWS/Lambda", "Errors", {"Ref": lid}) in alarmed
        assert ("AWS/Lambda", "Throttles", {"Ref": lid}) in alarmed
        if any(e["Type"] == "DynamoDB" for e in function["Properties"].get("Events", {}).values()):
            assert ("AWS/Lambda", "IteratorAge", {"Ref": lid}) in alarmed
    assert ("AWS/ApiGateway", "5XXError", "cmh181") in alarmed
    assert ("AWS/SNS", "SMSMonthToDateSpentUSD", None) in alarmed
    assert ("AWS/States", "ExecutionsFailed", {"Ref": "EscalationStateMachine"}) in alarmed
    custom = {m for ns, m, _ in alarmed if ns == observe.NAMESPACE}
    assert custom == {"TimerRepairs", "Misconfigured"} and custom <= set(observe.METRICS)
    (subscription,) = _of_type(template, "AWS::SNS::Subscription").values()
    assert subscription["Properties"] == {
        "TopicArn": {"Ref": "AlertsTopic"},
        "Protocol": "email",
        "Endpoint": {"Ref": "AlarmEmail"},
    }


def test_one_dashboard_shows_the_app_metrics_every_function_and_queue(template: dict[str, Any]) -> None:
    (board,) = _of_type(template, "AWS::CloudWatch::Dashboard").values()
    body = json.loads(board["Properties"]["DashboardBody"]["Fn::Sub"])
    shown = [m for w in body["widgets"] for m in w["properties"]["metrics"]]
    assert {m[1] for m in shown if m[0] == observe.NAMESPACE} == set(observe.METRICS)
    for lid in _functions(template):
        assert ["AWS/Lambda", "Errors", "FunctionName", "${AWS::StackName}-" + lid] in shown
    queues = {q["Properties"]["QueueName"] for q in _of_type(template, "AWS::SQS::Queue").values()}
    assert {m[3] for m in shown if m[0] == "AWS/SQS"} == queues


def test_the_api_stage_is_behind_the_waf_and_throttled(template: dict[str, Any]) -> None:
    (acl,) = _of_type(template, "AWS::WAFv2::WebACL").values()
    props = acl["Properties"]
    assert props["Scope"] == "REGIONAL" and props["DefaultAction"] == {"Allow": {}}
    groups = {
        r["Statement"]["ManagedRuleGroupStatement"]["Name"]
        for r in props["Rules"]
        if "ManagedRuleGroupStatement" in r["Statement"]
    }
    assert {"AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"} <= groups
    (sign_in,) = [r for r in props["Rules"] if r["Name"] == "SignInRateLimit"]
    rate = sign_in["Statement"]["RateBasedStatement"]
    assert sign_in["Action"] == {"Block": {}} and rate["AggregateKeyType"] == "IP"
    guarded = {s["ByteMatchStatement"]["SearchString"] for s in rate["ScopeDownStatement"]["OrStatement"]["Statements"]}
    assert {"/v1/otp", "/v1/auth/"} <= guarded
    routes = set(template["Resources"]["RestAPI"]["Properties"]["DefinitionBody"]["paths"])
    logins = {
        p for p in routes if p.endswith("/login") or p.startswith(("/v1/otp", "/v1/auth/", "/file/otp", "/file/verify"))
    }
    assert logins and all(any(g in p for g in guarded) for p in logins), logins - guarded
    (association,) = _of_type(template, "AWS::WAFv2::WebACLAssociation").values()
    assert association["Properties"]["WebACLArn"] == {"Fn::GetAtt": ["WebACL", "Arn"]}
    assert association["Properties"]["ResourceArn"]["Fn::Sub"].endswith("/restapis/${RestAPI}/stages/prod")
    (throttle,) = template["Resources"]["RestAPI"]["Properties"]["MethodSettings"]
    assert throttle["ThrottlingRateLimit"] == {"Ref": "ApiRateLimit"} and throttle["ResourcePath"] == "/*"


def test_tables_have_deletion_protection_and_expiring_records_a_ttl(template: dict[str, Any]) -> None:
    from chalicelib.adapters.dynamo.models import OpsRow

    for table in _of_type(template, "AWS::DynamoDB::Table").values():
        assert table["Properties"]["DeletionProtectionEnabled"] is True
    # OTPs, idempotency records and rate windows are ops rows; their `expires` is the table's TTL.
    ops = _props(template, "AWS::DynamoDB::Table", "TableName", settings.OPS_TABLE)
    assert ops["TimeToLiveSpecification"] == {"AttributeName": OpsRow.expires.attr_name, "Enabled": True}


def _api_md_paths() -> set[tuple[str, str]]:
    text = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text(encoding="utf-8")
    found = set()
    for method, path in re.findall(r"`(GET|POST|PUT|DELETE) (/[^`\s?]*)", text):
        found.add((method, re.sub(r"\{[^}]+\}", "{}", path)))
    return found


def test_a_deployed_api_answers_at_exactly_api_md_paths(template: dict[str, Any]) -> None:
    """The custom domain's root is the stage (no base path), the stage is not `v1`, so
    https://<PublicDomainName> + API.md's path is the route, never …/v1/v1/…"""
    api = template["Resources"]["RestAPI"]["Properties"]
    assert api["StageName"] == "prod" and api["EndpointConfiguration"] == "REGIONAL"
    (mapping,) = _of_type(template, "AWS::ApiGateway::BasePathMapping").values()
    assert "BasePath" not in mapping["Properties"]
    assert mapping["Properties"]["Stage"] == api["StageName"]
    assert mapping["Properties"]["RestApiId"] == {"Ref": "RestAPI"}
    (domain,) = _of_type(template, "AWS::ApiGateway::DomainName").values()
    assert domain["Properties"]["DomainName"] == {"Ref": "PublicDomainName"}
    function = next(iter(_functions(template).values()))
    assert function["Properties"]["Environment"]["Variables"]["PUBLIC_BASE_URL"] == {
        "Fn::Sub": "https://${PublicDomainName}"
    }

    routes = {
        (method.upper(), re.sub(r"\{[^}]+\}", "{}", path))
        for path, methods in api["DefinitionBody"]["paths"].items()
        for method in methods
        if method != "options"
    }
    documented = {p for p in _api_md_paths() if not p[1].startswith("/dev/")}
    assert len(documented) > 20
    assert documented - routes == set()
    assert not any(p.startswith("/v1/v1") or p.startswith("/prod") for _, p in routes)


def test_the_contact_flows_hours_and_queues_are_in_the_template_with_connect_allowed_to_invoke(
    template: dict[str, Any],
) -> None:
    """Each flow file deployed as it is (its `${LogicalId.Attribute}` names filled in by
    Fn::Sub), the call centre's hours and queues, all only when an instance is given."""
    resources = template["Resources"]
    assert template["Parameters"][connect.PARAMETER]["Default"] == ""
    flows = _of_type(template, "AWS::Connect::ContactFlow")
    assert set(flows) == set(connect.FLOWS)
    functions = set(_of_type(template, "AWS::Serverless::Function"))
    for lid, flow in connect.FLOWS.items():
        props = flows[lid]["Properties"]
        assert flows[lid]["Condition"] == connect.CONDITION
        assert (props["Type"], props["InstanceArn"]) == ("CONTACT_FLOW", {"Ref": connect.PARAMETER})
        assert json.loads(props["Content"]["Fn::Sub"]) == connect.load_flow(flow.file)
        assert len(props["Content"]["Fn::Sub"]) <= 256_000
        for name, attribute in connect.references(connect.load_flow(flow.file)):
            kind = resources[name]["Type"]
            assert (kind, attribute) in {
                ("AWS::Serverless::Function", "Arn"),
                ("AWS::Connect::Queue", "QueueArn"),
                ("AWS::Connect::HoursOfOperation", "HoursOfOperationArn"),
                ("AWS::Connect::ContactFlow", "ContactFlowArn"),
            }, (flow.file, name, attribute)
        for fn in connect.invoked_functions(connect.load_flow(flow.file)):
            assert fn in functions
            permission = resources[f"{fn}ConnectPermission"]["Properties"]
            assert (permission["Principal"], permission["SourceArn"]) == (
                "connect.amazonaws.com",
                {"Ref": connect.PARAMETER},
            )
            assert resources[f"{fn}ConnectIntegration"]["Properties"]["IntegrationType"] == "LAMBDA_FUNCTION"
            # Connect waits 8 seconds for an answer: the function does not outlive it.
            assert resources[fn]["Properties"]["Timeout"] <= 8
    (hours,) = _of_type(template, "AWS::Connect::HoursOfOperation").values()
    assert hours["Properties"]["TimeZone"] == "Asia/Kolkata"
    days = {c["Day"]: (c["StartTime"], c["EndTime"]) for c in hours["Properties"]["Config"]}
    assert days == {d: ({"Hours": 7, "Minutes": 0}, {"Hours": 23, "Minutes": 0}) for d in connect.DAYS}
    queues = {q["Properties"]["Name"] for q in _of_type(template, "AWS::Connect::Queue").values()}
    assert queues == {q.name for q in connect.QUEUES.values()}
    # the executives take every queue of both lines, the women's helpline before the rest
    (profile,) = _of_type(template, "AWS::Connect::RoutingProfile").values()
    configs = {
        c["QueueReference"]["QueueArn"]["Fn::GetAtt"][0]: c["Priority"] for c in profile["Properties"]["QueueConfigs"]
    }
    assert set(configs) == set(connect.QUEUES) and configs["CounsellingQueue"] < min(
        p for lid, p in configs.items() if lid != "CounsellingQueue"
    )
    assert profile["Condition"] == connect.CONDITION
    notifier = resources["OnNotifyJob"]["Properties"]["Environment"]["Variables"]
    flow_id = notifier["CONNECT_CONTACT_FLOW_ID"]["Fn::If"][1]["Fn::Select"][1]["Fn::Split"][1]
    assert flow_id == {"Fn::GetAtt": [connect.OUTBOUND, "ContactFlowArn"]}


# --- (c) the local stack ------------------------------------------------------------------------


def _declared(kind: str) -> list[dict[str, Any]]:
    return [r for r in load_merge_template()["Resources"].values() if r.get("Type") == kind]


@pytest.fixture
def moto(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """moto in-process, in a fresh account of its own."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-south-1")
    # moto's backends are global to the process and shared with any threaded moto server
    # a session fixture runs; `with mock_aws()` would reset them all at start and stop.
    # An account of our own and no reset leave that server's state alone.
    monkeypatch.setenv("MOTO_ACCOUNT_ID", f"{secrets.randbelow(9 * 10**11) + 10**11}")
    for var in ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_DYNAMODB"):
        monkeypatch.delenv(var, raising=False)
    models = list(TABLES)
    while models:  # PynamoDB caches a client per model class, bound to its first endpoint
        model = models.pop()
        monkeypatch.setattr(model, "_connection", None)
        models.extend(model.__subclasses__())
    mock = mock_aws()
    mock.start(reset=False)
    try:
        yield
    finally:
        mock.stop(remove_data=False)


def test_the_local_notify_queue_has_the_visibility_the_lease_is_made_from(moto: None) -> None:
    url = provision()["NOTIFY_QUEUE_URL"]
    attrs = boto3.client("sqs").get_queue_attributes(QueueUrl=url, AttributeNames=["VisibilityTimeout"])
    assert int(attrs["Attributes"]["VisibilityTimeout"]) == settings.NOTIFY_VISIBILITY_SECONDS


def test_provision_builds_everything_and_is_idempotent(moto: None) -> None:
    first = provision()
    second = provision()

    assert first == second
    assert set(first) == {
        "ESCALATION_STATE_MACHINE_ARN",
        "USER_POOL_ID",
        "USER_POOL_CLIENT_ID",
        "NOTIFY_QUEUE_URL",
        "MAINTENANCE_QUEUE_URL",
        "NOTIFY_DLQ_URL",
        "MAINTENANCE_DLQ_URL",
        "STREAM_FAILURE_QUEUE_URL",
        "WHATSAPP_QUEUE_URL",
        "WHATSAPP_DLQ_URL",
    }
    sqs = boto3.client("sqs")
    attrs = sqs.get_queue_attributes(QueueUrl=first["NOTIFY_QUEUE_URL"], AttributeNames=["All"])["Attributes"]
    redrive = json.loads(attrs["RedrivePolicy"])
    assert redrive["deadLetterTargetArn"].endswith(f":{settings.NOTIFY_DLQ}")
    assert int(redrive["maxReceiveCount"]) == 5
    declared = {r["Properties"]["QueueName"] for r in _declared("AWS::SQS::Queue")}
    assert {u.rsplit("/", 1)[1] for u in sqs.list_queues()["QueueUrls"]} == declared
    topics = boto3.client("sns").list_topics()["Topics"]
    assert [t["TopicArn"].rsplit(":", 1)[1] for t in topics] == ["cmh181-alerts"]
    idp = boto3.client("cognito-idp")
    assert len(idp.list_user_pools(MaxResults=10)["UserPools"]) == 1
    groups = {g["GroupName"] for g in idp.list_groups(UserPoolId=first["USER_POOL_ID"])["Groups"]}
    assert groups == {"officer", "cce", "nodal", "admin", "monitor"}
    client = idp.describe_user_pool_client(UserPoolId=first["USER_POOL_ID"], ClientId=first["USER_POOL_CLIENT_ID"])
    assert "ALLOW_USER_PASSWORD_AUTH" in client["UserPoolClient"]["ExplicitAuthFlows"]
    assert "ClientSecret" not in client["UserPoolClient"]
    tables = boto3.client("dynamodb").list_tables()["TableNames"]
    assert sorted(tables) == sorted(m.Meta.table_name for m in TABLES)


def test_moto_accepts_the_substituted_state_machine(moto: None) -> None:
    ids = provision()

    machine = boto3.client("stepfunctions").describe_state_machine(stateMachineArn=ids["ESCALATION_STATE_MACHINE_ARN"])
    definition = json.loads(machine["definition"])
    assert definition["States"]["LapseAssignment"]["Parameters"]["TableName"] == settings.COMPLAINTS_TABLE
    assert "${" not in machine["definition"]
    assert machine["tracingConfiguration"] == {"enabled": True}
    assert boto3.client("iam").get_role(RoleName=machine["roleArn"].rsplit("/", 1)[1])
