"""A local runner of Amazon Connect contact flows: the very files of `connect/flows/`, as they
are deployed, action by action.

Neither moto nor LocalStack runs contact flows, so this is the emulator, as moto is for the
rest: the artefact under test is the deployable flow. It runs the action types the flows
use and refuses any other (and any flow with a transition to nowhere). Lambdas are the
app's own `lambda_function` handlers, invoked in-process with the event Connect sends
(`Details.ContactData`, `Details.Parameters`); a handler that raises, takes longer than the
action's `InvocationTimeLimitSeconds` or answers anything but a flat map of strings takes
the error branch, as in Connect. `${LogicalId.Attribute}` names a resource of the template
(`infra/connect.py`): a function, a queue, the hours of operation, another flow.

A contact is a plain dict (stored between key presses); `start` runs it until it waits for
keys, waits in a queue or ends, and `press` goes on with the keys pressed.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from chalicelib.domain.speech import heard as _heard
from infra import connect as definitions

ACTION_TYPES = frozenset(
    {
        "CheckHoursOfOperation",
        "Compare",
        "DisconnectParticipant",
        "GetParticipantInput",
        "InvokeLambdaFunction",
        "Loop",
        "MessageParticipant",
        "TransferContactToQueue",
        "TransferToFlow",
        "UpdateContactAttributes",
        "UpdateContactRoutingBehavior",
        "UpdateContactTargetQueue",
        "UpdateContactTextToSpeechVoice",
        "UpdateFlowLoggingBehavior",
    }
)
IN_FLOW, QUEUED, WITH_AGENT, ENDED = "in_flow", "queued", "with_agent", "ended"
# Connect gives a contact routing priority 5 unless a flow changes it; 1 is answered first.
DEFAULT_PRIORITY = 5
SILENCE = ""  # no key before the input's time limit
KEYS = re.compile(r"[0-9*#]*\Z")
# A JSONPath a parameter refers to: `$.Attributes.lang`, `$.External.ssml`, `$.StoredCustomerInput`.
JSONPATH = re.compile(r"\$\.[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*")
# More actions than this without waiting for the caller is a loop in the flow.
MAX_STEPS = 400
INSTANCE = "arn:aws:connect:ap-south-1:000000000000:instance/00000000-0000-4000-8000-000000000181"

Handler = Callable[[dict[str, Any], Any], Any]


class FlowError(Exception):
    """A flow the runner refuses: an unknown action type, a transition to nowhere, a loop."""


def validate(flow: dict[str, Any], name: str) -> None:
    """Refuses a flow the runner (and Connect) would not run: every action of a known type,
    identifiers unique, every transition to an action of the flow."""
    if flow.get("Version") != "2019-10-30":
        raise FlowError(f"{name}: Version must be 2019-10-30")
    actions = flow.get("Actions") or []
    ids = [a["Identifier"] for a in actions]
    if len(set(ids)) != len(ids):
        raise FlowError(f"{name}: identifiers repeat")
    if flow.get("StartAction") not in ids:
        raise FlowError(f"{name}: StartAction {flow.get('StartAction')!r} is not an action")
    for a in actions:
        if a["Type"] not in ACTION_TYPES:
            raise FlowError(f"{name}: {a['Identifier']}: the runner does not run {a['Type']}")
        if a["Type"] == "UpdateContactRoutingBehavior" and not _priority(a["Parameters"].get("QueuePriority")):
            raise FlowError(f"{name}: {a['Identifier']}: QueuePriority must be a whole number from 1 (first)")
        for target in targets(a):
            if target not in ids:
                raise FlowError(f"{name}: {a['Identifier']} goes to {target!r}, which is not an action")


def _priority(value: Any) -> bool:
    """A routing priority as Connect takes one: statically a whole number, 1 the highest."""
    return isinstance(value, str) and value.isascii() and value.isdigit() and int(value) >= 1


def targets(action: dict[str, Any]) -> list[str]:
    t = action.get("Transitions") or {}
    found = [t["NextAction"]] if "NextAction" in t else []
    found += [c["NextAction"] for c in t.get("Conditions", [])]
    found += [e["NextAction"] for e in t.get("Errors", [])]
    return found


@dataclass(frozen=True)
class Hours:
    """An hours-of-operation resource: its time zone and the open slices of each day."""

    time_zone: str
    config: list[dict[str, Any]]

    def open_at(self, at: datetime) -> bool:
        local = at.astimezone(ZoneInfo(self.time_zone))
        day = local.strftime("%A").upper()
        minutes = local.hour * 60 + local.minute
        for c in self.config:
            start = c["StartTime"]["Hours"] * 60 + c["StartTime"]["Minutes"]
            end = c["EndTime"]["Hours"] * 60 + c["EndTime"]["Minutes"]
            if c["Day"] == day and start <= minutes < end:
                return True
        return False


@dataclass
class Stage:
    """What the flows refer to by logical id, resolved for the local stack."""

    lambdas: Mapping[str, Handler]
    clock: Callable[[], datetime]
    flows: Mapping[str, dict[str, Any]] = field(default_factory=dict)
    queues: Mapping[str, str] = field(default_factory=dict)
    hours: Mapping[str, Hours] = field(default_factory=dict)
    timer: Callable[[], float] = time.monotonic

    @classmethod
    def of_template(
        cls, lambdas: Mapping[str, Handler], clock: Callable[[], datetime], timer: Callable[[], float] = time.monotonic
    ) -> Stage:
        """The stage of `infra/connect.py`: its flow files (validated), queues and hours."""
        flows = {}
        for lid, f in definitions.FLOWS.items():
            flow = definitions.load_flow(f.file)
            validate(flow, f.file)
            flows[lid] = flow
        return cls(
            lambdas=lambdas,
            clock=clock,
            flows=flows,
            queues={lid: q.name for lid, q in definitions.QUEUES.items()},
            hours={definitions.HOURS: Hours(definitions.TIME_ZONE, definitions.hours_config())},
            timer=timer,
        )


def plain(ssml: str) -> str:
    """What a caller hears, as text: digits read one by one, the markup gone."""
    return _heard(ssml)


class _Context:
    """The Lambda context a handler may read."""

    def __init__(self, name: str, limit: float) -> None:
        self.function_name = name
        self.aws_request_id = str(uuid.uuid4())
        self._deadline = time.monotonic() + limit

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))


class Runner:
    def __init__(self, stage: Stage) -> None:
        self.stage = stage

    # --- contacts ------------------------------------------------------------------------

    def contact(
        self, flow: str, caller: str, dialled: str, attributes: dict[str, str] | None = None, method: str = "INBOUND"
    ) -> dict[str, Any]:
        """A new contact on `flow` (a logical id of `infra/connect.py`), not yet run."""
        if flow not in self.stage.flows:
            raise FlowError(f"no flow {flow}")
        return {
            "call": str(uuid.uuid4()),
            "flow": flow,
            "from": caller,
            "to": dialled,
            "method": method,
            "state": IN_FLOW,
            "attributes": dict(attributes or {}),
            "external": {},
            "stored_input": "",
            "loops": {},
            "queue": None,
            "target_queue": None,
            "priority": DEFAULT_PRIORITY,
            "waiting": None,
            "buffer": "",
            "voice": None,
            "events": [],
        }

    def start(self, contact: dict[str, Any]) -> list[str]:
        """Runs a new contact from its flow's start; returns what the caller heard."""
        heard: list[str] = []
        self._run(contact, self._flow(contact)["StartAction"], heard)
        return heard

    def press(self, contact: dict[str, Any], keys: str) -> list[str]:
        """The caller pressed `keys` (`""`: nothing before the time limit). Keys beyond what
        the waiting input takes go to the next one, as a phone's keypad buffer does."""
        if contact["state"] != IN_FLOW or contact["waiting"] is None:
            raise FlowError("the call is not waiting for keys")
        if not KEYS.match(keys):
            raise FlowError(f"not keys: {keys!r}")
        heard: list[str] = []
        self._event(contact, "keys", keys=keys)
        pending = list(keys) if keys else [SILENCE]
        while pending and contact["state"] == IN_FLOW and contact["waiting"] is not None:
            nxt = self._take(contact, pending.pop(0))
            if nxt is not None:
                contact["waiting"] = None
                self._run(contact, nxt, heard)
        return heard

    # --- running -------------------------------------------------------------------------

    def _flow(self, contact: dict[str, Any]) -> dict[str, Any]:
        return self.stage.flows[contact["flow"]]

    def _action(self, contact: dict[str, Any], identifier: str) -> dict[str, Any]:
        for a in self._flow(contact)["Actions"]:
            if a["Identifier"] == identifier:
                return a
        raise FlowError(f"{contact['flow']}: no action {identifier}")

    def _event(self, contact: dict[str, Any], kind: str, **data: Any) -> None:
        contact["events"].append({"at": self.stage.clock().isoformat(), "kind": kind, **data})

    def _run(self, contact: dict[str, Any], identifier: str | None, heard: list[str]) -> None:
        steps = 0
        while identifier is not None:
            steps += 1
            if steps > MAX_STEPS:
                raise FlowError(f"{contact['flow']}: {MAX_STEPS} actions without the caller: a loop")
            action = self._action(contact, identifier)
            kind = action["Type"]
            if kind not in ACTION_TYPES:
                raise FlowError(f"{contact['flow']}: {identifier}: the runner does not run {kind}")
            identifier = getattr(self, f"_do_{kind}")(contact, action, heard)

    def _next(self, action: dict[str, Any]) -> str:
        t = action.get("Transitions") or {}
        if "NextAction" not in t:
            raise FlowError(f"{action['Identifier']}: no NextAction")
        return str(t["NextAction"])

    def _error(self, contact: dict[str, Any], action: dict[str, Any], error: str) -> str:
        errors = (action.get("Transitions") or {}).get("Errors", [])
        for wanted in (error, "NoMatchingError"):
            for e in errors:
                if e["ErrorType"] == wanted:
                    self._event(contact, "error", action=action["Identifier"], error=error)
                    return str(e["NextAction"])
        raise FlowError(f"{contact['flow']}: {action['Identifier']} has no branch for {error}")

    def _branch(self, contact: dict[str, Any], action: dict[str, Any], result: str) -> str:
        """The first condition the result meets, else the NoMatchingCondition error."""
        for c in (action.get("Transitions") or {}).get("Conditions", []):
            if _meets(result, c["Condition"]["Operator"], str(c["Condition"]["Operands"][0])):
                return str(c["NextAction"])
        return self._error(contact, action, "NoMatchingCondition")

    def _value(self, contact: dict[str, Any], path: str) -> str:
        parts = path[2:].split(".")
        head, rest = parts[0], parts[1:]
        if head == "Attributes" and len(rest) == 1:
            return str(contact["attributes"].get(rest[0], ""))
        if head == "External" and len(rest) == 1:
            return str(contact["external"].get(rest[0], ""))
        if head == "StoredCustomerInput" and not rest:
            return str(contact["stored_input"])
        if head == "ContactId" and not rest:
            return str(contact["call"])
        if head == "CustomerEndpoint" and rest == ["Address"]:
            return str(contact["from"])
        if head == "SystemEndpoint" and rest == ["Address"]:
            return str(contact["to"])
        if head == "Channel" and not rest:
            return "VOICE"
        raise FlowError(f"the runner does not know {path}")

    def _text(self, contact: dict[str, Any], value: str) -> str:
        """A parameter with its JSONPath references filled in (as Connect does in prompts)."""
        return JSONPATH.sub(lambda m: self._value(contact, m[0]), value)

    def _resource(self, value: str, attribute: str) -> str:
        match = definitions.PLACEHOLDER.fullmatch(value)
        if match is None or match[2] != attribute:
            raise FlowError(f"{value!r}: expected ${{LogicalId.{attribute}}}")
        return match[1]

    def _prompt(self, contact: dict[str, Any], action: dict[str, Any], heard: list[str]) -> None:
        params = action["Parameters"]
        given = [k for k in ("Text", "SSML", "PromptId", "Media") if k in params]
        if len(given) != 1 or given[0] not in ("Text", "SSML"):
            raise FlowError(f"{action['Identifier']}: exactly one of Text or SSML")
        spoken = self._text(contact, str(params[given[0]]))
        said = plain(spoken) if given[0] == "SSML" else " ".join(spoken.split())
        heard.append(said)
        self._event(contact, "prompt", action=action["Identifier"], **{given[0].lower(): spoken}, say=said)

    # --- the actions (each returns the next action's identifier, or None to stop) --------

    def _do_UpdateFlowLoggingBehavior(self, contact: dict[str, Any], action: dict[str, Any], heard: list[str]) -> str:
        return self._next(action)

    def _do_UpdateContactTextToSpeechVoice(
        self, contact: dict[str, Any], action: dict[str, Any], heard: list[str]
    ) -> str:
        contact["voice"] = action["Parameters"]["TextToSpeechVoice"]
        return self._next(action)

    def _do_MessageParticipant(self, contact: dict[str, Any], action: dict[str, Any], heard: list[str]) -> str:
        self._prompt(contact, action, heard)
        return self._next(action)

    def _do_GetParticipantInput(self, contact: dict[str, Any], action: dict[str, Any], heard: list[str]) -> str | None:
        self._prompt(contact, action, heard)
        contact["waiting"] = action["Identifier"]
        contact["buffer"] = ""
        return None

    def _take(self, contact: dict[str, Any], key: str) -> str | None:
        """One key (or the silence) for the waiting input: the next action, or None while a
        stored number is still being typed."""
        action = self._action(contact, contact["waiting"])
        params = action["Parameters"]
        if params.get("StoreInput") != "True":
            if key == SILENCE:
                return self._error(contact, action, "InputTimeLimitExceeded")
            return self._branch(contact, action, key)
        end = (params.get("DTMFConfiguration") or {}).get("InputTerminationSequence", "#")
        longest = int((params.get("InputValidation") or {}).get("CustomValidation", {}).get("MaximumLength", 20))
        if key == SILENCE:
            # No key at all: Connect's success branch with "Timeout"; keys then a pause: what was typed.
            return self._stored(contact, action, contact["buffer"] or "Timeout")
        if key == end:
            return self._stored(contact, action, contact["buffer"])
        contact["buffer"] += key
        if len(contact["buffer"]) >= longest:
            return self._stored(contact, action, contact["buffer"])
        return None

    def _stored(self, contact: dict[str, Any], action: dict[str, Any], value: str) -> str:
        contact["stored_input"] = value
        contact["buffer"] = ""
        return self._next(action)

    def _do_Compare(self, contact: dict[str, Any], action: dict[str, Any], heard: list[str]) -> str:
        return self._branch(contact, action, self._text(contact, action["Parameters"]["ComparisonValue"]))

    def _do_Loop(self, contact: dict[str, Any], action: dict[str, Any], heard: list[str]) -> str:
        count = int(self._text(contact, str(action["Parameters"]["LoopCount"])))
        done = contact["loops"].get(action["Identifier"], 0)
        if done < count:
            contact["loops"][action["Identifier"]] = done + 1
            return self._branch(contact, action, "ContinueLooping")
        contact["loops"][action["Identifier"]] = 0
        return self._branch(contact, action, "DoneLooping")

    def _do_UpdateContactAttributes(self, contact: dict[str, Any], action: dict[str, Any], heard: list[str]) -> str:
        values = {k: self._text(contact, str(v)) for k, v in action["Parameters"]["Attributes"].items()}
        contact["attributes"].update(values)
        self._event(contact, "attributes", action=action["Identifier"], set=values)
        return self._next(action)

    def _do_CheckHoursOfOperation(self, contact: dict[str, Any], action: dict[str, Any], heard: list[str]) -> str:
        lid = self._resource(action["Parameters"]["HoursOfOperationId"], "HoursOfOperationArn")
        if lid not in self.stage.hours:
            return self._error(contact, action, "NoMatchingError")
        now = self.stage.clock()
        open_ = self.stage.hours[lid].open_at(now)
        self._event(contact, "hours", action=action["Identifier"], hours=lid, at=now.isoformat(), open=open_)
        return self._branch(contact, action, "True" if open_ else "False")

    def _do_UpdateContactTargetQueue(self, contact: dict[str, Any], action: dict[str, Any], heard: list[str]) -> str:
        lid = self._resource(action["Parameters"]["QueueId"], "QueueArn")
        if lid not in self.stage.queues:
            return self._error(contact, action, "NoMatchingError")
        contact["target_queue"] = lid
        return self._next(action)

    def _do_UpdateContactRoutingBehavior(
        self, contact: dict[str, Any], action: dict[str, Any], heard: list[str]
    ) -> str:
        contact["priority"] = int(action["Parameters"]["QueuePriority"])
        return self._next(action)

    def _do_TransferContactToQueue(
        self, contact: dict[str, Any], action: dict[str, Any], heard: list[str]
    ) -> str | None:
        lid = contact["target_queue"]
        if lid is None:
            return self._error(contact, action, "NoMatchingError")
        contact["state"], contact["queue"] = QUEUED, self.stage.queues[lid]
        self._event(contact, "transfer", queue=contact["queue"], attributes=dict(contact["attributes"]))
        return None

    def _do_TransferToFlow(self, contact: dict[str, Any], action: dict[str, Any], heard: list[str]) -> str:
        lid = self._resource(action["Parameters"]["ContactFlowId"], "ContactFlowArn")
        if lid not in self.stage.flows:
            return self._error(contact, action, "NoMatchingError")
        self._event(contact, "flow", action=action["Identifier"], to=lid)
        contact["flow"] = lid
        return str(self.stage.flows[lid]["StartAction"])

    def _do_DisconnectParticipant(self, contact: dict[str, Any], action: dict[str, Any], heard: list[str]) -> None:
        contact["state"] = ENDED
        self._event(contact, "ended", action=action["Identifier"])
        return None

    def _do_InvokeLambdaFunction(self, contact: dict[str, Any], action: dict[str, Any], heard: list[str]) -> str:
        params = action["Parameters"]
        lid = self._resource(params["LambdaFunctionARN"], "Arn")
        handler = self.stage.lambdas.get(lid)
        if handler is None:
            raise FlowError(f"{action['Identifier']}: no Lambda {lid} in the app")
        limit = float(params.get("InvocationTimeLimitSeconds", "8"))
        sent = {k: self._text(contact, str(v)) for k, v in (params.get("LambdaInvocationAttributes") or {}).items()}
        event = self.event(contact, sent)
        started = self.stage.timer()
        try:
            result = handler(event, _Context(lid, limit))
        except Exception as exc:  # the flow's error branch, as Connect takes it
            self._event(contact, "lambda", function=lid, parameters=sent, error=repr(exc))
            return self._error(contact, action, "NoMatchingError")
        took = self.stage.timer() - started
        flat = isinstance(result, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in result.items())
        if took > limit or not flat:
            why = f"took {took:.1f} s (limit {limit:.0f} s)" if took > limit else "not a flat map of strings"
            self._event(contact, "lambda", function=lid, parameters=sent, error=why)
            return self._error(contact, action, "NoMatchingError")
        contact["external"] = dict(result)
        self._event(contact, "lambda", function=lid, parameters=sent, result=dict(result), ms=int(took * 1000))
        return self._next(action)

    def event(self, contact: dict[str, Any], parameters: dict[str, str]) -> dict[str, Any]:
        """The event Connect sends a Lambda from a contact flow."""
        queue = contact["queue"]
        return {
            "Name": "ContactFlowEvent",
            "Details": {
                "ContactData": {
                    "Attributes": dict(contact["attributes"]),
                    "Channel": "VOICE",
                    "ContactId": contact["call"],
                    "CustomerEndpoint": {"Address": contact["from"], "Type": "TELEPHONE_NUMBER"},
                    "SystemEndpoint": {"Address": contact["to"], "Type": "TELEPHONE_NUMBER"},
                    "InitialContactId": contact["call"],
                    "InitiationMethod": contact["method"],
                    "InstanceARN": INSTANCE,
                    "PreviousContactId": contact["call"],
                    "Queue": {"Name": queue} if queue else None,
                    "MediaStreams": {"Customer": {"Audio": None}},
                },
                "Parameters": parameters,
            },
        }


def _meets(result: str, operator: str, operand: str) -> bool:
    if operator == "Equals":
        return result == operand
    if operator == "TextStartsWith":
        return result.startswith(operand)
    if operator == "TextEndsWith":
        return result.endswith(operand)
    if operator == "TextContains":
        return operand in result
    numeric = {
        "NumberGreaterThan": lambda a, b: a > b,
        "NumberGreaterOrEqualTo": lambda a, b: a >= b,
        "NumberLessThan": lambda a, b: a < b,
        "NumberLessOrEqualTo": lambda a, b: a <= b,
    }
    if operator not in numeric:
        raise FlowError(f"the runner does not know the operator {operator}")
    try:
        return bool(numeric[operator](float(result), float(operand)))
    except ValueError:
        return False
