"""The packaged template's IaC security scan: cfn-lint with the serverless rules
(cfn-lint-serverless), plus checks of our own over the template, each standing for the checkov
check of its id. checkov itself cannot sit beside our pins (it pins boto3 to an older release).

A finding is accepted only by a reason in its resource's Metadata, written where infra makes
the resource, in checkov's own form (so checkov would honour it too); cfn-lint's rule ids go in
the same list:

    "Metadata": {"checkov": {"skip": [{"id": "CKV_AWS_117", "comment": "why it is right here"}]}}

A skip without its reason suppresses nothing and is itself a high finding (SKIP_REASON).

Usage: python -m infra.scan out/template.json   (exits 1 on any high finding not suppressed)
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HIGH, MEDIUM, LOW = "high", "medium", "low"
# cfn-lint's levels (the serverless rules: ES… errors, WS… warnings).
_LINT_SEVERITY = {"error": HIGH, "warning": MEDIUM, "informational": LOW}
SKIP_REASON = "SKIP_REASON"
LINT_RULES = "cfn_lint_serverless.rules"
LINT_REGION = "ap-south-1"

FUNCTIONS = ("AWS::Serverless::Function", "AWS::Lambda::Function")
APIS = ("AWS::Serverless::Api", "AWS::ApiGateway::Stage")
POLICY_HOLDERS = ("AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy")

Resources = dict[str, dict[str, Any]]


@dataclass(frozen=True)
class Finding:
    id: str
    severity: str
    resource: str
    message: str


@dataclass(frozen=True)
class Check:
    id: str
    severity: str
    title: str
    run: Callable[[Resources], Iterator[tuple[str, str]]]  # -> (logical id, what is wrong)


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    suppressed: list[tuple[Finding, str]] = field(default_factory=list)
    unused: list[tuple[str, str, str]] = field(default_factory=list)  # resource, id, reason

    @property
    def failed(self) -> bool:
        return any(f.severity == HIGH for f in self.findings)


CHECKS: list[Check] = []


def check(
    check_id: str, severity: str, title: str
) -> Callable[[Callable[[Resources], Iterator[tuple[str, str]]]], Any]:
    def register(run: Callable[[Resources], Iterator[tuple[str, str]]]) -> Any:
        CHECKS.append(Check(check_id, severity, title, run))
        return run

    return register


def skip(resource: dict[str, Any], check_id: str, reason: str) -> None:
    """Accept `check_id` on `resource`, saying why (the builders call this where they make it)."""
    skips = resource.setdefault("Metadata", {}).setdefault("checkov", {}).setdefault("skip", [])
    skips.append({"id": check_id, "comment": reason})


def _of_type(resources: Resources, *kinds: str) -> Iterator[tuple[str, dict[str, Any]]]:
    for lid, res in resources.items():
        if res.get("Type") in kinds:
            yield lid, res.get("Properties", {})


def _mentions(value: Any, lid: str) -> bool:
    """Whether `value` names resource `lid` (a Ref, or ${lid} in an Fn::Sub)."""
    text = json.dumps(value)
    return f'"Ref": "{lid}"' in text or "${" + lid + "}" in text


# --- storage and messaging ----------------------------------------------------------------------


@check("CKV_AWS_28", HIGH, "DynamoDB tables have point-in-time recovery")
def _table_pitr(resources: Resources) -> Iterator[tuple[str, str]]:
    for lid, props in _of_type(resources, "AWS::DynamoDB::Table"):
        if props.get("PointInTimeRecoverySpecification", {}).get("PointInTimeRecoveryEnabled") is not True:
            yield lid, "point-in-time recovery is off"


@check("CKV_AWS_119", MEDIUM, "DynamoDB tables are encrypted with a customer managed KMS key")
def _table_cmk(resources: Resources) -> Iterator[tuple[str, str]]:
    for lid, props in _of_type(resources, "AWS::DynamoDB::Table"):
        sse = props.get("SSESpecification", {})
        if sse.get("SSEEnabled") is not True or not sse.get("KMSMasterKeyId"):
            yield lid, "encrypted with DynamoDB's AWS owned or managed key, not a customer managed one"


@check("CKV_AWS_27", HIGH, "SQS queues are encrypted at rest")
def _queue_sse(resources: Resources) -> Iterator[tuple[str, str]]:
    for lid, props in _of_type(resources, "AWS::SQS::Queue"):
        if props.get("SqsManagedSseEnabled") is not True and not props.get("KmsMasterKeyId"):
            yield lid, "neither SqsManagedSseEnabled nor KmsMasterKeyId"


@check("CKV_AWS_26", HIGH, "SNS topics are encrypted at rest")
def _topic_sse(resources: Resources) -> Iterator[tuple[str, str]]:
    for lid, props in _of_type(resources, "AWS::SNS::Topic"):
        if not props.get("KmsMasterKeyId"):
            yield lid, "no KmsMasterKeyId"


@check("CKV_AWS_149", MEDIUM, "Secrets Manager secrets are encrypted with a customer managed KMS key")
def _secret_cmk(resources: Resources) -> Iterator[tuple[str, str]]:
    for lid, props in _of_type(resources, "AWS::SecretsManager::Secret"):
        if not props.get("KmsKeyId"):
            yield lid, "encrypted with the AWS managed key aws/secretsmanager"


@check("CKV2_AWS_57", MEDIUM, "Secrets Manager secrets are rotated automatically")
def _secret_rotation(resources: Resources) -> Iterator[tuple[str, str]]:
    rotated = [p.get("SecretId") for _, p in _of_type(resources, "AWS::SecretsManager::RotationSchedule")]
    for lid, _ in _of_type(resources, "AWS::SecretsManager::Secret"):
        if not any(_mentions(r, lid) for r in rotated):
            yield lid, "no AWS::SecretsManager::RotationSchedule"


# --- logs ----------------------------------------------------------------------------------------


@check("CKV_AWS_66", HIGH, "CloudWatch log groups have a retention period")
def _log_retention(resources: Resources) -> Iterator[tuple[str, str]]:
    for lid, props in _of_type(resources, "AWS::Logs::LogGroup"):
        if not props.get("RetentionInDays"):
            yield lid, "no RetentionInDays: its logs are kept forever"


@check("CKV_AWS_158", MEDIUM, "CloudWatch log groups are encrypted with a customer managed KMS key")
def _log_cmk(resources: Resources) -> Iterator[tuple[str, str]]:
    for lid, props in _of_type(resources, "AWS::Logs::LogGroup"):
        if not props.get("KmsKeyId"):
            yield lid, "no KmsKeyId"


# --- Lambda --------------------------------------------------------------------------------------


@check("CKV_AWS_116", MEDIUM, "Lambda functions have a dead-letter queue")
def _function_dlq(resources: Resources) -> Iterator[tuple[str, str]]:
    for lid, props in _of_type(resources, *FUNCTIONS):
        if not props.get("DeadLetterQueue") and not props.get("DeadLetterConfig"):
            yield lid, "no DeadLetterQueue"


@check("CKV_AWS_115", MEDIUM, "Lambda functions have reserved concurrency")
def _function_concurrency(resources: Resources) -> Iterator[tuple[str, str]]:
    for lid, props in _of_type(resources, *FUNCTIONS):
        if "ReservedConcurrentExecutions" not in props:
            yield lid, "no ReservedConcurrentExecutions"


@check("CKV_AWS_117", MEDIUM, "Lambda functions run in a VPC")
def _function_vpc(resources: Resources) -> Iterator[tuple[str, str]]:
    for lid, props in _of_type(resources, *FUNCTIONS):
        if not props.get("VpcConfig"):
            yield lid, "no VpcConfig"


@check("CKV_AWS_173", MEDIUM, "Lambda environment variables are encrypted with a customer managed KMS key")
def _function_env_cmk(resources: Resources) -> Iterator[tuple[str, str]]:
    for lid, props in _of_type(resources, *FUNCTIONS):
        if props.get("Environment", {}).get("Variables") and not props.get("KmsKeyArn"):
            yield lid, "environment variables without KmsKeyArn"


# Names that say "this is a secret"; an *_ARN or *_ID names where a secret is, not the secret.
_SECRET_WORDS = ("SECRET", "PASSWORD", "PASSWD", "TOKEN", "PRIVATE_KEY", "API_KEY", "ACCESS_KEY")


@check("CKV_AWS_45", HIGH, "No secret is written into a Lambda function's environment")
def _function_env_secrets(resources: Resources) -> Iterator[tuple[str, str]]:
    for lid, props in _of_type(resources, *FUNCTIONS):
        for name, value in props.get("Environment", {}).get("Variables", {}).items():
            named = any(w in name.upper() for w in _SECRET_WORDS) and not name.upper().endswith(("_ARN", "_ID"))
            literal = isinstance(value, str) and value != ""
            if (named and literal) or (isinstance(value, str) and value.startswith(("AKIA", "ASIA"))):
                yield lid, f"{name} holds a literal that looks like a secret"


# --- API Gateway ---------------------------------------------------------------------------------


@check("CKV_AWS_73", MEDIUM, "API Gateway stages are traced with X-Ray")
def _api_tracing(resources: Resources) -> Iterator[tuple[str, str]]:
    for lid, props in _of_type(resources, *APIS):
        if props.get("TracingEnabled") is not True:
            yield lid, "TracingEnabled is not true"


@check("CKV_AWS_120", MEDIUM, "API Gateway stages have caching enabled")
def _api_cache(resources: Resources) -> Iterator[tuple[str, str]]:
    for lid, props in _of_type(resources, *APIS):
        if props.get("CacheClusterEnabled") is not True:
            yield lid, "no stage cache"


@check("CKV2_AWS_29", HIGH, "REST API stages are behind a WAF web ACL")
def _api_waf(resources: Resources) -> Iterator[tuple[str, str]]:
    associations = [p.get("ResourceArn") for _, p in _of_type(resources, "AWS::WAFv2::WebACLAssociation")]
    for lid, res in resources.items():
        kind, props = res.get("Type"), res.get("Properties", {})
        rest_api = props.get("RestApiId")
        api = lid if kind == "AWS::Serverless::Api" else rest_api.get("Ref") if isinstance(rest_api, dict) else None
        if kind not in APIS or api is None:
            continue
        stage = props.get("StageName", "")
        if not any(_mentions(a, api) and json.dumps(a).endswith(f'/stages/{stage}"}}') for a in associations):
            yield lid, f"no AWS::WAFv2::WebACLAssociation for its stage {stage!r}"


@check("CKV_AWS_206", MEDIUM, "API Gateway custom domains accept TLS 1.2 or newer only")
def _domain_tls(resources: Resources) -> Iterator[tuple[str, str]]:
    for lid, props in _of_type(resources, "AWS::ApiGateway::DomainName"):
        policy = str(props.get("SecurityPolicy", "TLS_1_0"))
        if policy == "TLS_1_0":
            yield lid, "SecurityPolicy allows TLS 1.0"


# --- IAM -----------------------------------------------------------------------------------------


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _allowed(resources: Resources) -> Iterator[tuple[str, list[str], list[Any]]]:
    """(holder, actions, resources) of every Allow statement of the template's IAM policies."""
    for lid, props in _of_type(resources, *POLICY_HOLDERS):
        documents = [p.get("PolicyDocument", {}) for p in props.get("Policies", [])]
        if "PolicyDocument" in props:
            documents.append(props["PolicyDocument"])
        for document in documents:
            for statement in _listed(document.get("Statement", [])):
                if statement.get("Effect") == "Allow":
                    yield lid, _listed(statement.get("Action", [])), _listed(statement.get("Resource", []))


