"""Every contact flow file is valid flow language that Connect would publish and the local
runner runs, invokes only the app's own Lambdas, and never leaves a caller in silence."""

from __future__ import annotations

from typing import Any

import pytest
from chalice.utils import to_cfn_resource_name

from devstack.flows import ACTION_TYPES, targets, validate
from infra import connect

FILES = sorted(p.stem for p in connect.FLOWS_DIR.glob("*.json"))
ENDS = {"DisconnectParticipant", "TransferContactToQueue", "TransferToFlow"}


def actions(file: str) -> dict[str, dict[str, Any]]:
    return {a["Identifier"]: a for a in connect.load_flow(file)["Actions"]}


def test_every_flow_file_is_deployed_and_every_deployed_flow_has_its_file() -> None:
    assert FILES == sorted(f.file for f in connect.FLOWS.values())


@pytest.mark.parametrize("file", FILES)
def test_the_flow_is_valid_flow_language(file: str) -> None:
    flow = connect.load_flow(file)
    assert flow["Version"] == "2019-10-30"
    validate(flow, file)  # start action, unique identifiers, known types, targets that exist
    assert len(flow["Actions"]) <= 250
    for a in flow["Actions"]:
        assert len(a["Identifier"]) <= 50 and not set(a["Identifier"]) & set("%:()\\/=$,;[]{}")
        assert a["Type"] in ACTION_TYPES
        if a["Type"] == "DisconnectParticipant":
            assert a["Transitions"] == {} and a["Parameters"] == {}


@pytest.mark.parametrize("file", FILES)
def test_every_lambda_it_invokes_is_a_function_of_the_app_within_connects_8_seconds(file: str) -> None:
    from app import app

    functions = {to_cfn_resource_name(f.name) for f in app.pure_lambda_functions}
    for a in actions(file).values():
        if a["Type"] == "InvokeLambdaFunction":
            (name,) = connect.invoked_functions({"Actions": [a]})
            assert name in functions, f"{file}: {a['Identifier']} invokes {name}"
            assert 1 <= int(a["Parameters"]["InvocationTimeLimitSeconds"]) <= 8
            assert a["Parameters"]["ResponseValidation"] == {"ResponseType": "STRING_MAP"}


@pytest.mark.parametrize("file", FILES)
def test_every_resource_it_names_is_one_the_template_defines(file: str) -> None:
    known = (
        {(lid, "ContactFlowArn") for lid in connect.FLOWS}
        | {(lid, "QueueArn") for lid in connect.QUEUES}
        | {(connect.HOURS, "HoursOfOperationArn")}
    )
    for name, attribute in connect.references(connect.load_flow(file)):
        assert attribute == "Arn" or (name, attribute) in known, (name, attribute)


@pytest.mark.parametrize("file", FILES)
def test_no_caller_is_left_in_silence(file: str) -> None:
    """Every key press has a branch for no key, a wrong key and an error; every Lambda,
    queue and hours check an error branch; and every path ends in a goodbye or a queue."""
    flow = actions(file)
    for a in flow.values():
        t, kind = a["Transitions"], a["Type"]
        errors = {e["ErrorType"] for e in t.get("Errors", [])}
        if kind == "GetParticipantInput":
            store = a["Parameters"]["StoreInput"] == "True"
            need = (
                {"NoMatchingError"} if store else {"InputTimeLimitExceeded", "NoMatchingCondition", "NoMatchingError"}
            )
            assert need <= errors, (file, a["Identifier"])
            assert int(a["Parameters"]["InputTimeLimitSeconds"]) > 0
        if kind in ("InvokeLambdaFunction", "UpdateContactTargetQueue", "CheckHoursOfOperation", "TransferToFlow"):
            assert "NoMatchingError" in errors, (file, a["Identifier"])
        if kind == "TransferContactToQueue":
            assert {"QueueAtCapacity", "NoMatchingError"} <= errors
        if kind == "Compare":
            assert "NoMatchingCondition" in errors
        if kind == "CheckHoursOfOperation":
            assert {c["Condition"]["Operands"][0] for c in t["Conditions"]} == {"True", "False"}
        if kind == "Loop":
            assert {c["Condition"]["Operands"][0] for c in t["Conditions"]} == {"ContinueLooping", "DoneLooping"}
    # From every action some end is reachable: nobody is stuck between prompts forever.
    reach: dict[str, set[str]] = {i: set(_targets(a)) for i, a in flow.items()}
    ends = {i for i, a in flow.items() if a["Type"] in ENDS}
    for start in flow:
        seen, todo = set(), [start]
        while todo:
            i = todo.pop()
            if i not in seen:
                seen.add(i)
                todo += reach[i]
        assert seen & ends, (file, start)


def _targets(a: dict[str, Any]) -> list[str]:
    return targets(a)


@pytest.mark.parametrize("file", ["citizen_line", "officer_line", "satisfaction_survey"])
def test_hindi_and_english_walk_the_same_menu(file: str) -> None:
    """Each `-hi` action has an `-en` twin of the same type and parameters but for its words,
    going to the twins of its targets: the two languages cannot drift apart."""
    flow = actions(file)
    hindi = [i for i in flow if i.endswith("-hi")]
    assert hindi and {i for i in flow if i.endswith("-en")} == {i[:-3] + "-en" for i in hindi}
    for i in hindi:
        hi, en = flow[i], flow[i[:-3] + "-en"]
        assert hi["Type"] == en["Type"]
        assert [_twin(x) for x in _targets(hi)] == _targets(en), i
        words = ("SSML", "Text")
        same_hi = {k: v for k, v in hi["Parameters"].items() if k not in words}
        same_en = {k: v for k, v in en["Parameters"].items() if k not in words}
        assert _twin_values(same_hi) == same_en, i
        if "SSML" in hi["Parameters"] and not hi["Parameters"]["SSML"].startswith("$."):
            assert 'xml:lang="hi-IN"' in hi["Parameters"]["SSML"] and 'xml:lang="en-IN"' in en["Parameters"]["SSML"]


def _twin(identifier: str) -> str:
    return identifier[:-3] + "-en" if identifier.endswith("-hi") else identifier


def _twin_values(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _twin_values(v) for k, v in node.items()}
    return "en" if node == "hi" else node


def test_the_hours_are_the_call_centres() -> None:
    from chalicelib.domain.callbacks import CLOSES, OPENS

    assert {(c["StartTime"]["Hours"], c["EndTime"]["Hours"]) for c in connect.hours_config()} == {
        (OPENS.hour, CLOSES.hour)
    }
    assert [c["Day"] for c in connect.hours_config()] == list(connect.DAYS)
