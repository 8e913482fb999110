"""`AWS::DynamoDB::Table` resources generated from the PynamoDB models, the one definition of each table."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from pynamodb.attributes import TTLAttribute
from pynamodb.models import Model

from chalicelib.adapters.dynamo.models import TABLES


def logical_id(model: type[Model]) -> str:
    """`cmh181-complaints` -> `ComplaintsTable`: stable, so the merge template can Ref it."""
    bare = model.Meta.table_name.split("-", 1)[-1]
    return "".join(part.capitalize() for part in re.split(r"[-_]", bare)) + "Table"


def _key_schema(keys: Iterable[Any]) -> list[dict[str, str]]:
    # DynamoDB wants HASH before RANGE; PynamoDB lists them in attribute order.
    ordered = sorted(keys, key=lambda k: k["KeyType"] != "HASH")
    return [{"AttributeName": k["AttributeName"], "KeyType": k["KeyType"]} for k in ordered]


def _index(index: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "IndexName": index["index_name"],
        "KeySchema": _key_schema(index["key_schema"]),
        "Projection": index["projection"],
    }


def _ttl_attribute(model: type[Model]) -> str | None:
    for attr in model.get_attributes().values():
        if isinstance(attr, TTLAttribute):
            return attr.attr_name
    return None


def table_resource(model: type[Model]) -> dict[str, Any]:
    """One table: on-demand, point-in-time recovery, KMS encryption, deletion protection, kept on stack delete."""
    billing = getattr(model.Meta, "billing_mode", "PAY_PER_REQUEST")
    if billing != "PAY_PER_REQUEST":
        # Complaint traffic is bursty (camps, CM reviews); we only generate on-demand tables.
        raise ValueError(f"{model.__name__}: billing_mode {billing!r} is not supported")
    schema = model._get_schema()
    props: dict[str, Any] = {
        "TableName": model.Meta.table_name,
        "BillingMode": billing,
        "AttributeDefinitions": schema["attribute_definitions"],
        "KeySchema": _key_schema(schema["key_schema"]),
        "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
        "SSESpecification": {"SSEEnabled": True},
        # A stack update or a console slip must not drop a table either.
        "DeletionProtectionEnabled": True,
    }
    if schema["global_secondary_indexes"]:
        props["GlobalSecondaryIndexes"] = [_index(i) for i in schema["global_secondary_indexes"]]
    if schema["local_secondary_indexes"]:
        props["LocalSecondaryIndexes"] = [_index(i) for i in schema["local_secondary_indexes"]]
    stream = getattr(model.Meta, "stream_view_type", None)
    if stream:
        props["StreamSpecification"] = {"StreamViewType": stream}
    ttl = _ttl_attribute(model)
    if ttl:
        props["TimeToLiveSpecification"] = {"AttributeName": ttl, "Enabled": True}
    return {
        "Type": "AWS::DynamoDB::Table",
        # Complaints are public records: a stack mistake must never delete them.
        "DeletionPolicy": "Retain",
        "UpdateReplacePolicy": "Retain",
        "Metadata": {
            "checkov": {
                "skip": [
                    {
                        "id": "CKV_AWS_119",
                        "comment": "Encrypted at rest with DynamoDB's AWS managed KMS key (SSESpecification); who "
                        "reads it is decided by IAM (the functions' role, the escalation workflow's), and a customer "
                        "managed key would add a key policy and kms:Decrypt for every reader, keeping out no one "
                        "IAM lets in.",
                    }
                ]
            }
        },
        "Properties": props,
    }


def table_resources(models: tuple[type[Model], ...] = TABLES) -> dict[str, dict[str, Any]]:
    """Logical id -> table resource, for every model in `TABLES`."""
    return {logical_id(m): table_resource(m) for m in models}


def models_by_logical_id(models: tuple[type[Model], ...] = TABLES) -> dict[str, type[Model]]:
    return {logical_id(m): m for m in models}
