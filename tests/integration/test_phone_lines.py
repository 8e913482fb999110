"""The 181 line and the officers' line, called through `/dev/phone/calls` on the Chalice test
client: the deployable flow files run by the local flow runner, the app's own Lambdas over
moto, the complaints filed through the API."""

from __future__ import annotations

import html
import itertools
import os
from datetime import datetime, timedelta
from typing import Any

import pytest

from chalicelib import bootstrap
from chalicelib.clock import ManualClock
from chalicelib.events import connect as connect_events
from tests.conftest import MONDAY
from tests.integration.escalation_support import clock_lapsing_level_1, staff_chain, wait_execution
from tests.integration.helpers import (
    FORM,
    STAFF_PASSWORD,
    body,
    citizen_token,
    get,
    phone,
    post,
    send,
    staff_user,
    stored,
    text,
)

CHAIN = ["REVENUE:L1:SEHORE-BUDHNI", "REVENUE:L2:SEHORE", "REVENUE:L3:BHOPAL", "REVENUE:L4:STATE"]
LATE_EVENING = "2026-11-23T18:15:00+00:00"  # 23:45 IST


def dial(client: Any, caller: str, to: str = "181") -> dict[str, Any]:
    resp = post(client, "/dev/phone/calls", {"from": caller, "to": to})
    assert resp.status_code == 201, resp.body
    out: dict[str, Any] = body(resp)
    return out


def press(client: Any, call: str, digits: str) -> dict[str, Any]:
    resp = post(client, f"/dev/phone/calls/{call}/digits", {"digits": digits})
    assert resp.status_code == 200, resp.body
    out: dict[str, Any] = body(resp)
    return out


def the_call(client: Any, call: str) -> dict[str, Any]:
    resp = get(client, f"/dev/phone/calls/{call}")
    assert resp.status_code == 200, resp.body
    out: dict[str, Any] = body(resp)
    return out


def heard(reply: dict[str, Any]) -> str:
    return " ".join(reply["say"])


def spaced(reference: str) -> str:
    return " ".join(reference)


def file(client: Any, mobile: str, **over: str) -> str:
    resp = post(client, "/v1/complaints", {**FORM, **over}, citizen_token(client, mobile))
    assert resp.status_code == 201, resp.body
    return str(body(resp)["reference"])


def wrong_check_digit(reference: str) -> str:
    good = reference[-1]
    return reference[:-1] + next(d for d in "0123456789" if d != good)


_strangers = itertools.count()


@pytest.fixture
def stranger() -> str:
    """A caller with no complaint (a range of numbers no test files from)."""
    return f"+9189{os.getpid() % 1000:03d}{next(_strangers):05d}"


def test_the_greeting_is_hindi_first_and_no_key_means_hindi(app_client: Any, clock: Any, stranger: str) -> None:
    call = dial(app_client, stranger)
    assert call["state"] == "in_flow" and "हिंदी के लिए 1" in heard(call) and "For English, press 2" in heard(call)
    menu = press(app_client, call["call"], "")
    assert "108" in heard(menu) and "शिकायत की स्थिति जानने के लिए 1 दबाएँ" in heard(menu)
    assert the_call(app_client, call["call"])["attributes"]["lang"] == "hi"


def test_status_by_reference_with_a_wrong_check_digit_three_times_goes_to_an_executive(
    app_client: Any, clock: Any, mobile: str, stranger: str
) -> None:
    ref = file(app_client, mobile)
    call = dial(app_client, stranger)["call"]
    press(app_client, call, "1")  # Hindi
    asked = press(app_client, call, "1")  # status: no complaint from this number, so a reference
    assert "10 अंकों का क्रमांक" in heard(asked)
    for attempt in range(3):
        said = press(app_client, call, wrong_check_digit(ref) + "#")
        assert f"आपने {spaced(wrong_check_digit(ref))} दबाया" in heard(said)
        assert "यह शिकायत क्रमांक सही नहीं है" in heard(said)
        if attempt < 2:
            assert said["state"] == "in_flow" and "10 अंकों का क्रमांक" in heard(said)
    assert said["state"] == "queued" and said["queue"] == "CMH181 executives"
    assert the_call(app_client, call)["attributes"]["menu_choice"] == "status_help"


