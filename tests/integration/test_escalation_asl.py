"""The real escalation ASL running in moto's Step Functions interpreter against a moto DynamoDB table."""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest
from moto import mock_aws

from chalicelib.adapters.dynamo.models import TABLES, ComplaintItem
from infra.local import provision

# moto's Wait sleeps real time, so deadlines are this close; each run takes 1-2 s.
WAIT_SECONDS = 1
POLL_LIMIT_SECONDS = 8


@pytest.fixture(scope="module")
def stack() -> Iterator[dict[str, Any]]:
    """moto in-process with executions on, in an account of its own, on a UTC clock
    (moto compares TimestampPath with the machine's local time)."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("TZ", "UTC")
        time.tzset()
        env.setenv("AWS_ACCESS_KEY_ID", "testing")
        env.setenv("AWS_SECRET_ACCESS_KEY", "testing")
        env.setenv("AWS_DEFAULT_REGION", "ap-south-1")
        # moto's backends are global to the process and shared with any threaded moto
        # server a session fixture runs; `with mock_aws()` would reset them all at start
        # and stop. An account of our own and no reset leave that server's state alone.
        env.setenv("MOTO_ACCOUNT_ID", f"{secrets.randbelow(9 * 10**11) + 10**11}")
        for var in ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_STEPFUNCTIONS"):
            env.delenv(var, raising=False)
        _forget_pynamodb_connections()
        mock = mock_aws(config={"stepfunctions": {"execute_state_machine": True}})
        mock.start(reset=False)
        try:
            ids = provision()
            sfn = boto3.client("stepfunctions")
            yield {"sfn": sfn, "arn": ids["ESCALATION_STATE_MACHINE_ARN"]}
            # A running execution outliving the mock would call real AWS.
            for run in sfn.list_executions(stateMachineArn=ids["ESCALATION_STATE_MACHINE_ARN"])["executions"]:
                if run["status"] == "RUNNING":
                    _stop(sfn, run["executionArn"])
        finally:
            mock.stop(remove_data=False)
            _forget_pynamodb_connections()
    time.tzset()


def _stop(sfn: Any, arn: str) -> None:
    # moto builds an execution's interpreter in its worker thread; stopping one
    # before that (right after start) fails inside moto, so wait for its first event.
    give_up = time.monotonic() + 5
    while not sfn.get_execution_history(executionArn=arn)["events"] and time.monotonic() < give_up:
        time.sleep(0.05)
    sfn.stop_execution(executionArn=arn)


def _forget_pynamodb_connections() -> None:
    # PynamoDB caches a client per model class (subclasses too), bound to the endpoint
    # and region of its first use: none may cross between this mock and other tests.
    models = list(TABLES)
    while models:
        model = models.pop()
        model._connection = None
        models.extend(model.__subclasses__())


def _complaint(number: str, assignment_id: str) -> ComplaintItem:
    item = ComplaintItem(
        f"C#{number}",
        "COMPLAINT",
        reference=number,
        version=1,
        category="water",
        department="PHE",
        district="BHOPAL",
        status="open",
        level=1,
        chain=["PHE:L1:BHOPAL", "PHE:L2:BHOPAL", "PHE:L3:BHOPAL", "PHE:L4:MP"],
        chain_kind="standard",
        post_id="PHE:L1:BHOPAL",
        inbox_post="PHE:L1:BHOPAL",
        assignment_id=assignment_id,
        assigned_at="2026-11-20T10:00:00+00:00",
        due_at="2026-11-30T18:29:59+00:00",
        registered_at="2026-11-20T10:00:00+00:00",
        channel="web",
        mobile="+919800000001",
        name="Asha",
        subject="No water",
        description="No supply for a week",
    )
    item.save()
    return item


def _input(number: str, assignment_id: str, *, final: bool = False, wait: int = WAIT_SECONDS) -> str:
    """What `chalicelib.adapters.workflow.lapse_input` gives for `_complaint`: the next level's
    assignment, or at the last level the complaint's own (it stays, marked overdue)."""
    deadline = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=wait)
    nxt = {
        "level": 2,
        "post_id": "PHE:L2:BHOPAL",
        "assignment_id": f"{number}-2",
        "assigned_at": "2026-12-01T04:30:00+00:00",
        "due_at": "2026-12-09T18:29:59+00:00",
    }
    stay = {
        "level": 1,
        "post_id": "PHE:L1:BHOPAL",
        "assignment_id": assignment_id,
        "assigned_at": "2026-11-20T10:00:00+00:00",
        "due_at": "2026-11-30T18:29:59+00:00",
    }
    return json.dumps(
        {
            "pk": f"C#{number}",
            "assignment_id": assignment_id,
            "wait_until": deadline.strftime("%Y-%m-%dT%H:%M:%SZ"),  # moto accepts only ...Z
            "final": final,
            "next": stay if final else nxt,
            "lapse": {"event": "overdue", "waiting": "state_government"}
            if final
            else {"event": "escalated", "waiting": "open"},
        }
    )


def _entered(stack: dict[str, Any], arn: str) -> list[str]:
    history = stack["sfn"].get_execution_history(executionArn=arn)["events"]
    return [e["stateEnteredEventDetails"]["name"] for e in history if "stateEnteredEventDetails" in e]


def _start(stack: dict[str, Any], name: str, payload: str) -> str:
    arn: str = stack["sfn"].start_execution(stateMachineArn=stack["arn"], name=name, input=payload)["executionArn"]
    return arn


