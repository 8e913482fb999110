"""Throttled staff sign-in (services.signin) through the JSON API and the three sign-in
pages, on moto's Cognito and the ops table: one counter per username and per address."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from chalicelib.settings import get_settings
from tests.integration.helpers import body, post, send, staff_user, text

PASSWORD = "Throttle@181Password"


def test_five_failed_sign_ins_lock_the_username_in_the_api_and_the_pages(
    app_client: Any, aws: dict[str, str], mobile: str
) -> None:
    user = staff_user(aws["USER_POOL_ID"], f"officer-throttle-{mobile[-6:]}", ("officer",), PASSWORD)
    for _ in range(3):
        assert post(app_client, "/v1/auth/login", {"username": user, "password": "wrong-Pass1"}).status_code == 401
    for _ in range(2):
        wrong = send(app_client, "/officer/login", {"username": user, "password": "wrong-Pass1", "lang": "hi"})
        assert wrong.status_code == 401
    locked = post(app_client, "/v1/auth/login", {"username": user, "password": PASSWORD})
    assert locked.status_code == 429 and body(locked)["Code"] == "TooManyRequestsError"
    assert body(locked)["Message"] == "Too many failed sign-ins; try again in 15 minutes"
    assert body(locked)["message_hi"] == "बहुत अधिक गलत प्रयास; 15 मिनट बाद फिर से लॉगिन करें"
    for page in ("/officer/login", "/cce/login", "/monitor/login"):
        shown = send(app_client, page, {"username": user, "password": PASSWORD, "lang": "en"})
        assert shown.status_code == 429 and "Too many failed sign-ins" in text(shown), page
        assert "cmh_" not in shown.headers.get("Set-Cookie", "").replace("cmh_csrf", "")


def test_failures_from_one_address_lock_it_for_every_username(
    app_client: Any, aws: dict[str, str], clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIGNIN_FAILURES_PER_SOURCE", "3")
    get_settings.cache_clear()
    clock.set(datetime(2031, 3, 3, 4, 0, tzinfo=UTC))  # a window no other test counts in
    user = staff_user(aws["USER_POOL_ID"], "cce-throttle-source", ("cce",), PASSWORD)
    for name in ("spray-a", "spray-b", "spray-c"):
        assert post(app_client, "/v1/auth/login", {"username": name, "password": "Guess@123"}).status_code == 401
    assert post(app_client, "/v1/auth/login", {"username": user, "password": PASSWORD}).status_code == 429
    clock.advance(minutes=15)
    assert post(app_client, "/v1/auth/login", {"username": user, "password": PASSWORD}).status_code == 200
