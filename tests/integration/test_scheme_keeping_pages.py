"""The state nodal officer's scheme pages (`/nodal/schemes`) through chalice.test.Client on
moto: a new scheme, an amendment from the current version, a stale amendment refused, an
ending and the version history, forms only, through the same use cases as `/v1/schemes`;
another department's nodal officer and a plain officer refused as the API refuses them.

The moto tables are shared by the session: this module's schemes have names of their own."""

from __future__ import annotations

import html
import itertools
import os
import re
import urllib.parse
from typing import Any

import pytest

from chalicelib import bootstrap
from chalicelib.domain.directory import Officer, Posting, state_nodal_post
from tests.integration.helpers import STAFF_PASSWORD, send, staff_user, text

_n = itertools.count()


def tag() -> str:
    return f"{os.getpid() % 1000:03d}{next(_n):03d}p"


def sign_in(client: Any, user: str) -> str:
    resp = send(client, "/officer/login", {"username": user, "password": STAFF_PASSWORD, "next": "/nodal/schemes"})
    assert resp.status_code == 303 and resp.headers["Location"].startswith("/nodal/schemes?"), text(resp)
    return str(resp.headers["Set-Cookie"].split(";")[0])


@pytest.fixture
def cookies(app_client: Any, aws: dict[str, str], directory: Any) -> dict[str, str]:
    """Logins of the revenue and health state nodal officers, and of an officer with no such post."""
    pool = aws["USER_POOL_ID"]
    for dept in ("REVENUE", "HEALTH"):
        officer = f"{dept.lower()}.nodal.state"
        directory.put_officers([Officer(officer, "नोडल अधिकारी", "राज्य नोडल अधिकारी", "+917700000181")])
        directory.put_postings([Posting(state_nodal_post(dept), officer, "regular", "2026-01-01T00:00:00+00:00")])
        staff_user(pool, officer, ("nodal", "officer"))
    staff_user(pool, "plain.officer.schemes", ("officer",))
    return {
        "revenue": sign_in(app_client, "revenue.nodal.state"),
        "health": sign_in(app_client, "health.nodal.state"),
        "plain": sign_in(app_client, "plain.officer.schemes"),
    }


def form(word: str, **replace: str) -> dict[str, str]:
    """The new-scheme form as the officer fills it (two eligibility rows, a third left empty)."""
    return {
        "lang": "hi",
        "department": "REVENUE",
        "name_hi": f"मुख्यमंत्री भू-सुधार पेज योजना {word}",
        "name_en": f"Mukhyamantri Bhu Sudhar Page Yojana {word}",
        "objective_hi": "भूमि अभिलेखों का सुधार\r\nएक ही स्थान पर।",
        "objective_en": "Land records corrected\r\nin one place.",
        "elig_hi_1": "भू-धारक किसान",
        "elig_en_1": "A landholding farmer",
        "elig_hi_2": "मध्यप्रदेश का निवासी",
        "elig_en_2": "A resident of Madhya Pradesh",
        "elig_hi_3": "",
        "elig_en_3": "",
    } | replace


def get(client: Any, path: str, cookie: str) -> Any:
    return client.http.get(path, headers={"Cookie": cookie})


def value(page: str, name: str) -> str:
    """What the form shows in its field `name` (an input's value or a textarea's text)."""
    found = re.search(rf'name="{name}"[^>]*value="([^"]*)"', page) or re.search(
        rf'<textarea[^>]*name="{name}"[^>]*>([^<]*)</textarea>', page
    )
    assert found, (name, page[:3000])
    return html.unescape(found.group(1))


def created(client: Any, cookie: str, word: str) -> str:
    made = send(client, "/nodal/schemes/new", form(word), cookie)
    assert made.status_code == 303, text(made)
    location = urllib.parse.urlparse(made.headers["Location"])
    assert urllib.parse.parse_qs(location.query)["done"] == ["created"]
    return location.path.rsplit("/", 1)[-1]


