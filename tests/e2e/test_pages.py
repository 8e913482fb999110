"""The pages in real headless Chromium with JavaScript off, against the running local stack."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select

from chalicelib.domain.reference import verhoeff_check_digit
from devstack.launch import Stack
from tests.e2e.browser import LIGHT, PHONE, chromium, find, light, submit

# The tests of the shared `stack` run on one pytest-xdist worker: one stack for them all.
pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("stack")]
CCE_USER, CCE_PASSWORD = "cce1", "Demo@181local"


@pytest.fixture(scope="session")
def browser() -> Iterator[WebDriver]:
    """A phone-sized Chromium with JavaScript off for every site."""
    with chromium(javascript=False, size=PHONE) as driver:
        yield driver


def otp_for(stack: Stack, mobile: str) -> str:
    texts = stack.wait_for(lambda: [m["text"] for m in stack.phone(mobile) if "OTP" in m["text"]], timeout=20)
    return re.search(r"OTP (?:is )?(\d{6})", texts[0]).group(1)  # type: ignore[union-attr]


def step_one(driver: WebDriver, stack: Stack, mobile: str, lang: str = "hi") -> None:
    driver.get(f"{stack.base}/?lang={lang}")
    find(driver, "#agree").click()
    find(driver, 'input[name=category][value="complaint"]').click()
    find(driver, "#mobile").send_keys(mobile[3:])
    submit(driver, "#send")
    assert find(driver, "#otp") and light(driver)


def fill_places(driver: WebDriver, district: str, block: str) -> None:
    Select(find(driver, "#district")).select_by_value(district)
    submit(driver, 'button[name=step][value="district"]')  # no JavaScript: blocks come in a second step
    Select(find(driver, "#block")).select_by_value(block)


def test_javascript_is_really_off_in_the_test_browser(browser: WebDriver) -> None:
    browser.get("data:text/html,<title>off</title><script>document.title='on'</script>")
    assert browser.title == "off"


def test_citizen_files_with_js_off_then_tracks_level_1_and_due_date_and_gets_the_sms(
    browser: WebDriver, stack: Stack
) -> None:
    mobile = "+919811100001"
    step_one(browser, stack, mobile)
    find(browser, "#otp").send_keys(otp_for(stack, mobile))
    submit(browser, "#verify")
    find(browser, "#name").send_keys("सीता बाई")
    fill_places(browser, "SEHORE", "SEHORE-BUDHNI")
    assert find(browser, 'input[name=category][value="complaint"]').is_selected()  # carried from step 1
    Select(find(browser, "#department")).select_by_value("REVENUE")
    find(browser, "#subject").send_keys("पेंशन नहीं मिली")
    find(browser, "#description").send_keys("छह माह से वृद्धावस्था पेंशन बंद है।")
    find(browser, "#address").send_keys("वार्ड 5, बुधनी")
    submit(browser, "#submit")
    ref = find(browser, "#reference").text.strip()
    assert re.fullmatch(r"\d{10}", ref) and light(browser)
    submit(browser, "#status-link")
    assert "L1" in find(browser, "#level").text and light(browser)
    assert re.fullmatch(r"\d{2}-\d{2}-\d{4}", find(browser, "#due").text.strip())
    sms = stack.wait_for(lambda: [m for m in stack.phone(mobile) if ref in m["text"] and m["kind"] == "sms"])
    assert "दर्ज" in sms[0]["text"] and f"/t/{ref}" in sms[0]["text"]


def test_english_switch_shows_english_and_keeps_it_across_the_flow(browser: WebDriver, stack: Stack) -> None:
    browser.get(f"{stack.base}/")
    assert find(browser, "html").get_attribute("lang") == "hi" and "मैं सहमत हूँ" in light(browser)
    submit(browser, "#switch")
    assert find(browser, "html").get_attribute("lang") == "en"
    assert "I agree" in find(browser, "main").text and "Send OTP" in find(browser, "#send").text
    step_one(browser, stack, "+919811100002", lang="en")
    assert find(browser, "html").get_attribute("lang") == "en" and "Enter the OTP" in find(browser, "h1").text
    submit(browser, "#switch")  # a button of the form on a posted page: nothing is sent or lost
    assert find(browser, "html").get_attribute("lang") == "hi"
    assert "+919811100002" in find(browser, "main").text


def test_wrong_otp_shows_the_error_on_the_page_in_its_language(browser: WebDriver, stack: Stack) -> None:
    mobile = "+919811100003"
    step_one(browser, stack, mobile)
    wrong = f"{(int(otp_for(stack, mobile)) + 1) % 1_000_000:06d}"
    find(browser, "#otp").send_keys(wrong)
    submit(browser, "#verify")
    error = find(browser, "#error").text
    assert "गलत OTP" in error and "wrong OTP" not in error
    assert find(browser, "#otp") and mobile in find(browser, "main").text  # still on the OTP step
    submit(browser, "#switch")  # English, still on the OTP step
    find(browser, "#otp").send_keys(wrong)
    submit(browser, "#verify")
    error = find(browser, "#error").text
    assert "wrong OTP" in error and "गलत OTP" not in error


def test_cce_logs_in_at_cce_and_registers_a_callers_complaint(browser: WebDriver, stack: Stack) -> None:
    browser.get(f"{stack.base}/cce")
    find(browser, "#username").send_keys(CCE_USER)
    find(browser, "#password").send_keys(CCE_PASSWORD)
    submit(browser, "#login")
    assert browser.find_elements(By.ID, "user"), find(browser, "main").text
    assert find(browser, "#user").text == CCE_USER and light(browser)
    find(browser, "#name").send_keys("रामलाल पटेल")
    find(browser, "#mobile").send_keys("9811100004")
    fill_places(browser, "SEHORE", "SEHORE-BUDHNI")
    find(browser, "#address").send_keys("ग्राम खेड़ा")
    find(browser, 'input[name=category][value="demand"]').click()
    Select(find(browser, "#department")).select_by_value("REVENUE")
    find(browser, "#subject").send_keys("नया हैंडपंप")
    find(browser, "#description").send_keys("गाँव में पीने के पानी की कमी है।")
    submit(browser, "#submit")
    spoken = find(browser, "#reference").text.strip()
    assert re.fullmatch(r"\d{3} \d{3} \d{4}", spoken)
    status, public = stack.call("GET", f"/v1/complaints/{spoken.replace(' ', '')}/status")
    assert status == 200 and public["level"] == 1 and public["district"] == "SEHORE"


def test_screenshot_is_saved_and_every_get_page_is_under_100_kb(
    browser: WebDriver, stack: Stack, tmp_path: Path
) -> None:
    unknown = "123456789" + verhoeff_check_digit("123456789")
    for path in ("/", "/?lang=en", "/track", f"/track?ref={unknown}", "/cce", "/cce?lang=en"):
        assert len(_raw(stack.base + path)) < LIGHT, path
        browser.get(stack.base + path)
        light(browser)
    browser.get(stack.base + "/")
    shot = tmp_path / "home.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 1000


def _raw(url: str) -> bytes:
    """The bytes sent over the wire, whatever the status (an unknown reference is a 404 page)."""
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:
            return bytes(resp.read())
    except urllib.error.HTTPError as err:
        return bytes(err.read())
