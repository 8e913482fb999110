"""schemathesis over the whole API, in-process: every operation of `GET /v1/openapi.json`, a few
hundred generated requests (valid ones and ones that break the schema), each sent with the
credentials its route accepts, on a fixed seed. No answer may be a 5xx, a status the
document does not list, a body or header its schema refuses, or a success for input the
schema forbids."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
import schemathesis
from hypothesis import strategies as st
from schemathesis.specs.openapi import checks as oas

from chalicelib import bootstrap
from chalicelib.clock import ManualClock
from chalicelib.domain.directory import Officer, Posting, state_nodal_post
from tests.conftest import MONDAY
from tests.integration.chalice_wsgi import ChaliceWSGI
from tests.integration.escalation_support import staff_chain
from tests.integration.helpers import body, citizen_token, form_session, officer_link, origin, post, staff_token

# The run's record is read by the last test: both on one worker.
pytestmark = pytest.mark.xdist_group("schemathesis")

# A department and block of their own, so that no other test's figures move.
DEPARTMENT, DISTRICT, BLOCK, DIVISION = "AGRICULTURE", "INDORE", "INDORE-DEPALPUR", "INDORE"
CHAIN = [f"{DEPARTMENT}:L1:{BLOCK}", f"{DEPARTMENT}:L2:{DISTRICT}", f"{DEPARTMENT}:L3:{DIVISION}"]
CITIZEN_MOBILE = "+917700181181"
FILING = {
    "category": "complaint",
    "department": DEPARTMENT,
    "district": DISTRICT,
    "block": BLOCK,
    "name": "परीक्षण नागरिक",
    "subject": "बीज नहीं मिला",
    "description": "सहकारी समिति से बीज नहीं मिला।",
}
# Calendars may be stored for this year only: other tests' deadlines use theirs.
CALENDAR_YEAR = "2099"
CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 181,
        "generation": {"mode": "all", "max-examples": 10, "deterministic": True, "database": "none"},
        "phases": {"examples": {"enabled": False}, "coverage": {"enabled": False}, "stateful": {"enabled": False}},
    }
)
CHECKS = [
    schemathesis.checks.not_a_server_error,
    oas.status_code_conformance,
    oas.content_type_conformance,
    oas.response_schema_conformance,
    oas.response_headers_conformance,
    oas.negative_data_rejection,
]


@dataclass(frozen=True)
class World:
    tokens: dict[str, str]
    references: list[str]
    links: dict[str, str]
    schemes: list[str]
    sent: list[tuple[str, int]]
    form: tuple[str, str]  # a browser's form-session cookie and its forms' token
    postings: list[str]


# Who calls each operation: the credentials its route accepts.
WHO = {
    ("POST", "/v1/complaints"): "citizen",
    ("GET", "/v1/complaints/{reference}"): "citizen",
    ("POST", "/v1/complaints/{reference}/reminders"): "citizen",
    ("POST", "/v1/complaints/{reference}/feedback"): "citizen",
    ("POST", "/v1/complaints/{reference}/actions"): "officer",
    ("POST", "/v1/complaints/{reference}/satisfaction"): "cce",
    ("GET", "/v1/callbacks"): "cce",
    ("POST", "/v1/calls"): "cce",
    ("GET", "/v1/officer/inbox"): "officer",
    ("GET", "/v1/admin/calendar/{year}"): "admin",
    ("PUT", "/v1/admin/calendar/{year}"): "admin",
    ("GET", "/v1/directory/posts"): "nodal",
    ("POST", "/v1/directory/posts/{post_id}/postings"): "nodal",
    ("GET", "/v1/directory/posts/{post_id}/changes"): "nodal",
    ("POST", "/v1/directory/postings/{posting_id}/end"): "nodal",
    ("POST", "/v1/directory/imports"): "nodal",
    ("POST", "/v1/directory/officers/{username}/password"): "nodal",
    ("POST", "/v1/exclusions"): "nodal",
    ("GET", "/v1/exclusions/proposals"): "admin",
    ("POST", "/v1/exclusions/{exclusion_id}/decision"): "admin",
    ("POST", "/v1/exclusions/{exclusion_id}/lift"): "admin",
    ("POST", "/v1/schemes"): "nodal",
    ("PUT", "/v1/schemes/{scheme_id}"): "nodal",
    ("POST", "/v1/schemes/{scheme_id}/end"): "nodal",
}
NODAL = "revenue.nodal.schemathesis"  # the state nodal post (its schemes) and the district's (its directory)
SCHEME = {
    "department": DEPARTMENT,
    "name_hi": "परीक्षण बीज योजना",
    "name_en": "Schemathesis Seed Scheme",
    "objective_hi": "परीक्षण के लिए बीज।",
    "objective_en": "Seeds for testing.",
    "eligibility": [{"hi": "किसान", "en": "A farmer"}],
}


def _who(method: str, path: str) -> str | None:
    if (method, path) in WHO:
        return WHO[(method, path)]
    if path.startswith(("/v1/monitoring/", "/v1/lists/")):
        return "monitor"
    return None


@pytest.fixture(scope="module")
def world(moto_server: dict[str, str]) -> Iterator[World]:
    """Logins of every kind and a few complaints of this module's own, on a manual clock."""
    from chalice.test import Client

    from app import app

    bootstrap.reset()
    bootstrap.override(clock=ManualClock(datetime.fromisoformat(MONDAY)))
    directory = bootstrap.get_directory()
    pool = moto_server["USER_POOL_ID"]
    staff_chain(directory, CHAIN, "schemathesis")
    officer = "test-schemathesis-0"  # staff_chain's officer on the chain's first post
    directory.put_officers([Officer("monitor.schemathesis", "निगरानी", "test", "+917700181182")])
    directory.put_postings(
        [
            Posting(p, "monitor.schemathesis", "additional", "2026-11-01T00:00:00+00:00")
            for p in (f"COLLECTOR:L2:{DISTRICT}", f"{DEPARTMENT}:L4:STATE")
        ]
        + [Posting(state_nodal_post(DEPARTMENT), NODAL, "regular", "2026-11-01T00:00:00+00:00")]
    )
    # The same nodal login keeps the district's directory too; a few postings of theirs to end.
    directory.put_officers([Officer(NODAL, "नोडल", "DPSM", "+917700181183")])
    directory.put_postings([Posting(f"NODAL:DISTRICT:{DISTRICT}", NODAL, "regular", MONDAY)])
    with Client(app, stage_name="local") as client:
        tokens = {
            "citizen": citizen_token(client, CITIZEN_MOBILE),
            "officer": staff_token(client, pool, officer, ("officer",)),
            "cce": staff_token(client, pool, "cce.schemathesis", ("cce",)),
            "admin": staff_token(client, pool, "admin.schemathesis", ("admin",)),
            "monitor": staff_token(client, pool, "monitor.schemathesis", ("monitor", "officer")),
            "nodal": staff_token(client, pool, NODAL, ("nodal", "officer")),
        }
        schemes = [str(body(post(client, "/v1/schemes", SCHEME, tokens["nodal"]))["scheme_id"])]
        made = [
            post(
                client,
                f"/v1/directory/posts/{dept}:L2:{DISTRICT}/postings",
                {
                    "name": "अ",
                    "designation": "ब",
                    "mobile": f"+9177001812{i}0",
                    "kind": "additional_charge",
                    "order_no": "1",
                    "order_date": "2026-11-20",
                },
                tokens["nodal"],
            )
            for i, dept in enumerate(("ENERGY", "PHE", "HEALTH"))
        ]
        postings = [str(body(m)["posting_id"]) for m in made]
        refs = [str(body(post(client, "/v1/complaints", FILING, tokens["citizen"]))["reference"]) for _ in range(4)]
        resolve = {"action": "resolve", "remarks": "बीज दे दिया गया", "rule_reference": "नियम 5"}
        for ref in refs[2:]:  # two wait for the citizen's answer
            assert post(client, f"/v1/complaints/{ref}/actions", resolve, tokens["officer"]).status_code == 200
        form = form_session(client)
    links = {ref: officer_link(ref, days=30) for ref in refs}
    yield World(tokens, refs, links, schemes, [], form, postings)
    bootstrap.reset()


