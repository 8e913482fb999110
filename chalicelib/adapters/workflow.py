"""Starts and stops the escalation workflow: one Step Functions execution per assignment,
named by the assignment id, so a redelivered start is harmless."""

from __future__ import annotations

import json
from typing import Any

from chalicelib.clock import Clock, iso, iso_z
from chalicelib.domain.calendar import WorkingDays
from chalicelib.domain.complaint import OPEN, STATE_GOVT, Complaint
from chalicelib.domain.escalation import Step, next_step, timer_name
from chalicelib.domain.history import ESCALATED, OVERDUE


def lapse_input(c: Complaint, step: Step, clock: Clock) -> dict[str, Any]:
    """The escalation workflow's input: when the assignment lapses, and the one update it then
    makes (statemachines/escalation.asl.json). Below the last level the complaint moves to
    the next level's new assignment; at the last level it stays on this one, as it is, and
    is marked overdue (the State desk's `state_government` counting as waiting there)."""
    if step.final:
        stay = {
            "level": c.level,
            "post_id": c.post_id,
            "assignment_id": c.assignment_id,
            "assigned_at": c.assigned_at,
            "due_at": c.due_at,
        }
        lapse = {"event": OVERDUE, "waiting": STATE_GOVT}
    else:
        stay = {
            "level": step.level,
            "post_id": step.post_id,
            "assignment_id": step.assignment_id,
            "assigned_at": iso(step.lapses_at),
            "due_at": iso(step.due_at),
        }
        lapse = {"event": ESCALATED, "waiting": OPEN}
    return {
        "pk": f"C#{c.reference}",
        "assignment_id": c.assignment_id,
        # Wait states run on real time; locally a day may last seconds.
        "wait_until": iso_z(clock.to_real(step.lapses_at)),
        "final": step.final,
        "next": stay,
        "lapse": lapse,
    }


class StepFunctionsTimers:
    def __init__(self, sfn: Any, state_machine_arn: str, clock: Clock) -> None:
        self._sfn = sfn
        self._arn = state_machine_arn
        self._clock = clock

    def execution_arn(self, assignment: str) -> str:
        return f"{self._arn.replace(':stateMachine:', ':execution:')}:{assignment}"

    def start(self, c: Complaint, calendar: WorkingDays) -> bool:
        """Starts the timer of the current assignment. Step Functions treats a second start
        with the same name and input as the same execution, so redelivery is harmless;
        False if an execution of that name exists with other input."""
        payload = lapse_input(c, next_step(c, calendar), self._clock)
        try:
            self._sfn.start_execution(stateMachineArn=self._arn, name=timer_name(c), input=json.dumps(payload))
            return True
        except self._sfn.exceptions.ExecutionAlreadyExists:
            return False

    def stop(self, assignment: str, cause: str) -> None:
        try:
            self._sfn.stop_execution(executionArn=self.execution_arn(assignment), cause=cause[:256])
        except self._sfn.exceptions.ExecutionDoesNotExist:
            pass

    def running(self, assignment: str) -> bool:
        try:
            out = self._sfn.describe_execution(executionArn=self.execution_arn(assignment))
        except self._sfn.exceptions.ExecutionDoesNotExist:
            return False
        return bool(out["status"] == "RUNNING")
