"""The local telephone exchange: dialling 181 or the officers' line runs the deployable
contact flow (`devstack.flows`) with the app's own Lambdas; keys go on with it; a call
waiting in a queue is taken by an executive in the console (`PhoneCalls.take`). Backs
`/dev/phone/calls` (local stack only)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol

from chalice import Chalice
from chalice.utils import to_cfn_resource_name

from chalicelib.domain.errors import Conflict, InvalidInput, NotFound
from chalicelib.domain.schemas import canonical_mobile
from chalicelib.domain.text import Text
from devstack.flows import IN_FLOW, KEYS, QUEUED, WITH_AGENT, Runner, Stage

# What a caller dials -> the inbound flow (logical id in infra/connect.py).
LINES = {"181": "CitizenLineFlow", "18002330183": "OfficerLineFlow"}
CALL = Text("कॉल", "call")


class Calls(Protocol):
    def get(self, call: str) -> dict[str, Any] | None: ...

    def save(self, contact: dict[str, Any]) -> None: ...

    def in_state(self, *states: str, limit: int = 200) -> list[dict[str, Any]]: ...


def lambdas_of(app: Chalice) -> dict[str, Callable[[dict[str, Any], Any], Any]]:
    """The app's `lambda_function`s by the logical id the packaged template gives them."""
    return {to_cfn_resource_name(f.name): f.func for f in app.pure_lambda_functions}


def reply(contact: dict[str, Any], heard: list[str]) -> dict[str, Any]:
    out = {"call": contact["call"], "state": contact["state"], "say": heard}
    if contact["state"] in (QUEUED, WITH_AGENT):
        out["queue"] = contact["queue"]
    return out


class Telephone:
    def __init__(self, app: Chalice, calls: Calls, clock: Callable[[], datetime]) -> None:
        self.runner = Runner(Stage.of_template(lambdas_of(app), clock))
        self.calls = calls

    def dial(self, body: Any) -> dict[str, Any]:
        """`{"from": "+91…", "to": "181" | "18002330183"}`: the call, as far as the flow went."""
        if not isinstance(body, dict):
            raise InvalidInput({"body": Text("JSON ऑब्जेक्ट अपेक्षित", "JSON object expected")})
        errors = {}
        caller, dialled = body.get("from"), re.sub(r"[\s-]", "", str(body.get("to") or ""))
        if not isinstance(caller, str) or canonical_mobile(caller) != caller:
            errors["from"] = Text("+91 से शुरू 10 अंकों का मोबाइल नंबर", "a +91 Indian mobile number")
        if dialled not in LINES:
            errors["to"] = Text("181 या 18002330183", "181 or 18002330183")
        if errors:
            raise InvalidInput(errors)
        contact = self.runner.contact(LINES[dialled], str(caller), dialled)
        heard = self.runner.start(contact)
        self.calls.save(contact)
        return reply(contact, heard)

    def press(self, call: str, body: Any) -> dict[str, Any]:
        """`{"digits": "1"}` (`#` ends a number; `""` is a silence that outlasts the prompt)."""
        digits = body.get("digits") if isinstance(body, dict) else None
        if not isinstance(digits, str) or len(digits) > 40 or not KEYS.match(digits):
            raise InvalidInput({"digits": Text("0-9, * और # में से कुंजियाँ", "keys among 0-9, * and #")})
        contact = self.get(call)
        if contact["state"] != IN_FLOW:
            raise Conflict("कॉल अब आईवीआर में नहीं है", "The call is no longer in the IVR")
        heard = self.runner.press(contact, digits)
        self.calls.save(contact)
        return reply(contact, heard)

    def get(self, call: str) -> dict[str, Any]:
        contact = self.calls.get(call)
        if contact is None:
            raise NotFound(CALL)
        return contact
