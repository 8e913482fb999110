"""The officers' pages through chalice.test.Client: the SMS link page (GET shows, POST acts),
the officer's desk after login and the call centre's callback queue, over the same
services as the JSON action API."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from chalicelib import bootstrap
from chalicelib.domain.complaint import Complaint
from tests.integration.escalation_support import staff_chain
from tests.integration.helpers import FORM, body, citizen_token, phone, post, send, staff_user, text

CHAIN = ["REVENUE:L1:SEHORE-BUDHNI", "REVENUE:L2:SEHORE", "REVENUE:L3:BHOPAL", "REVENUE:L4:STATE"]
RESOLVE = {"action": "resolve", "remarks": "खसरा नकल दे दी गई", "rule_reference": "MPLRC धारा 114", "lang": "hi"}
PASSWORD = "Pages@181Password"


@pytest.fixture
def filed(app_client: Any, clock: Any, mobile: str, pump: Any) -> dict[str, Any]:
    """A complaint at L1 with officers on its chain, and the L1 link read from the phone."""
    holders = staff_chain(bootstrap.get_directory(), CHAIN, mobile[-6:])
    ref = body(post(app_client, "/v1/complaints", FORM, citizen_token(app_client, mobile)))["reference"]
    pump.drain()
    sms = next(m for m in phone(app_client, holders[CHAIN[0]]) if "/o/" in m["text"] and ref in m["text"])
    link = re.search(r"/o/([\w.~-]+)", sms["text"]).group(1)  # type: ignore[union-attr]
    return {"ref": ref, "link": link, "holders": holders, "mobile": mobile, "tag": mobile[-6:]}


def version(ref: str) -> int:
    return now(ref).version


def now(ref: str) -> Complaint:
    c = bootstrap.get_complaints().get(ref)
    assert c is not None
    return c


def events(ref: str) -> list[str]:
    return [e.event for e in bootstrap.get_complaints().history(ref)]


def hidden_version(page: str) -> str:
    return re.search(r'name="version" value="(\d+)"', page).group(1)  # type: ignore[union-attr]


def login(client: Any, aws: dict[str, str], user: str, group: str, path: str) -> str:
    """A Cognito user in `group`, logged in through the page at `path`; returns the cookie."""
    staff_user(aws["USER_POOL_ID"], user, (group,), PASSWORD)
    resp = send(client, path, {"username": user, "password": PASSWORD, "lang": "hi"})
    assert resp.status_code == 303, text(resp)
    cookie = resp.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    return str(cookie.split(";")[0])


def test_link_get_shows_the_complaint_in_hindi_and_changes_nothing(app_client: Any, filed: dict[str, Any]) -> None:
    before, history = version(filed["ref"]), events(filed["ref"])
    resp = app_client.http.get(f"/o/{filed['link']}")
    page = text(resp)
    assert resp.status_code == 200 and resp.headers["Content-Type"] == "text/html; charset=utf-8"
    assert resp.headers["Referrer-Policy"] == "strict-origin" and len(resp.body) < 100_000
    assert '<html lang="hi">' in page and f'id="reference">{filed["ref"]}<' in page and "<script" not in page
    assert "खसरा नकल नहीं मिली" in page and "रमेश कुमार" in page and "सीहोर" in page
    assert re.search(r'id="due">\d{2}-\d{2}-\d{4}', page) and hidden_version(page) == str(before)
    assert 'id="do-resolve"' in page and 'id="do-interim"' in page and 'id="do-transfer"' in page
    assert 'id="do-final_decision"' not in page  # only the chain's L3, on a disputed complaint
    assert version(filed["ref"]) == before and events(filed["ref"]) == history
    english = text(app_client.http.get(f"/o/{filed['link']}?lang=en"))
    assert '<html lang="en">' in english and "Record the resolution" in english


def test_resolve_without_reasons_is_400_naming_what_is_missing_and_changes_nothing(
    app_client: Any, filed: dict[str, Any]
) -> None:
    before = version(filed["ref"])
    resp = send(
        app_client,
        f"/o/{filed['link']}",
        {"action": "resolve", "version": before, "lang": "hi", "remarks": "कार्रवाई की", "letter_no": "12/2026"},
    )
    page = text(resp)
    assert resp.status_code == 400
    assert "लागू नियम" in page and "पत्र क्रमांक" in page and "the applicable rule" not in page
    assert "कार्रवाई की" in page and 'id="f"' in page  # the input is kept in the posted form
    assert version(filed["ref"]) == before


def test_double_submitted_resolve_has_one_effect_and_the_second_is_409(app_client: Any, filed: dict[str, Any]) -> None:
    data = {**RESOLVE, "version": version(filed["ref"])}
    first = send(app_client, f"/o/{filed['link']}", data)
    assert first.status_code == 200 and 'id="done"' in text(first), text(first)
    assert 'id="do-resolve"' not in text(first)  # nothing more to do while the citizen is asked
    second = send(app_client, f"/o/{filed['link']}", data)
    assert second.status_code == 409 and "शिकायत इस बीच बदल चुकी है" in text(second)
    assert events(filed["ref"]).count("resolved") == 1


def test_tampered_or_expired_link_is_401(app_client: Any, filed: dict[str, Any], clock: Any) -> None:
    link = filed["link"]
    tampered = f"{link[:-1]}{'A' if link[-1] != 'A' else 'B'}"
    resp = app_client.http.get(f"/o/{tampered}")
    assert resp.status_code == 401 and "लिंक मान्य नहीं" in text(resp)
    assert send(app_client, f"/o/{tampered}", {**RESOLVE, "version": 1}).status_code == 401
    # Filed Monday 23 Nov 2026, due Thursday 3 Dec: the link works past seven calendar days
    # and until the end of the second working day after the deadline (Monday 7 Dec, IST).
    clock.advance(days=8)
    assert app_client.http.get(f"/o/{filed['link']}").status_code == 200
    clock.set(datetime(2026, 12, 7, 18, 30, tzinfo=UTC))
    assert app_client.http.get(f"/o/{filed['link']}").status_code == 401
    assert version(filed["ref"]) == 1


def test_a_transferred_officers_link_is_401_saying_they_no_longer_hold_the_post(
    app_client: Any, filed: dict[str, Any]
) -> None:
    directory = bootstrap.get_directory()
    [posting] = directory.current_holders(CHAIN[0])
    directory.end_posting(posting, "2026-11-23T06:00:00+00:00", "transfer")
    resp = app_client.http.get(f"/o/{filed['link']}")
    assert resp.status_code == 401 and "आप अब इस पद पर नहीं हैं" in text(resp)
    assert "no longer hold this post" in text(app_client.http.get(f"/o/{filed['link']}?lang=en"))
    assert send(app_client, f"/o/{filed['link']}", {**RESOLVE, "version": version(filed["ref"])}).status_code == 401
    assert version(filed["ref"]) == 1


def test_after_a_transfer_the_old_link_is_403_saying_the_complaint_moved_on(
    app_client: Any, filed: dict[str, Any]
) -> None:
    data = {
        "action": "transfer",
        "to_department": "ENERGY",
        "remarks": "बिजली बिल का मामला",
        "version": version(filed["ref"]),
        "lang": "hi",
    }
    done = send(app_client, f"/o/{filed['link']}", data)
    assert done.status_code == 200 and "शिकायत अंतरित हो गई" in text(done)
    assert now(filed["ref"]).department == "ENERGY"
    old = app_client.http.get(f"/o/{filed['link']}")
    assert old.status_code == 403
    assert "आगे बढ़ चुकी है" in text(old)
    assert "has moved on" in text(app_client.http.get(f"/o/{filed['link']}?lang=en"))
    assert send(app_client, f"/o/{filed['link']}", {**RESOLVE, "version": version(filed["ref"])}).status_code == 403


def grant(assignment: str, post: str, officer: str, clock: Any) -> str:
    """A link token for `assignment`, as the notifier issues one."""
    from chalicelib.domain.tokens import LinkGrant
    from chalicelib.services import officer_links

    expires = clock.wall() + timedelta(days=1)
    return officer_links.issue(LinkGrant(assignment, post, officer, expires), bootstrap.get_link_store())


def test_unknown_complaint_link_is_404(app_client: Any, filed: dict[str, Any], clock: Any) -> None:
    from chalicelib.domain.reference import verhoeff_check_digit

    ref = "987654321" + verhoeff_check_digit("987654321")
    token = grant(f"{ref}-1", CHAIN[0], f"test-{filed['tag']}-0", clock)
    assert app_client.http.get(f"/o/{token}").status_code == 404


def test_corruption_link_page_hides_the_complainants_name_and_mobile(
    app_client: Any, filed: dict[str, Any], clock: Any, mobile: str
) -> None:
    corruption = {**FORM, "category": "corruption", "accused_level": "below_district_head"}
    ref = body(post(app_client, "/v1/complaints", corruption, citizen_token(app_client, mobile)))["reference"]
    c = now(ref)
    [holder] = bootstrap.get_directory().current_holders(c.post_id)
    page = text(app_client.http.get(f"/o/{grant(c.assignment_id, c.post_id, holder.officer_id, clock)}"))
    assert ref in page and "खसरा नकल नहीं मिली" in page
    assert "रमेश कुमार" not in page and mobile not in page and "पहचान गोपनीय" in page


def test_officer_logs_in_sees_the_inbox_and_acts_and_others_get_404(
    app_client: Any, filed: dict[str, Any], aws: dict[str, str]
) -> None:
    assert 'action="/officer/login"' in text(app_client.http.get("/officer"))
    cookie = login(app_client, aws, f"test-{filed['tag']}-0", "officer", "/officer/login")
    inbox = text(app_client.http.get("/officer", headers={"Cookie": cookie}))
    assert f'id="row-{filed["ref"]}"' in inbox and f'href="/officer/c/{filed["ref"]}?lang=hi"' in inbox
    page = text(app_client.http.get(f"/officer/c/{filed['ref']}", headers={"Cookie": cookie}))
    assert 'id="do-resolve"' in page and f'action="/officer/c/{filed["ref"]}"' in page
    note = {"action": "interim", "remarks": "पटवारी से रिपोर्ट मंगाई", "version": hidden_version(page), "lang": "hi"}
    resp = send(app_client, f"/officer/c/{filed['ref']}", note, cookie)
    assert resp.status_code == 200 and "अंतरिम टीप दर्ज" in text(resp) and events(filed["ref"])[-1] == "interim"
    stranger = login(app_client, aws, "officer-pages-stranger", "officer", "/officer/login")
    assert app_client.http.get(f"/officer/c/{filed['ref']}", headers={"Cookie": stranger}).status_code == 404
    assert send(app_client, f"/officer/c/{filed['ref']}", note, stranger).status_code == 404


def test_cce_callback_queue_lists_the_citizen_and_records_satisfied_once(
    app_client: Any, filed: dict[str, Any], aws: dict[str, str], pump: Any
) -> None:
    send(app_client, f"/o/{filed['link']}", {**RESOLVE, "version": version(filed["ref"])})
    pump.drain()
    assert app_client.http.get("/cce/callbacks").status_code == 401
    cookie = login(app_client, aws, "cce-callbacks", "cce", "/cce/login")
    queue = app_client.http.get("/cce/callbacks", headers={"Cookie": cookie})
    page = text(queue)
    assert queue.status_code == 200 and len(queue.body) < 100_000
    assert f'id="cb-{filed["ref"]}"' in page and "रमेश कुमार" in page and filed["mobile"] in page
    missing = send(app_client, f"/cce/callbacks/{filed['ref']}", {"lang": "hi"}, cookie)
    assert missing.status_code == 400 and "satisfied" in text(missing)
    alert = re.search(r'<div class="err" role="alert" id="error">(.*?)</div>', text(missing), re.S)
    assert alert and "कृपया सुधारें" in alert.group(1) and filed["ref"] in alert.group(1)  # names the complaint
    done = send(app_client, f"/cce/callbacks/{filed['ref']}", {"satisfied": "yes", "lang": "hi"}, cookie)
    assert done.status_code == 303 and "outcome=closed" in done.headers["Location"]
    assert now(filed["ref"]).status == "closed"
    again = send(app_client, f"/cce/callbacks/{filed['ref']}", {"satisfied": "yes", "lang": "hi"}, cookie)
    assert again.status_code == 409
    officer = login(app_client, aws, "officer-callbacks", "officer", "/officer/login")
    assert (
        app_client.http.get(
            "/cce/callbacks", headers={"Cookie": officer.replace("cmh_officer", "cmh_staff")}
        ).status_code
        == 403
    )


def test_not_satisfied_sends_it_to_l2_whose_link_works_while_the_l1_link_is_403(
    app_client: Any, filed: dict[str, Any], aws: dict[str, str], pump: Any
) -> None:
    send(app_client, f"/o/{filed['link']}", {**RESOLVE, "version": version(filed["ref"])})
    pump.drain()
    cookie = login(app_client, aws, "cce-callbacks", "cce", "/cce/login")
    done = send(
        app_client, f"/cce/callbacks/{filed['ref']}", {"satisfied": "no", "remarks": "नकल गलत", "lang": "en"}, cookie
    )
    where = done.headers["Location"]
    assert done.status_code == 303 and "outcome=open" in where and "level=2" in where
    shown = text(app_client.http.get(done.headers["Location"], headers={"Cookie": cookie}))
    assert "sent to the next level" in shown and f'id="cb-{filed["ref"]}"' not in shown
    pump.drain()
    l2_phone = phone(app_client, filed["holders"][CHAIN[1]])
    sms = next(m for m in l2_phone if "/o/" in m["text"] and filed["ref"] in m["text"])
    l2 = re.search(r"/o/([\w.~-]+)", sms["text"]).group(1)  # type: ignore[union-attr]
    assert app_client.http.get(f"/o/{filed['link']}").status_code == 403
    page = text(app_client.http.get(f"/o/{l2}"))
    assert "दूसरा स्तर (L2)" in page and 'id="disputed"' in page and "नकल गलत" in page
    assert 'id="do-resolve"' in page and 'id="do-final_decision"' not in page  # L2 is not the chain's L3
