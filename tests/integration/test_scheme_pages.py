"""Scheme information as pages (chalice.test.Client, moto): the public /schemes page, Hindi
first and without script, and the call-centre console's scheme panel beside the caller form —
a search that keeps what was typed, and the schemes changed today."""

from __future__ import annotations

import re
from typing import Any

import pytest

from chalicelib import bootstrap
from devstack.schemes import load_schemes
from tests.integration.helpers import FORM, send, staff_user, text

PASSWORD = "Cce@181Password"
OLD_AGE = "इंदिरा गांधी राष्ट्रीय वृद्धावस्था पेंशन योजना"


@pytest.fixture
def demo(clock: Any) -> None:
    """The demo schemes, entered (once per session) on the clock's day."""
    load_schemes(bootstrap.scheme_desk())


def first_scheme(page: str) -> str:
    found = re.search(r'<article class="scheme" id="scheme-[^"]+">\s*<h3>([^<(]+)', page)
    assert found, page[:2000]
    return found.group(1).strip()


def test_the_public_page_finds_schemes_in_hindi_english_and_latin_letters(app_client: Any, demo: None) -> None:
    for q in ("वृद्धावस्था पेंशन", "old age pensoin", "vridha pension yojna"):
        page = app_client.http.get(f"/schemes?q={q}")
        assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
        assert first_scheme(text(page)) == OLD_AGE, q
    body = text(app_client.http.get("/schemes?q=old+age+pension"))
    assert '<html lang="hi">' in body and "<script" not in body and "प्रमुख पात्रता शर्तें" in body
    assert "आयु 60 वर्ष या अधिक" in body
    english = text(app_client.http.get("/schemes?q=laadli+behana&lang=en"))
    assert first_scheme(english) == "Mukhyamantri Ladli Behna Yojana" and "Aged 21 to 60 years" in english
    none = text(app_client.http.get("/schemes?q=qqxxzz"))
    assert 'id="none"' in none


def test_the_public_page_lists_a_departments_schemes(app_client: Any, demo: None) -> None:
    page = text(app_client.http.get("/schemes?department=REVENUE&lang=en"))
    assert "SVAMITVA Scheme" in page and "Mukhyamantri Bhu-Adhikar Yojana" in page
    assert "Ladli Behna" not in page
    assert '<option value="REVENUE" selected>' in page


@pytest.fixture
def jar(app_client: Any, aws: dict[str, str]) -> str:
    user = staff_user(aws["USER_POOL_ID"], "cce-schemes", ("cce",), PASSWORD)
    resp = send(app_client, "/cce/login", {"username": user, "password": PASSWORD, "lang": "hi"})
    return str(resp.headers["Set-Cookie"].split(";")[0])


def test_the_console_shows_todays_changed_schemes(app_client: Any, demo: None, jar: str) -> None:
    page = text(app_client.http.get("/cce", headers={"Cookie": jar}))
    panel = page[page.index('id="schemepanel"') :]
    assert page.index('id="f"') < page.index('id="schemepanel"') < page.index('id="callform"')
    changes = panel[panel.index('id="schemechanges"') :]
    assert "मुख्यमंत्री लाड़ली बहना योजना" in changes and "संशोधित" in changes and "नई" in changes
    assert "न्यूनतम आयु 23 से घटाकर 21 वर्ष" in changes  # what changed, as the department said


def test_the_console_search_keeps_the_callers_details_and_shows_the_best_match(
    app_client: Any, demo: None, jar: str
) -> None:
    typed = {**FORM, "mobile": "9876543210", "lang": "hi", "idem": "k1", "sq": "kisan kalyan", "step": "schemes"}
    resp = send(app_client, "/cce/file", typed, jar)
    page = text(resp)
    assert resp.status_code == 200
    found = page[page.index('id="schemefound"') :]
    assert first_scheme(found) == "मुख्यमंत्री किसान कल्याण योजना"
    assert 'value="रमेश कुमार"' in page and 'value="9876543210"' in page  # nothing typed was lost
    assert 'name="scheme" value="मुख्यमंत्री किसान कल्याण योजना"' in found  # one press logs the call
    again = text(app_client.http.get("/cce?sq=आयुश्मान", headers={"Cookie": jar}))
    assert first_scheme(again[again.index('id="schemefound"') :]).startswith("आयुष्मान भारत")
