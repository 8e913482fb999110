"""Every SMS carries India's DLT registration to SNS: the principal entity id and the template
id of its own text (`kind.lang`) as the message attributes `AWS.MM.SMS.EntityId` and
`AWS.MM.SMS.TemplateId`, read from the Publish requests as they leave for moto's SNS."""

from __future__ import annotations

import json
import os
import re
import urllib.parse
from collections.abc import Iterator
from typing import Any

import pytest

from chalicelib import bootstrap
from chalicelib.domain.complaint import Complaint
from chalicelib.domain.directory import Officer, Posting
from chalicelib.domain.messages import LONGEST, TEMPLATES
from chalicelib.services import notify
from chalicelib.settings import SMS_TEMPLATES
from tests.integration.escalation_support import staff_chain
from tests.integration.helpers import (
    FORM,
    STAFF_PASSWORD,
    body,
    citizen_token,
    otp_from,
    phone,
    post,
    send,
    staff_token,
    staff_user,
    stored,
    text,
)

ENTITY = "1201159100000099999"
CHAIN = ["REVENUE:L1:SEHORE-BUDHNI", "REVENUE:L2:SEHORE", "REVENUE:L3:BHOPAL", "REVENUE:L4:STATE"]
RESOLVE = {"action": "resolve", "remarks": "खसरा नकल दे दी गई", "rule_reference": "MPLRC धारा 114"}
# The officer's work goes to whoever holds the post; a login's password goes to the officer named.
POST_HOLDER_KINDS = {"officer_new", "officer_escalated", "officer_reminder"}
IDS = {key: f"1207{i:015d}" for i, key in enumerate(SMS_TEMPLATES)}


def publishes(request: Any) -> dict[str, Any]:
    """A Publish request's phone number, text and message attributes, from its query body."""
    raw = request.body.decode() if isinstance(request.body, bytes) else request.body
    q = {k: v[0] for k, v in urllib.parse.parse_qs(raw).items()}
    attrs, n = {}, 1
    while f"MessageAttributes.entry.{n}.Name" in q:
        prefix = f"MessageAttributes.entry.{n}"
        attrs[q[f"{prefix}.Name"]] = (q[f"{prefix}.Value.DataType"], q[f"{prefix}.Value.StringValue"])
        n += 1
    return {"to": q.get("PhoneNumber"), "text": q.get("Message"), "attrs": attrs}


@pytest.fixture
def wire(aws: dict[str, str]) -> Iterator[list[dict[str, Any]]]:
    """A stage with a DLT registration for every text; the Publish requests it makes to SNS."""
    saved = {k: os.environ.get(k) for k in ("DLT_TEMPLATE_IDS", "DLT_ENTITY_ID")}
    os.environ.update(DLT_TEMPLATE_IDS=json.dumps(IDS), DLT_ENTITY_ID=ENTITY)
    bootstrap.reset()
    sent: list[dict[str, Any]] = []

    def capture(request: Any, **_: Any) -> None:
        sent.append(publishes(request))

    events = bootstrap.client("sns").meta.events
    events.register("before-send.sns.Publish", capture)
    yield sent
    events.unregister("before-send.sns.Publish", capture)
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v
    bootstrap.reset()


def registration(key: str) -> dict[str, tuple[str, str]]:
    return {"AWS.MM.SMS.EntityId": ("String", ENTITY), "AWS.MM.SMS.TemplateId": ("String", IDS[key])}


def dlt(message: dict[str, Any]) -> dict[str, tuple[str, str]]:
    return {k: v for k, v in message["attrs"].items() if k.startswith("AWS.MM.SMS.")}


