"""Intake: bad input and abuse, each refused clearly and losing nothing."""

from __future__ import annotations

import re
from typing import Any

from chalicelib.domain.reference import verhoeff_check_digit
from tests.integration.helpers import FORM, body, citizen_token, get, otp_from, phone, post


def _msg(resp: Any) -> str:
    return str(body(resp)["Message"])


def test_wrong_otp_is_401_and_after_five_wrong_tries_even_the_right_one_is_refused(
    app_client: Any, clock: Any, mobile: str
) -> None:
    post(app_client, "/v1/otp", {"mobile": mobile})
    code = otp_from(phone(app_client, mobile))
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(5):
        resp = post(app_client, "/v1/otp/verify", {"mobile": mobile, "otp": wrong})
        assert resp.status_code == 401 and body(resp)["message_hi"] == "गलत OTP" and _msg(resp) == "wrong OTP"
    resp = post(app_client, "/v1/otp/verify", {"mobile": mobile, "otp": code})
    assert resp.status_code == 429


def test_expired_otp_is_refused_after_ten_minutes(app_client: Any, clock: Any, mobile: str) -> None:
    post(app_client, "/v1/otp", {"mobile": mobile})
    code = otp_from(phone(app_client, mobile))
    clock.advance(minutes=10, seconds=1)
    resp = post(app_client, "/v1/otp/verify", {"mobile": mobile, "otp": code})
    assert resp.status_code == 401 and "expired" in _msg(resp)


def test_an_otp_works_once(app_client: Any, clock: Any, mobile: str) -> None:
    post(app_client, "/v1/otp", {"mobile": mobile})
    code = otp_from(phone(app_client, mobile))
    assert post(app_client, "/v1/otp/verify", {"mobile": mobile, "otp": code}).status_code == 200
    assert post(app_client, "/v1/otp/verify", {"mobile": mobile, "otp": code}).status_code == 401


def test_fourth_otp_in_fifteen_minutes_is_429_and_sends_nothing(app_client: Any, clock: Any, mobile: str) -> None:
    for _ in range(3):
        assert post(app_client, "/v1/otp", {"mobile": mobile}).status_code == 202
    resp = post(app_client, "/v1/otp", {"mobile": mobile})
    assert resp.status_code == 429 and "Too many" in _msg(resp)
    assert len(phone(app_client, mobile)) == 3
    clock.advance(minutes=16)
    assert post(app_client, "/v1/otp", {"mobile": mobile}).status_code == 202


def test_otp_only_for_indian_mobiles(app_client: Any, clock: Any) -> None:
    for bad in ("+14155550100", "9876543210", "+91123456789", None):
        resp = post(app_client, "/v1/otp", {"mobile": bad})
        assert resp.status_code == 400 and "+91" in _msg(resp)


def test_reference_with_a_bad_check_digit_is_400_not_a_lookup(app_client: Any) -> None:
    good = "123456789" + verhoeff_check_digit("123456789")
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    resp = get(app_client, f"/v1/complaints/{bad}/status")
    assert resp.status_code == 400 and "reference" in _msg(resp)
    assert get(app_client, f"/v1/complaints/{good}/status").status_code == 404


def test_unknown_district_department_and_block_are_400_field_by_field(app_client: Any, clock: Any, mobile: str) -> None:
    token = citizen_token(app_client, mobile)
    resp = post(app_client, "/v1/complaints", {**FORM, "district": "ATLANTIS", "department": "MAGIC"}, token)
    assert resp.status_code == 400
    assert "district" in _msg(resp) and "department" in _msg(resp)
    resp = post(app_client, "/v1/complaints", {**FORM, "block": "INDORE-MHOW"}, token)
    assert resp.status_code == 400 and "block" in _msg(resp)


def test_status_and_level_cannot_be_set_by_the_filer(app_client: Any, clock: Any, mobile: str) -> None:
    token = citizen_token(app_client, mobile)
    resp = post(app_client, "/v1/complaints", {**FORM, "status": "closed", "level": 4}, token)
    assert resp.status_code == 400 and "unknown field" in _msg(resp)


