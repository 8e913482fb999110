"""Forms proven to come from this site's pages (chalicelib/api/edge.py) through
chalice.test.Client: a POST from another origin, without the token, or with another
browser's token is a 403 page in Hindi and English and changes nothing; every POST form
of every page carries the token; the headers of a page and of a JSON answer with personal
data."""

from __future__ import annotations

import re
from typing import Any

import pytest

from chalicelib import bootstrap
from tests.integration.escalation_support import staff_chain
from tests.integration.helpers import (
    FORM,
    body,
    citizen_token,
    csrf_of,
    form_session,
    get,
    origin,
    phone,
    post,
    send,
    staff_user,
    text,
)

CHAIN = ["REVENUE:L1:SEHORE-BUDHNI", "REVENUE:L2:SEHORE", "REVENUE:L3:BHOPAL", "REVENUE:L4:STATE"]
PASSWORD = "Forms@181Password"
EVIL = "https://cmhelpline.example.net"
REFUSED_HI = "यह फ़ॉर्म स्वीकार नहीं हुआ, कुछ भी नहीं बदला गया।"
REFUSED_EN = "This form was not accepted and nothing was changed."


def refused(resp: Any) -> bool:
    page = text(resp)
    return resp.status_code == 403 and REFUSED_HI in page and REFUSED_EN in page


def login(client: Any, aws: dict[str, str], user: str, group: str, path: str) -> str:
    staff_user(aws["USER_POOL_ID"], user, (group,), PASSWORD)
    resp = send(client, path, {"username": user, "password": PASSWORD, "lang": "hi"})
    assert resp.status_code == 303, text(resp)
    return str(resp.headers["Set-Cookie"].split(";")[0])


@pytest.fixture
def filed(app_client: Any, clock: Any, mobile: str, pump: Any) -> dict[str, Any]:
    """A complaint at L1 with officers on its chain."""
    staff_chain(bootstrap.get_directory(), CHAIN, mobile[-6:])
    ref = body(post(app_client, "/v1/complaints", FORM, citizen_token(app_client, mobile)))["reference"]
    pump.drain()
    return {"ref": ref, "tag": mobile[-6:], "mobile": mobile}


def history(ref: str) -> list[str]:
    return [e.event for e in bootstrap.get_complaints().history(ref)]


def test_a_cross_origin_post_to_an_officers_complaint_page_is_refused_and_changes_nothing(
    app_client: Any, filed: dict[str, Any], aws: dict[str, str]
) -> None:
    ref = filed["ref"]
    cookie = login(app_client, aws, f"test-{filed['tag']}-0", "officer", "/officer/login")
    page = text(app_client.http.get(f"/officer/c/{ref}", headers={"Cookie": cookie}))
    version = re.search(r'name="version" value="(\d+)"', page).group(1)  # type: ignore[union-attr]
    note = {"action": "interim", "remarks": "पटवारी से रिपोर्ट मंगाई", "version": version, "lang": "hi"}
    before = (bootstrap.get_complaints().get(ref), history(ref))

    # the login cookie and a valid token, but the form was on another site's page
    assert refused(send(app_client, f"/officer/c/{ref}", note, cookie, Origin=EVIL))
    # a browser that sends no Origin says where it came from in Referer
    no_origin = send(app_client, f"/officer/c/{ref}", note, cookie, Origin=None, Referer=f"{EVIL}/page")
    assert no_origin.status_code == 403
    assert refused(send(app_client, f"/officer/c/{ref}", note, cookie, Origin="null"))
    assert (bootstrap.get_complaints().get(ref), history(ref)) == before

    done = send(app_client, f"/officer/c/{ref}", note, cookie)  # the same form from this site
    assert done.status_code == 200 and history(ref)[-1] == "interim"


def test_a_cross_origin_post_to_the_console_files_nothing(
    app_client: Any, aws: dict[str, str], clock: Any, mobile: str, pump: Any
) -> None:
    cookie = login(app_client, aws, "cce-forms", "cce", "/cce/login")
    console = text(app_client.http.get("/cce", headers={"Cookie": cookie}))
    idem = re.search(r'name="idem" value="([^"]*)"', console).group(1)  # type: ignore[union-attr]
    data = {**FORM, "mobile": mobile[3:], "lang": "en", "idem": idem, "step": "submit"}

    resp = send(app_client, "/cce/file", data, cookie, Origin=EVIL)
    assert refused(resp) and '<html lang="en">' in text(resp)
    pump.drain()
    assert phone(app_client, mobile) == []  # no complaint, so no registration SMS

    filed = send(app_client, "/cce/file", data, cookie)
    assert filed.status_code == 303 and "ref=" in filed.headers["Location"]
    pump.drain()
    assert len(phone(app_client, mobile)) == 1  # what the refused POST would have caused