@pytest.mark.parametrize("lang", ["hi", "en"])
@pytest.mark.parametrize("kind", sorted(k for k in TEMPLATES if k != "otp"))
def test_each_notification_kind_goes_to_sns_with_its_texts_dlt_ids(
    wire: list[dict[str, Any]], clock: Any, directory: Any, mobile: str, kind: str, lang: str
) -> None:
    now = clock.now().isoformat()
    c = Complaint(
        reference=LONGEST["reference"],
        version=1,
        category="complaint",
        department="REVENUE",
        district="SEHORE",
        block="SEHORE-BUDHNI",
        status="open",
        level=1,
        chain=[],
        chain_kind="standard",
        post_id=f"DLT:{kind}:{lang}:{mobile}",  # a post of this case's own
        assignment_id=f"{LONGEST['reference']}-1",
        assigned_at=now,
        due_at=now,
        registered_at=now,
        channel="web",
        mobile=mobile,
        name="n",
        subject="s",
        description="d",
    )
    values = {k: v for k, v in LONGEST.items() if k not in ("reference", "level", "link", "due")}
    if kind in POST_HOLDER_KINDS:  # to the post's holder, in the holder's language, with a link of their own
        officer = Officer(f"dlt.{kind}.{lang}.{mobile}", "अधिकारी", "test", mobile, lang=lang)
        directory.put_officers([officer])
        directory.put_postings([Posting(c.post_id, officer.officer_id, "regular", "2026-01-01T00:00:00+00:00")])
        [job] = notify.officer_jobs(c, 1, kind, clock, bootstrap.get_calendar(), bootstrap.links(), call=False)
    else:  # to a mobile (the citizen, or the officer's digest), in the language the job names
        job = notify.job(c, 1, kind, "sms", to_mobile=mobile, lang=lang, **values, link="https://x.in/officer")
    assert notify.deliver(job, bootstrap.notifier()) == 1
    [message] = [m for m in wire if m["to"] == mobile]
    assert dlt(message) == registration(f"{kind}.{lang}"), message["text"]
    assert message["attrs"]["AWS.SNS.SMS.SMSType"] == ("String", "Transactional")


def test_the_sms_of_a_complaints_life_on_the_app_each_carry_their_dlt_ids(
    wire: list[dict[str, Any]], app_client: Any, clock: Any, mobile: str, pump: Any, aws: dict[str, str]
) -> None:
    holders = staff_chain(bootstrap.get_directory(), CHAIN, f"dlt{mobile[-6:]}")
    token = citizen_token(app_client, mobile)  # POST /v1/otp: the OTP's SMS
    ref = body(post(app_client, "/v1/complaints", {**FORM, "lang": "en"}, token))["reference"]
    pump.drain()
    [to_officer] = [m for m in wire if m["to"] == holders[CHAIN[0]] and ref in m["text"]]
    assert dlt(to_officer) == registration("officer_new.hi")
    link = to_officer["text"].rsplit("/o/", 1)[1]
    assert post(app_client, f"/v1/complaints/{ref}/actions", RESOLVE, link).status_code == 200
    cce = staff_token(app_client, aws["USER_POOL_ID"], "cce-dlt", ("cce",))
    assert body(post(app_client, f"/v1/complaints/{ref}/satisfaction", {"satisfied": True}, cce))["status"] == "closed"
    pump.drain()
    mine = [m for m in wire if m["to"] == mobile]
    assert dlt(mine[0]) == registration("otp.hi")  # before the citizen chose a language
    expected = ("citizen_registered.en", "citizen_resolved.en", "citizen_closed.en")  # the queue keeps no order
    assert sorted(IDS[k] for k in expected) == sorted(dlt(m)["AWS.MM.SMS.TemplateId"][1] for m in mine[1:])
    assert all(dlt(m)["AWS.MM.SMS.EntityId"] == ("String", ENTITY) for m in mine)