def test_missing_fields_are_named_in_hindi_and_english(app_client: Any, clock: Any, mobile: str) -> None:
    token = citizen_token(app_client, mobile)
    resp = post(app_client, "/v1/complaints", {"category": "corruption"}, token)
    out = body(resp)
    assert resp.status_code == 400
    for field in ("department", "district", "subject", "description"):
        assert out["fields"][field] == {"hi": "आवश्यक है", "en": "required"}
    assert "below_district_head" in out["fields"]["accused_level"]["en"]
    assert "आवश्यक" in out["message_hi"] and "required" in out["Message"] and "आवश्यक" not in out["Message"]


def test_filing_without_a_token_is_401(app_client: Any) -> None:
    assert post(app_client, "/v1/complaints", FORM).status_code == 401


def test_a_citizen_cannot_read_someone_elses_complaint(app_client: Any, clock: Any, mobile: str) -> None:
    ref = body(post(app_client, "/v1/complaints", FORM, citizen_token(app_client, mobile)))["reference"]
    other = "+9197" + mobile[-8:]
    assert get(app_client, f"/v1/complaints/{ref}", citizen_token(app_client, other)).status_code == 404
    assert get(app_client, f"/v1/complaints/{ref}", citizen_token(app_client, mobile)).status_code == 200


def test_a_retried_post_returns_the_same_complaint_once_with_one_sms(
    app_client: Any, clock: Any, mobile: str, pump: Any
) -> None:
    token = citizen_token(app_client, mobile)
    first = post(app_client, "/v1/complaints", FORM, token, **{"Idempotency-Key": "retry-1"})
    again = post(app_client, "/v1/complaints", FORM, token, **{"Idempotency-Key": "retry-1"})
    assert first.status_code == again.status_code == 201
    assert body(first) == body(again)
    pump.drain()
    ref = body(first)["reference"]
    assert len([m for m in phone(app_client, mobile) if ref in m["text"]]) == 1
    changed = post(app_client, "/v1/complaints", {**FORM, "subject": "दूसरी"}, token, **{"Idempotency-Key": "retry-1"})
    assert changed.status_code == 409


def test_corruption_against_district_head_goes_to_the_state_desk(app_client: Any, clock: Any, mobile: str) -> None:
    token = citizen_token(app_client, mobile)
    form = {**FORM, "category": "corruption", "accused_level": "district_head_or_above"}
    out = body(post(app_client, "/v1/complaints", form, token))
    assert out["status"] == "state_government"
    view = body(get(app_client, f"/v1/complaints/{out['reference']}", token))
    assert view["post_id"] == "STATE_DESK:L4:STATE" and view["chain_kind"] == "state_desk"


def test_unmapped_l1_post_waits_with_the_district_nodal_officer(app_client: Any, clock: Any, mobile: str) -> None:
    token = citizen_token(app_client, mobile)
    # Blocks of Harda are not in the directory yet: its L1 posts are unmapped.
    out = body(post(app_client, "/v1/complaints", {**FORM, "district": "HARDA", "block": "Timarni"}, token))
    view = body(get(app_client, f"/v1/complaints/{out['reference']}", token))
    assert view["post_id"] == "NODAL:DISTRICT:HARDA" and view["chain"][1] == "REVENUE:L2:HARDA"
    assert view["history"][0]["unmapped_posts"] == ["REVENUE:L1:Timarni"]
    assert re.fullmatch(r"\d{10}", out["reference"])


def test_one_network_address_is_limited_across_numbers(app_client: Any, clock: Any, monkeypatch: Any) -> None:
    from chalicelib import bootstrap

    monkeypatch.setenv("OTP_PER_SOURCE_HOUR", "2")
    bootstrap.reset()
    bootstrap.override(clock=clock)
    clock.advance(hours=5)  # a fresh hour window for this address
    codes = [post(app_client, "/v1/otp", {"mobile": f"+9196000000{i:02d}"}).status_code for i in range(3)]
    assert codes == [202, 202, 429]