def test_a_caller_who_is_not_the_complainant_hears_the_public_status_only(
    app_client: Any, clock: Any, mobile: str, stranger: str
) -> None:
    ref = file(app_client, mobile)
    call = dial(app_client, stranger)["call"]
    press(app_client, call, "2")  # English
    press(app_client, call, "1")
    said = heard(press(app_client, call, ref + "#"))
    due = datetime.fromisoformat(stored(ref).due_at) + timedelta(hours=5, minutes=30)
    assert f"Complaint number {spaced(ref)}, registered on 23 November 2026" in said
    assert "It is with the level 1 officer, Revenue Department." in said
    assert f"Action is due by {due.day} {due.strftime('%B')} {due.year}" in said
    assert FORM["subject"] not in said and mobile not in said


def test_the_callers_own_latest_complaint_is_offered_first(app_client: Any, clock: Any, mobile: str) -> None:
    older = file(app_client, mobile)
    clock.advance(hours=1)
    latest = file(app_client, mobile, subject="हैंडपंप खराब है")
    call = dial(app_client, mobile)["call"]
    press(app_client, call, "1")
    offer = press(app_client, call, "1")
    assert f"सबसे नई शिकायत का क्रमांक {spaced(latest)} है" in heard(offer)
    said = heard(press(app_client, call, "1"))
    assert f"शिकायत क्रमांक {spaced(latest)}, दिनांक 23 नवंबर 2026 को दर्ज" in said
    assert "विषय: हैंडपंप खराब है" in said and "यह राजस्व विभाग में स्तर 1 के अधिकारी के पास है" in said
    pending = the_call(app_client, call)["attributes"]["pending_references"].split()
    assert pending == [latest, older]


def test_after_hours_the_executive_options_say_the_hours_and_end_but_status_works(
    app_client: Any, mobile: str, stranger: str
) -> None:
    bootstrap.override(clock=ManualClock(datetime.fromisoformat(MONDAY)))
    ref = file(app_client, mobile)
    bootstrap.override(clock=ManualClock(datetime.fromisoformat(LATE_EVENING)))
    call = dial(app_client, stranger)["call"]
    press(app_client, call, "1")
    closed = press(app_client, call, "2")
    assert closed["state"] == "ended"
    assert "सुबह 7 बजे से रात 11 बजे तक" in heard(closed) and "व्हाट्सऐप" in heard(closed)
    call = dial(app_client, stranger)["call"]
    press(app_client, call, "1")
    press(app_client, call, "1")
    status = press(app_client, call, ref + "#")
    assert status["state"] == "in_flow" and f"शिकायत क्रमांक {spaced(ref)}" in heard(status)


@pytest.mark.parametrize(
    ("key", "queue", "choice"),
    [
        ("2", "CMH181 executives", "register"),
        ("3", "CMH181 executives", "scheme"),
        ("4", "CMH181 CM Jan Seva", "jan_seva"),
        ("5", "CMH181 women's helpline counsellors", "women"),
    ],
)
def test_each_executive_option_queues_the_call_with_the_callers_attributes(
    app_client: Any, clock: Any, mobile: str, key: str, queue: str, choice: str
) -> None:
    ref = file(app_client, mobile)
    call = dial(app_client, mobile)["call"]
    press(app_client, call, "2")
    queued = press(app_client, call, key)
    assert (queued["state"], queued["queue"]) == ("queued", queue)
    assert "We are putting you through to our executive" in heard(queued)
    record = the_call(app_client, call)
    (transfer,) = [e for e in record["events"] if e["kind"] == "transfer"]
    assert transfer["attributes"] == {
        "line": "181",
        "caller": mobile,
        "lang": "en",
        "complaints": "1",
        "latest_reference": ref,
        "pending_references": ref,
        "menu_choice": choice,
    }


