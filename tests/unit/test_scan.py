"""The scan's own checks, one resource at a time, and its rule that a skip needs its reason
(no cfn-lint here: the packaged template's whole scan is in tests/integration/test_infra.py)."""

from __future__ import annotations

from typing import Any

import pytest

from infra import scan

FUNCTION = "AWS::Serverless::Function"


def _ids(resources: dict[str, Any]) -> set[tuple[str, str]]:
    return {(f.id, f.resource) for f in scan.scan({"Resources": resources}, lint=False).findings}


def _role(statement: dict[str, Any]) -> dict[str, Any]:
    return {
        "Type": "AWS::IAM::Role",
        "Properties": {
            "AssumeRolePolicyDocument": {"Statement": []},
            "Policies": [{"PolicyName": "p", "PolicyDocument": {"Statement": [{"Effect": "Allow", **statement}]}}],
        },
    }


# (check id, a resource it flags, the same resource put right)
CASES: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    (
        "CKV_AWS_28",
        {
            "Type": "AWS::DynamoDB::Table",
            "Properties": {"SSESpecification": {"SSEEnabled": True, "KMSMasterKeyId": "k"}},
        },
        {
            "Type": "AWS::DynamoDB::Table",
            "Properties": {
                "SSESpecification": {"SSEEnabled": True, "KMSMasterKeyId": "k"},
                "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
            },
        },
    ),
    (
        "CKV_AWS_27",
        {"Type": "AWS::SQS::Queue", "Properties": {}},
        {"Type": "AWS::SQS::Queue", "Properties": {"SqsManagedSseEnabled": True}},
    ),
    (
        "CKV_AWS_66",
        {"Type": "AWS::Logs::LogGroup", "Properties": {"KmsKeyId": "k"}},
        {"Type": "AWS::Logs::LogGroup", "Properties": {"KmsKeyId": "k", "RetentionInDays": 180}},
    ),
    (
        "CKV_AWS_45",
        {"Type": FUNCTION, "Properties": {"Environment": {"Variables": {"SIGNING_SECRET": "hunter2"}}}},
        {"Type": FUNCTION, "Properties": {"Environment": {"Variables": {"SIGNING_SECRET_ARN": "arn:aws:secret"}}}},
    ),
    (
        "CKV_AWS_206",
        {"Type": "AWS::ApiGateway::DomainName", "Properties": {}},
        {"Type": "AWS::ApiGateway::DomainName", "Properties": {"SecurityPolicy": "TLS_1_2"}},
    ),
    ("CKV_AWS_63", _role({"Action": "*", "Resource": "arn:x"}), _role({"Action": "sqs:SendMessage", "Resource": "q"})),
    (
        "CKV_AWS_108",
        _role({"Action": ["secretsmanager:Get*"], "Resource": "*"}),
        _role({"Action": ["secretsmanager:GetSecretValue"], "Resource": "arn:aws:secretsmanager:s"}),
    ),
    (
        "CKV_AWS_109",
        _role({"Action": "iam:PassRole", "Resource": "*"}),
        _role({"Action": "iam:PassRole", "Resource": "arn:aws:iam::1:role/r"}),
    ),
    (
        "CKV_AWS_107",
        _role({"Action": "sts:GetSessionToken", "Resource": "*"}),
        _role({"Action": "sts:GetCallerIdentity", "Resource": "*"}),
    ),
    (
        "CKV_AWS_111",
        _role({"Action": "sqs:SendMessage", "Resource": ["*"]}),
        _role({"Action": "dynamodb:ListStreams", "Resource": "*"}),
    ),
    (
        "CKV_AWS_60",
        {
            "Type": "AWS::IAM::Role",
            "Properties": {"AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}}]}},
        },
        {
            "Type": "AWS::IAM::Role",
            "Properties": {
                "AssumeRolePolicyDocument": {
                    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}}]
                }
            },
        },
    ),
]


@pytest.mark.parametrize(("check_id", "bad", "good"), CASES, ids=[c[0] for c in CASES])
def test_a_check_flags_the_resource_that_breaks_it_and_not_the_one_put_right(
    check_id: str, bad: dict[str, Any], good: dict[str, Any]
) -> None:
    assert (check_id, "R") in _ids({"R": bad})
    assert check_id not in {i for i, _ in _ids({"R": good})}


