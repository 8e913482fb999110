"""The edge's rules, pure: which headers a stage's answers get (HSTS only on a deployed,
https stage), which origins are this site's, the form session cookie, and the form token
under a key rotation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace as Request

import pytest

from chalicelib.api import edge
from chalicelib.domain.errors import Unauthorized
from chalicelib.domain.tokens import SigningKeys, form_token, form_token_matches, sign, verify
from chalicelib.settings import load
from tests.deployed_env import deployed_env

LOCAL = load({"STAGE": "local"})
DEPLOYED = load(deployed_env())
SESSION = "s" * 43


def test_a_deployed_stage_says_https_only_and_the_local_stack_never_does() -> None:
    assert DEPLOYED.public_base_url == "https://cmhelpline.mp.gov.in" and not DEPLOYED.is_local
    for page in (True, False):
        deployed = edge.security_headers(DEPLOYED, page)
        assert deployed["Strict-Transport-Security"] == "max-age=31536000"
        assert "Strict-Transport-Security" not in edge.security_headers(LOCAL, page)
        for h in (deployed, edge.security_headers(LOCAL, page)):
            assert h["Cache-Control"] == "no-store" and h["X-Content-Type-Options"] == "nosniff"
    assert edge.security_headers(LOCAL, True)["Referrer-Policy"] == "strict-origin"
    assert edge.security_headers(LOCAL, True)["X-Frame-Options"] == "DENY"
    assert "Referrer-Policy" not in edge.security_headers(LOCAL, False)  # the JSON API


def test_the_origin_is_origin_else_referers_and_this_site_is_its_public_origin_or_the_host_asked() -> None:
    assert edge.origin_of({"origin": "HTTPS://CMHelpline.mp.gov.in"}) == "https://cmhelpline.mp.gov.in"
    assert edge.origin_of({"referer": "https://cmhelpline.mp.gov.in/o/x?y=1"}) == "https://cmhelpline.mp.gov.in"
    assert edge.origin_of({"origin": "null", "referer": "https://cmhelpline.mp.gov.in/"}) == "null"
    assert edge.origin_of({"referer": "about:blank"}) == "null"
    assert edge.origin_of({}) is None
    own = edge.own_origins("https://cmhelpline.mp.gov.in", "abc.execute-api.ap-south-1.amazonaws.com", True)
    assert own == {"https://cmhelpline.mp.gov.in", "https://abc.execute-api.ap-south-1.amazonaws.com"}
    assert edge.own_origins("http://127.0.0.1:8000", "127.0.0.1:8123", False) == {
        "http://127.0.0.1:8000",
        "http://127.0.0.1:8123",
    }


def test_only_what_another_site_can_post_unasked_is_checked() -> None:
    def req(method: str, content_type: str) -> Request:
        return Request(method=method, headers={"content-type": content_type})

    assert edge.posted_by_a_form(req("POST", "application/x-www-form-urlencoded; charset=UTF-8"))
    assert edge.posted_by_a_form(req("POST", "multipart/form-data; boundary=x"))
    assert edge.posted_by_a_form(req("POST", "text/plain"))
    assert not edge.posted_by_a_form(req("POST", "application/json"))  # needs a preflight; CORS is off
    assert not edge.posted_by_a_form(req("GET", "application/x-www-form-urlencoded"))


def test_the_form_session_is_its_own_cookie_host_only_over_https() -> None:
    assert edge.session_of(f"cmh_staff=x; cmh_csrf={SESSION}", secure=False) == SESSION
    assert edge.session_of(f"cmh_csrf={SESSION}", secure=True) is None  # over https only __Host-
    assert edge.session_of(f"__Host-cmh_csrf={SESSION}", secure=True) == SESSION
    assert edge.session_of("cmh_csrf=short", secure=False) is None
    assert edge.form_cookie(SESSION, True) == f"__Host-cmh_csrf={SESSION}; Path=/; HttpOnly; SameSite=Lax; Secure"
    assert "Secure" not in edge.form_cookie(SESSION, False)


def test_the_form_token_is_the_sessions_under_any_accepted_key() -> None:
    old, new = "o" * 40, "n" * 40
    token = form_token(SESSION, SigningKeys(old))
    assert form_token_matches(token, SESSION, SigningKeys(new, (old,)))  # a rotation overlaps
    assert not form_token_matches(token, SESSION, SigningKeys(new))
    assert not form_token_matches(token, "t" * 43, SigningKeys(old))  # another browser's
    assert not form_token_matches("पुराना", SESSION, SigningKeys(old))  # never raises on odd input
    assert form_token(SESSION, SigningKeys(old)) != form_token(SESSION, SigningKeys(new))


def test_a_signed_token_with_other_than_ascii_in_it_is_invalid_not_an_error() -> None:
    now = datetime(2026, 11, 23, tzinfo=UTC)
    token = sign("citizen", "+919876543210", now + timedelta(minutes=30), "k" * 40)
    assert verify(token, "citizen", "k" * 40, now).subject == "+919876543210"
    for odd in (token[:-1] + "é", token.replace("+91", "+९१")):
        with pytest.raises(Unauthorized):
            verify(odd, "citizen", "k" * 40, now)