def test_0_repeats_the_menu_and_no_answer_ends_the_call_politely(app_client: Any, clock: Any, stranger: str) -> None:
    call = dial(app_client, stranger)["call"]
    press(app_client, call, "1")
    again = press(app_client, call, "0")
    assert "शिकायत की स्थिति जानने के लिए 1 दबाएँ" in heard(again) and "108" not in heard(again)
    assert "हमें आपका विकल्प नहीं मिला" in heard(press(app_client, call, "9"))
    assert "हमें आपका विकल्प नहीं मिला" in heard(press(app_client, call, ""))
    ended = press(app_client, call, "")
    assert ended["state"] == "ended" and "कृपया फिर से कॉल करें। धन्यवाद" in heard(ended)
    assert press_refused(app_client, call) == 409


def press_refused(client: Any, call: str) -> int:
    return int(post(client, f"/dev/phone/calls/{call}/digits", {"digits": "1"}).status_code)


def test_bad_calls_and_keys_are_refused_in_both_languages(app_client: Any, clock: Any, stranger: str) -> None:
    resp = post(app_client, "/dev/phone/calls", {"from": "12345", "to": "100"})
    assert resp.status_code == 400
    assert set(body(resp)["fields"]) == {"from", "to"} and body(resp)["message_hi"]
    call = dial(app_client, stranger)["call"]
    resp = post(app_client, f"/dev/phone/calls/{call}/digits", {"digits": "1a"})
    assert resp.status_code == 400 and "digits" in body(resp)["fields"]
    assert get(app_client, "/dev/phone/calls/no-such-call").status_code == 404


def test_an_unknown_number_on_the_officers_line_hears_the_support_numbers(
    app_client: Any, clock: Any, stranger: str
) -> None:
    call = dial(app_client, stranger, "18002330183")["call"]
    said = press(app_client, call, "1")
    assert said["state"] == "ended"
    assert "9 8 9 3 0 4 9 9 5 2" in heard(said) and "8 4 6 1 0 0 0 4 7 3" in heard(said)


def test_an_officer_hears_how_many_wait_and_the_three_most_urgent(app_client: Any, clock: Any, mobile: str) -> None:
    post_ = "LABOUR:L1:CHHINDWARA-HARRAI"  # a post no other test files on
    holders = staff_chain(bootstrap.get_directory(), [post_], "phone-pending")
    refs = []
    for i in range(4):
        where = {"department": "LABOUR", "district": "CHHINDWARA", "block": "CHHINDWARA-HARRAI"}
        refs.append(file(app_client, mobile, subject=f"विषय {i}", **where))
        clock.advance(days=1)
    call = dial(app_client, holders[post_], "18002330183")["call"]
    menu = press(app_client, call, "1")
    assert "नमस्कार अधिकारी 0" in heard(menu)
    said = heard(press(app_client, call, "1"))
    mine = [r for r in refs if r in said.replace(" ", "")]
    assert mine == refs[:3]
    assert "आपके पदों पर 4 शिकायतें लंबित हैं" in said and "विषय 0" in said and "विषय 3" not in said
    assert "कार्य दिवस शेष" in said


