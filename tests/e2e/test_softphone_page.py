"""The console's softphone in headless Chromium: the app serves the page, its policy, its own
script and the Streams library from npm; the real library embeds the instance's CCP (the frame
cannot load here: no network) and the screen pop shows what a ringing call carries."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from chalicelib.settings import get_settings
from tests.e2e.browser import DESKTOP, chromium, find, submit
from tests.integration.chalice_wsgi import ChaliceWSGI
from tests.integration.helpers import STAFF_PASSWORD, staff_user

CCP = "https://mp-cmh181.my.connect.aws/ccp-v2/"


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def console_url(directory: Any, aws: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("CONNECT_CCP_URL", CCP)
    get_settings.cache_clear()
    staff_user(aws["USER_POOL_ID"], "cce-softphone", ("cce",), STAFF_PASSWORD)
    from app import app

    server: WSGIServer = make_server("127.0.0.1", 0, ChaliceWSGI(app), handler_class=_Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/cce"
    server.shutdown()
    get_settings.cache_clear()


def test_the_softphone_embeds_the_ccp_and_pops_the_callers_details(console_url: str) -> None:
    with chromium(javascript=True, size=DESKTOP) as browser:
        browser.get(console_url + "?lang=en")
        find(browser, "#username").send_keys("cce-softphone")
        find(browser, "#password").send_keys(STAFF_PASSWORD)
        submit(browser, "#login")
        frame = WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#ccp iframe"))[0]
        assert str(frame.get_attribute("src")).startswith(CCP)  # made by the library's initCCP
        assert not find(browser, "#sp-pop").is_displayed()
        browser.execute_script(
            "cmhSoftphone.show(document.getElementById('softphone'), arguments[0], arguments[1], arguments[2])",
            "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0",
            {"line": "officers", "officer_name": "R. Sharma", "reference": "1234567890", "lapsed": "true"},
            "+919000000001",
        )
        assert find(browser, "#sp-line").text == "Officers' line 1800-2330-183"
        assert find(browser, "#sp-reference").text == "123 456 7890"
        assert find(browser, "#sp-officer").text == "R. Sharma"
        assert find(browser, "#sp-lapsed").is_displayed() and not find(browser, "#sp-choice").is_displayed()
        assert find(browser, "#sp-record").is_displayed()
        assert str(find(browser, "#sp-record input[name=call]").get_attribute("value")).startswith("0b1c2d3e")
        assert find(browser, "input[name=caller_lang][value=hi]").is_selected()  # Hindi until a call says
        browser.execute_script(
            "cmhSoftphone.show(document.getElementById('softphone'), 'c-2', arguments[0], '+919000000002')",
            {"line": "181", "lang": "en", "menu_choice": "register", "pending_references": "1234567890 9876543210"},
        )
        assert find(browser, "#sp-line").text == "181" and find(browser, "#sp-lang").text == "English"
        assert find(browser, "#sp-pending").text == "123 456 7890, 987 654 3210"
        assert not find(browser, "#sp-record").is_displayed() and not find(browser, "#sp-lapsed").is_displayed()
        assert find(browser, "#mobile").get_attribute("value") == "9000000002"  # the caller's number, ready
        assert find(browser, "input[name=caller_lang][value=en]").is_selected()  # the IVR's language, chosen
        log = browser.get_log("browser")  # type: ignore[attr-defined]
        errors = [e for e in log if e["level"] == "SEVERE" and "127.0.0.1" in e["message"]]
        assert not errors, errors  # the page's own scripts ran under its policy