def hidden(page: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', page).group(1)  # type: ignore[union-attr]


def registered_sms(wire: list[dict[str, Any]], mobile: str, ref: str) -> dict[str, Any]:
    [message] = [m for m in wire if m["to"] == mobile and ref in m["text"]]
    return message


def test_a_call_centre_filing_in_the_callers_english_is_stored_so_and_its_sms_is_the_english_text(
    wire: list[dict[str, Any]], app_client: Any, clock: Any, mobile: str, pump: Any, aws: dict[str, str]
) -> None:
    staff_user(aws["USER_POOL_ID"], "cce-dlt-lang", ("cce",), STAFF_PASSWORD)
    login = {"username": "cce-dlt-lang", "password": STAFF_PASSWORD, "lang": "hi"}
    jar = send(app_client, "/cce/login", login).headers["Set-Cookie"].split(";")[0]
    console = text(app_client.http.get("/cce", headers={"Cookie": jar}))
    assert 'name="caller_lang" value="hi" checked' in console  # Hindi unless the executive chooses
    filing = {**FORM, "mobile": mobile[3:], "lang": "hi", "caller_lang": "en", "step": "submit"}  # a Hindi console
    filed = send(app_client, "/cce/file", {**filing, "idem": hidden(console, "idem")}, jar)
    assert filed.status_code == 303, text(filed)
    ref = re.search(r"ref=(\d{10})", filed.headers["Location"]).group(1)  # type: ignore[union-attr]
    assert stored(ref).lang == "en" and stored(ref).channel == "call_centre"
    pump.drain()
    sms = registered_sms(wire, mobile, ref)
    assert dlt(sms) == registration("citizen_registered.en") and sms["text"].startswith("CM Helpline 181: complaint")
    bad = send(app_client, "/cce/file", {**filing, "caller_lang": "fr", "idem": "x1"}, jar)
    assert bad.status_code == 400 and "one of hi, en" not in text(bad) and "इनमें से एक: hi, en" in text(bad)


@pytest.mark.parametrize(("asked", "key"), [({"lang": "en"}, "otp.en"), ({"lang": "hi"}, "otp.hi"), ({}, "otp.hi")])
def test_post_v1_otp_sends_the_otp_in_the_language_asked_for(
    wire: list[dict[str, Any]], app_client: Any, mobile: str, asked: dict[str, str], key: str
) -> None:
    assert post(app_client, "/v1/otp", {"mobile": mobile, **asked}).status_code == 202
    [sms] = [m for m in wire if m["to"] == mobile]
    assert dlt(sms) == registration(key)
    assert re.search(r"OTP (is )?\d{6}", sms["text"])


def test_post_v1_otp_refuses_another_language_in_hindi_and_english(
    wire: list[dict[str, Any]], app_client: Any, mobile: str
) -> None:
    resp = post(app_client, "/v1/otp", {"mobile": mobile, "lang": "fr"})
    assert resp.status_code == 400 and body(resp)["fields"]["lang"] == {"hi": "इनमें से एक: hi, en", "en": "one of hi, en"}
    assert [m for m in wire if m["to"] == mobile] == []


def test_the_web_filing_pages_in_english_file_a_complaint_whose_sms_is_the_english_text(
    wire: list[dict[str, Any]], app_client: Any, clock: Any, mobile: str, pump: Any
) -> None:
    step1 = {"agree": "yes", "category": "complaint", "mobile": mobile[3:], "lang": "en"}
    assert send(app_client, "/file/otp", step1).status_code == 200
    [otp_sms] = list(wire)
    assert otp_sms["to"] == mobile and dlt(otp_sms) == registration("otp.en")  # the page's language
    code = otp_from(phone(app_client, mobile))
    form = send(app_client, "/file/verify", {"mobile": mobile, "category": "complaint", "lang": "en", "otp": code})
    page = text(form)
    assert form.status_code == 200 and '<html lang="en">' in page
    carried = {"token": hidden(page, "token"), "idem": hidden(page, "idem")}
    filed = send(app_client, "/file/submit", {**FORM, **carried, "lang": "en", "step": "submit"})
    assert filed.status_code == 303, text(filed)
    ref = re.search(r"ref=(\d{10})", filed.headers["Location"]).group(1)  # type: ignore[union-attr]
    assert stored(ref).lang == "en"
    pump.drain()
    sms = registered_sms(wire, mobile, ref)
    assert dlt(sms) == registration("citizen_registered.en") and sms["text"].startswith("CM Helpline 181: complaint")


def test_an_officer_posted_in_english_gets_the_login_and_each_new_complaint_in_english(
    wire: list[dict[str, Any]], app_client: Any, clock: Any, mobile: str, pump: Any, aws: dict[str, str]
) -> None:
    admin = staff_token(app_client, aws["USER_POOL_ID"], "admin-dlt-lang", ("admin",))
    officer_mobile = "+9163" + mobile[-8:]
    posting = {
        "name": "R. Sharma",
        "designation": "Tehsildar",
        "mobile": officer_mobile,
        "kind": "additional_charge",  # beside whoever holds the post: no regular slot to contend for
        "order_no": "1/2026",
        "order_date": "2026-11-20",
        "lang": "en",
    }
    made = post(app_client, f"/v1/directory/posts/{CHAIN[0]}/postings", posting, admin)
    assert made.status_code == 201, made.body
    assert bootstrap.get_directory().officer(body(made)["username"]).lang == "en"  # type: ignore[union-attr]
    [login] = [m for m in wire if m["to"] == officer_mobile]
    assert dlt(login) == registration("officer_login.en")
    ref = body(post(app_client, "/v1/complaints", FORM, citizen_token(app_client, mobile)))["reference"]
    pump.drain()
    [new] = [m for m in wire if m["to"] == officer_mobile and ref in m["text"]]
    assert dlt(new) == registration("officer_new.en") and new["text"].startswith("CMH181: new complaint")
    assert dlt(registered_sms(wire, mobile, ref)) == registration("citizen_registered.hi")  # the citizen's own
