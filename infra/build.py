"""Package a stage: `chalice package` with the merge template, then fill in what CloudFormation can't.

Usage: python -m infra.build [--stage prod] [--out out/]
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from chalicelib.settings import COMPLAINTS_STREAM_MARKER, COMPLAINTS_TABLE
from infra import observability, stage
from infra.asl import load_definition, placeholders
from infra.connect import add_connect
from infra.policy import lambda_policies, unscoped_reason
from infra.scan import skip
from infra.tables import table_resources
from infra.template import MERGE_TEMPLATE, environment_values, set_app_constants

PROJECT = Path(__file__).resolve().parent.parent
FUNCTION_TYPES = ("AWS::Serverless::Function", "AWS::Lambda::Function")
# How Chalice names a queue for `on_sqs_message(queue=...)`: an ARN built from the name alone.
_QUEUE_ARN = re.compile(r"^arn:\$\{AWS::Partition\}:sqs:\$\{AWS::Region\}:\$\{AWS::AccountId\}:([\w-]+)$")


def chalice_package(stage: str, into: Path) -> Path:
    """Run `chalice package` with the merge template; returns the folder holding sam.json."""
    chalice = Path(sys.executable).with_name("chalice")
    command = [
        str(chalice) if chalice.exists() else "chalice",
        "package",
        "--stage",
        stage,
        "--merge-template",
        str(MERGE_TEMPLATE),
        str(into),
    ]
    # STAGE decides at import which routes exist (the local phone never ships).
    env = {**os.environ, "STAGE": stage}
    env.setdefault("AWS_DEFAULT_REGION", "ap-south-1")
    subprocess.run(command, cwd=PROJECT, env=env, check=True)
    return into


def _walk(node: Any, replace: Callable[[Any], Any]) -> Any:
    """Rebuild `node`, letting `replace(value)` swap any value (None keeps it and recurses)."""
    swapped = replace(node)
    if swapped is not None:
        return swapped
    if isinstance(node, dict):
        return {k: _walk(v, replace) for k, v in node.items()}
    if isinstance(node, list):
        return [_walk(v, replace) for v in node]
    return node


def _logical_id_of(resources: dict[str, Any], kind: str, prop: str, value: str) -> str | None:
    for lid, res in resources.items():
        if res.get("Type") == kind and res.get("Properties", {}).get(prop) == value:
            return lid
    return None


def link_stream_marker(template: dict[str, Any]) -> dict[str, Any]:
    """Every literal marker ARN (Chalice needs a literal) becomes the complaints table's StreamArn."""
    table = _logical_id_of(template["Resources"], "AWS::DynamoDB::Table", "TableName", COMPLAINTS_TABLE)
    if table is None:
        raise ValueError(f"no table named {COMPLAINTS_TABLE} in the template")
    stream = {"Fn::GetAtt": [table, "StreamArn"]}
    return _walk(template, lambda v: copy.deepcopy(stream) if v == COMPLAINTS_STREAM_MARKER else None)


def link_queues(template: dict[str, Any]) -> dict[str, Any]:
    """Chalice's name-built queue ARNs become GetAtt, so a handler is created after its queue."""
    resources = template["Resources"]

    def replace(v: Any) -> Any:
        if isinstance(v, dict) and isinstance(v.get("Fn::Sub"), str) and len(v) == 1:
            match = _QUEUE_ARN.match(v["Fn::Sub"])
            lid = match and _logical_id_of(resources, "AWS::SQS::Queue", "QueueName", match[1])
            if lid:
                return {"Fn::GetAtt": [lid, "Arn"]}
        return None

    return _walk(template, replace)


def insert_definitions(resources: dict[str, Any]) -> None:
    """Each state machine gets its ASL file; every placeholder must have a substitution."""
    for lid, res in resources.items():
        if res.get("Type") != "AWS::StepFunctions::StateMachine":
            continue
        props = res["Properties"]
        definition = load_definition(res["Metadata"]["AslDefinition"])
        missing = placeholders(definition) - set(props.get("DefinitionSubstitutions", {}))
        if missing:
            raise ValueError(f"{lid}: no DefinitionSubstitutions for {sorted(missing)}")
        props["Definition"] = definition


