"""The revenue department's state nodal officer keeps a scheme on the local stack, in headless
Chromium with JavaScript off: signs in at /nodal/schemes, adds a scheme, amends it from the
form filled with the current version, has a second amendment (made meanwhile over the API)
refuse the form they had open with what they typed kept, reloads, ends the scheme, and reads
every version; the public /schemes page finds the scheme while it runs and not once it ended."""

from __future__ import annotations

import time
import urllib.parse
from collections.abc import Iterator

import pytest
from selenium.webdriver.remote.webdriver import WebDriver

from devstack.launch import Stack
from tests.e2e.browser import PHONE, chromium, find, light, submit

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("stack")]
PASSWORD = "Demo@181local"
KEEPER = "revenue.nodal.state"


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    with chromium(javascript=False, size=PHONE) as driver:
        yield driver


def fill(browser: WebDriver, **fields: str) -> None:
    for name, value in fields.items():
        box = find(browser, f"#{name}")
        box.clear()
        box.send_keys(value)


def public_finds(stack: Stack, words: str) -> bool:
    status, found = stack.call("GET", "/v1/schemes?" + urllib.parse.urlencode({"q": words}))
    assert status == 200
    return any(words in s["name_en"] for s in found)


def test_the_state_nodal_officer_adds_amends_and_ends_a_scheme_by_the_pages(stack: Stack, browser: WebDriver) -> None:
    word = f"Tikamgarh{int(time.time()) % 100000}"  # a name no other scheme of the shared stack has
    browser.get(f"{stack.base}/nodal/schemes")
    fill(browser, username=KEEPER, password=PASSWORD)
    submit(browser, "#login")
    assert find(browser, "#user").text == KEEPER and "/nodal/schemes" in browser.current_url and light(browser)

    submit(browser, "#new")
    fill(
        browser,
        name_hi=f"मुख्यमंत्री भू-अभिलेख सुधार योजना {word}",
        name_en=f"Mukhyamantri Bhu Abhilekh Sudhar Yojana {word}",
        objective_hi="भूमि अभिलेखों का सुधार एक ही स्थान पर।",
        objective_en="Land records corrected in one place.",
        elig_hi_1="भू-धारक किसान",
        elig_en_1="A landholding farmer",
    )
    submit(browser, "#save")
    assert "योजना जोड़ी गई" in find(browser, "#done").text and find(browser, "#v1")
    scheme_id = browser.current_url.split("/nodal/schemes/", 1)[1].split("?", 1)[0]
    assert public_finds(stack, word)

    submit(browser, "#amend")  # the form as version 1 reads
    assert find(browser, "#elig_en_1").get_attribute("value") == "A landholding farmer"
    fill(browser, elig_hi_2="मध्यप्रदेश का निवासी", elig_en_2="A resident of Madhya Pradesh", note="शर्त जोड़ी")
    submit(browser, "#save")
    assert "संशोधन सहेजा गया" in find(browser, "#done").text and "पात्रता" in find(browser, "#v2 .changed").text

    # The officer opens the form again (version 2); meanwhile the scheme is amended over the API.
    submit(browser, "#amend")
    status, out = stack.call("POST", "/v1/auth/login", {"username": KEEPER, "password": PASSWORD})
    assert status == 200, out
    status, current = stack.call("GET", f"/v1/schemes/{scheme_id}/versions")
    body = {k: current[-1][k] for k in ("name_hi", "name_en", "objective_hi", "objective_en", "eligibility")}
    body |= {"objective_en": "Land records corrected, at one office.", "version": 2}
    assert stack.call("PUT", f"/v1/schemes/{scheme_id}", body, str(out["token"]))[0] == 200
    fill(browser, objective_hi="भूमि अभिलेखों का सुधार एक ही कार्यालय में।")
    submit(browser, "#save")
    assert "योजना इस बीच बदल चुकी है" in find(browser, "#error").text  # refused, nothing lost
    assert "संस्करण 3" in find(browser, "#now").text  # the version stored meanwhile, beside the form
    assert find(browser, "#objective_hi").get_attribute("value") == "भूमि अभिलेखों का सुधार एक ही कार्यालय में।"
    submit(browser, "#reload")
    assert find(browser, "#objective_en").get_attribute("value") == "Land records corrected, at one office."
    assert find(browser, "input[name=version]").get_attribute("value") == "3"

    browser.get(f"{stack.base}/nodal/schemes/{scheme_id}/end")
    fill(browser, note="योजना बंद")
    submit(browser, "#do-end")
    assert "योजना समाप्त की गई" in find(browser, "#done").text
    assert [li.get_attribute("id") for li in browser.find_elements("css selector", "#versions > li")] == [
        "v4",
        "v3",
        "v2",
        "v1",
    ]
    assert KEEPER in find(browser, "#v1 .by").text and "स्थिति" in find(browser, "#v4 .changed").text
    assert not public_finds(stack, word) and light(browser)
