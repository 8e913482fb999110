"""Headless Debian Chromium for the page tests, and the few page helpers they share."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

LIGHT = 100_000  # bytes: a page a cheap phone on 2G opens (R-OFFICER-CHANNELS)
PHONE = "412,915"
DESKTOP = "1280,1400"


@contextmanager
def chromium(javascript: bool, size: str) -> Iterator[WebDriver]:
    """Debian's chromium with chromedriver, in its own throw-away profile; with JavaScript
    off for every site when `javascript` is false (the pages must work without it)."""
    profile = tempfile.mkdtemp(prefix="cmh181-chromium-")
    opts = Options()
    opts.binary_location = "/usr/bin/chromium"
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--window-size={size}",
        f"--user-data-dir={profile}",
    ):
        opts.add_argument(arg)
    if not javascript:
        opts.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def find(driver: WebDriver, css: str) -> Any:
    return driver.find_element(By.CSS_SELECTOR, css)


def light(driver: WebDriver) -> str:
    """The page's HTML, checked to be under 100 KB; returns it."""
    page = driver.page_source
    assert len(page.encode()) < LIGHT, f"{driver.current_url} is {len(page.encode())} bytes"
    return page


def submit(driver: WebDriver, css: str) -> None:
    """Clicks a button or link that loads a new page, and waits until that page is all there
    (the language switch is the last element of every page)."""
    old = find(driver, "html")
    find(driver, css).click()
    WebDriverWait(driver, 30).until(lambda _: gone(old))
    WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.ID, "switch"))


def gone(element: Any) -> bool:
    """The element has left the page (a new page replaced it). Mid-navigation chromedriver may
    say so as "Node with given id does not belong to the document" instead of a stale
    reference (seen once in a full run); both mean the same."""
    try:
        element.is_enabled()
    except StaleElementReferenceException:
        return True
    except WebDriverException as exc:
        if "does not belong to the document" in str(exc):
            return True
        raise
    return False
