"""A transfer on the local stack over HTTP, the nodal officer's part in headless Chromium with
JavaScript off: Sehore's nodal officer ends the posting of the officer holding a post with open
complaints and posts a new officer (a new mobile) to it; the temporary password arrives by SMS
in /dev/phone; the new officer signs in, sets their own password, sees the complaints and acts;
the previous holder's inbox no longer shows them and their SMS link is refused; the next
complaint for the post goes to the new holder's mobile; an additional charge brings a second
post's work."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select

from chalicelib.services.structure import mp_data
from devstack.demo import demo_posts, username
from devstack.launch import Stack
from tests.e2e.browser import PHONE, chromium, find, light, submit

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("stack")]
PASSWORD = "Demo@181local"
# A department and blocks no other test of the shared stack files in.
DEPARTMENT, BLOCK, OTHER_BLOCK = "HEALTH", "SEHORE-ICHHAWAR", "SEHORE-NASRULLAGANJ"
POST, OTHER_POST = f"{DEPARTMENT}:L1:{BLOCK}", f"{DEPARTMENT}:L1:{OTHER_BLOCK}"
NEW_MOBILE = "+919826100181"
NEW_PASSWORD = "Sehore@Health181"


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    with chromium(javascript=False, size=PHONE) as driver:
        yield driver


def file(stack: Stack, mobile: str, block: str) -> str:
    assert stack.call("POST", "/v1/otp", {"mobile": mobile})[0] == 202
    texts = stack.wait_for(lambda: [m["text"] for m in stack.phone(mobile) if "OTP" in m["text"]], timeout=20)
    code = re.search(r"OTP (?:is )?(\d{6})", texts[0]).group(1)  # type: ignore[union-attr]
    token = stack.call("POST", "/v1/otp/verify", {"mobile": mobile, "otp": code})[1]["token"]
    form = {
        "category": "complaint",
        "department": DEPARTMENT,
        "district": "SEHORE",
        "block": block,
        "name": "गीता बाई",
        "subject": "उप स्वास्थ्य केंद्र बंद रहता है",
        "description": "गाँव का उप स्वास्थ्य केंद्र एक माह से बंद है।",
    }
    status, out = stack.call("POST", "/v1/complaints", form, token)
    assert status == 201, out
    return str(out["reference"])


def link_to(stack: Stack, mobile: str, ref: str) -> str:
    """The officer's link for `ref` in the SMS `mobile` got."""

    def sms() -> list[str]:
        return [m["text"] for m in stack.phone(mobile) if ref in m["text"] and "/o/" in m["text"]]

    text = stack.wait_for(sms, timeout=60)[0]
    return re.search(r"(https?://\S+/o/[\w.~-]+)", text).group(1)  # type: ignore[union-attr]


def demo_mobile(post_id: str) -> str:
    """The demo officer's mobile on `post_id` (devstack.demo numbers them in order)."""
    index = [p.post_id for p in demo_posts(mp_data())].index(post_id)
    return f"+9170{index + 1:08d}"


def login(stack: Stack, user: str, password: str) -> tuple[int, dict[str, object]]:
    return stack.call("POST", "/v1/auth/login", {"username": user, "password": password})  # type: ignore[no-any-return]


