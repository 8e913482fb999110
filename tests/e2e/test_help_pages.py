"""The officers' manual's screenshots, taken in headless Chromium from the real pages of a local
stack of its own (started as `make run` starts it, so its data is only the demo's and this
module's), and the `/help` pages checked to render with them, on screen and in print.

Each screenshot is kept with the page's outline (its headings, forms and controls, by id and
name) in `chalicelib/pages/static/help/screens.json`. When a screenshot is missing, or the page
it shows no longer has that outline, the test writes the new screenshot and outline and fails:
commit them, and the manual shows the pages as they are. `HELP_SCREENS=refresh` rewrites every
screenshot (after a change of look that keeps the outline) without failing."""

from __future__ import annotations

import base64
import functools
import json
import os
import re
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import pytest
from selenium.common.exceptions import NoSuchElementException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from chalicelib.pages import help_screens as hs
from chalicelib.pages.help_text import BACKUP_NUMBERS, MANUALS
from devstack.launch import Stack, start_stack, stop_stack
from tests.e2e.browser import PHONE, chromium, find

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("manual")]
PASSWORD = "Demo@181local"
OFFICER, NODAL, COLLECTOR, CCE = "revenue.l1.sehore-budhni", "nodal.district.sehore", "collector.l2.sehore", "cce1"
DESKTOP_WIDTH, MAX_HEIGHT, QUALITY = 1280, 1500, 70
FORM = {
    "category": "complaint",
    "department": "REVENUE",
    "district": "SEHORE",
    "block": "SEHORE-BUDHNI",
    "name": "कमला बाई",
    "subject": "खसरा नकल नहीं मिली",
    "description": "तहसील कार्यालय में तीन माह से आवेदन लंबित है।",
}
EXCLUSION = {
    "department": "REVENUE",
    "category": "complaint",
    "terms": ["न्यायालय में विचाराधीन", "sub judice"],
    "service_hi": "न्यायालय में विचाराधीन राजस्व प्रकरण",
    "service_en": "Revenue cases pending before a court",
    "instead_hi": "प्रकरण की सुनवाई कर रहे राजस्व न्यायालय (तहसील/अनुविभाग) में आवेदन करें",
    "instead_en": "apply to the revenue court (Tehsil or Sub-Division) hearing the case",
    "reason_kind": "legal",
    "reason": "न्यायालय में विचाराधीन प्रकरण में प्रशासनिक स्तर पर निर्णय नहीं लिया जा सकता।",
    "legal_reference": "म.प्र. भू-राजस्व संहिता, 1959",
}
# Sehore's directory as its nodal officer keeps it: a Health post left vacant by a retirement,
# and the district's Health office head transferred and a new one posted.
VACATED, HANDED_OVER = "HEALTH:L1:SEHORE-ICHHAWAR", "HEALTH:L2:SEHORE"
NEW_HEAD = {
    "name": "डॉ. सुधीर डेहरिया",
    "designation": "मुख्य चिकित्सा एवं स्वास्थ्य अधिकारी",
    "mobile": "+919826100182",
    "kind": "regular",
    "order_no": "स्वा./स्था./2026/418",
    "order_date": "2026-11-30",
}
REFRESH = os.environ.get("HELP_SCREENS") == "refresh"


@pytest.fixture(scope="module")
def own_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """A stack of this module's own: what its pages show depends on nothing another test did."""
    s = start_stack(tmp_path_factory.mktemp("manual"))
    yield s
    stop_stack(s)


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    with chromium(javascript=True, size=PHONE) as driver:
        yield driver


