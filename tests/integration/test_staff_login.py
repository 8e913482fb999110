"""Staff login through Cognito (moto's), and a call-centre executive filing for a caller."""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.helpers import FORM, body, post, staff_user

PASSWORD = "Cce@181Password"


@pytest.fixture
def cce(aws: dict[str, str]) -> str:
    return staff_user(aws["USER_POOL_ID"], "cce-test", ("cce",), PASSWORD)


def test_login_with_wrong_password_is_401(app_client: Any, cce: str) -> None:
    resp = post(app_client, "/v1/auth/login", {"username": cce, "password": "nope-Nope1"})
    assert resp.status_code == 401


def test_login_without_fields_is_400_naming_them(app_client: Any) -> None:
    resp = post(app_client, "/v1/auth/login", {})
    assert resp.status_code == 400
    assert "username" in body(resp)["Message"] and "password" in body(resp)["Message"]


def test_cce_files_for_a_caller_with_the_callers_mobile(app_client: Any, cce: str, clock: Any, mobile: str) -> None:
    token = body(post(app_client, "/v1/auth/login", {"username": cce, "password": PASSWORD}))["token"]
    resp = post(app_client, "/v1/complaints", {**FORM, "mobile": mobile}, token)
    assert resp.status_code == 201, resp.body
    ref = body(resp)["reference"]
    view = body(app_client.http.get(f"/v1/complaints/{ref}", headers={"Authorization": f"Bearer {token}"}))
    assert view["channel"] == "call_centre" and view["filed_by"] == cce and view["mobile"] == mobile


def test_a_forged_staff_token_is_401(app_client: Any) -> None:
    forged = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImR1bW15In0.eyJ1c2VybmFtZSI6ImFkbWluIn0.c2ln"
    resp = post(app_client, "/v1/complaints", FORM, forged)
    assert resp.status_code == 401


def test_cce_logs_a_referral_and_a_scheme_call_without_a_complaint(app_client: Any, cce: str, clock: Any) -> None:
    from chalicelib.bootstrap import get_calls

    token = body(post(app_client, "/v1/auth/login", {"username": cce, "password": PASSWORD}))["token"]
    before = get_calls().monthly("2026-11")
    resp = post(
        app_client, "/v1/calls", {"kind": "referral", "referred_to": "ambulance_108", "district": "BHOPAL"}, token
    )
    assert resp.status_code == 201, resp.body
    scheme = {"kind": "scheme_information", "scheme": "लाडली बहना"}
    assert post(app_client, "/v1/calls", scheme, token).status_code == 201
    after = get_calls().monthly("2026-11")
    assert after.get("referral#ambulance_108#BHOPAL", 0) == before.get("referral#ambulance_108#BHOPAL", 0) + 1
    assert post(app_client, "/v1/calls", {"kind": "referral", "referred_to": "mars"}, token).status_code == 400


def test_a_citizen_cannot_log_calls(app_client: Any, clock: Any, mobile: str) -> None:
    from tests.integration.helpers import citizen_token

    resp = post(app_client, "/v1/calls", {"kind": "status_enquiry"}, citizen_token(app_client, mobile))
    assert resp.status_code == 403
