"""The Collector's dashboard in real headless Chromium against the running local stack: login,
figures, sorting (in the page with JavaScript, on the server without), English, a screenshot."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from devstack.launch import Stack
from tests.e2e.browser import DESKTOP
from tests.e2e.browser import chromium as open_chromium

# The tests of the shared `stack` run on one pytest-xdist worker: one stack for them all.
pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("stack")]
COLLECTOR, PASSWORD = "collector.l2.sehore", "Demo@181local"
FORM = {
    "category": "complaint",
    "district": "SEHORE",
    "name": "गीता देवी",
    "subject": "नल कनेक्शन",
    "description": "दो माह से पानी नहीं आ रहा।",
}


@pytest.fixture(scope="module")
def chromium() -> Iterator[WebDriver]:
    """A desktop-sized Chromium with JavaScript on (the tables' sort script)."""
    with open_chromium(javascript=True, size=DESKTOP) as driver:
        yield driver


def png_stats(png: bytes) -> tuple[int, int, float]:
    """Width, height and the share of non-zero bytes in the decompressed, filtered scanlines:
    a blank page filters to (almost) all zeros, a page with text and tables does not."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(png):
        (size,), kind = struct.unpack(">I", png[pos : pos + 4]), png[pos + 4 : pos + 8]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", png[pos + 8 : pos + 16])
        elif kind == b"IDAT":
            idat += png[pos + 8 : pos + 8 + size]
        pos += 12 + size
    raw = zlib.decompress(idat)
    return width, height, 1 - raw.count(0) / len(raw)


def column(driver: WebDriver, table: str, index: int) -> list[str]:
    return [
        td.get_attribute("data-v") or ""
        for td in driver.find_elements(By.CSS_SELECTOR, f"#{table} tbody tr td:nth-child({index})")
    ]


def test_collector_logs_in_sees_the_district_sorts_prints_in_english_and_the_page_is_not_blank(
    chromium: WebDriver, stack: Stack
) -> None:
    status, out = stack.call("POST", "/v1/auth/login", {"username": "cce1", "password": PASSWORD})
    assert status == 200, out
    for i, (dept, block) in enumerate(
        (("REVENUE", "SEHORE-BUDHNI"), ("REVENUE", "SEHORE-ASHTA"), ("PHE", "SEHORE-SEHORE"))
    ):
        body = {**FORM, "department": dept, "block": block, "mobile": f"+91981230000{i}"}
        assert stack.call("POST", "/v1/complaints", body, token=out["token"])[0] == 201
    _, login = stack.call("POST", "/v1/auth/login", {"username": COLLECTOR, "password": PASSWORD})

    def revenue_received() -> Any:
        status, view = stack.call("GET", "/v1/monitoring/district/SEHORE", token=login["token"])
        rows = {r["code"]: r for r in view["rows"]} if status == 200 else {}
        # Received counts come through the stream; a row may show (pending) before its count.
        return rows if rows.get("REVENUE", {}).get("received", 0) >= 2 and rows.get("PHE", {}).get("received") else None

    figures = stack.wait_for(revenue_received, timeout=90)

    chromium.get(f"{stack.base}/monitor")
    chromium.find_element(By.ID, "username").send_keys(COLLECTOR)
    chromium.find_element(By.ID, "password").send_keys(PASSWORD)
    chromium.find_element(By.ID, "login").click()
    WebDriverWait(chromium, 30).until(ec.presence_of_element_located((By.ID, "rows")))
    assert "/monitor/district/SEHORE" in chromium.current_url
    assert chromium.find_element(By.TAG_NAME, "html").get_attribute("lang") == "hi"
    assert "सीहोर" in chromium.find_element(By.TAG_NAME, "h1").text
    received = dict(zip(column(chromium, "rows", 1), column(chromium, "rows", 2), strict=True))
    names = {r["name"]: r["received"] for r in figures.values()}
    assert {k: int(v) for k, v in received.items() if k in names} == names
    assert "राज्य में स्थान" in chromium.find_element(By.ID, "rank").text

    # In the page: the script sorts without a request (the URL stays).
    url = chromium.current_url
    header = chromium.find_element(By.CSS_SELECTOR, "#rows thead th:nth-child(2) a")
    header.click()
    values = [int(v) for v in column(chromium, "rows", 2)]
    assert values == sorted(values, reverse=True) and chromium.current_url == url
    header.click()
    assert [int(v) for v in column(chromium, "rows", 2)] == sorted(values)
    # On the server: the same header link works without JavaScript.
    chromium.get(f"{stack.base}/monitor/district/SEHORE?sort=received&dir=asc&lang=en")
    WebDriverWait(chromium, 30).until(ec.presence_of_element_located((By.ID, "rows")))
    assert [int(v) for v in column(chromium, "rows", 2)] == sorted(values)
    assert chromium.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert "District dashboard" in chromium.find_element(By.TAG_NAME, "h1").text
    assert "Sehore" in chromium.find_element(By.TAG_NAME, "h1").text

    shot = chromium.get_screenshot_as_png()
    width, height, busy = png_stats(shot)
    assert width >= 1000 and height >= 800 and len(shot) > 20_000
    assert busy > 0.01, f"the screenshot is (nearly) blank: {busy:.4f}"

    chromium.get(f"{stack.base}/monitor/ranking?lang=en")
    assert len(chromium.find_elements(By.CSS_SELECTOR, "svg.chart")) == 2
    assert chromium.find_elements(By.CSS_SELECTOR, "#rows tbody tr")
    chromium.get("about:blank")  # the measure tells a blank page apart
    assert png_stats(chromium.get_screenshot_as_png())[2] < busy / 10