@pytest.fixture(scope="module")
def api(world: World) -> Any:
    from app import app

    return schemathesis.openapi.from_wsgi("/v1/openapi.json", ChaliceWSGI(app), config=CONFIG)


schema = schemathesis.pytest.from_fixture("api")


@schema.parametrize()
@schema.given(data=st.data())
def test_every_operation_answers_within_its_schema_and_never_5xx(case: Any, data: Any, world: World) -> None:
    method, path = case.operation.method.upper(), case.operation.path
    params = case.path_parameters or {}
    # Half the cases name a complaint that exists, and half the filings a real place, so
    # that the use cases behind the checks run too, not only the validation in front.
    # (Hypothesis leans to the first of several choices: that is the one that goes deeper.)
    if "reference" in params and data.draw(st.sampled_from([True, False]), label="known reference"):
        params["reference"] = data.draw(st.sampled_from(world.references), label="reference")
    if "year" in params and method == "PUT":
        params["year"] = CALENDAR_YEAR
    if "scheme_id" in params and data.draw(st.sampled_from([True, False]), label="known scheme"):
        params["scheme_id"] = world.schemes[0]
    if (method, path) == ("POST", "/v1/schemes") and isinstance(case.body, dict):
        if data.draw(st.sampled_from([True, False]), label="own department"):
            case.body["department"] = DEPARTMENT
    if "posting_id" in params and data.draw(st.sampled_from([True, False]), label="known posting"):
        params["posting_id"] = data.draw(st.sampled_from(world.postings), label="posting")
    if "post_id" in params and data.draw(st.sampled_from([True, False]), label="known post"):
        params["post_id"] = data.draw(st.sampled_from([f"LABOUR:L2:{DISTRICT}", "LABOUR:L2:SEHORE"]), label="post")
    if (method, path) == ("POST", "/v1/complaints") and isinstance(case.body, dict):
        if data.draw(st.sampled_from([True, False]), label="real place"):
            case.body.update({k: FILING[k] for k in ("department", "district", "block")})
    if (method, path) == ("POST", "/v1/exclusions") and isinstance(case.body, dict):
        if data.draw(st.sampled_from([True, False]), label="own department"):
            case.body["department"] = DEPARTMENT
    who = _who(method, path)
    if who is not None and data.draw(st.sampled_from([True, True, True, False]), label="credentials"):
        token = world.tokens[who]
        if who == "officer" and "reference" in params and params["reference"] in world.links:
            token = data.draw(st.sampled_from([token, world.links[params["reference"]]]), label="link or login")
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}
    # A page's form, mostly posted as the browser posts it from the page (else refused at the edge).
    if case.media_type == "application/x-www-form-urlencoded" and isinstance(case.body, dict):
        if data.draw(st.sampled_from([True, True, True, False]), label="from the page"):
            jar, csrf = world.form
            name, value = jar.split("=", 1)
            case.headers = {**(case.headers or {}), "Origin": origin()}
            case.cookies = {**(case.cookies or {}), name: value}
            case.body = {**case.body, "csrf": csrf}
    response = case.call_and_validate(checks=CHECKS)
    world.sent.append((f"{method} {path}", response.status_code))


def test_the_run_reached_every_operation_and_the_use_cases_behind_them(world: World, api: Any) -> None:
    """The generated requests were many, spread over every operation, and not all refused at
    the door: the checks above saw the use cases answer too."""
    from collections import Counter

    operations = {f"{op.method.upper()} {op.path}" for op in (r.ok() for r in api.get_all_operations())}
    # The emulated telephone's calls need a call to exist first; test_phone_lines drives them.
    operations = {op for op in operations if "/dev/phone/calls" not in op}
    calls = Counter(op for op, _ in world.sent if "/dev/phone/calls" not in op)
    assert len(world.sent) >= 200 and set(calls) == operations
    succeeded = {op for op, status in world.sent if status < 300}
    for op in ("POST /v1/complaints", "GET /v1/complaints/{reference}", "POST /v1/complaints/{reference}/actions"):
        assert op in succeeded, op
    # the pages' forms were not all refused at the edge: the use cases behind them answered too
    for op in ("POST /o/{token}", "POST /dev/phone/keypad", "POST /dev/phone/keypad/{call}"):
        assert {status for sent, status in world.sent if sent == op} - {403}, op
