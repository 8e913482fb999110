"""A complaint's whole life on the local stack over HTTP, in headless Chromium with JavaScript
off: filed → L1 SMS link → resolved with reasons → callback "not satisfied" → L2 gets
it → resolved → callback "satisfied" → closed, with the citizen's SMS at each step."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.common.exceptions import NoSuchElementException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from devstack.launch import Stack
from tests.e2e.browser import PHONE, chromium, find, light, submit

# The tests of the shared `stack` run on one pytest-xdist worker: one stack for them all.
pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("stack")]
PASSWORD = "Demo@181local"
FORM = {
    "category": "complaint",
    "department": "REVENUE",
    "district": "SEHORE",
    "block": "SEHORE-BUDHNI",
    "name": "कमला बाई",
    "subject": "नामांतरण लंबित",
    "description": "फौती नामांतरण का आवेदन 4 माह से लंबित है।",
}


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    """A phone-sized Chromium with JavaScript off for every site."""
    with chromium(javascript=False, size=PHONE) as driver:
        yield driver


def open_when(driver: WebDriver, url: str, css: str, timeout: float = 60) -> None:
    """Reloads `url` until `css` shows (the stack's event pump works in real time)."""
    deadline = time.time() + timeout
    while True:
        driver.get(url)
        try:
            find(driver, css)
            return
        except NoSuchElementException:
            if time.time() > deadline:
                shown = driver.find_element(By.TAG_NAME, "body").text[:2000]
                raise AssertionError(f"{url} shows no {css}: {shown}") from None
            time.sleep(0.5)


def file_over_api(stack: Stack, mobile: str) -> str:
    """As the portal does: OTP by SMS, verify, file."""
    assert stack.call("POST", "/v1/otp", {"mobile": mobile})[0] == 202
    texts = stack.wait_for(lambda: [m["text"] for m in stack.phone(mobile) if "OTP" in m["text"]], timeout=20)
    code = re.search(r"OTP (?:is )?(\d{6})", texts[0]).group(1)  # type: ignore[union-attr]
    status, out = stack.call("POST", "/v1/otp/verify", {"mobile": mobile, "otp": code})
    assert status == 200, out
    status, out = stack.call("POST", "/v1/complaints", FORM, out["token"])
    assert status == 201, out
    return str(out["reference"])


def officer_link(stack: Stack, ref: str, level: int) -> str:
    """The link in the SMS the level's officer got, read from the emulated phone."""

    def sms() -> list[str]:
        return [
            m["text"]
            for m in stack.call("GET", "/dev/phone")[1]["messages"]
            if m["kind"] == "sms" and ref in m["text"] and f"स्तर {level}" in m["text"] and "/o/" in m["text"]
        ]

    text = stack.wait_for(sms, timeout=60)[0]
    return re.search(r"(https?://\S+/o/[\w.~-]+)", text).group(1)  # type: ignore[union-attr]


def resolve_by_link(driver: WebDriver, link: str, level: int, remarks: str, rule: str) -> None:
    open_when(driver, link, "#level", timeout=30)
    assert f"L{level}" in find(driver, "#level").text and light(driver)
    assert re.fullmatch(r"\d{2}-\d{2}-\d{4}.*", find(driver, "#due").text.strip())
    find(driver, "#resolve-remarks").send_keys(remarks)
    find(driver, "#resolve-rule").send_keys(rule)
    submit(driver, "#do-resolve")
    assert "निराकरण दर्ज हो गया" in find(driver, "#done").text, find(driver, "main").text
    assert "निराकरण दर्ज" in find(driver, "#status").text and light(driver)


def record_callback(driver: WebDriver, stack: Stack, ref: str, answer: str, remarks: str) -> str:
    open_when(driver, f"{stack.base}/cce/callbacks", f"#cb-{ref}")
    row = find(driver, f"#cb-{ref}").text
    assert FORM["name"] in row and light(driver)
    find(driver, f"#{answer}-{ref}").click()
    find(driver, f"#remarks-{ref}").send_keys(remarks)
    submit(driver, f"#record-{ref}")
    return str(find(driver, "#done").text)


def test_officers_and_call_centre_take_a_complaint_from_filing_to_closure_in_the_browser(
    browser: WebDriver, stack: Stack, tmp_path: Path
) -> None:
    mobile = "+919822200001"
    ref = file_over_api(stack, mobile)
    resolve_by_link(browser, officer_link(stack, ref, 1), 1, "नामांतरण आदेश पारित कर दिया गया", "MPLRC धारा 110")
    assert browser.save_screenshot(str(tmp_path / "officer-link.png"))

    browser.get(f"{stack.base}/cce")
    find(browser, "#username").send_keys("cce1")
    find(browser, "#password").send_keys(PASSWORD)
    submit(browser, "#login")
    assert find(browser, "#user").text == "cce1"
    outcome = record_callback(browser, stack, ref, "no", "खसरे में नाम अभी नहीं चढ़ा")
    assert ref in outcome and "अगले स्तर" in outcome

    l2 = officer_link(stack, ref, 2)
    browser.get(l2)
    assert find(browser, "#disputed") and "खसरे में नाम अभी नहीं चढ़ा" in find(browser, "#history").text
    resolve_by_link(browser, l2, 2, "खसरे में नाम दर्ज कर नकल दी गई", "MPLRC धारा 114")

    outcome = record_callback(browser, stack, ref, "yes", "नकल मिल गई")
    assert ref in outcome and "बंद" in outcome
    browser.get(f"{stack.base}/track?ref={ref}")
    assert "बंद" in find(browser, "#status").text and light(browser)

    def citizen_sms() -> list[str] | None:
        texts = [m["text"] for m in stack.phone(mobile) if m["kind"] == "sms" and ref in m["text"]]
        return texts if any("बंद" in t for t in texts) else None

    texts = stack.wait_for(citizen_sms, timeout=60)
    assert any("दर्ज।" in t for t in texts)  # registered
    assert sum("निराकृत दर्ज" in t for t in texts) == 2  # resolved by L1, then by L2
    assert any("बंद।" in t for t in texts)  # closed
    status, public = stack.call("GET", f"/v1/complaints/{ref}/status")
    assert status == 200 and public["status"] == "closed"
    # The stack's request log saw both links opened and posted, and holds neither token.
    log = stack.log.read_text(encoding="utf-8", errors="replace")
    tokens = [link.rsplit("/o/", 1)[1] for link in (officer_link(stack, ref, 1), l2)]
    assert '"GET /o/**** HTTP/1.1" 200' in log and '"POST /o/**** HTTP/1.1" 200' in log
    assert not [t for t in tokens if t in log]


def test_l1_officer_logs_in_and_sees_a_new_sehore_budhni_revenue_complaint_in_the_inbox(
    browser: WebDriver, stack: Stack
) -> None:
    ref = file_over_api(stack, "+919822200002")
    browser.get(f"{stack.base}/officer")
    find(browser, "#username").send_keys("revenue.l1.sehore-budhni")
    find(browser, "#password").send_keys(PASSWORD)
    submit(browser, "#login")
    assert find(browser, "#user").text == "revenue.l1.sehore-budhni" and light(browser)
    assert "REVENUE:L1:SEHORE-BUDHNI" in find(browser, "#posts").text
    row = find(browser, f"#row-{ref}")
    assert FORM["subject"] in row.text and re.search(r"\d{2}-\d{2}-\d{4}", row.text)
    submit(browser, f"#row-{ref} a")
    assert find(browser, "#reference").text == ref and find(browser, "#do-resolve") and light(browser)