def test_an_officers_late_update_is_recorded_by_an_executive_with_the_lapse_kept(
    app_client: Any, aws: dict[str, str], mobile: str, pump: Any
) -> None:
    clock = clock_lapsing_level_1(MONDAY)
    holders = staff_chain(bootstrap.get_directory(), CHAIN, "phone-late")
    ref = file(app_client, mobile)
    due = datetime.fromisoformat(stored(ref).due_at)
    clock.set(due + timedelta(minutes=1))
    pump.drain()
    assert wait_execution(f"{ref}-1")["status"] == "SUCCEEDED"
    pump.drain()
    assert stored(ref).level == 2
    clock.set(due + timedelta(hours=11))  # 10:30 IST the next morning: the call centre is open
    call = dial(app_client, holders[CHAIN[0]], "18002330183")["call"]
    press(app_client, call, "1")
    asked = press(app_client, call, "2")
    assert "10 अंकों का क्रमांक" in heard(asked)
    said = press(app_client, call, ref + "#")
    assert "समय-सीमा पार हो चुकी है; कार्रवाई विलंब से दर्ज होगी" in heard(said)
    assert (said["state"], said["queue"]) == ("queued", "CMH181 officers' line")
    record = the_call(app_client, call)
    attrs = record["attributes"]
    assert (attrs["reference"], attrs["lapsed"], attrs["officer_id"]) == (ref, "true", "test-phone-late-0")
    jar = console_login(app_client, aws, "cce-phone-late")
    assert send(app_client, "/cce/calls/take", {"call": call, "lang": "hi"}, jar).status_code == 303
    page = text(app_client.http.get("/cce", headers={"Cookie": jar}))
    assert "इस अधिकारी के स्तर की समय-सीमा पार" in page and f"{ref[:3]} {ref[3:6]} {ref[6:]}" in page
    resolve = {"call": call, "action": "resolve", "remarks": "नकल दे दी गई", "rule_reference": "नियम 3", "lang": "hi"}
    done = send(app_client, "/cce/calls/record", resolve, jar)
    assert done.status_code == 303 and "recorded=1" in done.headers["Location"], text(done)
    after = stored(ref)
    assert (after.status, after.resolved_level) == ("resolved", 1)
    last = bootstrap.get_complaints().history(ref)[-1]
    assert last.actor == "staff:test-phone-late-0"
    assert last.details["late"] is True and last.details["acting_level"] == 1
    assert (last.details["recorded_by"], last.details["via"], last.details["contact"]) == (
        "staff:cce-phone-late",
        "tollfree",
        call,
    )
    again = send(app_client, "/cce/calls/record", resolve, jar)
    assert again.status_code == 409  # resolved already: nothing recorded twice
    # The complaint's page (the level 2 officer's SMS link) shows who recorded it, how, and the lapse.
    pump.drain()
    sms = next(m for m in phone(app_client, holders[CHAIN[1]]) if "/o/" in m["text"] and ref in m["text"])
    link = sms["text"].rsplit("/o/", 1)[1]
    for lang, recorded, lapse in (
        (
            "hi",
            "कार्यपालक cce-phone-late ने अधिकारी अधिकारी 0 की ओर से टोल-फ़्री लाइन पर दर्ज किया",
            "विलंब से: स्तर 1 की समय-सीमा पार हो चुकी थी",
        ),
        (
            "en",
            "recorded by executive cce-phone-late for officer अधिकारी 0 via the toll-free line",
            "late: level 1's deadline had passed",
        ),
    ):
        page = text(app_client.http.get(f"/o/{link}?lang={lang}"))
        item = html.unescape(next(li for li in page.split("<li>") if "नकल दे दी गई" in li))
        assert recorded in item and lapse in item, item


def console_login(client: Any, aws: dict[str, str], username: str) -> str:
    staff_user(aws["USER_POOL_ID"], username, ("cce",), STAFF_PASSWORD)
    resp = send(client, "/cce/login", {"username": username, "password": STAFF_PASSWORD, "lang": "hi"})
    assert resp.status_code == 303, text(resp)
    return str(resp.headers["Set-Cookie"].split(";")[0])