def test_the_state_nodal_officer_adds_amends_and_ends_a_scheme_by_the_pages_and_sees_every_version(
    app_client: Any, cookies: dict[str, str], clock: Any
) -> None:
    me = cookies["revenue"]
    home = get(app_client, "/nodal/schemes", me)
    assert home.status_code == 200 and 'id="new"' in text(home) and "<script" not in text(home)
    blank = text(get(app_client, "/nodal/schemes/new?department=REVENUE", me))
    assert 'name="csrf"' in blank and 'name="elig_hi_3"' in blank  # the edge's token; rows to fill

    word = tag()
    sid = created(app_client, me, word)
    store = bootstrap.get_schemes()
    first = store.get(sid)
    assert first is not None and first.version == 1 and first.department == "REVENUE"
    assert [e.en for e in first.eligibility] == ["A landholding farmer", "A resident of Madhya Pradesh"]
    assert first.objective.hi == "भूमि अभिलेखों का सुधार\nएक ही स्थान पर।"
    assert f'id="scheme-{sid}"' in text(get(app_client, "/nodal/schemes", me))

    clock.advance(hours=1)
    amend = text(get(app_client, f"/nodal/schemes/{sid}/amend", me))  # the current version, to change
    assert value(amend, "name_hi") == first.name.hi and value(amend, "elig_en_2") == "A resident of Madhya Pradesh"
    assert value(amend, "objective_en") == "Land records corrected\nin one place." and value(amend, "version") == "1"
    fields = dict(re.findall(r'name="((?:elig_|name_|objective_)[a-z_0-9]+)"[^>]*value="([^"]*)"', amend))
    changed = {"lang": "hi", "version": "1", **{k: html.unescape(v) for k, v in fields.items()}}
    changed |= {"objective_hi": first.objective.hi, "objective_en": first.objective.en}
    changed |= {"elig_hi_3": "आयकरदाता न हो", "elig_en_3": "Not an income-tax payer", "note": "शर्त जोड़ी"}
    saved = send(app_client, f"/nodal/schemes/{sid}/amend", changed, me)
    assert saved.status_code == 303 and "done=amended" in saved.headers["Location"], text(saved)
    assert store.get(sid).version == 2  # type: ignore[union-attr]

    # The same form again, filled from version 1: another version is stored now.
    stale = send(app_client, f"/nodal/schemes/{sid}/amend", changed | {"name_hi": "पुराने पेज से बदला नाम"}, me)
    page = text(stale)
    assert stale.status_code == 409 and "योजना इस बीच बदल चुकी है" in page and 'id="reload"' in page
    assert value(page, "name_hi") == "पुराने पेज से बदला नाम"  # what was typed is still there
    now = page[page.index('id="now"') :]
    assert "(संस्करण 2)" in now and "आयकरदाता न हो" in now  # what it reads now, beside it
    assert store.get(sid).version == 2  # type: ignore[union-attr]
    english = send(app_client, f"/nodal/schemes/{sid}/amend", changed | {"lang": "en"}, me)
    assert english.status_code == 409 and "The scheme changed meanwhile" in text(english)

    late = send(app_client, f"/nodal/schemes/{sid}/end", {"lang": "hi", "version": "1"}, me)  # a page left open
    assert late.status_code == 409 and 'id="reload"' in text(late) and store.get(sid).active  # type: ignore[union-attr]
    end_page = text(get(app_client, f"/nodal/schemes/{sid}/end", me))
    assert value(end_page, "version") == "2" and "Not an income-tax payer" not in end_page  # Hindi first
    ended = send(app_client, f"/nodal/schemes/{sid}/end", {"lang": "hi", "version": "2", "note": "योजना बंद"}, me)
    assert ended.status_code == 303 and "done=ended" in ended.headers["Location"], text(ended)
    assert store.get(sid).status == "ended"  # type: ignore[union-attr]

    history = text(get(app_client, f"/nodal/schemes/{sid}?done=ended", me))
    rows = re.findall(r'<li id="v(\d)">(.*?)</li>\n(?=<li id="v|</ol>)', history, re.S)
    assert [n for n, _ in rows] == ["3", "2", "1"]  # newest first
    v3, v2, v1 = (r for _, r in rows)
    assert "समाप्त" in v3 and "स्थिति" in v3 and "योजना बंद" in v3
    assert "संशोधित" in v2 and 'class="changed">पात्रता<' in v2 and "शर्त जोड़ी" in v2
    assert "नई" in v1 and 'class="by">revenue.nodal.state<' in v1
    assert "23-11-2026 11:30" in v2 and "23-11-2026 10:30" in v1  # India time, from the clock
    assert 'id="done"' in history and 'id="amend"' not in history  # an ended scheme is not amended
    listed = text(get(app_client, "/nodal/schemes", me))
    assert re.search(rf'<li id="scheme-{sid}" class="ended">', listed)
    assert f"/nodal/schemes/{sid}/amend" not in listed


