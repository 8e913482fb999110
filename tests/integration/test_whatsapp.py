"""The WhatsApp channel on moto and the Chalice test client, with the platform's own payloads
(the sample events beside this file): the webhook's verification and signature, each message
queued and answered by the queue's handler (driven by the event pump, as Lambda would), the
replies on the emulated phone, and the citizen's notifications as templates."""

from __future__ import annotations

import copy
import itertools
import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import boto3
import pytest

from chalicelib import bootstrap
from chalicelib.domain.tokens import sign
from chalicelib.domain.whatsapp import ChatContact, signature
from chalicelib.settings import LOCAL_DEFAULTS, get_settings
from tests.integration.helpers import FORM, body, citizen_token, phone, post, send, text

EVENTS = Path(__file__).resolve().parent / "events"
SECRET = LOCAL_DEFAULTS["WHATSAPP_APP_SECRET"]
WEBHOOK = "/v1/whatsapp/webhook"
_ids = itertools.count()


def sample(name: str) -> dict[str, Any]:
    return json.loads((EVENTS / f"whatsapp_{name}.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def message_from(sender: str, text: str, at: datetime, name: str = "text") -> dict[str, Any]:
    """The sample event, as sent by `sender` at `at` saying `text`, with an id of its own."""
    event = copy.deepcopy(sample(name))
    value = event["entry"][0]["changes"][0]["value"]
    value["contacts"][0]["wa_id"] = sender.lstrip("+")
    m = value["messages"][0]
    m.update({"from": sender.lstrip("+"), "id": f"wamid.it{next(_ids)}", "timestamp": str(int(at.timestamp()))})
    if m["type"] == "text":
        m["text"]["body"] = text
    return event


def deliver(client: Any, event: Any, secret: str | None = SECRET, raw: bytes | None = None) -> Any:
    """POSTs the event as the platform does: the raw bytes, signed (unless `secret` is None)."""
    data = raw if raw is not None else json.dumps(event).encode()
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Hub-Signature-256"] = signature(data, secret)
    return client.http.post(WEBHOOK, body=data, headers=headers)


def replies(client: Any, number: str) -> list[str]:
    """The WhatsApp messages the number got, oldest first."""
    return [m["text"] for m in reversed(phone(client, number)) if m["kind"] == "whatsapp"]


def queued(aws: dict[str, str]) -> int:
    attrs = boto3.client("sqs").get_queue_attributes(
        QueueUrl=aws["WHATSAPP_QUEUE_URL"], AttributeNames=["ApproximateNumberOfMessages"]
    )
    return int(attrs["Attributes"]["ApproximateNumberOfMessages"])


@pytest.fixture
def wa(app_client: Any, clock: Any, pump: Any, aws: dict[str, str]) -> Any:
    pump.drain()  # what earlier tests left in the queues is answered first
    return app_client


# ---- the webhook -----------------------------------------------------------------------------


def test_the_verification_request_gets_the_challenge_back_only_with_the_verify_token(wa: Any) -> None:
    ok = wa.http.get(f"{WEBHOOK}?hub.mode=subscribe&hub.verify_token=local-verify-token&hub.challenge=1158201444")
    assert (ok.status_code, text(ok)) == (200, "1158201444") and ok.headers["Content-Type"].startswith("text/plain")
    wrong = wa.http.get(f"{WEBHOOK}?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444")
    assert wrong.status_code == 403 and "1158201444" not in text(wrong)
    assert wa.http.get(WEBHOOK).status_code == 403
    assert wa.http.get(f"{WEBHOOK}?hub.mode=subscribe&hub.verify_token=local-verify-token&other=1").status_code == 400


def test_an_unsigned_or_wrongly_signed_request_is_401_and_nothing_is_done(
    wa: Any, mobile: str, clock: Any, pump: Any, aws: dict[str, str]
) -> None:
    event = message_from(mobile, "स्थिति", clock.wall())
    before = queued(aws)
    for secret in (None, "not-the-app-secret"):
        resp = deliver(wa, event, secret)
        assert resp.status_code == 401 and body(resp)["message_hi"]
    resp = deliver(wa, event, raw=json.dumps(event).encode() + b" ", secret=None)
    assert resp.status_code == 401
    # the right signature of other bytes
    other = json.dumps(event, indent=1).encode()
    headers = {"Content-Type": "application/json", "X-Hub-Signature-256": signature(json.dumps(event).encode(), SECRET)}
    assert wa.http.post(WEBHOOK, body=other, headers=headers).status_code == 401
    assert queued(aws) == before
    pump.drain()
    assert replies(wa, mobile) == [] and bootstrap.get_chats().get(mobile) is None


def test_a_signed_text_message_is_200_at_once_and_answered_by_the_queue_s_handler(
    wa: Any, mobile: str, clock: Any, pump: Any
) -> None:
    resp = deliver(wa, message_from(mobile, "नमस्ते", clock.wall()))
    assert resp.status_code == 200 and body(resp) == {"status": "received", "messages": 1}
    assert replies(wa, mobile) == []  # not inline: the queue's handler answers
    pump.drain()
    [menu] = replies(wa, mobile)
    assert menu.startswith("सीएम हेल्पलाइन 181 — भेजें:") and "181" in menu and get_settings().public_base_url in menu
    assert bootstrap.get_chats().get(mobile) == ChatContact(mobile, clock.wall(), "hi", False)


def test_status_lists_the_senders_own_complaints(wa: Any, mobile: str, clock: Any, pump: Any) -> None:
    token = citizen_token(wa, mobile)
    ref = body(post(wa, "/v1/complaints", FORM, token))["reference"]
    deliver(wa, message_from(mobile, "स्थिति", clock.wall()))
    pump.drain()
    [reply] = replies(wa, mobile)
    assert reply.startswith("आपकी शिकायतें (नई पहले):")
    assert f"{ref} — अधिकारी के पास लंबित, स्तर 1, अंतिम तिथि" in reply and FORM["subject"] in reply


def test_a_reference_from_another_number_gets_the_public_status_only(
    wa: Any, mobile: str, clock: Any, pump: Any
) -> None:
    ref = body(post(wa, "/v1/complaints", FORM, citizen_token(wa, mobile)))["reference"]
    stranger = "+91" + "7" + mobile[-9:]
    deliver(wa, message_from(stranger, f"status {ref}", clock.wall()))
    pump.drain()
    [reply] = replies(wa, stranger)
    assert reply.startswith(f"Complaint {ref} — pending with the officer, level 1, due")
    assert "Department: Revenue" in reply and "district: Sehore" in reply
    assert FORM["subject"] not in reply and FORM["name"] not in reply and mobile not in reply


def test_a_scheme_question_and_anything_else(wa: Any, mobile: str, clock: Any, pump: Any) -> None:
    from devstack.schemes import load_schemes

    load_schemes(bootstrap.scheme_desk())  # the demo schemes (once per session)
    deliver(wa, message_from(mobile, "योजना वृद्धावस्था पेन्शन", clock.wall()))  # misspelt
    pump.drain()
    deliver(wa, message_from(mobile, "hello", clock.wall()))
    pump.drain()
    scheme, menu = replies(wa, mobile)
    lines = scheme.splitlines()
    assert lines[0] == "मिलती योजनाएँ:" and lines[1].startswith("1. इंदिरा गांधी राष्ट्रीय वृद्धावस्था पेंशन योजना (")
    assert f"{get_settings().public_base_url}/schemes" in lines[-1] and len(scheme) < 1000
    assert menu.startswith("CM Helpline 181 — send:") and "call 181" in menu


def test_a_delivery_repeated_by_the_platform_is_answered_once(wa: Any, mobile: str, clock: Any, pump: Any) -> None:
    event = message_from(mobile, "स्थिति", clock.wall())
    for _ in range(3):
        assert deliver(wa, event).status_code == 200
    pump.drain()
    assert len(replies(wa, mobile)) == 1
    m = event["entry"][0]["changes"][0]["value"]["messages"][0]
    [row] = bootstrap.get_ledger().attempts(f"whatsapp:{m['id']}")
    assert row["status"] == "sent" and row["to"] == mobile


def test_status_callbacks_are_ignored_and_a_picture_gets_a_polite_text(
    wa: Any, mobile: str, clock: Any, pump: Any, aws: dict[str, str]
) -> None:
    before = queued(aws)
    status = deliver(wa, sample("status"))
    assert status.status_code == 200 and body(status)["messages"] == 0 and queued(aws) == before
    deliver(wa, message_from(mobile, "", clock.wall(), "image"))
    pump.drain()
    [polite] = replies(wa, mobile)
    assert polite.startswith("हम अभी केवल लिखे हुए संदेश पढ़ पाते हैं।")


@pytest.mark.parametrize(
    "raw", [b"not json", b"\xff\xfe\x00", b"[]", b'{"object": "page"}', b'{"object": "whatsapp_business_account"}']
)
def test_a_signed_but_malformed_payload_is_200_and_nothing_is_done(
    wa: Any, raw: bytes, aws: dict[str, str], caplog: Any
) -> None:
    before = queued(aws)
    with caplog.at_level("WARNING"):
        resp = deliver(wa, None, raw=raw)
    assert resp.status_code == 200 and body(resp)["messages"] == 0
    assert queued(aws) == before and "malformed payload" in caplog.text


def test_a_message_answered_after_its_24_hour_window_gets_no_free_form_reply(
    wa: Any, mobile: str, clock: Any, pump: Any
) -> None:
    """The platform delivered it in time but it is answered a day later (the queue held it, or it
    was redriven from the DLQ): recorded, not answered; the number's opt-in stands."""
    old = clock.wall() - timedelta(hours=24, minutes=1)
    deliver(wa, message_from(mobile, "स्थिति", old))
    pump.drain()
    assert replies(wa, mobile) == []
    contact = bootstrap.get_chats().get(mobile)
    assert contact is not None and contact.last_inbound_at == old


def test_the_local_platform_refuses_a_free_form_message_once_the_window_closed(mobile: str, clock: Any) -> None:
    from chalicelib.services.ports import OutsideWindow

    chats, sender = bootstrap.get_chats(), bootstrap.get_whatsapp()
    chats.inbound(mobile, clock.wall() - timedelta(hours=25))
    with pytest.raises(OutsideWindow):
        sender.send_text(mobile, "free-form after the window")
    chats.inbound(mobile, clock.wall())
    assert sender.send_text(mobile, "within the window").startswith("wamid.")


def test_a_resolution_reaches_a_citizen_who_wrote_as_a_template_through_the_notify_queue(
    wa: Any, mobile: str, clock: Any, pump: Any, aws: dict[str, str]
) -> None:
    deliver(wa, message_from(mobile, "नमस्ते", clock.wall()))
    pump.drain()  # the number has written: it opted in
    ref = body(post(wa, "/v1/complaints", FORM, citizen_token(wa, mobile)))["reference"]
    pump.drain()
    clock.advance(days=2)  # long past the window: templates still go
    assert len(replies(wa, mobile)) == 2  # the menu, then the registration's template
    token = sign("link", f"{ref}-1", clock.wall() + timedelta(days=9), get_settings().signing_secret)  # the SMS link
    resolve = {"action": "resolve", "remarks": "नकल दे दी गई", "rule_reference": "भू-राजस्व संहिता धारा 12"}
    assert post(wa, f"/v1/complaints/{ref}/actions", resolve, token).status_code == 200
    pump.drain()
    registered, resolved = replies(wa, mobile)[1:]
    assert ref in registered and "दर्ज हो गई है" in registered
    assert ref in resolved and "निराकृत दर्ज की गई है" in resolved and "STOP" in resolved
    [logged] = [m for m in phone(wa, mobile) if m["kind"] == "whatsapp" and m["text"] == resolved]
    assert logged["template"] == "cmh181_complaint_resolved"
    assert any(ref in m["text"] for m in phone(wa, mobile) if m["kind"] == "sms")  # SMS as ever


# ---- the local platform: /dev/phone/whatsapp and the keypad page ------------------------------


def test_dev_phone_whatsapp_signs_and_delivers_like_the_platform(wa: Any, mobile: str, pump: Any) -> None:
    resp = post(wa, "/dev/phone/whatsapp", {"from": mobile, "text": "3"})
    assert resp.status_code == 202
    out = body(resp)
    assert out["message"].startswith("wamid.") and out["webhook"] == 200
    pump.drain()
    [reply] = replies(wa, mobile)
    assert reply.startswith("शिकायत दर्ज करने के लिए 181 पर कॉल करें")
    bad = post(wa, "/dev/phone/whatsapp", {"from": "12", "text": ""})
    assert bad.status_code == 400 and set(body(bad)["fields"]) == {"from", "text"}


def test_the_phone_page_sends_a_whatsapp_message_without_javascript(wa: Any, mobile: str, pump: Any) -> None:
    page = wa.http.get("/dev/phone/keypad")
    assert page.status_code == 200 and 'action="/dev/phone/keypad/whatsapp"' in text(page)
    sent = send(wa, "/dev/phone/keypad/whatsapp", {"mobile": mobile, "text": "status", "lang": "en"})
    assert sent.status_code == 303 and "chat=%2B" in sent.headers["Location"]
    pump.drain()
    shown = text(wa.http.get(sent.headers["Location"].split("#")[0]))
    assert "We found no complaint filed from this number" in shown
    bad = send(wa, "/dev/phone/keypad/whatsapp", {"mobile": "12", "text": "x", "lang": "en"})
    assert bad.status_code == 400 and "a +91 Indian mobile number" in text(bad)