@pytest.fixture(scope="module")
def data(own_stack: Stack) -> dict[str, str]:
    """A complaint in the Budhni Tehsildar's inbox, one resolved (a callback for the call centre),
    a service excluded, and Sehore's directory changed by its nodal officer (a vacant post, a post
    with its history), so that every page the manual shows has something on it."""
    s = own_stack
    token = {u: login(s, u) for u in (OFFICER, CCE, NODAL, "revenue.nodal.state", "admin")}
    refs = []
    for i in range(2):
        status, out = s.call("POST", "/v1/complaints", {**FORM, "mobile": f"+91981110100{i}"}, token[CCE])
        assert status == 201, out
        refs.append(out["reference"])
    resolve = {"action": "resolve", "remarks": "खसरा नकल आवेदक को दे दी गई।", "rule_reference": "भू-राजस्व संहिता"}
    status, out = s.call("POST", f"/v1/complaints/{refs[1]}/actions", resolve, token[OFFICER])
    assert status == 200, out
    status, x = s.call("POST", "/v1/exclusions", EXCLUSION, token["revenue.nodal.state"])
    assert status == 201, x
    decision = {"decision": "accept", "remarks": "विधिक प्रावधान के अनुसार"}
    assert s.call("POST", f"/v1/exclusions/{x['exclusion_id']}/decision", decision, token["admin"])[0] == 200
    status, posts = s.call("GET", "/v1/directory/posts?district=SEHORE&department=HEALTH", None, token[NODAL])
    assert status == 200, posts
    holder = {p["post_id"]: p["holders"][0]["posting_id"] for p in posts if p["holders"]}
    for post, reason, order in (
        (VACATED, "retirement", "स्वा./स्था./2026/402"),
        (HANDED_OVER, "transfer", "स्वा./स्था./2026/417"),
    ):
        end = {"reason": reason, "order_no": order, "order_date": "2026-11-30"}
        status, out = s.call("POST", f"/v1/directory/postings/{holder[post]}/end", end, token[NODAL])
        assert status == 200, out
    status, posted = s.call("POST", f"/v1/directory/posts/{HANDED_OVER}/postings", NEW_HEAD, token[NODAL])
    assert status == 201, posted
    return {
        "open": refs[0],
        "resolved": refs[1],
        "post": urllib.parse.quote(HANDED_OVER),
        "posting": posted["posting_id"],
    }


def login(s: Stack, user: str) -> str:
    status, out = s.call("POST", "/v1/auth/login", {"username": user, "password": PASSWORD})
    assert status == 200, out
    return str(out["token"])


# ---- what a page is made of ------------------------------------------------------------------
KEPT = {"h1", "h2", "h3", "form", "fieldset", "label", "input", "select", "textarea", "button", "table", "nav"}


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag not in KEPT and not (tag in ("ol", "ul", "dl", "section", "p", "div") and "id" in a):
            return
        sig = tag + "".join(f"#{a[k]}" if k == "id" else f"[{k}={a[k]}]" for k in ("id", "name", "type") if k in a)
        if tag == "form":
            sig += f"[action={re.sub(r'https?://[^/]+', '', a.get('action', ''))}]"
        self.found.add(re.sub(r"[0-9]+", "#", sig))  # references and dates are data, not shape


def outline(page: str) -> list[str]:
    """The page's shape: its headings, lists, forms and controls by tag, id, name and type
    (numbers blanked), each once: what the manual's words point at, not the data shown."""
    parser = _Outline()
    parser.feed(page)
    return sorted(parser.found)


# ---- the screens -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Shot:
    name: str
    path: str  # with {ref} for the open complaint, {post} and {posting} for the directory's
    ready: tuple[str, ...]  # CSS selectors that must all be on the page
    user: str | None = None  # signed in through this page's own login form first
    login_path: str = ""


