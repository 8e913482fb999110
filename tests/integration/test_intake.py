"""Intake end to end through the app: OTP, filing, routing, notification, tracking."""

from __future__ import annotations

from typing import Any

from chalicelib import bootstrap
from tests.integration.escalation_support import staff_chain
from tests.integration.helpers import FORM, body, citizen_token, get, phone, post

L1 = "REVENUE:L1:SEHORE-BUDHNI"  # FORM's department and block


def test_citizen_files_with_otp_and_gets_reference_sms_and_officer_is_sms_and_called(
    app_client: Any, clock: Any, mobile: str, pump: Any
) -> None:
    pump.drain()  # what earlier tests left in the queues goes to the post's earlier holder
    directory = bootstrap.get_directory()
    staff_chain(directory, [L1], f"intake-{mobile[-6:]}")  # the post has a holder, with a number of its own
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
    # The post's holder, as the directory names them: one SMS with the reference and the
    # assignment's link, and one call naming the reference digit by digit.
    [holder] = directory.current_holders(L1)
    holder_record = directory.officer(holder.officer_id)
    assert holder_record is not None
    officer = holder_record.mobile
    got = phone(app_client, officer)
    sms = [m for m in got if m["kind"] == "sms" and ref in m["text"]]
    calls = [m for m in got if m["kind"] == "call" and " ".join(ref) in m["text"]]
    assert len(sms) == 1 and len(calls) == 1, got
    assert f"/o/{ref}-1~" in sms[0]["text"]  # the assignment's link, naming its holder
    status = body(get(app_client, f"/v1/complaints/{ref}/status"))
    assert status["level"] == 1 and status["district"] == "SEHORE" and "mobile" not in status