def test_a_queued_call_is_taken_in_the_console_which_shows_the_callers_attributes(
    app_client: Any, aws: dict[str, str], clock: Any, mobile: str
) -> None:
    ref = file(app_client, mobile)
    call = dial(app_client, mobile)["call"]
    press(app_client, call, "2")
    assert press(app_client, call, "2")["state"] == "queued"
    jar = console_login(app_client, aws, "cce-phone-1")
    waiting = text(app_client.http.get("/cce?lang=en", headers={"Cookie": jar}))
    assert f'name="call" value="{call}"' in waiting and "Calls waiting" in waiting
    taken = send(app_client, "/cce/calls/take", {"call": call, "lang": "en"}, jar)
    assert taken.status_code == 303
    assert the_call(app_client, call)["state"] == "with_agent"
    page = text(app_client.http.get("/cce?lang=en", headers={"Cookie": jar}))
    pop = page[page.index('id="screenpop"') : page.index("</dl>")]
    assert mobile in pop and "English" in pop and "Register a complaint" in pop
    assert f"{ref[:3]} {ref[3:6]} {ref[6:]}" in pop
    assert f'value="{mobile[3:]}"' in page  # the filing form has the caller's mobile
    assert 'name="caller_lang" value="en" checked' in page  # and the language the caller chose in the IVR
    other = console_login(app_client, aws, "cce-phone-2")
    assert send(app_client, "/cce/calls/take", {"call": call, "lang": "en"}, other).status_code == 409
    assert send(app_client, "/cce/calls/end", {"call": call, "lang": "en"}, jar).status_code == 303
    assert the_call(app_client, call)["state"] == "ended"


def test_a_womens_helpline_call_is_answered_before_calls_that_waited_longer(
    app_client: Any, aws: dict[str, str], clock: Any, mobile: str, stranger: str
) -> None:
    general = dial(app_client, mobile)["call"]
    press(app_client, general, "2")
    assert press(app_client, general, "2")["queue"] == "CMH181 executives"
    clock.advance(minutes=2)
    women = dial(app_client, stranger)["call"]
    press(app_client, women, "1")
    assert press(app_client, women, "5")["queue"] == "CMH181 women's helpline counsellors"
    assert [the_call(app_client, c)["priority"] for c in (general, women)] == [5, 1]  # as the flow set it
    jar = console_login(app_client, aws, "cce-phone-3")
    waiting = text(app_client.http.get("/cce?lang=en", headers={"Cookie": jar}))
    assert waiting.index(f'name="call" value="{women}"') < waiting.index(f'name="call" value="{general}"')
    for call in (women, general):
        assert send(app_client, "/cce/calls/take", {"call": call, "lang": "en"}, jar).status_code == 303
        assert send(app_client, "/cce/calls/end", {"call": call, "lang": "en"}, jar).status_code == 303


def test_a_reference_not_on_the_officers_posts_is_refused_three_times_then_help(
    app_client: Any, clock: Any, mobile: str
) -> None:
    holders = staff_chain(bootstrap.get_directory(), ["ENERGY:L1:SEHORE-BUDHNI"], "phone-other")
    ref = file(app_client, mobile)  # a revenue complaint
    call = dial(app_client, holders["ENERGY:L1:SEHORE-BUDHNI"], "18002330183")["call"]
    press(app_client, call, "2")
    press(app_client, call, "2")
    for _ in range(2):
        said = press(app_client, call, ref + "#")
        assert "We found no such complaint on the posts you hold" in heard(said)
    said = press(app_client, call, ref + "#")
    assert said["state"] == "queued" and "We could not get a valid complaint number" in heard(said)


