"""The local flow runner on small flows and fake Lambdas: it runs flow language as Connect
does (inputs, stored numbers, loops, comparisons, hours, queues, Lambdas and their error
branch) and refuses what Connect would not run."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from devstack.flows import ENDED, QUEUED, FlowError, Hours, Runner, Stage, plain, validate
from infra import connect

NOON_IST = datetime(2026, 11, 23, 6, 30, tzinfo=UTC)
NIGHT_IST = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)  # 23:30 IST


def err(nxt: str, kind: str = "NoMatchingError") -> dict[str, str]:
    return {"NextAction": nxt, "ErrorType": kind}


def cond(value: str, nxt: str, op: str = "Equals") -> dict[str, Any]:
    return {"NextAction": nxt, "Condition": {"Operator": op, "Operands": [value]}}


def say(ident: str, text: str, nxt: str) -> dict[str, Any]:
    return {
        "Identifier": ident,
        "Type": "MessageParticipant",
        "Parameters": {"SSML": text},
        "Transitions": {"NextAction": nxt, "Errors": [err(nxt)]},
    }


BYE = {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}


def flow(*actions: dict[str, Any], start: str | None = None) -> dict[str, Any]:
    return {"Version": "2019-10-30", "StartAction": start or actions[0]["Identifier"], "Actions": [*actions, BYE]}


def stage(flows: dict[str, dict[str, Any]], lambdas: dict[str, Any] | None = None, **kw: Any) -> Stage:
    return Stage(
        lambdas=lambdas or {},
        clock=kw.pop("clock", lambda: NOON_IST),
        flows=flows,
        queues={"GeneralQueue": "executives"},
        hours={connect.HOURS: Hours(connect.TIME_ZONE, connect.hours_config())},
        **kw,
    )


MENU = {
    "Identifier": "menu",
    "Type": "GetParticipantInput",
    "Parameters": {"SSML": "<speak>Press 1 or 2</speak>", "InputTimeLimitSeconds": "5", "StoreInput": "False"},
    "Transitions": {
        "Conditions": [cond("1", "one"), cond("2", "number")],
        "Errors": [err("retry", "InputTimeLimitExceeded"), err("retry", "NoMatchingCondition"), err("retry")],
    },
}
NUMBER = {
    "Identifier": "number",
    "Type": "GetParticipantInput",
    "Parameters": {
        "SSML": "<speak>Your number, then hash</speak>",
        "InputTimeLimitSeconds": "5",
        "StoreInput": "True",
        "InputValidation": {"CustomValidation": {"MaximumLength": "4"}},
        "DTMFConfiguration": {"InputTerminationSequence": "#"},
    },
    "Transitions": {"NextAction": "echo", "Errors": [err("bye")]},
}
RETRY = {
    "Identifier": "retry",
    "Type": "Loop",
    "Parameters": {"LoopCount": "1"},
    "Transitions": {"Conditions": [cond("ContinueLooping", "menu"), cond("DoneLooping", "gone")]},
}


def menu_flow() -> dict[str, Any]:
    return flow(
        MENU,
        RETRY,
        NUMBER,
        say("one", "<speak>One</speak>", "bye"),
        say("echo", '<speak>You typed <say-as interpret-as="digits">$.StoredCustomerInput</say-as></speak>', "bye"),
        say("gone", "<speak>Goodbye &amp; thanks</speak>", "bye"),
    )


def test_a_menu_waits_for_a_key_and_follows_it() -> None:
    r = Runner(stage({"F": menu_flow()}))
    c = r.contact("F", "+919800000001", "181")
    assert r.start(c) == ["Press 1 or 2"] and c["waiting"] == "menu"
    assert r.press(c, "1") == ["One"] and c["state"] == ENDED


def test_a_wrong_key_and_silence_take_the_error_branches_and_a_loop_counts_them() -> None:
    r = Runner(stage({"F": menu_flow()}))
    c = r.contact("F", "+919800000001", "181")
    r.start(c)
    assert r.press(c, "7") == ["Press 1 or 2"]  # NoMatchingCondition -> loop once -> menu
    assert r.press(c, "") == ["Goodbye & thanks"] and c["state"] == ENDED  # timeout -> loop done
    errors = [e["error"] for e in c["events"] if e["kind"] == "error"]
    assert errors == ["NoMatchingCondition", "InputTimeLimitExceeded"]


def test_a_stored_number_ends_with_hash_or_its_length_and_keys_carry_over() -> None:
    r = Runner(stage({"F": menu_flow()}))
    c = r.contact("F", "+919800000001", "181")
    r.start(c)
    assert r.press(c, "2") == ["Your number, then hash"]
    assert r.press(c, "12") == [] and c["waiting"] == "number"  # still typing
    assert r.press(c, "#") == ["You typed 1 2"]
    c = r.contact("F", "+919800000001", "181")
    r.start(c)
    assert r.press(c, "2123456") == ["Your number, then hash", "You typed 1 2 3 4"]  # type-ahead, 4 at most
    c = r.contact("F", "+919800000001", "181")
    r.start(c)
    r.press(c, "2")
    r.press(c, "")
    assert c["stored_input"] == "Timeout" and c["state"] == ENDED  # nothing typed: Connect's "Timeout"
    with pytest.raises(FlowError):
        r.press(c, "1")  # the call is over


def test_a_lambda_gets_connects_event_and_its_answer_is_external() -> None:
    seen: list[dict[str, Any]] = []

    def lookup(event: dict[str, Any], context: Any) -> dict[str, str]:
        seen.append(event)
        assert context.get_remaining_time_in_millis() > 0
        return {"outcome": "found", "ssml": "<speak>Found it</speak>"}

    f = flow(
        {
            "Identifier": "set",
            "Type": "UpdateContactAttributes",
            "Parameters": {"Attributes": {"lang": "en", "caller": "$.CustomerEndpoint.Address"}},
            "Transitions": {"NextAction": "ask", "Errors": [err("ask")]},
        },
        {
            "Identifier": "ask",
            "Type": "InvokeLambdaFunction",
            "Parameters": {
                "LambdaFunctionARN": "${Lookup.Arn}",
                "InvocationTimeLimitSeconds": "8",
                "LambdaInvocationAttributes": {"lang": "$.Attributes.lang", "fixed": "x"},
                "ResponseValidation": {"ResponseType": "STRING_MAP"},
            },
            "Transitions": {"NextAction": "which", "Errors": [err("sorry")]},
        },
        {
            "Identifier": "which",
            "Type": "Compare",
            "Parameters": {"ComparisonValue": "$.External.outcome"},
            "Transitions": {
                "NextAction": "sorry",
                "Conditions": [cond("found", "tell")],
                "Errors": [err("sorry", "NoMatchingCondition")],
            },
        },
        say("tell", "$.External.ssml", "bye"),
        say("sorry", "<speak>Sorry</speak>", "bye"),
    )
    r = Runner(stage({"F": f}, {"Lookup": lookup}))
    c = r.contact("F", "+919800000001", "181")
    assert r.start(c) == ["Found it"]
    (event,) = seen
    data = event["Details"]["ContactData"]
    assert event["Name"] == "ContactFlowEvent"
    assert event["Details"]["Parameters"] == {"lang": "en", "fixed": "x"}
    assert data["Attributes"] == {"lang": "en", "caller": "+919800000001"}
    assert (data["ContactId"], data["Channel"], data["InitiationMethod"]) == (c["call"], "VOICE", "INBOUND")
    assert data["CustomerEndpoint"] == {"Address": "+919800000001", "Type": "TELEPHONE_NUMBER"}
    assert data["SystemEndpoint"]["Address"] == "181"


def _invoking(handler: Any, timer: Any = None) -> tuple[Runner, dict[str, Any]]:
    f = flow(
        {
            "Identifier": "ask",
            "Type": "InvokeLambdaFunction",
            "Parameters": {
                "LambdaFunctionARN": "${Lookup.Arn}",
                "InvocationTimeLimitSeconds": "3",
                "ResponseValidation": {"ResponseType": "STRING_MAP"},
            },
            "Transitions": {"NextAction": "ok", "Errors": [err("sorry")]},
        },
        say("ok", "<speak>OK</speak>", "bye"),
        say("sorry", "<speak>Sorry</speak>", "bye"),
    )
    extra = {"timer": timer} if timer else {}
    r = Runner(stage({"F": f}, {"Lookup": handler}, **extra))
    return r, r.contact("F", "+919800000001", "181")


def test_a_lambda_that_fails_is_late_or_answers_other_than_strings_takes_the_error_branch() -> None:
    def boom(event: dict[str, Any], context: Any) -> dict[str, str]:
        raise RuntimeError("table unavailable")

    r, c = _invoking(boom)
    assert r.start(c) == ["Sorry"]
    assert "table unavailable" in [e for e in c["events"] if e["kind"] == "lambda"][0]["error"]
    r, c = _invoking(lambda e, ctx: {"count": 3})
    assert r.start(c) == ["Sorry"]
    r, c = _invoking(lambda e, ctx: {"nested": {"a": "b"}})
    assert r.start(c) == ["Sorry"]
    ticks = iter([0.0, 3.5])
    r, c = _invoking(lambda e, ctx: {"ok": "yes"}, timer=lambda: next(ticks))
    assert r.start(c) == ["Sorry"]
    ticks = iter([0.0, 2.5])
    r, c = _invoking(lambda e, ctx: {"ok": "yes"}, timer=lambda: next(ticks))
    assert r.start(c) == ["OK"] and c["external"] == {"ok": "yes"}


def _hours_flow() -> dict[str, Any]:
    return flow(
        {
            "Identifier": "hours",
            "Type": "CheckHoursOfOperation",
            "Parameters": {"HoursOfOperationId": "${CallCentreHours.HoursOfOperationArn}"},
            "Transitions": {"Conditions": [cond("True", "queue"), cond("False", "closed")], "Errors": [err("closed")]},
        },
        {
            "Identifier": "queue",
            "Type": "UpdateContactTargetQueue",
            "Parameters": {"QueueId": "${GeneralQueue.QueueArn}"},
            "Transitions": {"NextAction": "transfer", "Errors": [err("closed")]},
        },
        {
            "Identifier": "transfer",
            "Type": "TransferContactToQueue",
            "Parameters": {},
            "Transitions": {"Errors": [err("closed", "QueueAtCapacity"), err("closed")]},
        },
        say("closed", "<speak>Closed</speak>", "bye"),
    )


def test_in_hours_the_call_waits_in_its_queue_and_after_hours_it_hears_the_hours() -> None:
    r = Runner(stage({"F": _hours_flow()}))
    c = r.contact("F", "+919800000001", "181", {"menu_choice": "register"})
    assert r.start(c) == [] and (c["state"], c["queue"]) == (QUEUED, "executives")
    (transfer,) = [e for e in c["events"] if e["kind"] == "transfer"]
    assert transfer["attributes"] == {"menu_choice": "register"}
    r = Runner(stage({"F": _hours_flow()}, clock=lambda: NIGHT_IST))
    c = r.contact("F", "+919800000001", "181")
    assert r.start(c) == ["Closed"] and c["state"] == ENDED


def test_hours_of_operation_are_read_in_their_time_zone() -> None:
    hours = Hours("Asia/Kolkata", connect.hours_config())
    assert hours.open_at(datetime(2026, 11, 23, 1, 30, tzinfo=UTC))  # 07:00 IST
    assert not hours.open_at(datetime(2026, 11, 23, 1, 29, tzinfo=UTC))
    assert hours.open_at(datetime(2026, 11, 23, 17, 29, tzinfo=UTC))  # 22:59 IST
    assert not hours.open_at(datetime(2026, 11, 23, 17, 30, tzinfo=UTC))  # 23:00 IST


def test_transfer_to_flow_goes_on_in_the_other_flow() -> None:
    first = flow(
        {
            "Identifier": "go",
            "Type": "TransferToFlow",
            "Parameters": {"ContactFlowId": "${Second.ContactFlowArn}"},
            "Transitions": {"Errors": [err("bye")]},
        }
    )
    second = flow(say("hello", "<speak>Second flow</speak>", "bye"))
    r = Runner(stage({"First": first, "Second": second}))
    c = r.contact("First", "+919800000001", "+919800000002", method="OUTBOUND")
    assert r.start(c) == ["Second flow"] and c["flow"] == "Second"


def test_comparisons_follow_connects_operators() -> None:
    def compare(op: str, operand: str, value: str) -> list[str]:
        f = flow(
            {
                "Identifier": "c",
                "Type": "Compare",
                "Parameters": {"ComparisonValue": "$.Attributes.v"},
                "Transitions": {"Conditions": [cond(operand, "yes", op)], "Errors": [err("no", "NoMatchingCondition")]},
            },
            say("yes", "<speak>yes</speak>", "bye"),
            say("no", "<speak>no</speak>", "bye"),
        )
        r = Runner(stage({"F": f}))
        c = r.contact("F", "+919800000001", "181", {"v": value})
        return r.start(c)

    assert compare("NumberGreaterThan", "0", "2") == ["yes"]
    assert compare("NumberGreaterThan", "0", "0") == ["no"]
    assert compare("NumberGreaterThan", "0", "") == ["no"]  # missing: not a number
    assert compare("TextStartsWith", "98", "9876") == ["yes"]
    assert compare("Equals", "x", "y") == ["no"]


def test_the_runner_refuses_what_connect_would_not_run() -> None:
    with pytest.raises(FlowError, match="does not run"):
        validate(flow({"Identifier": "x", "Type": "CreateTask", "Parameters": {}, "Transitions": {}}), "f")
    with pytest.raises(FlowError, match="not an action"):
        validate(flow(say("a", "<speak>a</speak>", "nowhere")), "f")
    with pytest.raises(FlowError, match="StartAction"):
        validate(flow(say("a", "<speak>a</speak>", "bye"), start="b"), "f")
    with pytest.raises(FlowError, match="Version"):
        validate({**flow(say("a", "<speak>a</speak>", "bye")), "Version": "2020-01-01"}, "f")
    looping = flow(
        {
            "Identifier": "again",
            "Type": "UpdateFlowLoggingBehavior",
            "Parameters": {"FlowLoggingBehavior": "Enabled"},
            "Transitions": {"NextAction": "again"},
        }
    )
    r = Runner(stage({"F": looping}))
    with pytest.raises(FlowError, match="loop"):
        r.start(r.contact("F", "+919800000001", "181"))
    no_branch = flow(
        {
            "Identifier": "c",
            "Type": "Compare",
            "Parameters": {"ComparisonValue": "$.Attributes.v"},
            "Transitions": {"Conditions": [cond("x", "bye")]},
        }
    )
    r = Runner(stage({"F": no_branch}))
    with pytest.raises(FlowError, match="no branch for NoMatchingCondition"):
        r.start(r.contact("F", "+919800000001", "181", {"v": "y"}))


def test_what_the_caller_hears_is_the_ssml_read_out() -> None:
    ssml = (
        '<speak><lang xml:lang="hi-IN">क्रमांक <say-as interpret-as="digits">181</say-as>।'
        '<break time="1s"/>A &amp; B</lang></speak>'
    )
    assert plain(ssml) == "क्रमांक 1 8 1। A & B"


def test_the_deployable_flows_load_into_the_runners_stage() -> None:
    s = Stage.of_template({}, lambda: NOON_IST)
    assert set(s.flows) == set(connect.FLOWS) and set(s.queues) == set(connect.QUEUES)
