"""Request schemas over the API and the pages: bodies, query strings and cursors that once
got a 500 or were stored as sent are refused with a clear 400, in Hindi and English, and
what was stored before the schemas never breaks a page."""

from __future__ import annotations

import base64
import json
from dataclasses import replace
from typing import Any

import pytest

from chalicelib import bootstrap
from chalicelib.domain import cursors
from chalicelib.domain.directory import Officer, Posting
from chalicelib.domain.history import INTERIM, Entry
from tests.integration.escalation_support import staff_chain
from tests.integration.helpers import (
    FORM,
    body,
    citizen_token,
    get,
    officer_link,
    phone,
    post,
    send,
    staff_token,
    stored,
    text,
)

CHAIN = ["REVENUE:L1:SEHORE-BUDHNI", "REVENUE:L2:SEHORE", "REVENUE:L3:BHOPAL", "REVENUE:L4:STATE"]
RESOLVE = {"action": "resolve", "remarks": "खसरा नकल दे दी गई", "rule_reference": "MPLRC धारा 114"}
DEVANAGARI = str.maketrans("0123456789", "०१२३४५६७८९")


@pytest.fixture
def filed(app_client: Any, clock: Any, mobile: str) -> dict[str, Any]:
    """A complaint at L1 with officers on its chain, its link, and the L1 officer's login."""
    tag = mobile[-6:]
    staff_chain(bootstrap.get_directory(), CHAIN, tag)
    citizen = citizen_token(app_client, mobile)
    ref = body(post(app_client, "/v1/complaints", FORM, citizen))["reference"]
    link = officer_link(ref)
    return {"ref": ref, "citizen": citizen, "link": link, "officer": f"test-{tag}-0", "mobile": mobile}


def _fields(resp: Any) -> dict[str, dict[str, str]]:
    assert resp.status_code == 400, resp.body
    out = body(resp)
    assert out["Message"].startswith("Invalid input") and out["message_hi"].startswith("जानकारी सही नहीं")
    return out["fields"]  # type: ignore[no-any-return]


def _events(ref: str) -> list[str]:
    return [e.event for e in bootstrap.get_complaints().history(ref)]


# ---- actions ---------------------------------------------------------------------------


def test_an_action_with_a_list_as_letter_no_is_400_and_changes_nothing(app_client: Any, filed: dict[str, Any]) -> None:
    before = stored(filed["ref"]).version
    bad = {**RESOLVE, "letter_no": ["12/2026", "13/2026"], "letter_date": "2026-11-24"}
    fields = _fields(post(app_client, f"/v1/complaints/{filed['ref']}/actions", bad, filed["link"]))
    assert fields == {"letter_no": {"hi": "टेक्स्ट होना चाहिए", "en": "must be text"}}
    assert stored(filed["ref"]).version == before and _events(filed["ref"]) == ["registered"]
    assert app_client.http.get(f"/o/{filed['link']}").status_code == 200


def test_a_450_kb_letter_no_is_400_not_500(app_client: Any, filed: dict[str, Any]) -> None:
    bad = {**RESOLVE, "letter_no": "1" * 450_000, "letter_date": "2026-11-24"}
    resp = post(app_client, f"/v1/complaints/{filed['ref']}/actions", bad, filed["link"])
    assert _fields(resp) == {"letter_no": {"hi": "अधिकतम 100 अक्षर", "en": "at most 100 characters"}}
    assert len(resp.body) < 2_000 and _events(filed["ref"]) == ["registered"]


def test_a_100k_character_rule_reference_is_refused_and_not_stored(app_client: Any, filed: dict[str, Any]) -> None:
    bad = {**RESOLVE, "rule_reference": "धारा " * 20_000}
    fields = _fields(post(app_client, f"/v1/complaints/{filed['ref']}/actions", bad, filed["link"]))
    assert fields["rule_reference"]["en"] == "at most 500 characters"
    assert stored(filed["ref"]).status == "open" and _events(filed["ref"]) == ["registered"]
    fine = {**RESOLVE, "rule_reference": "धारा 114 " * 50}  # 450 characters
    assert post(app_client, f"/v1/complaints/{filed['ref']}/actions", fine, filed["link"]).status_code == 200