def test_the_phone_page_calls_181_from_a_keypad_without_javascript(app_client: Any, clock: Any, stranger: str) -> None:
    page = app_client.http.get("/dev/phone/keypad")
    assert page.status_code == 200 and 'value="181"' in text(page) and 'value="18002330183"' in text(page)
    dialled = send(app_client, "/dev/phone/keypad", {"mobile": stranger, "line": "181", "lang": "en"})
    assert dialled.status_code == 303
    call = dialled.headers["Location"].split("call=")[1].split("&")[0]
    assert send(app_client, f"/dev/phone/keypad/{call}", {"digits": "2", "lang": "en"}).status_code == 303
    shown = text(app_client.http.get(f"/dev/phone/keypad?call={call}&lang=en"))
    assert "For English, press 2." in shown and "⌨ 2" in shown and "For the status of a complaint, press 1" in shown
    bad = send(app_client, "/dev/phone/keypad", {"mobile": "12", "line": "181", "lang": "en"})
    assert bad.status_code == 400 and "a +91 Indian mobile number" in text(bad)
    assert app_client.http.get("/dev/phone/keypad?call=%3Cscript%3E").status_code == 400


# --- a Lambda that fails: an apology, then an executive in hours or the hours after them ----


def boom(contact: Any) -> Any:
    raise RuntimeError("the store did not answer")