def configure_functions(template: dict[str, Any]) -> None:
    """Give every function the stack's ids and the deployment's Parameters (never a secret's value)."""
    resources = template["Resources"]
    if resources.get("RestAPI", {}).get("Type") is None:
        # The merge template's TracingEnabled fragment would be a typeless resource.
        raise ValueError("RestAPI fragment of the merge template matched no Chalice resource")
    env = {**environment_values(template), **stage.PARAMETER_ENVIRONMENT}
    for res in resources.values():
        if res.get("Type") in FUNCTION_TYPES:
            variables = res["Properties"].setdefault("Environment", {}).setdefault("Variables", {})
            variables.update(copy.deepcopy(env))


def add_stage(template: dict[str, Any]) -> None:
    """What only a deployed stage has: Parameters, the signing key, failure handling of the
    event sources, log groups, alarms, the dashboard, trace sampling, the public domain,
    throttling, the WAF."""
    resources = template["Resources"]
    template["Parameters"] = copy.deepcopy(stage.PARAMETERS)
    template["Conditions"] = copy.deepcopy(stage.CONDITIONS)
    stage.configure_event_sources(resources)
    stage.explain_functions(resources)
    observability.name_functions_and_add_log_groups(resources)
    stage.throttle_api(resources)
    stage.explain_api(resources)
    resources.update(stage.signing_secret())
    resources.update(stage.public_domain())
    resources.update(stage.web_acl(observability.WAF_LOG_GROUP))
    resources.update(observability.alarms(resources))
    resources.update(observability.alarm_subscription())
    resources.update(observability.dashboard(resources))
    resources.update(observability.trace_sampling())
    template["Outputs"]["ApiDomainTarget"] = {
        "Description": "Point PublicDomainName's DNS (CNAME or alias) here.",
        "Value": {"Fn::GetAtt": ["ApiDomain", "RegionalDomainName"]},
    }
    template["Outputs"]["PublicUrl"] = {"Value": {"Fn::Sub": "https://${PublicDomainName}/"}}
    template["Outputs"]["SigningSecret"] = {"Value": stage.SIGNING_SECRET}


def report_batch_item_failures(resources: dict[str, Any]) -> None:
    """Queue handlers return Lambda's `batchItemFailures` (`chalicelib/events/notifier.py`), which
    Chalice's `on_sqs_message` cannot ask for: every SQS event source turns it on, so only the
    messages a handler lists come back (a handler that raises still fails its whole batch)."""
    for res in resources.values():
        if res.get("Type") not in FUNCTION_TYPES:
            continue
        for event in res["Properties"].get("Events", {}).values():
            if event.get("Type") == "SQS":
                event["Properties"]["FunctionResponseTypes"] = ["ReportBatchItemFailures"]


def post_process(template: dict[str, Any]) -> dict[str, Any]:
    """The deployable template from Chalice's merged one."""
    set_app_constants(template["Resources"])
    report_batch_item_failures(template["Resources"])
    template["Resources"].update(table_resources())
    insert_definitions(template["Resources"])
    configure_functions(template)
    add_stage(template)
    template = add_connect(template, FUNCTION_TYPES)
    # Last: the policy covers every resource the template now has.
    template["Resources"]["DefaultRole"]["Properties"]["Policies"] = lambda_policies(template["Resources"])
    skip(template["Resources"]["DefaultRole"], "CKV_AWS_111", unscoped_reason())
    template = link_queues(link_stream_marker(template))
    if COMPLAINTS_STREAM_MARKER in json.dumps(template):
        raise ValueError("stream marker left in template")
    return template


def build(stage: str, out: Path) -> Path:
    """Package `stage` into `out/` (template.json + deployment.zip); returns the template path."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cmh181-package-") as tmp:
        packaged = chalice_package(stage, Path(tmp) / "package")
        with open(packaged / "sam.json", encoding="utf-8") as f:
            template = post_process(json.load(f))
        shutil.copy2(packaged / "deployment.zip", out / "deployment.zip")
    target = out / "template.json"
    target.write_text(json.dumps(template, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m infra.build", description=__doc__)
    parser.add_argument("--stage", default="prod")
    parser.add_argument("--out", type=Path, default=PROJECT / "out")
    args = parser.parse_args(argv)
    print(build(args.stage, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
