"""Calling 181 on the local stack over HTTP, as a newcomer does with curl: the deployable
contact flow run by the stack's flow runner, status by reference, and a call that waits in
the executives' queue until an executive takes it in the console."""

from __future__ import annotations

import http.client
import re
import urllib.parse
from typing import Any

import pytest

from tests.e2e.conftest import Stack

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("stack")]

FORM = {
    "category": "complaint",
    "department": "REVENUE",
    "district": "SEHORE",
    "block": "SEHORE-BUDHNI",
    "name": "राधा बाई",
    "subject": "राशन नहीं मिला",
    "description": "दो महीने से राशन दुकान से अनाज नहीं मिला।",
}
PASSWORD = "Demo@181local"


def _request(stack: Stack, method: str, path: str, body: str | None, headers: dict[str, str]) -> tuple[int, Any, str]:
    host = urllib.parse.urlparse(stack.base)
    conn = http.client.HTTPConnection(host.hostname or "127.0.0.1", host.port, timeout=30)
    conn.request(method, path, body, headers)
    resp = conn.getresponse()
    out = resp.status, resp.headers, resp.read().decode()
    conn.close()
    return out


def _session(stack: Stack) -> str:
    """What a browser holds once it opened the console: the form-session cookie, and the
    token its forms carry (read from the page), as `cookie|token`."""
    _, headers, page = _request(stack, "GET", "/cce", None, {"Accept": "text/html"})
    cookie = headers["Set-Cookie"].split(";")[0]
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    return f"{cookie}|{token}"


def _form(stack: Stack, session: str, path: str, data: dict[str, str], cookie: str = "") -> tuple[int, Any, str]:
    """A form POSTed as a browser posts it (from the site's origin, with the form session's
    token); redirects are not followed (the cookie is read)."""
    jar, token = session.split("|")
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Origin": stack.base,
        "Cookie": "; ".join(c for c in (jar, cookie) if c),
    }
    return _request(stack, "POST", path, urllib.parse.urlencode({"csrf": token, **data}), headers)


def _page(stack: Stack, path: str, cookie: str) -> str:
    return _request(stack, "GET", path, None, {"Cookie": cookie, "Accept": "text/html"})[2]


def _file(stack: Stack, mobile: str) -> str:
    assert stack.call("POST", "/v1/otp", {"mobile": mobile})[0] == 202
    code = re.search(r"OTP (?:is )?(\d{6})", stack.phone(mobile)[0]["text"]).group(1)  # type: ignore[union-attr]
    status, out = stack.call("POST", "/v1/otp/verify", {"mobile": mobile, "otp": code})
    assert status == 200, out
    status, out = stack.call("POST", "/v1/complaints", FORM, out["token"])
    assert status == 201, out
    return str(out["reference"])


def _keys(stack: Stack, call: str, digits: str) -> dict[str, Any]:
    status, out = stack.call("POST", f"/dev/phone/calls/{call}/digits", {"digits": digits})
    assert status == 200, out
    return dict(out)


def test_status_by_reference_over_http_then_an_executive_takes_a_queued_call(stack: Stack) -> None:
    ref = _file(stack, "+919900000181")
    status, call = stack.call("POST", "/dev/phone/calls", {"from": "+919900000182", "to": "181"})
    assert status == 201 and call["state"] == "in_flow" and "For English, press 2." in " ".join(call["say"])
    _keys(stack, call["call"], "2")
    _keys(stack, call["call"], "1")
    said = _keys(stack, call["call"], ref + "#")
    assert f"Complaint number {' '.join(ref)}" in " ".join(said["say"]) and "Revenue Department" in " ".join(
        said["say"]
    )
    assert FORM["subject"] not in " ".join(said["say"])  # not the complainant's number
    assert "For the status of a complaint, press 1" in " ".join(_keys(stack, call["call"], "0")["say"])
    queued = _keys(stack, call["call"], "2")
    assert (queued["state"], queued["queue"]) == ("queued", "CMH181 executives")

    session = _session(stack)
    status, headers, _ = _form(stack, session, "/cce/login", {"username": "cce1", "password": PASSWORD, "lang": "en"})
    assert status == 303
    cookie = headers["Set-Cookie"].split(";")[0]
    assert f'value="{call["call"]}"' in _page(stack, "/cce?lang=en", cookie)
    status, _, _ = _form(stack, session, "/cce/calls/take", {"call": call["call"], "lang": "en"}, cookie)
    assert status == 303
    page = _page(stack, "/cce?lang=en", cookie)
    pop = page[page.index('id="screenpop"') : page.index("</dl>")]
    assert "+919900000182" in pop and "English" in pop and "Register a complaint" in pop
    status, record = stack.call("GET", f"/dev/phone/calls/{call['call']}")
    assert status == 200 and record["state"] == "with_agent" and record["agent"] == "cce1"
    kinds = [e["kind"] for e in record["events"]]
    assert {"prompt", "keys", "lambda", "transfer", "answered"} <= set(kinds)
    assert kinds.index("transfer") < kinds.index("answered")