def test_a_failing_status_lambda_apologises_and_queues_the_caller_in_hours(
    app_client: Any, clock: Any, mobile: str, stranger: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    ref = file(app_client, mobile)
    monkeypatch.setattr(connect_events, "_complaint_status", boom)
    call = dial(app_client, stranger)["call"]
    press(app_client, call, "1")
    press(app_client, call, "1")
    said = press(app_client, call, ref + "#")
    assert "क्षमा करें, अभी यह जानकारी नहीं मिल पा रही है" in heard(said)
    assert (said["state"], said["queue"]) == ("queued", "CMH181 executives")
    record = the_call(app_client, call)
    assert record["attributes"]["menu_choice"] == "lookup_failed"
    assert [e["function"] for e in record["events"] if e["kind"] == "lambda" and "error" in e] == [
        "ConnectComplaintStatus"
    ]


def test_a_failing_status_lambda_after_hours_says_the_hours_and_ends(
    app_client: Any, mobile: str, stranger: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    bootstrap.override(clock=ManualClock(datetime.fromisoformat(MONDAY)))
    ref = file(app_client, mobile)
    bootstrap.override(clock=ManualClock(datetime.fromisoformat(LATE_EVENING)))
    monkeypatch.setattr(connect_events, "_complaint_status", boom)
    call = dial(app_client, mobile)["call"]
    press(app_client, call, "2")
    press(app_client, call, "1")  # the latest complaint is offered
    said = press(app_client, call, "1")
    assert said["state"] == "ended"
    assert "Sorry, we cannot get this information just now." in heard(said)
    assert "from 7 in the morning to 11 at night" in heard(said) and "Thank you" in heard(said)
    assert ref in the_call(app_client, call)["attributes"]["latest_reference"]


def test_a_failing_lookup_of_the_callers_complaints_still_gives_the_menu(
    app_client: Any, clock: Any, mobile: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    file(app_client, mobile)
    monkeypatch.setattr(connect_events, "_callers_complaints", boom)
    call = dial(app_client, mobile)["call"]
    menu = press(app_client, call, "1")
    assert "108" in heard(menu) and "शिकायत की स्थिति जानने के लिए 1 दबाएँ" in heard(menu)
    asked = press(app_client, call, "1")  # nothing known of the number: a reference is asked for
    assert "10 अंकों का क्रमांक" in heard(asked) and asked["state"] == "in_flow"


@pytest.mark.parametrize("failing", ["_officer_identify", "_officer_pending", "_officer_reference"])
def test_a_failing_officers_line_lambda_apologises_and_queues_the_officer_in_hours(
    app_client: Any, clock: Any, mobile: str, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    holders = staff_chain(bootstrap.get_directory(), [CHAIN[0]], f"phone-fail{failing}")
    ref = file(app_client, mobile)
    call = dial(app_client, holders[CHAIN[0]], "18002330183")["call"]
    monkeypatch.setattr(connect_events, failing, boom)
    said = press(app_client, call, "2")  # English; the officer is identified now
    if failing != "_officer_identify":
        said = press(app_client, call, "1" if failing == "_officer_pending" else "2")
        if failing == "_officer_reference":
            said = press(app_client, call, ref + "#")
    assert "Sorry, we cannot get this information just now." in heard(said)
    assert (said["state"], said["queue"]) == ("queued", "CMH181 officers' line")
    attrs = the_call(app_client, call)["attributes"]
    assert (attrs["line"], attrs["lang"], attrs["menu_choice"]) == ("officers", "en", "lookup_failed")


def test_a_failing_officers_line_lambda_after_hours_says_the_hours_and_ends(
    app_client: Any, aws: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    bootstrap.override(clock=ManualClock(datetime.fromisoformat(LATE_EVENING)))
    holders = staff_chain(bootstrap.get_directory(), [CHAIN[0]], "phone-fail-late")
    call = dial(app_client, holders[CHAIN[0]], "18002330183")["call"]
    press(app_client, call, "1")
    monkeypatch.setattr(connect_events, "_officer_pending", boom)
    said = press(app_client, call, "1")
    assert said["state"] == "ended"
    assert "क्षमा करें, अभी यह जानकारी नहीं मिल पा रही है" in heard(said)
    assert "कॉल सेंटर प्रतिदिन सुबह 7 बजे से रात 11 बजे तक खुला है" in heard(said) and "धन्यवाद" in heard(said)


def test_a_lambda_that_outlasts_connects_time_limit_takes_the_error_branch(
    app_client: Any, clock: Any, mobile: str, stranger: str
) -> None:
    """The deployable 181 flow on the runner, its status Lambda taking 9 s of an injected
    timer (the limit is 8): the caller hears the apology and waits for an executive."""
    from app import app
    from devstack.flows import Runner, Stage
    from devstack.telephone import lambdas_of

    ref = file(app_client, mobile)
    elapsed = [0.0]
    lambdas = lambdas_of(app)
    real = lambdas["ConnectComplaintStatus"]

    def slow(event: dict[str, Any], context: Any) -> Any:
        out = real(event, context)
        elapsed[0] += 9
        return out

    runner = Runner(Stage.of_template({**lambdas, "ConnectComplaintStatus": slow}, clock.now, lambda: elapsed[0]))
    contact = runner.contact("CitizenLineFlow", stranger, "181")
    runner.start(contact)
    runner.press(contact, "1")
    runner.press(contact, "1")
    said = " ".join(runner.press(contact, ref + "#"))
    assert "क्षमा करें, अभी यह जानकारी नहीं मिल पा रही है" in said and spaced(ref) not in said
    assert (contact["state"], contact["queue"]) == ("queued", "CMH181 executives")
    (failed,) = [e for e in contact["events"] if e["kind"] == "lambda"][-1:]
    assert failed["error"] == "took 9.0 s (limit 8 s)"


# --- the menus' other branches ----------------------------------------------------------------


def test_officers_line_3_queues_the_officer_for_login_help_with_their_attributes(app_client: Any, clock: Any) -> None:
    holders = staff_chain(bootstrap.get_directory(), [CHAIN[0]], "phone-login")
    officer = holders[CHAIN[0]]
    call = dial(app_client, officer, "18002330183")["call"]
    menu = press(app_client, call, "1")
    assert "लॉगिन या पासवर्ड में सहायता के लिए 3 दबाएँ" in heard(menu)
    queued = press(app_client, call, "3")
    assert (queued["state"], queued["queue"]) == ("queued", "CMH181 officers' line")
    assert "आपको कॉल सेंटर के कार्यपालक से जोड़ा जा रहा है" in heard(queued)
    (transfer,) = [e for e in the_call(app_client, call)["events"] if e["kind"] == "transfer"]
    assert transfer["attributes"] == {
        "line": "officers",
        "caller": officer,
        "lang": "hi",
        "officer_id": "test-phone-login-0",
        "officer_name": "अधिकारी 0",
        "posts": CHAIN[0],
        "menu_choice": "login_help",
    }


def test_officers_line_0_repeats_the_menu_and_wrong_keys_or_silence_end_politely(app_client: Any, clock: Any) -> None:
    holders = staff_chain(bootstrap.get_directory(), [CHAIN[0]], "phone-keys")
    call = dial(app_client, holders[CHAIN[0]], "18002330183")["call"]
    press(app_client, call, "2")
    again = press(app_client, call, "0")
    assert "To hear the complaints waiting on your posts, press 1" in heard(again) and "Hello" not in heard(again)
    wrong = press(app_client, call, "7")
    assert "We did not get your choice." in heard(wrong) and "press 1" in heard(wrong)
    silent = press(app_client, call, "")
    assert "We did not get your choice." in heard(silent) and silent["state"] == "in_flow"
    ended = press(app_client, call, "")
    assert ended["state"] == "ended" and "We did not get an answer. Please call again. Thank you." in heard(ended)
    assert press_refused(app_client, call) == 409


def test_the_officers_line_after_hours_gives_the_pending_list_but_no_executive(app_client: Any, mobile: str) -> None:
    bootstrap.override(clock=ManualClock(datetime.fromisoformat(MONDAY)))
    holders = staff_chain(bootstrap.get_directory(), [CHAIN[0]], "phone-night")
    ref = file(app_client, mobile)
    bootstrap.override(clock=ManualClock(datetime.fromisoformat(LATE_EVENING)))
    officer = holders[CHAIN[0]]
    call = dial(app_client, officer, "18002330183")["call"]
    press(app_client, call, "2")
    listed = press(app_client, call, "1")  # the post may hold other tests' complaints: ours need not be top 3
    assert "waiting on your posts" in heard(listed) and listed["state"] == "in_flow"
    login = press(app_client, call, "3")
    assert login["state"] == "ended" and "from 7 in the morning to 11 at night" in heard(login)
    assert "please call then for help with your login or password" in heard(login)
    assert "Your district nodal officer can also send you a new temporary password by SMS" in heard(login)
    call = dial(app_client, officer, "18002330183")["call"]
    press(app_client, call, "2")
    press(app_client, call, "2")
    said = press(app_client, call, ref + "#")
    assert f"Complaint number {spaced(ref)}." in heard(said)
    assert said["state"] == "ended" and "on the portal, the mobile app or through the link in your SMS" in heard(said)
    assert not [e for e in the_call(app_client, call)["events"] if e["kind"] == "transfer"]


def test_the_status_offers_2_for_another_complaint(app_client: Any, clock: Any, mobile: str, stranger: str) -> None:
    other = file(app_client, stranger, subject="सड़क टूटी है")
    clock.advance(minutes=5)
    mine = file(app_client, mobile)
    call = dial(app_client, mobile)["call"]
    press(app_client, call, "2")
    offer = press(app_client, call, "1")
    assert f"The latest complaint from your number is {spaced(mine)}." in heard(offer)
    assert "For another complaint, press 2." in heard(offer)
    asked = press(app_client, call, "2")
    assert heard(asked) == "Please enter the 10-digit complaint number, then press hash."
    said = heard(press(app_client, call, other + "#"))
    assert f"Complaint number {spaced(other)}" in said and spaced(mine) not in said
    assert "सड़क टूटी है" not in said  # not the complainant's: the public status only


def test_the_status_offer_reprompts_once_then_ends_politely(app_client: Any, clock: Any, mobile: str) -> None:
    file(app_client, mobile)
    call = dial(app_client, mobile)["call"]
    press(app_client, call, "1")
    press(app_client, call, "1")
    again = press(app_client, call, "9")
    assert "सबसे नई शिकायत का क्रमांक" in heard(again)
    ended = press(app_client, call, "")
    assert ended["state"] == "ended" and "कृपया फिर से कॉल करें। धन्यवाद" in heard(ended)