def test_a_letter_date_that_does_not_exist_is_refused(app_client: Any, filed: dict[str, Any]) -> None:
    for day in ("2026-13-45", "2026-02-30", "२०२६-११-२४", "2026-11-24\n"):
        bad = {**RESOLVE, "letter_no": "12/2026", "letter_date": day}
        fields = _fields(post(app_client, f"/v1/complaints/{filed['ref']}/actions", bad, filed["link"]))
        assert fields == {"letter_date": {"hi": "दिनांक YYYY-MM-DD", "en": "a date YYYY-MM-DD"}}, day
    assert _events(filed["ref"]) == ["registered"]


def test_pages_render_history_stored_before_the_schemas_a_list_a_bad_date_and_a_100k_rule(
    app_client: Any, aws: dict[str, str], filed: dict[str, Any]
) -> None:
    """Entries stored as sent before the schemas existed: the link page and the desk show them
    as short text instead of answering 500."""
    complaints, ref = bootstrap.get_complaints(), filed["ref"]
    c = stored(ref)
    details = {
        "remarks": {"nested": ["टिप्पणी"]},
        "letter_no": ["12/2026", "13/2026"],
        "letter_date": "2026-13-45",
        "rule_reference": "नियम " * 20_000,
        "to_department": ["ENERGY"],
    }
    after = replace(c, version=c.version + 1, extra={**c.extra, "address": 5})
    entry = Entry(after.version, c.registered_at, INTERIM, c.level, c.post_id, c.assignment_id, "officer", details)
    complaints.update(c, after, entry)

    link_page = app_client.http.get(f"/o/{filed['link']}")
    from tests.integration.helpers import staff_user

    staff_user(aws["USER_POOL_ID"], filed["officer"], ("officer",))
    login = send(app_client, "/officer/login", {"username": filed["officer"], "password": "Staff@181Password"})
    assert login.status_code == 303, text(login)
    cookie = login.headers["Set-Cookie"].split(";")[0]
    desk_page = app_client.http.get(f"/officer/c/{ref}", headers={"Cookie": cookie})
    for resp in (link_page, desk_page):
        page = text(resp)
        assert resp.status_code == 200, page[:500]
        assert "[&#34;12/2026&#34;, &#34;13/2026&#34;] / 45-13-2026" in page and "टिप्पणी" in page
        assert "→ [&#34;ENERGY&#34;]" in page and "नियम नियम" in page and "…" in page
        assert len(resp.body) < 100_000
    view = get(app_client, f"/v1/complaints/{ref}", filed["citizen"])
    assert view.status_code == 200 and body(view)["history"][-1]["letter_no"] == ["12/2026", "13/2026"]


# ---- filing ----------------------------------------------------------------------------


def test_a_number_as_address_is_refused_and_files_nothing(app_client: Any, clock: Any, mobile: str) -> None:
    token = citizen_token(app_client, mobile)
    key = {"Idempotency-Key": f"address-{mobile}"}
    fields = _fields(post(app_client, "/v1/complaints", {**FORM, "address": 5}, token, **key))
    assert fields == {"address": {"hi": "टेक्स्ट होना चाहिए", "en": "must be text"}}
    # Nothing was stored under the key: the same key files afresh, not as a replay.
    again = post(app_client, "/v1/complaints", {**FORM, "address": "ग्राम बुधनी"}, token, **key)
    assert again.status_code == 201 and "Idempotent-Replayed" not in again.headers
    assert stored(body(again)["reference"]).extra == {"address": "ग्राम बुधनी"}


