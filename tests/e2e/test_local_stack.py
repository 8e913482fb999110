"""The local stack as a newcomer runs it: `make run`, then HTTP."""

from __future__ import annotations

import re
import signal
from typing import Any

import pytest

from devstack.launch import Stack, start_stack, stop_stack

# The tests of the shared `stack` run on one pytest-xdist worker: one stack for them all.
pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("stack")]

FORM = {
    "category": "complaint",
    "department": "REVENUE",
    "district": "SEHORE",
    "block": "SEHORE-BUDHNI",
    "name": "सीता बाई",
    "subject": "पेंशन नहीं मिली",
    "description": "छह माह से वृद्धावस्था पेंशन बंद है।",
}
L1_OFFICER = "revenue.l1.sehore-budhni"


def test_health_and_phone_answer_then_ctrl_c_stops_everything(tmp_path: Any) -> None:
    # Started by a parent that ignores Ctrl-C (its children inherit that, as a test runner's
    # or a service manager's may), the stack still stops on it.
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        s = start_stack(tmp_path)
    finally:
        signal.signal(signal.SIGINT, before)
    try:
        assert s.call("GET", "/v1/health") == (200, {"status": "ok"})
        status, body = s.call("GET", "/dev/phone")
        assert status == 200 and "messages" in body
    finally:
        stop_stack(s)
    assert s.proc.returncode == 0
    assert "Stopping" in s.log.read_text()


def _file_as_portal(stack: Stack, mobile: str) -> str:
    assert stack.call("POST", "/v1/otp", {"mobile": mobile})[0] == 202
    code = re.search(r"OTP (?:is )?(\d{6})", stack.phone(mobile)[0]["text"]).group(1)  # type: ignore[union-attr]
    status, out = stack.call("POST", "/v1/otp/verify", {"mobile": mobile, "otp": code})
    assert status == 200, out
    status, out = stack.call("POST", "/v1/complaints", FORM, out["token"], {"Idempotency-Key": "e2e-1"})
    assert status == 201, out
    return str(out["reference"])


def test_complaint_filed_like_the_portal_reaches_the_l1_officer_by_sms_and_call(stack: Stack) -> None:
    mobile = "+919900000001"
    ref = _file_as_portal(stack, mobile)
    officer_mobile = stack.wait_for(lambda: _officer_mobile(stack, ref))
    msgs = stack.wait_for(
        lambda: (
            [m for m in stack.phone(officer_mobile) if ref in m["text"] or m["text"].count(" ".join(ref))]
            if len([m for m in stack.phone(officer_mobile)]) >= 2
            else None
        )
    )
    kinds = {m["kind"] for m in msgs}
    sms = next(m for m in msgs if m["kind"] == "sms")
    assert kinds == {"sms", "call"}
    assert re.search(r"/o/[\w.-]+", sms["text"]) and "नई शिकायत" in sms["text"]
    citizen = stack.wait_for(lambda: [m for m in stack.phone(mobile) if ref in m["text"]])
    assert "दर्ज" in citizen[0]["text"]
    status, public = stack.call("GET", f"/v1/complaints/{ref}/status")
    assert status == 200 and public["level"] == 1 and public["status"] == "open" and public["due_at"]


def _officer_mobile(stack: Stack, ref: str) -> str | None:
    for m in stack.call("GET", "/dev/phone")[1]["messages"]:
        if m["kind"] == "sms" and ref in m["text"] and "/o/" in m["text"]:
            return str(m["to"])
    return None