def test_a_post_without_the_token_or_with_another_sessions_token_is_refused(app_client: Any, mobile: str) -> None:
    step = {"agree": "yes", "category": "complaint", "mobile": mobile[3:], "lang": "hi"}
    mine, other = form_session(app_client), form_session(app_client)
    assert mine[0] != other[0] and mine[1] != other[1]  # each browser its own session and token

    form = {"Content-Type": "application/x-www-form-urlencoded", "Origin": origin()}
    no_token = app_client.http.post(
        "/file/otp", body="agree=yes&mobile=" + mobile[3:], headers={**form, "Cookie": mine[0]}
    )
    assert refused(no_token)
    assert refused(send(app_client, "/file/otp", {**step, "csrf": other[1]}))  # another browser's
    assert refused(send(app_client, "/file/otp", {**step, "csrf": "x" * 22}))
    no_cookie = app_client.http.post("/file/otp", body=f"csrf={mine[1]}&agree=yes", headers=form)
    assert refused(no_cookie)
    neither = send(app_client, "/file/otp", step, Origin=None)
    assert neither.status_code == 403  # no Origin and no Referer: not a browser's form
    as_text = send(app_client, "/file/otp", step, **{"Content-Type": "text/plain"})
    assert as_text.status_code == 403  # what another site can post unasked is checked too
    assert phone(app_client, mobile) == []

    sent = send(app_client, "/file/otp", step, Origin=None, Referer=f"{origin()}/")
    assert sent.status_code == 200 and len(phone(app_client, mobile)) == 1


def test_every_post_form_of_the_pages_carries_the_token_of_the_browsers_session(
    app_client: Any, aws: dict[str, str], mobile: str
) -> None:
    cce = login(app_client, aws, "cce-forms", "cce", "/cce/login")
    jar, token = form_session(app_client)
    otp = send(app_client, "/file/otp", {"agree": "yes", "category": "complaint", "mobile": mobile, "lang": "hi"})
    pages = [text(otp)]
    for path, cookie in (("/", ""), ("/officer", ""), ("/monitor", ""), ("/cce", cce), ("/dev/phone/keypad", "")):
        resp = app_client.http.get(path, headers={"Cookie": f"{jar}; {cookie}"})
        assert resp.status_code == 200 and "Set-Cookie" not in resp.headers, path  # the session is kept
        pages.append(text(resp))
        assert csrf_of(pages[-1]) == token, path
    signed = r'<form[^>]*method="post"[^>]*>(<input type="hidden" name="csrf" value="[^"]+">)?'
    forms = [tag for page in pages for tag in re.findall(signed, page)]
    assert len(forms) >= 8 and all(forms), "a POST form without its token"
    assert "csrf" not in text(app_client.http.get("/track?lang=en"))  # a GET form carries none


def test_a_page_and_a_json_answer_with_personal_data_are_never_stored_nor_sniffed(
    app_client: Any, filed: dict[str, Any]
) -> None:
    token = citizen_token(app_client, filed["mobile"])
    resp = get(app_client, f"/v1/complaints/{filed['ref']}", token)
    assert resp.status_code == 200 and body(resp)["name"] == FORM["name"]
    h = resp.headers
    assert h["Cache-Control"] == "no-store" and h["X-Content-Type-Options"] == "nosniff"
    assert h["Content-Type"] == "application/json" and "Strict-Transport-Security" not in h

    page = app_client.http.get(f"/track?ref={filed['ref']}")
    h = page.headers
    assert h["Cache-Control"] == "no-store" and h["X-Content-Type-Options"] == "nosniff"
    assert h["Referrer-Policy"] == "strict-origin" and h["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in h["Content-Security-Policy"] and "Strict-Transport-Security" not in h
    refusal = send(app_client, "/cce/file", {"lang": "hi"}, Origin=EVIL)
    assert refusal.headers["Cache-Control"] == "no-store" and refusal.headers["X-Frame-Options"] == "DENY"