def test_fifty_thousand_unknown_fields_give_a_small_error_body(app_client: Any, clock: Any, mobile: str) -> None:
    token = citizen_token(app_client, mobile)
    flood = {**FORM, **{f"field_{i}": i for i in range(50_000)}}
    resp = post(app_client, "/v1/complaints", flood, token)
    fields = _fields(resp)
    assert len(resp.body) < 5_000, len(resp.body)
    assert len(fields) == 30 and fields["field_0"] == {"hi": "अज्ञात फ़ील्ड", "en": "unknown field"}
    assert body(resp)["Message"].endswith(" …")


def test_texts_over_their_maximum_are_named_with_the_maximum(app_client: Any, clock: Any, mobile: str) -> None:
    token = citizen_token(app_client, mobile)
    long = {**FORM, "name": "न" * 101, "subject": "स" * 201, "description": "व" * 4001, "address": "प" * 301}
    fields = _fields(post(app_client, "/v1/complaints", long, token))
    assert {k: v["en"] for k, v in fields.items()} == {
        "name": "at most 100 characters",
        "subject": "at most 200 characters",
        "description": "at most 4000 characters",
        "address": "at most 300 characters",
    }
    assert fields["name"]["hi"] == "अधिकतम 100 अक्षर"


# ---- bodies that are not objects --------------------------------------------------------


@pytest.fixture
def logins(app_client: Any, aws: dict[str, str], clock: Any, mobile: str) -> dict[str, str]:
    pool = aws["USER_POOL_ID"]
    d = bootstrap.get_directory()
    d.put_officers([Officer("monitor.schemas", "निगरानी", "test", "+917700181183")])
    d.put_postings([Posting("COLLECTOR:L2:SEHORE", "monitor.schemas", "additional", "2026-11-01T00:00:00+00:00")])
    citizen = citizen_token(app_client, mobile)
    return {
        "citizen": citizen,
        "ref": body(post(app_client, "/v1/complaints", FORM, citizen))["reference"],
        "cce": staff_token(app_client, pool, "cce.schemas", ("cce",)),
        "admin": staff_token(app_client, pool, "admin.schemas", ("admin",)),
        "monitor": staff_token(app_client, pool, "monitor.schemas", ("monitor",)),
    }


JSON_ROUTES = {
    ("POST", "/v1/otp"): None,
    ("POST", "/v1/otp/verify"): None,
    ("POST", "/v1/auth/login"): None,
    ("POST", "/v1/complaints"): "citizen",
    ("POST", "/v1/complaints/{reference}/reminders"): "citizen",
    ("POST", "/v1/complaints/{reference}/feedback"): "citizen",
    ("POST", "/v1/complaints/{reference}/actions"): "cce",
    ("POST", "/v1/complaints/{reference}/satisfaction"): "cce",
    ("POST", "/v1/calls"): "cce",
    ("POST", "/v1/monitoring/feedback-calls/{reference}"): "monitor",
    ("PUT", "/v1/admin/calendar/{year}"): "admin",
    ("POST", "/v1/exclusions"): "admin",
    ("POST", "/v1/exclusions/{exclusion_id}/decision"): "admin",
    ("POST", "/v1/exclusions/{exclusion_id}/lift"): "admin",
    ("POST", "/dev/phone/whatsapp"): None,
    ("PUT", "/dev/faults"): None,
    ("POST", "/v1/schemes"): "admin",
    ("PUT", "/v1/schemes/{scheme_id}"): "admin",
    ("POST", "/v1/schemes/{scheme_id}/end"): "admin",
    ("POST", "/v1/auth/password"): None,
    ("POST", "/v1/directory/posts/{post_id}/postings"): "admin",
    ("POST", "/v1/directory/postings/{posting_id}/end"): "admin",
}


