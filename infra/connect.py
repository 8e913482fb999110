"""Amazon Connect in the template: the contact flows of `connect/flows/`, the call centre's
hours of operation and its queues, and Connect's permission to invoke the flows' Lambdas.

A flow file is the flow-language document deployed as it is: where it names a resource of
the stack it writes `${LogicalId.Attribute}` (a Lambda's `Arn`, a queue's `QueueArn`, the
hours' `HoursOfOperationArn`, another flow's `ContactFlowArn`), which `Fn::Sub` fills in.
The local flow runner (`devstack/flows.py`) reads the same files and the same
definitions below. Connect resources exist only when the stage is given its instance
(`ConnectInstanceArn`); phone numbers are claimed in the instance and associated with
their flow there (infra/README.md).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chalicelib.domain.callbacks import CLOSES, OPENS

FLOWS_DIR = Path(__file__).resolve().parent.parent / "connect" / "flows"
PARAMETER = "ConnectInstanceArn"
CONDITION = "ConnectConfigured"
HOURS = "CallCentreHours"
TIME_ZONE = "Asia/Kolkata"
DAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
# `${LogicalId.Attribute}` in a flow file.
PLACEHOLDER = re.compile(r"\$\{([A-Za-z][A-Za-z0-9]*)\.([A-Za-z]+)\}")
# The flow that StartOutboundVoiceContact runs (officer calls and the survey): CONNECT_CONTACT_FLOW_ID.
OUTBOUND = "OutboundCallFlow"


@dataclass(frozen=True)
class Flow:
    file: str
    name: str
    description: str


@dataclass(frozen=True)
class Queue:
    name: str
    description: str
    # In the executives' routing profile: an agent free for a call takes one from the
    # queue of the lowest number first (the flow also gives a women's helpline call
    # routing priority 1 within its queue).
    priority: int = 2


FLOWS: dict[str, Flow] = {
    "CitizenLineFlow": Flow(
        "citizen_line",
        "CMH181 181 line",
        "181: Hindi or English; complaint status by reference at any hour; executives, Jan Seva and "
        "the women's helpline counsellors from 07:00 to 23:00",
    ),
    "OfficerLineFlow": Flow(
        "officer_line",
        "CMH181 officers' line 1800-2330-183",
        "Officers known by the calling number: pending complaints, an action recorded through an executive, login help",
    ),
    OUTBOUND: Flow(
        "outbound_call",
        "CMH181 outbound call",
        "Calls the system places: the satisfaction survey or the officer's notification",
    ),
    "OfficerNotificationFlow": Flow(
        "officer_notification",
        "CMH181 officer notification",
        "A new or escalated complaint read to its officer; 1 repeats, 2 sends the SMS link again",
    ),
    "SatisfactionSurveyFlow": Flow(
        "satisfaction_survey",
        "CMH181 satisfaction survey",
        "After a resolution: press 1 if satisfied, 2 if not",
    ),
}

QUEUES: dict[str, Queue] = {
    "GeneralQueue": Queue("CMH181 executives", "181: complaints, demands, suggestions, schemes, status help"),
    "JanSevaQueue": Queue("CMH181 CM Jan Seva", "181: CM Jan Seva applications"),
    "CounsellingQueue": Queue(
        "CMH181 women's helpline counsellors", "181: women's helpline counselling, answered first", priority=1
    ),
    "OfficersQueue": Queue("CMH181 officers' line", "1800-2330-183: officers' updates and login help"),
}


def load_flow(file: str) -> dict[str, Any]:
    with open(FLOWS_DIR / f"{file}.json", encoding="utf-8") as f:
        flow: dict[str, Any] = json.load(f)
    return flow


def references(node: Any) -> Iterator[tuple[str, str]]:
    """Every `(LogicalId, Attribute)` a flow (or any part of one) names."""
    if isinstance(node, str):
        yield from ((m[1], m[2]) for m in PLACEHOLDER.finditer(node))
    elif isinstance(node, dict):
        for v in node.values():
            yield from references(v)
    elif isinstance(node, list):
        for v in node:
            yield from references(v)


def invoked_functions(flow: dict[str, Any]) -> set[str]:
    """The logical ids of the Lambdas a flow invokes."""
    return {
        lid
        for a in flow["Actions"]
        if a["Type"] == "InvokeLambdaFunction"
        for lid, _ in references(a["Parameters"].get("LambdaFunctionARN", ""))
    }


def hours_config() -> list[dict[str, Any]]:
    """07:00-23:00 every day: the call centre's hours (R-CALL-HOURS, `domain.callbacks`)."""
    return [
        {
            "Day": day,
            "StartTime": {"Hours": OPENS.hour, "Minutes": OPENS.minute},
            "EndTime": {"Hours": CLOSES.hour, "Minutes": CLOSES.minute},
        }
        for day in DAYS
    ]


APPROVED_ORIGIN = "ConsoleApprovedOrigin"
ROUTING_PROFILE = "ExecutivesRoutingProfile"


def _instance() -> dict[str, str]:
    return {"Ref": PARAMETER}


def _conditional(resource: dict[str, Any]) -> dict[str, Any]:
    return {**resource, "Condition": CONDITION}


