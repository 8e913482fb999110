"""How the local stack creates each resource type from its Properties, idempotently (found by name)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from infra.asl import load_definition, substitute
from infra.tables import models_by_logical_id

Clients = Mapping[str, Any]  # service name -> boto3 client
Resource = dict[str, Any]
Attrs = dict[str, str]  # "Ref" and the GetAtt attributes of one created resource
Creator = Callable[[Clients, str, Resource, dict[str, Any]], Attrs]


def _api_params(client: Any, operation: str, props: dict[str, Any], **renames: str) -> dict[str, Any]:
    """The properties that are also parameters of `operation` (CloudFormation mostly mirrors the API)."""
    members = client.meta.service_model.operation_model(operation).input_shape.members
    named = {renames.get(k, k): v for k, v in props.items()}
    return {k: v for k, v in named.items() if k in members}


def _named(pages: Any, key: str, field: str, name: str) -> dict[str, Any] | None:
    """The first listed item whose `field` is `name`: names are what make creation idempotent."""
    found: dict[str, Any] | None = next((i for page in pages for i in page[key] if i[field] == name), None)
    return found


def _table(clients: Clients, lid: str, res: Resource, props: dict[str, Any]) -> Attrs:
    model = models_by_logical_id()[lid]
    if not model.exists():
        model.create_table(wait=True)  # also turns on the model's TTL attribute
    table = clients["dynamodb"].describe_table(TableName=props["TableName"])["Table"]
    return {
        "Ref": table["TableName"],
        "Arn": table["TableArn"],
        "StreamArn": table.get("LatestStreamArn", ""),
    }


def _attribute(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value) if isinstance(value, dict | list) else str(value)


def _queue(clients: Clients, lid: str, res: Resource, props: dict[str, Any]) -> Attrs:
    sqs = clients["sqs"]
    name = props.get("QueueName", f"cmh181-{lid}")
    attributes = {k: _attribute(v) for k, v in props.items() if k not in ("QueueName", "Tags")}
    try:
        url = sqs.get_queue_url(QueueName=name)["QueueUrl"]
        # set, not create: create_queue refuses an existing queue whose attributes changed
        sqs.set_queue_attributes(QueueUrl=url, Attributes=attributes)
    except sqs.exceptions.QueueDoesNotExist:
        url = sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    return {"Ref": url, "Arn": arn, "QueueName": name, "QueueUrl": url}


def _topic(clients: Clients, lid: str, res: Resource, props: dict[str, Any]) -> Attrs:
    name = props.get("TopicName", f"cmh181-{lid}")
    arn = clients["sns"].create_topic(Name=name)["TopicArn"]  # idempotent by name
    return {"Ref": arn, "TopicArn": arn, "TopicName": name}


def _role(clients: Clients, lid: str, res: Resource, props: dict[str, Any]) -> Attrs:
    iam = clients["iam"]
    name = props.get("RoleName", f"cmh181-local-{lid}")
    trust = json.dumps(props["AssumeRolePolicyDocument"])
    try:
        role = iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust)["Role"]
    except iam.exceptions.EntityAlreadyExistsException:
        role = iam.get_role(RoleName=name)["Role"]
    for policy in props.get("Policies", []):
        iam.put_role_policy(
            RoleName=name,
            PolicyName=policy["PolicyName"],
            PolicyDocument=json.dumps(policy["PolicyDocument"]),
        )
    return {"Ref": name, "Arn": role["Arn"], "RoleId": role["RoleId"]}


def _state_machine(clients: Clients, lid: str, res: Resource, props: dict[str, Any]) -> Attrs:
    sfn = clients["stepfunctions"]
    asl = res["Metadata"]["AslDefinition"]
    definition = json.dumps(substitute(load_definition(asl), props.get("DefinitionSubstitutions", {})))
    name = props.get("StateMachineName", f"cmh181-{lid}")
    tracing = {"enabled": bool(props.get("TracingConfiguration", {}).get("Enabled"))}
    existing = _named(sfn.get_paginator("list_state_machines").paginate(), "stateMachines", "name", name)
    if existing:
        arn = existing["stateMachineArn"]
        # Picks up an edited ASL file when the local stack restarts.
        sfn.update_state_machine(
            stateMachineArn=arn, definition=definition, roleArn=props["RoleArn"], tracingConfiguration=tracing
        )
    else:
        arn = sfn.create_state_machine(
            name=name,
            definition=definition,
            roleArn=props["RoleArn"],
            type=props.get("StateMachineType", "STANDARD"),
            tracingConfiguration=tracing,
        )["stateMachineArn"]
    return {"Ref": arn, "Arn": arn, "Name": name}


def _user_pool(clients: Clients, lid: str, res: Resource, props: dict[str, Any]) -> Attrs:
    idp = clients["cognito-idp"]
    name = props["UserPoolName"]
    pool = _named(idp.get_paginator("list_user_pools").paginate(MaxResults=60), "UserPools", "Name", name)
    if pool:
        pool_id = pool["Id"]
    else:
        params = _api_params(idp, "CreateUserPool", props, UserPoolName="PoolName")
        pool_id = idp.create_user_pool(**params)["UserPool"]["Id"]
        if "SOFTWARE_TOKEN_MFA" in props.get("EnabledMfas", []):
            idp.set_user_pool_mfa_config(
                UserPoolId=pool_id,
                MfaConfiguration=props["MfaConfiguration"],
                SoftwareTokenMfaConfiguration={"Enabled": True},
            )
    arn = idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Arn"]
    return {"Ref": pool_id, "Arn": arn, "UserPoolId": pool_id}


def _user_pool_client(clients: Clients, lid: str, res: Resource, props: dict[str, Any]) -> Attrs:
    idp = clients["cognito-idp"]
    pool_id, name = props["UserPoolId"], props["ClientName"]
    pages = idp.get_paginator("list_user_pool_clients").paginate(UserPoolId=pool_id)
    found = _named(pages, "UserPoolClients", "ClientName", name)
    if found:
        client_id = found["ClientId"]
    else:
        params = _api_params(idp, "CreateUserPoolClient", props)
        client_id = idp.create_user_pool_client(**params)["UserPoolClient"]["ClientId"]
    return {"Ref": client_id, "ClientId": client_id, "Name": name}


def _group(clients: Clients, lid: str, res: Resource, props: dict[str, Any]) -> Attrs:
    idp = clients["cognito-idp"]
    try:
        idp.create_group(**_api_params(idp, "CreateGroup", props))
    except idp.exceptions.GroupExistsException:
        pass
    return {"Ref": props["GroupName"]}


CREATORS: dict[str, Creator] = {
    "AWS::DynamoDB::Table": _table,
    "AWS::SQS::Queue": _queue,
    "AWS::SNS::Topic": _topic,
    "AWS::IAM::Role": _role,
    "AWS::StepFunctions::StateMachine": _state_machine,
    "AWS::Cognito::UserPool": _user_pool,
    "AWS::Cognito::UserPoolClient": _user_pool_client,
    "AWS::Cognito::UserPoolGroup": _group,
}