SHOTS = (
    Shot("officer_login", "/officer", ("#login",)),
    Shot("officer_inbox", "/officer", ("#inbox", "#posts"), OFFICER, "/officer"),
    Shot("officer_complaint", "/officer/c/{ref}", ("#complaint", "#do-resolve"), OFFICER, "/officer"),
    Shot("nodal_inbox", "/officer", ("#posts",), NODAL, "/officer"),
    Shot("nodal_directory", "/nodal?district=SEHORE", ("#vacant", "#departments"), NODAL, "/officer"),
    Shot("nodal_post", "/nodal/post?post={post}", ("#f", "#changes"), NODAL, "/officer"),
    Shot("nodal_end", "/nodal/end?posting={posting}", ("#do-end", "#send-password"), NODAL, "/officer"),
    Shot("exclusion_proposal", "/officer/exclusions", ("#propose", "#all"), "revenue.nodal.state", "/officer"),
    Shot("exclusions", "/exclusions", ("#exclusions",)),
    Shot("monitor_login", "/monitor", ("#login",)),
    Shot("monitor_district", "/monitor/district/SEHORE", ("#rows", "#officers"), COLLECTOR, "/monitor"),
    Shot("monitor_ranking", "/monitor/ranking", ("#rows",), COLLECTOR, "/monitor"),
    Shot("cce_login", "/cce", ("#login",)),
    Shot("cce_console", "/cce", ("#f", "#waiting-none"), CCE, "/cce"),
    Shot("cce_callbacks", "/cce/callbacks", ("section.cb",), CCE, "/cce"),
)


def sign_in(driver: WebDriver, base: str, path: str, user: str) -> None:
    driver.delete_all_cookies()
    driver.get(f"{base}{path}?lang=en")
    find(driver, "#username").send_keys(user)
    find(driver, "#password").send_keys(PASSWORD)
    find(driver, "#login").click()
    wait(driver, lambda: not driver.find_elements(By.CSS_SELECTOR, "#password"), f"{user} signed in")


def wait(driver: WebDriver, ok: Callable[[], bool], what: str, timeout: float = 90) -> None:
    deadline = time.time() + timeout
    while not ok():
        if time.time() > deadline:
            raise AssertionError(f"{what}: not in {timeout}s at {driver.current_url}")
        time.sleep(0.5)


def open_ready(driver: WebDriver, url: str, ready: tuple[str, ...]) -> None:
    """Loads `url` until every `ready` selector is on it (the stack's events run in real time)."""

    def there() -> bool:
        driver.get(url)
        try:
            return all(find(driver, css) for css in ready)
        except NoSuchElementException:
            return False

    wait(driver, there, f"{url} with {ready}")


def capture(driver: WebDriver, desktop: bool) -> tuple[bytes, int, int]:
    """The page's top (at most MAX_HEIGHT px of it) as JPEG; a desktop page at 60 %."""
    width = DESKTOP_WIDTH if desktop else int(PHONE.split(",")[0])
    driver.set_window_size(width, 1000)
    height = min(int(driver.execute_script("return document.documentElement.scrollHeight")), MAX_HEIGHT)
    scale = 0.6 if desktop else 1.0
    clip = {"x": 0, "y": 0, "width": width, "height": height, "scale": scale}
    shot = driver.execute_cdp_cmd(  # type: ignore[attr-defined]
        "Page.captureScreenshot", {"format": "jpeg", "quality": QUALITY, "clip": clip, "captureBeyondViewport": True}
    )
    return base64.b64decode(shot["data"]), round(width * scale), round(height * scale)


