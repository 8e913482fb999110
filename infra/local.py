"""Build the app's AWS in moto (server or in-process) from infra/resources.json and the PynamoDB models.

A small interpreter for the resource types the template uses: it reads each
resource's own Properties, so there is no second list of resources to keep in step.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import boto3

from infra.creators import CREATORS, Attrs
from infra.intrinsics import resolve
from infra.template import ENVIRONMENT, OPERATOR_OUTPUTS, all_resources, load_merge_template

# Not used by the app, so not needed locally: nothing reads alarms in moto.
SKIPPED = {"AWS::CloudWatch::Alarm"}
SERVICES = ("dynamodb", "sqs", "sns", "iam", "stepfunctions", "cognito-idp", "sts")


class _Stack:
    """Creates resources on first reference, remembering what each one resolved to."""

    def __init__(self, clients: Mapping[str, Any], resources: dict[str, Any]) -> None:
        self.clients = clients
        self.resources = resources
        self.created: dict[str, Attrs] = {}
        region = clients["sts"].meta.region_name
        account = clients["sts"].get_caller_identity()["Account"]
        self.pseudo = {
            "AWS::Region": region,
            "AWS::AccountId": account,
            "AWS::Partition": "aws",
            "AWS::URLSuffix": "amazonaws.com",
            "AWS::StackName": "cmh181-local",
        }

    def lookup(self, lid: str, attr: str | None) -> str:
        if lid not in self.created:
            res = self.resources[lid]
            self.created[lid] = CREATORS[res["Type"]](self.clients, lid, res, self.props(res))
        return self.created[lid][attr or "Ref"]

    def props(self, res: dict[str, Any]) -> dict[str, Any]:
        resolved: dict[str, Any] = resolve(res.get("Properties", {}), self.lookup, self.pseudo)
        return resolved


def _clients(aws: boto3.Session | Mapping[str, Any] | None) -> dict[str, Any]:
    if isinstance(aws, Mapping):
        given = dict(aws)
        session = boto3.Session()
    else:
        given = {}
        session = aws or boto3.Session()
    region = session.region_name or os.environ.get("AWS_DEFAULT_REGION", "ap-south-1")
    return {s: given.get(s) or session.client(s, region_name=region) for s in SERVICES}


def provision(aws: boto3.Session | Mapping[str, Any] | None = None) -> dict[str, str]:
    """Create (or find) every resource the app uses; returns the app's env vars naming them,
    and the failure queues' URLs (`OPERATOR_OUTPUTS`).

    `aws` is a boto3 Session, a mapping of service name -> client (missing ones are
    made from the default session), or None for the default session; endpoints come
    from AWS_ENDPOINT_URL as usual. Tables are created through the PynamoDB models,
    so they go wherever the app's models go. Safe to run again: existing resources
    are found by name and reused.
    """
    template = load_merge_template()
    resources = all_resources(template)
    stack = _Stack(_clients(aws), resources)
    for lid, res in resources.items():
        kind = res.get("Type")
        # Typeless entries are fragments merged into Chalice's own resources (RestAPI).
        if kind is None or kind in SKIPPED:
            continue
        if kind not in CREATORS:
            raise NotImplementedError(f"{lid}: the local stack cannot create {kind} yet")
        stack.lookup(lid, None)
    outputs = template["Outputs"]
    named = {**ENVIRONMENT, **OPERATOR_OUTPUTS}
    return {env: str(resolve(outputs[name]["Value"], stack.lookup, stack.pseudo)) for env, name in named.items()}
