"""The officers' manual through chalice.test.Client (R-MANUAL, R-SUPPORT): a page per role in
Hindi and English with its screenshots, the support numbers, the district's DPSM as the directory
has the holder of its nodal post, and the links from the officer, console and monitoring pages."""

from __future__ import annotations

import re
from typing import Any

from markupsafe import escape

from chalicelib.domain.directory import Officer, Posting, nodal_post
from chalicelib.pages import help_screens as hs
from chalicelib.pages.help_text import BACKUP_NUMBERS, MANUALS
from tests.integration.helpers import send, staff_user, text


def test_the_index_lists_every_roles_manual_in_hindi_then_english(app_client: Any) -> None:
    page = text(app_client.http.get("/help"))
    assert '<html lang="hi">' in page and "उपयोगकर्ता मार्गदर्शिका" in page
    for role, m in MANUALS.items():
        assert f'href="/help/{role}?lang=hi"' in page and m.title.hi in page
    english = text(app_client.http.get("/help?lang=en"))
    assert all(escape(m.title.en) in english for m in MANUALS.values()) and "9893049952" in english


def test_each_manual_shows_its_screenshots_in_its_language_and_the_support_numbers(app_client: Any) -> None:
    for role, m in MANUALS.items():
        for lang in hs.LANGS:
            resp = app_client.http.get(f"/help/{role}?lang={lang}")
            page = text(resp)
            assert resp.status_code == 200 and "<script" not in page and "@media print" in page
            assert escape(m.title.in_lang(lang)) in page and all(n in page for n in BACKUP_NUMBERS)
            for s in m.sections:
                assert escape(s.heading.in_lang(lang)) in page
                if s.screen:
                    assert f'src="/help/screens/{s.screen}.{lang}.jpg"' in page, (role, s.screen)
            assert ('id="dpsm"' in page) == m.dpsm


def test_a_screenshot_is_served_as_a_jpeg_and_an_unknown_one_is_404(app_client: Any) -> None:
    resp = app_client.http.get("/help/screens/officer_inbox.hi.jpg", headers={"Accept": "image/avif,image/*,*/*"})
    assert resp.status_code == 200 and resp.headers["Content-Type"] == "image/jpeg"
    assert resp.body == hs.FOLDER.joinpath("officer_inbox.hi.jpg").read_bytes()
    for bad in ("officer_inbox.fr.jpg", "nothing.hi.jpg", "officer_inbox.hi.png", "..%2Fscreens.json"):
        assert app_client.http.get(f"/help/screens/{bad}", headers={"Accept": "*/*"}).status_code == 404, bad
    assert app_client.http.get("/help/nobody").status_code == 404


def test_the_officers_manual_names_the_districts_dpsm_from_the_directory(
    app_client: Any, directory: Any, mobile: str
) -> None:
    officer = f"dpsm.raisen.{mobile[-6:]}"
    directory.put_officers([Officer(officer, "सरिता दुबे", "जिला लोक सेवा प्रबंधक", mobile, f"{officer}@mp.gov.in")])
    directory.put_postings([Posting(nodal_post("RAISEN"), officer, "regular", "2026-11-01T00:00:00+00:00")])
    page = text(app_client.http.get("/help/officer?district=RAISEN"))
    contact = re.search(r'<dl id="dpsm-contact">.*?</dl>', page, re.S)
    assert contact is not None and "सरिता दुबे" in contact.group(0) and mobile in contact.group(0)
    assert f"{officer}@mp.gov.in" in contact.group(0) and 'value="RAISEN" selected' in page
    vacant = text(app_client.http.get("/help/nodal?district=DINDORI&lang=en"))
    assert 'id="dpsm-vacant"' in vacant and "support numbers" in vacant
    chooser = text(app_client.http.get("/help/monitor"))
    assert 'id="dpsm-contact"' not in chooser and 'name="district"' in chooser  # no district chosen yet


def test_the_officer_console_and_monitoring_pages_link_to_their_manual(app_client: Any) -> None:
    for path, role in (("/officer", "officer"), ("/cce", "cce"), ("/monitor", "monitor")):
        page = text(app_client.http.get(f"{path}?lang=en"))
        assert f'id="help" href="/help/{role}?lang=en"' in page, path
    assert 'id="help"' not in text(app_client.http.get("/"))  # the citizens' pages have their own help


def test_the_officers_desk_shows_the_dpsm_of_their_own_district_and_the_support_numbers(
    app_client: Any, aws: dict[str, str], directory: Any, mobile: str
) -> None:
    tag = mobile[-6:]
    dpsm, officer, state = f"dpsm.harda.{tag}", f"phe.l2.harda.{tag}", f"phe.l4.state.{tag}"
    directory.put_officers(
        [
            Officer(dpsm, "अनिल जोशी", "जिला लोक सेवा प्रबंधक, हरदा", mobile, f"{dpsm}@mp.gov.in"),
            Officer(officer, "मीना साहू", "कार्यपालन यंत्री", f"+9162{tag}01"),
            Officer(state, "के. के. राय", "प्रमुख अभियंता", f"+9162{tag}02"),
        ]
    )
    start = "2026-11-01T00:00:00+00:00"
    directory.put_postings(
        [
            Posting(nodal_post("HARDA"), dpsm, "regular", start),
            Posting("PHE:L2:HARDA", officer, "regular", start),
            Posting("PHE:L4:STATE", state, "regular", start),
        ]
    )
    desk = text(app_client.http.get("/officer?lang=en", headers={"Cookie": login_cookie(app_client, aws, officer)}))
    shown = re.search(r'<section id="dpsm">.*?</section>', desk, re.S)
    assert shown is not None and 'data-district="HARDA"' in shown.group(0), desk
    assert "अनिल जोशी" in shown.group(0) and mobile in shown.group(0) and f"{dpsm}@mp.gov.in" in shown.group(0)
    support = re.search(r'<section id="support">.*?</section>', desk, re.S)
    assert support is not None and all(n in support.group(0) for n in BACKUP_NUMBERS)
    assert "1800-2330-183" in support.group(0)

    # An officer of state posts only: no district's DPSM, the support numbers still.
    theirs = text(app_client.http.get("/officer?lang=en", headers={"Cookie": login_cookie(app_client, aws, state)}))
    assert 'data-district="' not in theirs and "state posts" in theirs
    assert all(n in theirs for n in BACKUP_NUMBERS) and "अनिल जोशी" not in theirs

    # Before signing in: the support numbers and where to find one's DPSM.
    login = text(app_client.http.get("/officer?lang=en"))
    assert 'id="login"' in login and all(n in login for n in BACKUP_NUMBERS)
    assert 'id="dpsm-other" href="/help/officer?lang=en#dpsm"' in login


def login_cookie(client: Any, aws: dict[str, str], user: str) -> str:
    staff_user(aws["USER_POOL_ID"], user, ("officer",), "Harda@181Password")
    resp = send(client, "/officer/login", {"username": user, "password": "Harda@181Password", "lang": "en"})
    assert resp.status_code == 303, text(resp)
    return str(resp.headers["Set-Cookie"].split(";")[0])
