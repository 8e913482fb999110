"""WhatsApp on the local stack over HTTP, as a newcomer tries it with curl: a message sent with
`POST /dev/phone/whatsapp` is signed and delivered to the webhook as the platform would, queued,
answered by the WhatsApp queue's handler that the stack's event pump drives, and the reply
shows in `GET /dev/phone` as `kind: "whatsapp"`."""

from __future__ import annotations

import re
import urllib.request
from typing import Any

import pytest

from tests.e2e.conftest import Stack

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("stack")]

FORM = {
    "category": "complaint",
    "department": "REVENUE",
    "district": "SEHORE",
    "block": "SEHORE-BUDHNI",
    "name": "कमला देवी",
    "subject": "नामांतरण लंबित",
    "description": "छह माह से नामांतरण का आवेदन लंबित है।",
}


def _file(stack: Stack, mobile: str) -> str:
    assert stack.call("POST", "/v1/otp", {"mobile": mobile})[0] == 202
    code = re.search(r"OTP (?:is )?(\d{6})", stack.phone(mobile)[0]["text"]).group(1)  # type: ignore[union-attr]
    status, out = stack.call("POST", "/v1/otp/verify", {"mobile": mobile, "otp": code})
    assert status == 200, out
    status, out = stack.call("POST", "/v1/complaints", FORM, out["token"])
    assert status == 201, out
    return str(out["reference"])


def _whatsapp(stack: Stack, number: str) -> list[dict[str, Any]]:
    """The replies the number got (not the templates of its complaints' notifications)."""
    return [m for m in stack.phone(number) if m["kind"] == "whatsapp" and "template" not in m]


def _send(stack: Stack, number: str, text: str) -> str:
    """Sends and waits for the reply (each message gets exactly one)."""
    before = len(_whatsapp(stack, number))
    status, out = stack.call("POST", "/dev/phone/whatsapp", {"from": number, "text": text})
    assert status == 202 and out["webhook"] == 200, out

    def reply() -> str | None:
        now = _whatsapp(stack, number)  # newest first
        return str(now[0]["text"]) if len(now) > before else None

    return str(stack.wait_for(reply, timeout=30))


def test_a_citizen_asks_on_whatsapp_for_their_complaints_a_reference_and_gets_the_menu(stack: Stack) -> None:
    mobile, stranger = "+919900000281", "+919900000282"
    ref = _file(stack, mobile)
    mine = _send(stack, mobile, "स्थिति")
    assert mine.startswith("आपकी शिकायतें (नई पहले):") and ref in mine and FORM["subject"] in mine
    theirs = _send(stack, stranger, f"status {ref}")
    assert theirs.startswith(f"Complaint {ref} — pending with the officer, level 1, due")
    assert FORM["subject"] not in theirs and FORM["name"] not in theirs
    menu = _send(stack, stranger, "hello")
    assert menu.startswith("CM Helpline 181 — send:") and stack.base in menu


def test_the_webhook_over_http_verifies_and_refuses_an_unsigned_post(stack: Stack) -> None:
    query = "hub.mode=subscribe&hub.verify_token=local-verify-token&hub.challenge=31337"
    with urllib.request.urlopen(f"{stack.base}/v1/whatsapp/webhook?{query}", timeout=30) as resp:
        assert (resp.status, resp.read()) == (200, b"31337")
    status, out = stack.call("POST", "/v1/whatsapp/webhook", {"object": "whatsapp_business_account", "entry": []})
    assert status == 401 and out["message_hi"]