def test_a_body_that_is_not_an_object_is_400_on_every_json_route(app_client: Any, logins: dict[str, str]) -> None:
    from app import app
    from chalicelib.api.openapi import document

    taking_json = {
        (m.upper(), p)
        for p, ops in document(app)["paths"].items()
        for m, op in ops.items()
        if "application/json" in op.get("requestBody", {}).get("content", {})
    }
    assert taking_json == set(JSON_ROUTES)
    for (method, path), who in JSON_ROUTES.items():
        url = path.replace("{reference}", logins["ref"]).replace("{year}", "2099")
        url = url.replace("{exclusion_id}", "EX-20261123-0000")
        url = url.replace("{scheme_id}", "revenue-no-such-scheme")
        url = url.replace("{post_id}", "REVENUE:L2:SEHORE").replace("{posting_id}", "bm90LWEtcG9zdGluZw")
        headers = {"Content-Type": "application/json"}
        if who:
            headers["Authorization"] = f"Bearer {logins[who]}"
        for raw in ('"x"', "[]", "5", "{"):
            resp = app_client.http.request(method, url, body=raw, headers=headers)
            fields = _fields(resp)
            assert list(fields) == ["body"], (method, path, raw, fields)
            expected = "invalid JSON" if raw == "{" else "JSON object expected"
            assert fields["body"]["en"] == expected, (method, path, raw)


# ---- cursors ---------------------------------------------------------------------------


def _forged(state: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(state).encode()).decode()


def test_a_forged_inbox_cursor_is_400_not_500(app_client: Any, aws: dict[str, str], filed: dict[str, Any]) -> None:
    token = staff_token(app_client, aws["USER_POOL_ID"], filed["officer"], ("officer",))
    assert get(app_client, "/v1/officer/inbox", token).status_code == 200
    plausible = {CHAIN[0]: {"pk": {"S": "C#0000000000"}, "sk": {"S": "META"}}}
    secret = bootstrap.signing_keys()
    for cursor in (
        _forged(plausible),  # the old, unsealed form
        _forged({CHAIN[0]: {"pk": {"N": "x"}}}),
        cursors.seal(plausible, "inbox|someone.else", secret),  # another officer's
        (cursors.seal(plausible, f"inbox|{filed['officer']}", secret) or "")[:-2] + "AA",  # altered
        "!!!",
        "A" * 5000,
    ):
        resp = get(app_client, f"/v1/officer/inbox?cursor={cursor}", token)
        assert _fields(resp) == {"cursor": {"hi": "पृष्ठ संकेतक सही नहीं", "en": "invalid page cursor"}}, cursor
    cookie = _desk_cookie(app_client, aws, filed["officer"])
    page = app_client.http.get(f"/officer?cursor={_forged(plausible)}", headers={"Cookie": cookie})
    assert page.status_code == 400 and "पृष्ठ संकेतक सही नहीं" in text(page)


def _desk_cookie(app_client: Any, aws: dict[str, str], user: str) -> str:
    from tests.integration.helpers import staff_user

    staff_user(aws["USER_POOL_ID"], user, ("officer",))
    resp = send(app_client, "/officer/login", {"username": user, "password": "Staff@181Password"})
    assert resp.status_code == 303, text(resp)
    return str(resp.headers["Set-Cookie"].split(";")[0])


def test_a_forged_list_cursor_is_400_not_500(app_client: Any, logins: dict[str, str]) -> None:
    token = logins["monitor"]
    assert get(app_client, "/v1/lists/district/SEHORE", token).status_code == 200
    plausible = {"pk": {"S": "C#0000000000"}, "sk": {"S": "META"}, "district": {"S": "SEHORE"}}
    secret = bootstrap.signing_keys()
    for cursor in (
        _forged(plausible),
        _forged({"pk": {"S": "x"}}),
        cursors.seal(plausible, "list|district|SEHORE|demand", secret),  # another list's
        cursors.seal(plausible, "list|district|RAISEN|complaint", secret),
    ):
        resp = get(app_client, f"/v1/lists/district/SEHORE?kind=complaint&cursor={cursor}", token)
        assert _fields(resp) == {"cursor": {"hi": "पृष्ठ संकेतक सही नहीं", "en": "invalid page cursor"}}, cursor


