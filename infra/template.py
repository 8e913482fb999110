"""The hand-written merge template and what derives from it: all resources and the function environment."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from chalicelib.settings import NOTIFY_QUEUE, NOTIFY_VISIBILITY_SECONDS, WHATSAPP_QUEUE
from infra.tables import table_resources

MERGE_TEMPLATE = Path(__file__).resolve().parent / "resources.json"

# Environment variable of the app -> the merge template's Output whose Value it takes.
# Build and local stack both read this, so a deployed function and `chalice local`
# see the same names.
ENVIRONMENT: dict[str, str] = {
    "ESCALATION_STATE_MACHINE_ARN": "EscalationStateMachineArn",
    "USER_POOL_ID": "UserPoolId",
    "USER_POOL_CLIENT_ID": "UserPoolClientId",
    "NOTIFY_QUEUE_URL": "NotifyQueueUrl",
    "MAINTENANCE_QUEUE_URL": "MaintenanceQueueUrl",
    "WHATSAPP_QUEUE_URL": "WhatsAppQueueUrl",
}
# What operators' tools (and the tests) need and no function reads: the queues that hold failures.
OPERATOR_OUTPUTS: dict[str, str] = {
    "NOTIFY_DLQ_URL": "NotifyDlqUrl",
    "MAINTENANCE_DLQ_URL": "MaintenanceDlqUrl",
    "WHATSAPP_DLQ_URL": "WhatsAppDlqUrl",
    "STREAM_FAILURE_QUEUE_URL": "StreamFailureQueueUrl",
}


def load_merge_template() -> dict[str, Any]:
    with open(MERGE_TEMPLATE, encoding="utf-8") as f:
        template: dict[str, Any] = json.load(f)
    set_app_constants(template["Resources"])
    return template


def set_app_constants(resources: dict[str, Any]) -> None:
    """What the app's code relies on, set from the app's own constants rather than written twice:
    the notify and WhatsApp queues' visibility timeout, from which the ledger's claim lease is
    derived (`chalicelib.settings.NOTIFY_VISIBILITY_SECONDS`; both queues' handlers claim in the
    ledger). Deployment and the local stack both."""
    for res in resources.values():
        props = res.get("Properties", {})
        if res.get("Type") == "AWS::SQS::Queue" and props.get("QueueName") in (NOTIFY_QUEUE, WHATSAPP_QUEUE):
            props["VisibilityTimeout"] = NOTIFY_VISIBILITY_SECONDS


def all_resources(template: dict[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """The merge template's resources plus the generated tables, keyed by logical id."""
    template = template or load_merge_template()
    return {**template["Resources"], **table_resources()}


def environment_values(template: dict[str, Any]) -> dict[str, Any]:
    """Env var -> the (unresolved) CloudFormation expression of its Output."""
    outputs = template["Outputs"]
    return {env: outputs[name]["Value"] for env, name in ENVIRONMENT.items()}
