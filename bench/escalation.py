"""Escalation cost: state transitions per escalation execution, measured by running the
real ASL in moto, and what that means for quota and price (printed, not asserted)."""

from __future__ import annotations

import json
import sys
import time
from datetime import UTC, datetime, timedelta

PRICE_PER_1000_TRANSITIONS = 0.025  # USD, Step Functions Standard (ap-south-1 list price)
OPEN_COMPLAINTS_TODAY = 700_000
DEFAULT_OPEN_EXECUTIONS_QUOTA = 1_000_000


def _run(sfn: object, arn: str, name: str, payload: dict[str, object]) -> int:
    ex = sfn.start_execution(stateMachineArn=arn, name=name, input=json.dumps(payload))  # type: ignore[attr-defined]
    while sfn.describe_execution(executionArn=ex["executionArn"])["status"] == "RUNNING":  # type: ignore[attr-defined]
        time.sleep(0.1)
    events = sfn.get_execution_history(executionArn=ex["executionArn"])["events"]  # type: ignore[attr-defined]
    return sum(1 for e in events if e["type"].endswith("StateEntered"))


def main() -> int:
    from bench.stack import moto_stack

    with moto_stack(load_structure=False) as out:
        import boto3

        sfn, ddb = boto3.client("stepfunctions"), boto3.client("dynamodb")
        arn = out["ESCALATION_STATE_MACHINE_ARN"]
        soon = (datetime.now(UTC) + timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        nxt = {"level": 2, "post_id": "P2", "assignment_id": "B-2", "assigned_at": soon, "due_at": soon}
        stay = {"level": 1, "post_id": "P1", "assignment_id": "B-1", "assigned_at": soon, "due_at": soon}
        lapse = {
            False: {"event": "escalated", "waiting": "open"},
            True: {"event": "overdue", "waiting": "state_government"},
        }
        figures = {}
        for case, status, final in (
            ("escalates", "open", False),
            ("officer acted", "resolved", False),
            ("overdue at L4", "open", True),
        ):
            ddb.put_item(
                TableName="cmh181-complaints",
                Item={
                    "pk": {"S": "C#B"},
                    "sk": {"S": "COMPLAINT"},
                    "status": {"S": status},
                    "assignment_id": {"S": "B-1"},
                    "version": {"N": "1"},
                    "level": {"N": "1"},
                },
            )
            figures[case] = _run(
                sfn,
                arn,
                f"bench-{case.replace(' ', '-')}",
                {
                    "pk": "C#B",
                    "assignment_id": "B-1",
                    "wait_until": soon,
                    "final": final,
                    "next": stay if final else nxt,
                    "lapse": lapse[final],
                },
            )
        print("escalation workflow: state transitions per execution (measured in moto)")
        for case, n in figures.items():
            print(f"  {case:>14}: {n} transitions = ${n * PRICE_PER_1000_TRANSITIONS / 1000:.6f}")
        # Resolved in time: the reactor stops the execution while it waits (1 transition).
        best = 1
        worst = figures["escalates"] * 3 + figures["overdue at L4"]
        print(
            f"  per complaint: resolved at L1 in time {best} transition (${best * 0.025 / 1000:.6f}); "
            f"escalated once then resolved {figures['escalates'] + 1}; "
            f"never acted on, L1→L4→overdue {worst} (${worst * 0.025 / 1000:.6f})"
        )
        need = OPEN_COMPLAINTS_TODAY * 10
        print(
            f"  open executions ≈ complaints waiting on an officer: {OPEN_COMPLAINTS_TODAY:,} today, "
            f"{need:,} at 10x — quota needed ≥ {int(need * 1.2):,} (default {DEFAULT_OPEN_EXECUTIONS_QUOTA:,})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