def test_unknown_or_bad_query_parameters_are_400(app_client: Any, logins: dict[str, str]) -> None:
    token = logins["monitor"]
    cases = {
        "/v1/lists/district/SEHORE?kind=letters": "kind",
        "/v1/lists/district/SEHORE?page=2": "page",
        "/v1/monitoring/district/SEHORE?month=2026-13": "month",
        "/v1/monitoring/district/SEHORE?month=२०२६-११": "month",
        "/v1/monitoring/district/SEHORE?format=xls": "format",
        "/v1/monitoring/feedback-calls?date=2026-02-30": "date",
    }
    for path, field in cases.items():
        assert list(_fields(get(app_client, path, token))) == [field], path
    assert get(app_client, "/v1/monitoring/district/SEHORE?month=2026-11&format=csv", token).status_code == 200


# ---- mobiles ---------------------------------------------------------------------------


def test_a_mobile_with_a_trailing_newline_gets_no_otp_and_no_filing(
    app_client: Any, aws: dict[str, str], clock: Any, mobile: str
) -> None:
    for bad in (mobile + "\n", mobile + " ", " " + mobile, mobile.replace("+91", "+91 ")):
        fields = _fields(post(app_client, "/v1/otp", {"mobile": bad}))
        assert fields == {"mobile": {"hi": "+91 से शुरू 10 अंकों का मोबाइल नंबर", "en": "a +91 Indian mobile number"}}
    assert phone(app_client, mobile) == []
    cce = staff_token(app_client, aws["USER_POOL_ID"], "cce.schemas", ("cce",))
    assert list(_fields(post(app_client, "/v1/complaints", {**FORM, "mobile": mobile + "\n"}, cce))) == ["mobile"]
    assert phone(app_client, mobile) == []
    # The web form takes what people type and sends the one canonical form: the OTP goes there.
    page = send(app_client, "/file/otp", {"agree": "yes", "mobile": mobile[3:] + "\n", "lang": "en"})
    assert page.status_code == 200 and [m["to"] for m in phone(app_client, mobile)] == [mobile]


def test_a_mobile_in_devanagari_digits_gets_no_otp_and_no_filing(
    app_client: Any, aws: dict[str, str], clock: Any, mobile: str
) -> None:
    for bad in (mobile.translate(DEVANAGARI), "+91" + mobile[3:].translate(DEVANAGARI)):
        assert list(_fields(post(app_client, "/v1/otp", {"mobile": bad}))) == ["mobile"]
        page = send(app_client, "/file/otp", {"agree": "yes", "mobile": bad[3:], "lang": "hi"})
        assert page.status_code == 400
    assert phone(app_client, mobile) == []
    cce = staff_token(app_client, aws["USER_POOL_ID"], "cce.schemas", ("cce",))
    bad_body = {**FORM, "mobile": mobile.translate(DEVANAGARI)}
    assert list(_fields(post(app_client, "/v1/complaints", bad_body, cce))) == ["mobile"]
    # The OTP itself takes ASCII digits only.
    post(app_client, "/v1/otp", {"mobile": mobile})
    code = phone(app_client, mobile)[0]["text"].split("OTP ")[1][:6]
    wrong = post(app_client, "/v1/otp/verify", {"mobile": mobile, "otp": code.translate(DEVANAGARI)})
    assert list(_fields(wrong)) == ["otp"]
    assert post(app_client, "/v1/otp/verify", {"mobile": mobile, "otp": code}).status_code == 200


def test_landlines_and_foreign_numbers_are_not_mobiles(app_client: Any, clock: Any) -> None:
    for bad in ("+917552551234", "+915123456789", "+14155550100", "+9198765432100", "919876543210"):
        assert list(_fields(post(app_client, "/v1/otp", {"mobile": bad}))) == ["mobile"], bad