def test_the_manuals_screenshots_show_the_pages_as_they_are(
    browser: WebDriver, own_stack: Stack, data: dict[str, str]
) -> None:
    assert {s.name for s in SHOTS} == set(hs.BY_NAME)
    hs.FOLDER.mkdir(parents=True, exist_ok=True)
    before = hs.manifest()
    after: dict[str, Any] = {}
    changed = []
    for shot in SHOTS:
        screen = hs.BY_NAME[shot.name]
        if shot.user:
            sign_in(browser, own_stack.base, shot.login_path, shot.user)
        else:
            browser.delete_all_cookies()
        for lang in hs.LANGS:
            key, file = f"{shot.name}.{lang}", hs.FOLDER / hs.file_name(shot.name, lang)
            browser.set_window_size(DESKTOP_WIDTH if screen.desktop else int(PHONE.split(",")[0]), 1000)
            path = shot.path.format(ref=data["open"], **data)
            open_ready(browser, f"{own_stack.base}{path}{'&' if '?' in path else '?'}lang={lang}", shot.ready)
            shape = outline(browser.page_source)
            entry = before.get(key)
            if not file.is_file() or entry is None:
                why = "missing"
            else:
                why = "page changed shape" if entry["outline"] != shape else ""
            if REFRESH or why:
                jpeg, width, height = capture(browser, screen.desktop)
                file.write_bytes(jpeg)
                after[key] = {"outline": shape, "width": width, "height": height}
                changed.append(f"{key}: {why or 'refreshed'}")
            else:
                after[key] = entry
    for gone in set(before) - set(after):  # a screen the manual no longer shows
        changed.append(f"{gone}: no longer in the manual")
        stale = hs.FOLDER / f"{gone}.jpg"
        if stale.is_file():
            stale.unlink()
    if changed:
        hs.MANIFEST.write_text(json.dumps(after, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if not REFRESH:
        assert not changed, f"new screenshots written to {hs.FOLDER} (commit them): {changed}"


def loaded(driver: WebDriver, img: Any) -> bool:
    return bool(driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth", img))


def test_the_help_pages_render_with_every_screenshot_and_print_without_the_screen_only_parts(
    browser: WebDriver, own_stack: Stack, data: dict[str, str]
) -> None:
    browser.delete_all_cookies()
    browser.set_window_size(int(PHONE.split(",")[0]), 1000)
    for role, manual in MANUALS.items():
        wanted = [s.screen for s in manual.sections if s.screen]
        for lang in hs.LANGS:
            browser.get(f"{own_stack.base}/help/{role}?lang={lang}&district=SEHORE")
            assert find(browser, "#title").text == manual.title.in_lang(lang)
            assert all(n in find(browser, "#backup").text for n in BACKUP_NUMBERS)
            for name in wanted:
                img = find(browser, f"#screen-{name} img")
                browser.execute_script("arguments[0].scrollIntoView()", img)  # lazily loaded
                wait(browser, functools.partial(loaded, browser, img), f"{name} loaded")
                assert img.get_attribute("src").endswith(f"/help/screens/{name}.{lang}.jpg")
            if manual.dpsm:
                contact = find(browser, "#dpsm-contact").text
                assert "@demo.mp.gov.in" in contact and "+9170" in contact  # the demo Sehore nodal officer
    # In print: the language switch, the header, the footer and the district chooser are left out.
    browser.get(f"{own_stack.base}/help/officer?lang=hi&district=SEHORE")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})  # type: ignore[attr-defined]
    try:
        for css in ("#switch", "header", "footer", "#dpsm form", "p.noprint"):
            shown = browser.execute_script("return getComputedStyle(document.querySelector(arguments[0])).display", css)
            assert shown == "none", css
        assert find(browser, "#screen-officer_inbox img").is_displayed()
        pdf = base64.b64decode(browser.print_page())
        assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})  # type: ignore[attr-defined]
    # The officer's, nodal officer's, console's and monitoring pages link to their manual.
    for path, role in (("/officer", "officer"), ("/nodal", "nodal"), ("/cce", "cce"), ("/monitor", "monitor")):
        browser.get(f"{own_stack.base}{path}?lang=en")
        assert find(browser, "#help").get_attribute("href").endswith(f"/help/{role}?lang=en")


def test_the_outline_is_the_pages_shape_not_its_data() -> None:
    one = '<form action="http://x/officer/c/1234567890" method="post"><input name="remarks"><button id="do-resolve">'
    two = '<form action="/officer/c/5555555555"><input name="remarks"><button id="do-resolve">Other words</button>'
    assert outline(one) == outline(two) == ["button#do-resolve", "form[action=/officer/c/#]", "input[name=remarks]"]
    assert outline(two) != outline(two.replace("remarks", "note"))