def _run_to_end(stack: dict[str, Any], arn: str) -> dict[str, Any]:
    sfn = stack["sfn"]
    give_up = time.monotonic() + POLL_LIMIT_SECONDS
    while time.monotonic() < give_up:
        run = sfn.describe_execution(executionArn=arn)
        if run["status"] != "RUNNING":
            return dict(run)
        time.sleep(0.1)
    raise AssertionError(f"execution {arn} still running after {POLL_LIMIT_SECONDS}s")


def _row(number: str) -> dict[str, Any]:
    return ComplaintItem.get(f"C#{number}", "COMPLAINT").attribute_values


def test_untouched_complaint_moves_to_next_level_at_deadline(stack: dict[str, Any]) -> None:
    _complaint("1000000001", "A-1")
    payload = _input("1000000001", "A-1", wait=2)
    deadline = json.loads(payload)["wait_until"]

    arn = _start(stack, "A-1", payload)
    assert _row("1000000001")["level"] == 1  # nothing happens before the deadline
    run = _run_to_end(stack, arn)

    assert run["status"] == "SUCCEEDED"
    # moto waits whole seconds (int of the remaining time), as Step Functions' one-second granularity allows.
    assert datetime.now(UTC) >= datetime.strptime(deadline, "%Y-%m-%dT%H:%M:%S%z") - timedelta(seconds=1)
    row = _row("1000000001")
    assert row["level"] == 2
    assert row["post_id"] == row["inbox_post"] == "PHE:L2:BHOPAL"
    assert row["assignment_id"] == "1000000001-2"
    assert row["assigned_at"] == "2026-12-01T04:30:00+00:00"
    assert row["due_at"] == "2026-12-09T18:29:59+00:00"
    assert row["version"] == 2
    raw = boto3.client("dynamodb").get_item(
        TableName=ComplaintItem.Meta.table_name, Key={"pk": {"S": "C#1000000001"}, "sk": {"S": "COMPLAINT"}}
    )["Item"]
    assert raw["lapsed_assignment"] == {"S": "A-1"}
    assert raw["last_event"] == {"S": "escalated"}
    assert row["overdue"] is False
    # two state transitions: the wait and the update
    assert _entered(stack, arn) == ["WaitUntilDeadline", "LapseAssignment"]


def test_officer_acting_before_deadline_ends_the_timer_and_leaves_complaint_alone(
    stack: dict[str, Any],
) -> None:
    item = _complaint("1000000002", "A-2")
    payload = _input("1000000002", "A-2")
    # The officer forwards the complaint in time: a new assignment on the same level.
    item.update(actions=[ComplaintItem.assignment_id.set("A-2b"), ComplaintItem.version.add(1)])
    before = _row("1000000002")

    run = _run_to_end(stack, _start(stack, "A-2", payload))

    assert run["status"] == "SUCCEEDED"
    assert _row("1000000002") == before
    assert _entered(stack, run["executionArn"]) == ["WaitUntilDeadline", "LapseAssignment", "OfficerActedInTime"]


def test_last_level_deadline_marks_overdue_without_changing_level(stack: dict[str, Any]) -> None:
    _complaint("1000000003", "A-3")

    before = _row("1000000003")
    run = _run_to_end(stack, _start(stack, "A-3", _input("1000000003", "A-3", final=True)))

    assert run["status"] == "SUCCEEDED"
    row = _row("1000000003")
    assert row["overdue"] is True
    assert row["version"] == 2
    # it stays on its assignment, as it was
    for kept in ("level", "post_id", "inbox_post", "assignment_id", "assigned_at", "due_at"):
        assert row[kept] == before[kept], kept
    assert _entered(stack, run["executionArn"]) == ["WaitUntilDeadline", "LapseAssignment"]


def test_the_state_desk_counts_as_waiting_only_at_the_last_level(stack: dict[str, Any]) -> None:
    item = _complaint("1000000005", "A-5")
    item.update(actions=[ComplaintItem.status.set("state_government")])
    run = _run_to_end(stack, _start(stack, "A-5", _input("1000000005", "A-5")))
    assert _entered(stack, run["executionArn"])[-1] == "OfficerActedInTime"  # not escalated from the desk
    assert _row("1000000005")["level"] == 1
    run = _run_to_end(stack, _start(stack, "A-5.v2", _input("1000000005", "A-5", final=True)))
    assert _row("1000000005")["overdue"] is True


def test_restarting_an_assignment_timer_is_idempotent_but_not_with_other_input(
    stack: dict[str, Any],
) -> None:
    """Like real Standard workflows: same name + same input while running -> the same
    execution; a different input -> ExecutionAlreadyExists."""
    sfn = stack["sfn"]
    _complaint("1000000004", "A-4")
    payload = _input("1000000004", "A-4", wait=3600)

    first = sfn.start_execution(stateMachineArn=stack["arn"], name="A-4", input=payload)
    again = sfn.start_execution(stateMachineArn=stack["arn"], name="A-4", input=payload)

    assert again["executionArn"] == first["executionArn"]
    named = [e for e in sfn.list_executions(stateMachineArn=stack["arn"])["executions"] if e["name"] == "A-4"]
    assert len(named) == 1
    with pytest.raises(sfn.exceptions.ClientError) as err:
        sfn.start_execution(stateMachineArn=stack["arn"], name="A-4", input=_input("1000000004", "A-4", wait=7200))
    assert err.value.response["Error"]["Code"] == "ExecutionAlreadyExists"