def test_every_check_is_named_after_a_checkov_id_once() -> None:
    ids = [c.id for c in scan.CHECKS]
    assert len(ids) == len(set(ids)) >= 15
    assert all(
        i.startswith(("CKV_AWS_", "CKV2_AWS_")) and c.severity in (scan.HIGH, scan.MEDIUM)
        for i, c in zip(ids, scan.CHECKS, strict=True)
    )


def test_an_api_stage_is_behind_the_waf_only_when_an_association_names_that_stage() -> None:
    api = {"Type": "AWS::Serverless::Api", "Properties": {"StageName": "prod", "TracingEnabled": True}}

    def association(stage: str) -> dict[str, Any]:
        arn = "arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${RestAPI}/stages/" + stage
        return {"Type": "AWS::WAFv2::WebACLAssociation", "Properties": {"ResourceArn": {"Fn::Sub": arn}}}

    assert ("CKV2_AWS_29", "RestAPI") in _ids({"RestAPI": api})
    assert ("CKV2_AWS_29", "RestAPI") in _ids({"RestAPI": api, "A": association("dev")})
    assert ("CKV2_AWS_29", "RestAPI") not in _ids({"RestAPI": api, "A": association("prod")})


def test_a_secret_is_rotated_when_a_rotation_schedule_names_it() -> None:
    secret = {"Type": "AWS::SecretsManager::Secret", "Properties": {"KmsKeyId": "k"}}
    schedule = {"Type": "AWS::SecretsManager::RotationSchedule", "Properties": {"SecretId": {"Ref": "Key"}}}
    assert ("CKV2_AWS_57", "Key") in _ids({"Key": secret})
    assert ("CKV2_AWS_57", "Key") not in _ids({"Key": secret, "Rotation": schedule})


def test_a_skip_with_its_reason_suppresses_and_one_without_is_a_high_finding() -> None:
    queue: dict[str, Any] = {"Type": "AWS::SQS::Queue", "Properties": {}}
    scan.skip(queue, "CKV_AWS_27", "a test queue")
    report = scan.scan({"Resources": {"Q": queue}}, lint=False)
    assert report.findings == [] and [(f.id, why) for f, why in report.suppressed] == [("CKV_AWS_27", "a test queue")]
    assert not report.failed

    for blank in ({"id": "CKV_AWS_27", "comment": "  "}, {"id": "CKV_AWS_27"}):
        queue["Metadata"]["checkov"]["skip"] = [blank]
        report = scan.scan({"Resources": {"Q": queue}}, lint=False)
        assert {(f.id, f.severity) for f in report.findings} == {("SKIP_REASON", "high"), ("CKV_AWS_27", "high")}
        assert report.failed and report.suppressed == []


def test_only_a_high_finding_fails_the_scan() -> None:
    table = {
        "Type": "AWS::DynamoDB::Table",
        "Properties": {"PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True}},
    }
    report = scan.scan({"Resources": {"T": table}}, lint=False)
    assert [(f.id, f.severity) for f in report.findings] == [("CKV_AWS_119", "medium")]
    assert not report.failed


def test_each_function_gets_the_dlq_reason_of_how_it_is_invoked_and_an_unknown_way_is_refused() -> None:
    from infra import stage

    def function(*kinds: str) -> dict[str, Any]:
        events = {f"E{i}": {"Type": k, "Properties": {}} for i, k in enumerate(kinds)}
        return {"Type": FUNCTION, "Properties": {"Events": events}}

    resources = {"Api": function(), "Job": function("Schedule"), "Reader": function("DynamoDB")}
    stage.explain_functions(resources)
    reasons = {lid: {s["id"]: s["comment"] for s in r["Metadata"]["checkov"]["skip"]} for lid, r in resources.items()}
    assert reasons["Api"]["CKV_AWS_116"].startswith("Invoked synchronously")
    assert reasons["Reader"]["CKV_AWS_116"].startswith("It reads the complaints stream")
    assert reasons["Job"]["ES1007"] == reasons["Job"]["ES4000"] == reasons["Job"]["CKV_AWS_116"]
    assert "ES1007" not in reasons["Api"] and all({"CKV_AWS_117", "CKV_AWS_115"} <= set(r) for r in reasons.values())
    with pytest.raises(ValueError, match="SNS"):
        stage.explain_functions({"Topic": function("SNS")})
