"""The call-centre console on a stage with Amazon Connect: the instance's Contact Control Panel
embedded with amazon-connect-streams (installed from npm by make, served by the app, not a
CDN), and an officer's update recorded from what Connect says the call carries — never from
what the form says."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from chalicelib import bootstrap
from chalicelib.adapters.voice import ConnectContacts
from chalicelib.settings import get_settings
from tests.integration.escalation_support import staff_chain
from tests.integration.helpers import FORM, body, citizen_token, post, send, stored, text
from tests.integration.test_phone_lines import CHAIN, console_login

CCP = "https://mp-cmh181.my.connect.aws/ccp-v2/"
INSTANCE = "11111111-2222-3333-4444-555555555555"
CONTACT = "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"


@pytest.fixture
def ccp(aws: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Iterator[Stubber]:
    """A console with the CCP configured; Connect's contact API checked against its model."""
    monkeypatch.setenv("CONNECT_CCP_URL", CCP)
    monkeypatch.setenv("CONNECT_INSTANCE_ID", INSTANCE)
    get_settings.cache_clear()
    connect = boto3.client("connect", region_name="ap-south-1")
    with Stubber(connect) as stub:
        bootstrap.override(contacts=ConnectContacts(connect, get_settings()))
        yield stub
    get_settings.cache_clear()


def test_the_console_embeds_its_instances_ccp_and_may_frame_only_that(app_client: Any, ccp: Stubber, aws: Any) -> None:
    jar = console_login(app_client, aws, "cce-ccp")
    resp = app_client.http.get("/cce?lang=en", headers={"Cookie": jar})
    page = text(resp)
    assert resp.status_code == 200
    assert f'data-ccp-url="{CCP}"' in page and 'id="ccp"' in page
    assert '<script src="/cce/assets/connect-streams-min.js"></script>' in page
    assert '<script src="/cce/assets/softphone.js"></script>' in page
    assert '"line_officers": "Officers\\u0027 line 1800-2330-183"' in page  # the screen pop's words
    policy = resp.headers["Content-Security-Policy"]
    assert policy.endswith("; frame-src https://mp-cmh181.my.connect.aws") and "frame-ancestors 'none'" in policy
    assert 'id="waiting"' not in page and 'id="waiting-none"' not in page  # no emulated calls here


def test_without_a_ccp_the_console_has_no_scripts(app_client: Any, aws: Any) -> None:
    jar = console_login(app_client, aws, "cce-ccp")
    resp = app_client.http.get("/cce", headers={"Cookie": jar})
    assert "<script" not in text(resp) and "frame-src" not in resp.headers["Content-Security-Policy"]


def test_the_streams_library_is_the_npm_package_served_by_the_app(app_client: Any) -> None:
    lib = app_client.http.get("/cce/assets/connect-streams-min.js")
    assert lib.status_code == 200, "run `make` (it copies the library from console/node_modules)"
    assert lib.headers["Content-Type"].startswith("text/javascript")
    assert b"initCCP" in lib.body and len(lib.body) > 100_000
    own = app_client.http.get("/cce/assets/softphone.js")
    assert own.status_code == 200 and b"connect.core.initCCP" in own.body
    for name in ("app.py", "..%2Fconsole.py", "connect-streams.js", "softphone.css"):
        assert app_client.http.get(f"/cce/assets/{name}").status_code == 404, name


def _complaint(client: Any, mobile: str) -> str:
    resp = post(client, "/v1/complaints", FORM, citizen_token(client, mobile))
    assert resp.status_code == 201, resp.body
    return str(body(resp)["reference"])


def test_an_officers_update_is_recorded_for_the_officer_and_complaint_connect_says(
    app_client: Any, ccp: Stubber, aws: Any, mobile: str, clock: Any
) -> None:
    staff_chain(bootstrap.get_directory(), CHAIN, "ccp")
    ref = _complaint(app_client, mobile)
    other = _complaint(app_client, mobile)
    jar = console_login(app_client, aws, "cce-ccp")
    ccp.add_response(
        "get_contact_attributes",
        {"Attributes": {"line": "officers", "officer_id": "test-ccp-0", "reference": ref, "lapsed": "false"}},
        {"InstanceId": INSTANCE, "InitialContactId": CONTACT},
    )
    # the form names another complaint and officer: only the contact id is taken from it
    form = {"call": CONTACT, "action": "interim", "remarks": "जाँच जारी है", "lang": "hi"}
    forged = form | {"reference": other, "officer_id": "test-ccp-1"}
    done = send(app_client, "/cce/calls/record", forged, jar)
    assert done.status_code == 303 and "recorded=1" in done.headers["Location"], text(done)
    ccp.assert_no_pending_responses()
    last = bootstrap.get_complaints().history(ref)[-1]
    assert (last.event, last.actor) == ("interim", "staff:test-ccp-0")
    assert (last.details["recorded_by"], last.details["contact"]) == ("staff:cce-ccp", CONTACT)
    assert bootstrap.get_complaints().history(other)[-1].event != "interim"
    assert stored(other).status == "open"


def test_a_contact_connect_does_not_know_records_nothing(
    app_client: Any, ccp: Stubber, aws: Any, mobile: str, clock: Any
) -> None:
    staff_chain(bootstrap.get_directory(), CHAIN, "ccp")
    ref = _complaint(app_client, mobile)
    jar = console_login(app_client, aws, "cce-ccp")
    ccp.add_client_error("get_contact_attributes", "ResourceNotFoundException", http_status_code=404)
    form = {"call": CONTACT, "action": "resolve", "remarks": "नकल दे दी", "lang": "en", "reference": ref}
    refused = send(app_client, "/cce/calls/record", form, jar)
    assert refused.status_code == 404 and "call not found" in text(refused)
    assert send(app_client, "/cce/calls/record", form | {"call": "not-a-contact"}, jar).status_code == 404
    assert stored(ref).status == "open"