def connect_resources(functions: set[str]) -> dict[str, dict[str, Any]]:
    """Hours, queues, flows, and for each Lambda a flow invokes (all of `functions`) Connect's
    permission to invoke it and its association with the instance."""
    out: dict[str, dict[str, Any]] = {
        HOURS: _conditional(
            {
                "Type": "AWS::Connect::HoursOfOperation",
                "Properties": {
                    "InstanceArn": _instance(),
                    "Name": "CMH181 call centre",
                    "Description": "07:00-23:00 IST, every day",
                    "TimeZone": TIME_ZONE,
                    "Config": hours_config(),
                },
            }
        )
    }
    for lid, q in QUEUES.items():
        out[lid] = _conditional(
            {
                "Type": "AWS::Connect::Queue",
                "Properties": {
                    "InstanceArn": _instance(),
                    "Name": q.name,
                    "Description": q.description,
                    "HoursOfOperationArn": {"Fn::GetAtt": [HOURS, "HoursOfOperationArn"]},
                },
            }
        )
    for lid, flow in FLOWS.items():
        out[lid] = _conditional(
            {
                "Type": "AWS::Connect::ContactFlow",
                "Properties": {
                    "InstanceArn": _instance(),
                    "Name": flow.name,
                    "Description": flow.description,
                    "Type": "CONTACT_FLOW",
                    "State": "ACTIVE",
                    "Content": {"Fn::Sub": json.dumps(load_flow(flow.file), ensure_ascii=False)},
                },
            }
        )
    # The executives' routing profile: every queue of both lines, the women's helpline first.
    out[ROUTING_PROFILE] = _conditional(
        {
            "Type": "AWS::Connect::RoutingProfile",
            "Properties": {
                "InstanceArn": _instance(),
                "Name": "CMH181 executives",
                "Description": "181 and officers' line executives; women's helpline calls answered first",
                "DefaultOutboundQueueArn": {"Fn::GetAtt": ["GeneralQueue", "QueueArn"]},
                "MediaConcurrencies": [{"Channel": "VOICE", "Concurrency": 1}],
                "QueueConfigs": [
                    {
                        "Delay": 0,
                        "Priority": q.priority,
                        "QueueReference": {"Channel": "VOICE", "QueueArn": {"Fn::GetAtt": [lid, "QueueArn"]}},
                    }
                    for lid, q in sorted(QUEUES.items(), key=lambda item: item[1].priority)
                ],
            },
        }
    )
    # The console's domain may embed the instance's Contact Control Panel (the softphone).
    out[APPROVED_ORIGIN] = _conditional(
        {
            "Type": "AWS::Connect::ApprovedOrigin",
            "Properties": {"InstanceId": _instance(), "Origin": {"Fn::Sub": "https://${PublicDomainName}"}},
        }
    )
    for fn in sorted(functions):
        arn = {"Fn::GetAtt": [fn, "Arn"]}
        out[f"{fn}ConnectPermission"] = _conditional(
            {
                "Type": "AWS::Lambda::Permission",
                "Properties": {
                    "FunctionName": arn,
                    "Action": "lambda:InvokeFunction",
                    "Principal": "connect.amazonaws.com",
                    "SourceArn": _instance(),
                    "SourceAccount": {"Ref": "AWS::AccountId"},
                },
            }
        )
        out[f"{fn}ConnectIntegration"] = _conditional(
            {
                "Type": "AWS::Connect::IntegrationAssociation",
                "Properties": {"InstanceId": _instance(), "IntegrationType": "LAMBDA_FUNCTION", "IntegrationArn": arn},
            }
        )
    return out


def _id_in(arn: Any, index: int) -> dict[str, Any]:
    """The `index`-th `/`-separated part of an ARN (instance/<id>/contact-flow/<id>)."""
    return {"Fn::Select": [index, {"Fn::Split": ["/", arn]}]}


def add_connect(template: dict[str, Any], function_types: tuple[str, ...]) -> dict[str, Any]:
    """The template with Connect added: the instance parameter, the condition that it is
    given, the resources, the flows' ids as outputs, and the ids the outbound calls use
    (CONNECT_INSTANCE_ID, CONNECT_CONTACT_FLOW_ID) for every function but the flows' own."""
    template = copy.deepcopy(template)
    resources = template["Resources"]
    functions = {lid for lid, r in resources.items() if r.get("Type") in function_types}
    invoked = set().union(*(invoked_functions(load_flow(f.file)) for f in FLOWS.values()))
    missing = invoked - functions
    if missing:
        raise ValueError(f"flows invoke Lambdas that are not functions of the template: {sorted(missing)}")
    template.setdefault("Parameters", {})[PARAMETER] = {
        "Type": "String",
        "Default": "",
        "AllowedPattern": r"^(arn:aws[a-z-]*:connect:[a-z0-9-]+:[0-9]{12}:instance/[0-9a-f-]{36})?$",
        "Description": "The Amazon Connect instance of the 181 and officers' lines (empty: no Connect resources)",
    }
    template.setdefault("Conditions", {})[CONDITION] = {"Fn::Not": [{"Fn::Equals": [{"Ref": PARAMETER}, ""]}]}
    resources.update(connect_resources(invoked))
    outputs = template.setdefault("Outputs", {})
    for lid in FLOWS:
        outputs[f"{lid}Arn"] = {"Condition": CONDITION, "Value": {"Fn::GetAtt": [lid, "ContactFlowArn"]}}
    env = {
        "CONNECT_INSTANCE_ID": {"Fn::If": [CONDITION, _id_in(_instance(), 1), ""]},
        "CONNECT_CONTACT_FLOW_ID": {"Fn::If": [CONDITION, _id_in({"Fn::GetAtt": [OUTBOUND, "ContactFlowArn"]}, 3), ""]},
    }
    # A flow's own Lambdas answer within the call and place no calls; giving them the
    # outbound flow's id would make each depend on the flows that depend on it.
    for lid in sorted(functions - invoked):
        variables = resources[lid]["Properties"].setdefault("Environment", {}).setdefault("Variables", {})
        for name, value in env.items():
            # Without an instance given here, what the stage's own parameters say.
            given = variables.get(name, "")
            variables[name] = {"Fn::If": [CONDITION, copy.deepcopy(value["Fn::If"][1]), given]}
    return template