def test_a_transfer_hands_the_posts_complaints_and_notifications_to_the_new_officer_at_once(
    browser: WebDriver, stack: Stack
) -> None:
    nodal = "nodal.district.sehore"
    nodal_token = str(login(stack, nodal, PASSWORD)[1]["token"])
    previous = username(POST)
    status, out = login(stack, previous, PASSWORD)
    assert status == 200, out
    previous_token = str(out["token"])
    ref = file(stack, "+919826100101", BLOCK)
    previous_mobile = demo_mobile(POST)
    old_link = link_to(stack, previous_mobile, ref)
    status, rows = stack.call("GET", "/v1/directory/posts?district=SEHORE", None, nodal_token)
    (held,) = next(p for p in rows if p["post_id"] == POST)["holders"]
    assert held["username"] == previous and held["mobile"].endswith(previous_mobile[-4:])
    inbox = stack.call("GET", "/v1/officer/inbox", None, previous_token)[1]
    assert ref in [c["reference"] for c in inbox["complaints"]]

    # The nodal officer signs in on the directory page and ends the posting (a transfer).
    browser.get(f"{stack.base}/nodal")
    find(browser, "#username").send_keys(nodal)
    find(browser, "#password").send_keys(PASSWORD)
    submit(browser, "#login")
    assert find(browser, "#user").text == nodal and light(browser)
    submit(browser, f"#dept-{DEPARTMENT}")  # the district's posts, one department at a time
    row = f"[id='holder-{previous}-{POST.replace(':', '_')}']"  # usernames have dots
    assert previous in find(browser, row).text and light(browser)
    browser.get(find(browser, f"{row} a.end").get_attribute("href"))
    Select(find(browser, "#reason")).select_by_value("transfer")
    find(browser, "#order_no").send_keys("क्र. 501/स्था./2026")
    find(browser, "#order_date").send_keys("2026-12-01")
    submit(browser, "#do-end")
    assert "पदस्थापना समाप्त" in find(browser, "#done").text and light(browser)
    assert find(browser, f"#vacant-{POST.replace(':', '_')}")

    # Handover: the previous holder's inbox is empty, their link refused, their login disabled.
    inbox = stack.call("GET", "/v1/officer/inbox", None, previous_token)[1]
    assert inbox["posts"] == [] and inbox["complaints"] == []
    browser.get(old_link)
    # The link's grant names the officer it went to, who no longer holds the post (401, saying so).
    assert "आप अब इस पद पर नहीं हैं" in find(browser, "main").text
    assert not browser.find_elements("css selector", "#do-resolve")
    token = old_link.rsplit("/o/", 1)[1]
    resolve = {"action": "resolve", "remarks": "केंद्र खुलवा दिया", "rule_reference": "नियम 1"}
    assert stack.call("POST", f"/v1/complaints/{ref}/actions", resolve, token)[0] == 401
    assert login(stack, previous, PASSWORD)[0] == 401

    # The new officer, by the vacancy's form.
    browser.get(f"{stack.base}/nodal?district=SEHORE")
    browser.get(find(browser, f"#vacant-{POST.replace(':', '_')} a").get_attribute("href"))
    for field, value in (
        ("name", "डॉ. अंजलि राठौर"),
        ("designation", "खंड चिकित्सा अधिकारी"),
        ("mobile", NEW_MOBILE[3:]),  # as people type it
        ("order_no", "क्र. 502/स्था./2026"),
        ("order_date", "2026-12-01"),
    ):
        find(browser, f"#{field}").send_keys(value)
    submit(browser, "#do-post")
    new_user = find(browser, "#new-user").text
    assert re.fullmatch(r"o\d{8}", new_user) and light(browser)

    # The temporary password arrives by SMS; the first sign-in sets the officer's own.
    sms = stack.wait_for(lambda: [m["text"] for m in stack.phone(NEW_MOBILE) if new_user in m["text"]], timeout=20)
    temporary = re.search(r"पासवर्ड (\S+)", sms[0]).group(1)  # type: ignore[union-attr]
    browser.get(f"{stack.base}/officer")
    submit(browser, "form[action$='/officer/logout'] button")
    find(browser, "#username").send_keys(new_user)
    find(browser, "#password").send_keys(temporary)
    submit(browser, "#login")
    assert find(browser, "#user").text == new_user and find(browser, "#first")
    find(browser, "#new_password").send_keys(NEW_PASSWORD)
    find(browser, "#confirm").send_keys(NEW_PASSWORD)
    submit(browser, "#set-password")
    assert find(browser, "#user").text == new_user and POST in find(browser, "#posts").text
    submit(browser, f"#row-{ref} a")
    find(browser, "#resolve-remarks").send_keys("उप स्वास्थ्य केंद्र खुलवाकर एएनएम की ड्यूटी लगाई")
    find(browser, "#resolve-rule").send_keys("लोक स्वास्थ्य नियम 4")
    submit(browser, "#do-resolve")
    assert "निराकरण दर्ज हो गया" in find(browser, "#done").text and light(browser)
    history = stack.call("GET", f"/v1/complaints/{ref}", None, nodal_token)[1]["history"]
    assert any(e["event"] == "resolved" and e.get("actor") == f"staff:{new_user}" for e in history), history

    # The next complaint of the post: the new holder's mobile, not the previous holder's.
    nxt = file(stack, "+919826100102", BLOCK)
    link_to(stack, NEW_MOBILE, nxt)
    assert not [m for m in stack.phone(previous_mobile) if nxt in m["text"]]

    # An additional charge: a second post's work in the same inbox, until it is withdrawn.
    other = file(stack, "+919826100103", OTHER_BLOCK)
    charge = {
        "name": "डॉ. अंजलि राठौर",
        "designation": "खंड चिकित्सा अधिकारी",
        "mobile": NEW_MOBILE,
        "kind": "additional_charge",
        "order_no": "क्र. 503/स्था./2026",
        "order_date": "2026-12-02",
    }
    status, made = stack.call("POST", f"/v1/directory/posts/{OTHER_POST}/postings", charge, nodal_token)
    assert status == 201 and made["username"] == new_user, made
    status, out = login(stack, new_user, NEW_PASSWORD)
    assert status == 200, out
    box = stack.call("GET", "/v1/officer/inbox", None, str(out["token"]))[1]
    assert sorted(box["posts"]) == sorted([POST, OTHER_POST])
    assert {nxt, other} <= {c["reference"] for c in box["complaints"]}
    end = {"reason": "charge_withdrawn", "order_no": "क्र. 504/स्था./2026", "order_date": "2026-12-03"}
    assert stack.call("POST", f"/v1/directory/postings/{made['posting_id']}/end", end, nodal_token)[0] == 200
    box = stack.call("GET", "/v1/officer/inbox", None, str(out["token"]))[1]
    assert box["posts"] == [POST] and other not in {c["reference"] for c in box["complaints"]}
