"""The embedded AWS runs DynamoDB transactions with conditions checked first (devstack.embedded):
what a transaction means must stay exactly what DynamoDB says it means."""

from __future__ import annotations

import uuid
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError


@pytest.fixture
def table(aws: dict[str, str]) -> Any:
    ddb = boto3.client("dynamodb")
    name = f"scratch-{uuid.uuid4().hex[:8]}"
    ddb.create_table(
        TableName=name,
        BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
    )
    yield name
    ddb.delete_table(TableName=name)


def put(name: str, pk: str, n: int, condition: str | None = None) -> dict[str, Any]:
    op: dict[str, Any] = {"TableName": name, "Item": {"pk": {"S": pk}, "n": {"N": str(n)}}}
    if condition:
        op["ConditionExpression"] = condition
    return {"Put": op}


def stream_records(name: str) -> int:
    ddb, streams = boto3.client("dynamodb"), boto3.client("dynamodbstreams")
    arn = ddb.describe_table(TableName=name)["Table"]["LatestStreamArn"]
    total = 0
    for shard in streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
        it = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON")[
            "ShardIterator"
        ]
        total += len(streams.get_records(ShardIterator=it)["Records"])
    return total


def test_a_failed_condition_cancels_every_write_with_its_reason_and_no_stream_record(table: str) -> None:
    ddb = boto3.client("dynamodb")
    ddb.transact_write_items(TransactItems=[put(table, "a", 1), put(table, "b", 1)])
    assert stream_records(table) == 2
    update = {
        "Update": {
            "TableName": table,
            "Key": {"pk": {"S": "a"}},
            "UpdateExpression": "SET n = n + :one",
            "ExpressionAttributeValues": {":one": {"N": "1"}},
        }
    }
    failing = {
        "ConditionCheck": {
            "TableName": table,
            "Key": {"pk": {"S": "b"}},
            "ConditionExpression": "n = :two",
            "ExpressionAttributeValues": {":two": {"N": "2"}},
            "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
        }
    }
    with pytest.raises(ClientError) as e:
        ddb.transact_write_items(TransactItems=[update, put(table, "c", 1), failing])
    reasons = e.value.response["CancellationReasons"]
    assert [r["Code"] for r in reasons] == ["None", "None", "ConditionalCheckFailed"]
    assert reasons[2]["Item"] == {"pk": {"S": "b"}, "n": {"N": "1"}}
    assert ddb.get_item(TableName=table, Key={"pk": {"S": "a"}})["Item"]["n"] == {"N": "1"}
    assert "Item" not in ddb.get_item(TableName=table, Key={"pk": {"S": "c"}})
    assert stream_records(table) == 2
    ddb.transact_write_items(TransactItems=[update, put(table, "c", 1, "attribute_not_exists(pk)")])
    assert ddb.get_item(TableName=table, Key={"pk": {"S": "a"}})["Item"]["n"] == {"N": "2"}
    assert stream_records(table) == 4


def test_two_operations_on_one_item_are_refused_and_nothing_is_written(table: str) -> None:
    ddb = boto3.client("dynamodb")
    with pytest.raises(ClientError) as e:
        ddb.transact_write_items(TransactItems=[put(table, "x", 1), put(table, "x", 2)])
    assert e.value.response["Error"]["Code"] == "ValidationException"
    assert "Item" not in ddb.get_item(TableName=table, Key={"pk": {"S": "x"}})


def test_a_write_that_fails_midway_is_undone(table: str) -> None:
    ddb = boto3.client("dynamodb")
    ddb.transact_write_items(TransactItems=[put(table, "a", 1)])
    bad = {
        "Update": {
            "TableName": table,
            "Key": {"pk": {"S": "a"}},
            "UpdateExpression": "SET n = n + :s",
            "ExpressionAttributeValues": {":s": {"S": "text"}},
        }
    }
    with pytest.raises(ClientError):
        ddb.transact_write_items(TransactItems=[put(table, "new", 5), bad])
    assert "Item" not in ddb.get_item(TableName=table, Key={"pk": {"S": "new"}})
    assert ddb.get_item(TableName=table, Key={"pk": {"S": "a"}})["Item"]["n"] == {"N": "1"}


def test_a_table_query_reads_its_partition_in_key_order_both_ways_and_pages(aws: dict[str, str]) -> None:
    ddb = boto3.client("dynamodb")
    name = f"scratch-{uuid.uuid4().hex[:8]}"
    ddb.create_table(
        TableName=name,
        BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
        ],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
    )
    try:
        for pk in ("A", "B"):
            for sk in ("03", "01", "02", "04"):
                ddb.put_item(TableName=name, Item={"pk": {"S": pk}, "sk": {"S": sk}, "v": {"S": pk + sk}})

        def sks(**kw: Any) -> tuple[list[str], Any]:
            values = {":p": {"S": "A"}, **kw.pop("values", {})}
            condition = kw.pop("KeyConditionExpression", "pk = :p")
            out = ddb.query(TableName=name, KeyConditionExpression=condition, ExpressionAttributeValues=values, **kw)
            return [i["sk"]["S"] for i in out["Items"]], out.get("LastEvaluatedKey")

        assert sks() == (["01", "02", "03", "04"], None)
        assert sks(ScanIndexForward=False)[0] == ["04", "03", "02", "01"]
        first, last = sks(Limit=2)
        assert first == ["01", "02"] and sks(ExclusiveStartKey=last)[0] == ["03", "04"]
        assert sks(KeyConditionExpression="pk = :p AND sk > :s", values={":s": {"S": "02"}})[0] == ["03", "04"]
        assert (
            ddb.query(
                TableName=name, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "none"}}
            )["Items"]
            == []
        )
    finally:
        ddb.delete_table(TableName=name)
