"""The HTML pages through chalice.test.Client: headers, languages, errors kept on the page,
and the citizen and call-centre flows filing through the same services as the JSON API."""

from __future__ import annotations

import re
from typing import Any

import pytest

from chalicelib.domain.reference import verhoeff_check_digit
from tests.integration.helpers import FORM, otp_from, phone, send, staff_user, text

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; form-action 'self'; "
    "frame-ancestors 'none'"
)
CCE_PASSWORD = "Cce@181Password"


def hidden(page: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', page).group(1)  # type: ignore[union-attr]


def to_form(client: Any, mobile: str) -> str:
    """Steps 1 and 2 (agree, mobile, OTP); returns the complainant form page."""
    step1 = {"agree": "yes", "category": "complaint", "mobile": mobile[3:], "lang": "hi"}
    resp = send(client, "/file/otp", step1)
    assert resp.status_code == 200, text(resp)
    resp = send(
        client,
        "/file/verify",
        {"mobile": mobile, "category": "complaint", "lang": "hi", "otp": otp_from(phone(client, mobile))},
    )
    assert resp.status_code == 200, text(resp)
    return text(resp)


def filled(page: str) -> dict[str, str]:
    carried = {"token": hidden(page, "token"), "idem": hidden(page, "idem")}
    return {**FORM, **carried, "lang": "hi", "step": "submit"}


def test_home_is_small_hindi_html_with_security_headers_and_no_script(app_client: Any) -> None:
    resp = app_client.http.get("/")
    page = text(resp)
    assert resp.status_code == 200 and '<html lang="hi">' in page
    h = resp.headers
    assert h["Content-Type"] == "text/html; charset=utf-8" and h["Cache-Control"] == "no-store"
    assert h["Content-Security-Policy"] == CSP and h["X-Content-Type-Options"] == "nosniff"
    assert h["Referrer-Policy"] == "no-referrer"
    assert len(resp.body) < 100_000 and "<script" not in page and not re.search(r'(src|href)="https?:', page)
    assert "मैं सहमत हूँ" in page and "1800-180-1551" in page and "1090" in page and "108" in page
    assert 'href="?lang=en"' in page


def test_english_switch_renders_english_with_lang_en(app_client: Any) -> None:
    page = text(app_client.http.get("/?lang=en"))
    assert '<html lang="en">' in page and "I agree" in page and "Send OTP" in page


def test_bad_mobile_is_400_with_the_bilingual_message_and_the_input_kept(app_client: Any) -> None:
    step1 = {"agree": "yes", "category": "demand", "mobile": "12345", "lang": "hi"}
    resp = send(app_client, "/file/otp", step1)
    page = text(resp)
    assert resp.status_code == 400
    assert "+91 से शुरू 10 अंकों का मोबाइल नंबर" in page and "a +91 Indian mobile number" not in page  # the page's language
    assert 'value="12345"' in page and re.search(r'value="demand" required checked', page)


def test_without_i_agree_no_otp_is_sent_and_the_page_says_why_in_english(app_client: Any, mobile: str) -> None:
    resp = send(app_client, "/file/otp", {"category": "complaint", "mobile": mobile, "lang": "en"})
    assert resp.status_code == 400 and "Tick &#39;I agree&#39; to continue" in text(resp)
    assert phone(app_client, mobile) == []


def test_language_switch_on_a_posted_step_keeps_the_input_and_sends_nothing(app_client: Any, mobile: str) -> None:
    resp = send(app_client, "/file/otp", {"agree": "yes", "mobile": mobile, "lang": "hi", "setlang": "en"})
    assert resp.status_code == 200 and '<html lang="en">' in text(resp) and mobile in text(resp)
    assert phone(app_client, mobile) == []


def test_wrong_otp_is_401_in_hindi_and_english(app_client: Any, clock: Any, mobile: str) -> None:
    send(app_client, "/file/otp", {"agree": "yes", "category": "complaint", "mobile": mobile, "lang": "hi"})
    right = otp_from(phone(app_client, mobile))
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    resp = send(app_client, "/file/verify", {"mobile": mobile, "otp": wrong, "lang": "hi"})
    assert resp.status_code == 401 and "गलत OTP" in text(resp) and "wrong OTP" not in text(resp)
    resp = send(app_client, "/file/verify", {"mobile": mobile, "otp": wrong, "lang": "en"})
    assert resp.status_code == 401 and "wrong OTP" in text(resp)


def test_citizen_files_through_the_pages_and_a_double_submit_files_once(
    app_client: Any, clock: Any, mobile: str, pump: Any
) -> None:
    page = to_form(app_client, mobile)
    assert 'name="token"' in page and "सत्यापित मोबाइल" in page
    blocks = send(app_client, "/file/submit", {**filled(page), "block": "", "step": "district"})
    assert blocks.status_code == 200 and 'value="SEHORE-BUDHNI"' in text(blocks)
    first = send(app_client, "/file/submit", filled(page))
    again = send(app_client, "/file/submit", filled(page))
    assert first.status_code == again.status_code == 303
    assert first.headers["Location"] == again.headers["Location"]
    ref = re.search(r"/file/done\?ref=(\d{10})&lang=hi$", first.headers["Location"]).group(1)  # type: ignore[union-attr]
    done = text(app_client.http.get(first.headers["Location"]))
    assert f'id="reference">{ref}<' in done and f"/track?ref={ref}" in done
    status = text(app_client.http.get(f"/track?ref={ref}"))
    assert text(app_client.http.get(f"/t/{ref}")) == status  # the SMS's short link, the same page
    assert "पहला स्तर (L1)" in status and "सीहोर" in status and "राजस्व विभाग" in status
    assert 'id="registered">23-11-2026<' in status and 'id="due">03-12-2026<' in status
    pump.drain()
    assert len([m for m in phone(app_client, mobile) if ref in m["text"]]) == 1, pump.errors[-2:]


def test_missing_fields_are_400_named_on_the_page_with_the_input_kept(app_client: Any, clock: Any, mobile: str) -> None:
    page = to_form(app_client, mobile)
    resp = send(app_client, "/file/submit", {**filled(page), "subject": "", "description": "विवरण <b>x</b>"})
    body = text(resp)
    assert resp.status_code == 400 and "आवश्यक है" in body
    assert "विवरण &lt;b&gt;x&lt;/b&gt;" in body and hidden(body, "token") == hidden(page, "token")


def test_a_forged_citizen_token_is_401_back_to_step_one(app_client: Any) -> None:
    resp = send(app_client, "/file/submit", {**FORM, "token": "citizen~+919999999999.zz.bad", "lang": "hi"})
    assert resp.status_code == 401 and 'action="/file/otp"' in text(resp)


def test_track_bad_check_digit_is_400_in_both_languages_and_unknown_is_404(app_client: Any) -> None:
    valid = "123456789" + verhoeff_check_digit("123456789")
    wrong = valid[:9] + str((int(valid[9]) + 1) % 10)
    bad = app_client.http.get(f"/track?ref={wrong}")
    assert bad.status_code == 400
    assert "शिकायत क्रमांक गलत है" in text(bad)
    bad_en = app_client.http.get(f"/track?ref={wrong}&lang=en")
    assert bad_en.status_code == 400 and "The reference number is not valid" in text(bad_en)
    unknown = app_client.http.get(f"/track?ref={valid}&lang=en")
    assert unknown.status_code == 404 and "No complaint has this reference number" in text(unknown)


@pytest.fixture
def cce(aws: dict[str, str]) -> str:
    staff_user(aws["USER_POOL_ID"], "officer-pages", ("officer",), CCE_PASSWORD)
    return staff_user(aws["USER_POOL_ID"], "cce-pages", ("cce",), CCE_PASSWORD)


def test_cce_logs_in_with_a_strict_httponly_cookie_and_registers_a_caller(
    app_client: Any, cce: str, clock: Any, mobile: str
) -> None:
    resp = send(app_client, "/cce/login", {"username": cce, "password": CCE_PASSWORD, "lang": "hi"})
    assert resp.status_code == 303, text(resp)
    cookie = resp.headers["Set-Cookie"]
    assert cookie.startswith("cmh_staff=") and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert "Secure" not in cookie  # plain http locally
    jar = cookie.split(";")[0]
    console = app_client.http.get("/cce", headers={"Cookie": jar})
    page = text(console)
    assert page.index("कॉलर का विवरण") < page.index('name="department"') < page.index("बिना शिकायत की कॉल")
    data = {**FORM, "mobile": mobile[3:], "lang": "hi", "idem": hidden(page, "idem"), "step": "submit"}
    filed = send(app_client, "/cce/file", data, jar)
    assert filed.status_code == 303
    ref = re.search(r"ref=(\d{10})", filed.headers["Location"]).group(1)  # type: ignore[union-attr]
    shown = text(app_client.http.get(filed.headers["Location"], headers={"Cookie": jar}))
    assert f"{ref[:3]} {ref[3:6]} {ref[6:]}" in shown


def test_console_refuses_non_cce_staff_403_and_strangers_get_the_login(app_client: Any, cce: str) -> None:
    officer = {"username": "officer-pages", "password": CCE_PASSWORD, "lang": "en"}
    resp = send(app_client, "/cce/login", officer)
    assert resp.status_code == 403 and "call-centre executives only" in text(resp)
    assert "Set-Cookie" not in resp.headers
    wrong = send(app_client, "/cce/login", {"username": cce, "password": "Nope@12345", "lang": "hi"})
    assert wrong.status_code == 401 and "गलत उपयोगकर्ता नाम या पासवर्ड" in text(wrong)
    stranger = send(app_client, "/cce/file", {**FORM, "lang": "hi"})
    assert stranger.status_code == 401 and 'action="/cce/login"' in text(stranger)


def test_stage_prefix_is_kept_in_links_behind_an_api_gateway_stage() -> None:
    from chalicelib.pages.forms import stage_base

    assert stage_base({"path": "/v1/file/otp", "resourcePath": "/file/otp"}) == "/v1"
    assert stage_base({"path": "/v1/", "resourcePath": "/"}) == "/v1"
    assert stage_base({"path": "/track", "resourcePath": "/track"}) == ""
    assert stage_base({"path": "/v1/monitor/district/SEHORE", "resourcePath": "/monitor/district/{code}"}) == "/v1"
    assert stage_base({"path": '/x"y/track', "resourcePath": "/track"}) == ""  # never echoed into links


def test_cce_logs_a_referral_from_the_console_without_a_complaint(app_client: Any, cce: str, clock: Any) -> None:
    from chalicelib.bootstrap import get_calls

    resp = send(app_client, "/cce/login", {"username": cce, "password": CCE_PASSWORD, "lang": "hi"})
    jar = resp.headers["Set-Cookie"].split(";")[0]
    before = get_calls().monthly("2026-11").get("referral#dial_100#ALL", 0)
    logged = send(app_client, "/cce/call", {"kind": "referral", "referred_to": "dial_100", "lang": "hi"}, jar)
    assert logged.status_code == 303 and "logged=1" in logged.headers["Location"]
    assert get_calls().monthly("2026-11").get("referral#dial_100#ALL", 0) == before + 1
    bad = send(app_client, "/cce/call", {"kind": "referral", "lang": "en"}, jar)
    assert bad.status_code == 400 and "referred_to" in text(bad)


def test_a_language_switched_on_the_otp_step_sticks_for_the_next_step(app_client: Any, mobile: str) -> None:
    send(app_client, "/file/otp", {"agree": "yes", "category": "complaint", "mobile": mobile, "lang": "hi"})
    switched = text(send(app_client, "/file/verify", {"mobile": mobile, "lang": "hi", "setlang": "en"}))
    assert '<html lang="en">' in switched and hidden(switched, "lang") == "en"


def test_the_sms_link_t_reference_shows_that_complaints_status(app_client: Any) -> None:
    valid = "123456789" + verhoeff_check_digit("123456789")
    assert app_client.http.get(f"/t/{valid}").status_code == 404  # unknown: the same page as /track?ref=
    bad = app_client.http.get(f"/t/{valid[:9]}{(int(valid[9]) + 1) % 10}")
    assert bad.status_code == 400 and "शिकायत क्रमांक गलत है" in text(bad)