def _granted_on_anything(resources: Resources, risky: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """Holders granting any of `risky` (or a wildcard covering one) on Resource "*"."""
    for lid, actions, targets in _allowed(resources):
        if "*" not in targets:
            continue
        hits = sorted(
            a for a in actions if isinstance(a, str) and any(fnmatch.fnmatch(r.lower(), a.lower()) for r in risky)
        )
        if hits:
            yield lid, ", ".join(hits) + ' on Resource "*"'


@check("CKV_AWS_60", HIGH, "No role may be assumed by anyone")
def _open_trust(resources: Resources) -> Iterator[tuple[str, str]]:
    for lid, props in _of_type(resources, "AWS::IAM::Role"):
        for statement in _listed(props.get("AssumeRolePolicyDocument", {}).get("Statement", [])):
            principal = statement.get("Principal", {})
            anyone = principal == "*" or (isinstance(principal, dict) and "*" in _listed(principal.get("AWS", [])))
            if statement.get("Effect") == "Allow" and anyone:
                yield lid, "its trust policy lets any principal assume it"


@check("CKV_AWS_63", HIGH, 'No policy allows the action "*"')
def _star_action(resources: Resources) -> Iterator[tuple[str, str]]:
    for lid, actions, _ in _allowed(resources):
        if "*" in actions:
            yield lid, 'allows Action "*"'


_CREDENTIALS = (
    "iam:CreateAccessKey",
    "iam:UpdateAccessKey",
    "iam:CreateLoginProfile",
    "iam:UpdateLoginProfile",
    "iam:CreateServiceSpecificCredential",
    "iam:ResetServiceSpecificCredential",
    "iam:ChangePassword",
    "sts:GetSessionToken",
    "sts:GetFederationToken",
    "ecr:GetAuthorizationToken",
    "redshift:GetClusterCredentials",
    "sso:GetRoleCredentials",
)


@check("CKV_AWS_107", HIGH, "No policy exposes credentials without a resource constraint")
def _credentials(resources: Resources) -> Iterator[tuple[str, str]]:
    yield from _granted_on_anything(resources, _CREDENTIALS)


_EXFILTRATION = (
    "s3:GetObject",
    "ssm:GetParameter",
    "ssm:GetParameters",
    "ssm:GetParametersByPath",
    "secretsmanager:GetSecretValue",
    "kms:Decrypt",
    "dynamodb:Scan",
    "dynamodb:GetItem",
    "dynamodb:Query",
)


@check("CKV_AWS_108", HIGH, "No policy allows data exfiltration without a resource constraint")
def _exfiltration(resources: Resources) -> Iterator[tuple[str, str]]:
    yield from _granted_on_anything(resources, _EXFILTRATION)


_PERMISSIONS = (
    "iam:PassRole",
    "iam:AttachRolePolicy",
    "iam:AttachUserPolicy",
    "iam:AttachGroupPolicy",
    "iam:PutRolePolicy",
    "iam:PutUserPolicy",
    "iam:PutGroupPolicy",
    "iam:CreatePolicyVersion",
    "iam:SetDefaultPolicyVersion",
    "iam:UpdateAssumeRolePolicy",
    "iam:CreateRole",
    "sts:AssumeRole",
    "kms:CreateGrant",
    "kms:PutKeyPolicy",
    "lambda:AddPermission",
    "lambda:CreateFunction",
    "lambda:UpdateFunctionCode",
    "s3:PutBucketPolicy",
    "sqs:AddPermission",
    "sns:AddPermission",
    "secretsmanager:PutResourcePolicy",
)


@check("CKV_AWS_109", HIGH, "No policy manages permissions (or escalates privileges) without a resource constraint")
def _permissions(resources: Resources) -> Iterator[tuple[str, str]]:
    yield from _granted_on_anything(resources, _PERMISSIONS)


_READ_VERBS = ("Get", "List", "Describe", "BatchGet", "Query", "Scan", "Head", "Search", "Lookup", "View")


@check("CKV_AWS_111", HIGH, "No policy allows writes without a resource constraint")
def _writes(resources: Resources) -> Iterator[tuple[str, str]]:
    for lid, actions, targets in _allowed(resources):
        if "*" not in targets:
            continue
        writes = sorted(a for a in actions if isinstance(a, str) and not a.split(":", 1)[-1].startswith(_READ_VERBS))
        if writes:
            yield lid, ", ".join(writes) + ' on Resource "*"'


# --- the scan ------------------------------------------------------------------------------------


def own_findings(resources: Resources) -> list[Finding]:
    return [Finding(c.id, c.severity, lid, f"{c.title}: {why}") for c in CHECKS for lid, why in c.run(resources)]


def lint_findings(template: dict[str, Any]) -> list[Finding]:
    """cfn-lint's every rule and the serverless ones, in process (a few seconds)."""
    from cfnlint.api import ManualArgs, lint

    text = json.dumps({k: v for k, v in template.items() if not k.startswith("__")})
    config = ManualArgs(append_rules=[LINT_RULES], regions=[LINT_REGION])
    found = []
    for match in lint(text, config=config):
        path = list(match.path or [])
        resource = str(path[1]) if len(path) > 1 and path[0] == "Resources" else "(template)"
        severity = _LINT_SEVERITY.get(match.rule.severity, HIGH)
        found.append(Finding(match.rule.id, severity, resource, match.message))
    return found


def skips(resources: Resources) -> tuple[dict[tuple[str, str], str], list[Finding]]:
    """(resource, id) -> reason for every skip that gives one; a finding for each that does not."""
    accepted: dict[tuple[str, str], str] = {}
    bad: list[Finding] = []
    for lid, res in resources.items():
        metadata = res.get("Metadata", {})
        entries = metadata.get("checkov", {}).get("skip", []) if isinstance(metadata, dict) else []
        for entry in _listed(entries):
            check_id = entry.get("id") if isinstance(entry, dict) else None
            reason = entry.get("comment") if isinstance(entry, dict) else None
            if not isinstance(check_id, str) or not check_id:
                bad.append(Finding(SKIP_REASON, HIGH, lid, f"a skip without a check id: {entry!r}"))
            elif not isinstance(reason, str) or not reason.strip():
                bad.append(Finding(SKIP_REASON, HIGH, lid, f"the skip of {check_id} gives no reason (comment)"))
            else:
                accepted[(lid, check_id)] = reason.strip()
    return accepted, bad


def scan(template: dict[str, Any], *, lint: bool = True) -> Report:
    resources: Resources = template.get("Resources", {})
    accepted, bad = skips(resources)
    found = own_findings(resources) + (lint_findings(template) if lint else [])
    report = Report(findings=list(bad))
    used = set()
    for finding in found:
        key = (finding.resource, finding.id)
        if key in accepted:
            report.suppressed.append((finding, accepted[key]))
            used.add(key)
        else:
            report.findings.append(finding)
    report.unused = [(lid, cid, why) for (lid, cid), why in accepted.items() if (lid, cid) not in used]
    return report


def render(report: Report) -> str:
    """The findings one a line, then the suppressions grouped by check and reason."""
    order = {HIGH: 0, MEDIUM: 1, LOW: 2}
    lines = [f"{len(CHECKS)} checks of our own, and cfn-lint with {LINT_RULES}"]
    lines.append(f"findings: {len(report.findings)}")
    for f in sorted(report.findings, key=lambda f: (order[f.severity], f.id, f.resource)):
        lines.append(f"  {f.severity.upper():6} {f.id:12} {f.resource}: {f.message}")
    groups: dict[tuple[str, str], list[str]] = {}
    for f, reason in report.suppressed:
        groups.setdefault((f.id, reason), []).append(f.resource)
    lines.append(f"suppressed: {len(report.suppressed)} ({len(groups)} reasons)")
    for (check_id, reason), lids in sorted(groups.items()):
        names = ", ".join(sorted(set(lids)))
        lines.append(f"  {check_id} on {len(lids)} ({names}):\n      {reason}")
    if report.unused:
        lines.append(f"skips matching no finding here (checks this scan does not run): {len(report.unused)}")
        lines.extend(f"  {cid} on {lid}" for lid, cid, _ in sorted(report.unused))
    lines.append("FAILED: high findings not suppressed" if report.failed else "passed: no high finding unexplained")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m infra.scan", description=__doc__.split("\n\n")[0])
    parser.add_argument("template", type=Path)
    args = parser.parse_args(argv)
    report = scan(json.loads(args.template.read_text(encoding="utf-8")))
    print(render(report))
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