def test_a_bad_field_is_named_on_the_form_in_hindi_or_english_and_what_was_typed_is_kept(
    app_client: Any, cookies: dict[str, str]
) -> None:
    word = tag()
    bad = form(word, objective_hi="एक\r\nदो\r\nतीन", elig_en_2="")
    resp = send(app_client, "/nodal/schemes/new", bad, cookies["revenue"])
    page = text(resp)
    assert resp.status_code == 400 and 'id="error"' in page
    assert "आवश्यक: अधिकतम दो पंक्तियाँ" in page
    assert re.search(r'name="elig_en_2"[^>]*>\s*<span class="ferr">', page)  # the row it came from
    assert value(page, "name_hi") == bad["name_hi"] and value(page, "elig_hi_2") == "मध्यप्रदेश का निवासी"
    assert value(page, "objective_hi") == bad["objective_hi"]
    english = text(send(app_client, "/nodal/schemes/new", bad | {"lang": "en"}, cookies["revenue"]))
    assert "required: at most two lines" in english and '<html lang="en">' in english
    ids = [s.scheme_id for s in bootstrap.get_schemes().catalogue() if word in s.name.en]
    assert ids == []  # nothing written

    more = send(app_client, "/nodal/schemes/new", form(word) | {"step": "more"}, cookies["revenue"])
    assert more.status_code == 200 and 'name="elig_hi_6"' in text(more)  # more rows, nothing lost, nothing saved
    assert value(text(more), "elig_en_2") == "A resident of Madhya Pradesh"
    assert [s for s in bootstrap.get_schemes().catalogue() if word in s.name.en] == []


def test_another_departments_nodal_officer_and_a_plain_officer_are_refused(
    app_client: Any, cookies: dict[str, str]
) -> None:
    sid = created(app_client, cookies["revenue"], tag())
    store = bootstrap.get_schemes()
    health, plain = cookies["health"], cookies["plain"]
    for other in (health, plain):
        for path in (f"/nodal/schemes/{sid}", f"/nodal/schemes/{sid}/amend", f"/nodal/schemes/{sid}/end"):
            resp = get(app_client, path, other)
            assert resp.status_code == 403 and "राज्य नोडल अधिकारी" in text(resp), path
        amend = send(app_client, f"/nodal/schemes/{sid}/amend", form("x") | {"version": "1"}, other)
        assert amend.status_code == 403
        assert send(app_client, f"/nodal/schemes/{sid}/end", {"version": "1"}, other).status_code == 403
        assert send(app_client, "/nodal/schemes/new", form(tag()), other).status_code == 403
        assert get(app_client, "/nodal/schemes?department=REVENUE", other).status_code == 403
    assert get(app_client, "/nodal/schemes", plain).status_code == 403
    assert store.get(sid).version == 1  # type: ignore[union-attr]
    mine = text(get(app_client, "/nodal/schemes", health))
    assert f'id="scheme-{sid}"' not in mine  # the health officer's list is health's
    assert get(app_client, "/nodal/schemes/revenue-nothing-here/amend", cookies["revenue"]).status_code == 404
    assert get(app_client, "/nodal/schemes/NOT%20AN%20ID", cookies["revenue"]).status_code == 404
    signed_out = app_client.http.get(f"/nodal/schemes/{sid}/amend")
    assert signed_out.status_code == 200 and 'name="next" value="/nodal/schemes"' in text(signed_out)


def test_a_form_without_its_token_or_from_another_origin_is_refused_and_changes_nothing(
    app_client: Any, cookies: dict[str, str]
) -> None:
    me = cookies["revenue"]
    word = tag()
    assert send(app_client, "/nodal/schemes/new", form(word) | {"csrf": ""}, me).status_code == 403
    other = send(app_client, "/nodal/schemes/new", form(word), me, Origin="https://evil.example")
    assert other.status_code == 403
    assert [s for s in bootstrap.get_schemes().catalogue() if word in s.name.en] == []
    sid = created(app_client, me, tag())
    assert send(app_client, f"/nodal/schemes/{sid}/end", {"version": "1", "csrf": "x"}, me).status_code == 403
    assert bootstrap.get_schemes().get(sid).active  # type: ignore[union-attr]


def test_the_desk_and_the_directory_link_the_scheme_pages_for_their_keeper_only(
    app_client: Any, cookies: dict[str, str]
) -> None:
    for path in ("/officer", "/nodal"):
        assert 'href="/nodal/schemes?lang=hi"' in text(get(app_client, path, cookies["revenue"])), path
    assert "/nodal/schemes" not in text(get(app_client, "/officer", cookies["plain"]))
