"""The fault injector answers as AWS does when it fails, before any byte leaves the machine,
and botocore's own retries meet those answers as they meet real ones."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError, ConnectTimeoutError, EndpointConnectionError

from chalicelib.faults import Injector, parse_rates

# Nothing listens here: a request that really leaves fails with a connection error.
NOWHERE = "http://127.0.0.1:9"


def client(service: str, injector: Injector, attempts: int = 1) -> Any:
    made = boto3.client(
        service,
        region_name="ap-south-1",
        endpoint_url=NOWHERE,
        aws_access_key_id="x",
        aws_secret_access_key="x",
        config=Config(retries={"mode": "standard", "total_max_attempts": attempts}, connect_timeout=1),
    )
    injector.attach(made)
    return made


def test_rates_name_every_service_or_some() -> None:
    assert parse_rates("0.2")["sns"] == 0.2
    assert parse_rates("dynamodb=0.5, sqs=0.1") == {"dynamodb": 0.5, "sqs": 0.1}
    with pytest.raises(ValueError):
        parse_rates("s3=0.1")
    with pytest.raises(ValueError):
        parse_rates("1.5")


def test_a_throttled_dynamodb_call_is_a_throughput_error() -> None:
    ddb = client("dynamodb", Injector({"dynamodb": 1.0}, kinds=("throttle",)))
    with pytest.raises(ClientError) as err:
        ddb.get_item(TableName="t", Key={"pk": {"S": "a"}})
    assert err.value.response["Error"]["Code"] == "ProvisionedThroughputExceededException"


def test_sns_faults_come_in_its_xml_shape() -> None:
    injector = Injector({"sns": 1.0}, kinds=("throttle",))
    with pytest.raises(ClientError) as err:
        client("sns", injector).publish(PhoneNumber="+919876543210", Message="x")
    assert err.value.response["Error"]["Code"] == "Throttling"
    injector = Injector({"sns": 1.0}, kinds=("server",))
    with pytest.raises(ClientError) as err:
        client("sns", injector).publish(PhoneNumber="+919876543210", Message="x")
    assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 500


def test_a_timeout_never_reaches_the_service() -> None:
    sfn = client("stepfunctions", Injector({"stepfunctions": 1.0}, kinds=("timeout",)))
    with pytest.raises(ConnectTimeoutError):
        sfn.describe_execution(executionArn="arn:aws:states:ap-south-1:1:execution:m:x")


def test_botocore_retries_each_injected_fault() -> None:
    injector = Injector({"sqs": 1.0}, kinds=("server",))
    with pytest.raises(ClientError):
        client("sqs", injector, attempts=3).send_message(QueueUrl=f"{NOWHERE}/1/q", MessageBody="x")
    assert injector.status()["injected"] == 3
    assert injector.status()["by_service"] == {"sqs": 3}


def test_no_lost_reply_for_an_sms_and_no_fault_inside_exempt() -> None:
    # SNS Publish has no idempotency key: a lost reply would send the SMS twice on AWS too.
    injector = Injector({"sns": 1.0, "dynamodb": 1.0}, kinds=("lost_reply",))
    with pytest.raises(EndpointConnectionError):  # the request really left: no fault drawn
        client("sns", injector).publish(PhoneNumber="+919876543210", Message="x")
    injector.set_rates({"dynamodb": 1.0})
    with injector.exempt(), pytest.raises(EndpointConnectionError):
        client("dynamodb", injector).list_tables()
    assert injector.status()["injected"] == 0


def test_rate_zero_injects_nothing() -> None:
    injector = Injector({"dynamodb": 0.0})
    with pytest.raises(EndpointConnectionError):
        client("dynamodb", injector).list_tables()
    assert injector.status()["injected"] == 0
