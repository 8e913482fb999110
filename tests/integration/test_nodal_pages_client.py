"""The nodal officers' directory pages and the first sign-in's password page through
chalice.test.Client on moto: the same use cases as the JSON API, forms only."""

from __future__ import annotations

import re
import urllib.parse
from typing import Any

from chalicelib import bootstrap
from chalicelib.domain.directory import Officer, Posting
from tests.integration.helpers import phone, send, staff_user, text

DISTRICT = "GUNA"  # this module's own
PASSWORD = "Nodal@181Password"


def signed_in(client: Any, aws: dict[str, str], user: str, district: str) -> str:
    d = bootstrap.get_directory()
    if not d.posts_held(user):
        d.put_officers([Officer(user, "नोडल", "DPSM", f"+9162{abs(hash(user)) % 10**8:08d}")])
        d.put_postings([Posting(f"NODAL:DISTRICT:{district}", user, "regular", "2026-01-01T00:00:00+00:00")])
    staff_user(aws["USER_POOL_ID"], user, ("nodal", "officer"), PASSWORD)
    resp = send(client, "/officer/login", {"username": user, "password": PASSWORD, "next": "/nodal", "lang": "hi"})
    assert resp.status_code == 303 and resp.headers["Location"].startswith("/nodal?"), text(resp)
    return str(resp.headers["Set-Cookie"].split(";")[0])


def page(client: Any, path: str, cookie: str) -> Any:
    return client.http.get(path, headers={"Cookie": cookie})


def test_a_nodal_officer_posts_an_officer_by_the_form_who_then_sets_a_password_and_sees_the_post(
    app_client: Any, aws: dict[str, str], clock: Any, mobile: str
) -> None:
    cookie = signed_in(app_client, aws, "nodal.guna.pages", DISTRICT)
    home = page(app_client, "/nodal", cookie)
    assert home.status_code == 200 and 'id="vacant-HEALTH_L2_GUNA"' in text(home)
    listing = text(page(app_client, f"/nodal?district={DISTRICT}&department=HEALTH", cookie))
    assert 'id="post-HEALTH_L2_GUNA"' in listing and "/nodal/post?post=HEALTH%3AL2%3AGUNA" in listing
    form = {
        "post": "HEALTH:L2:GUNA",
        "name": "डॉ. राम",
        "designation": "सीएमएचओ",
        "mobile": mobile[3:8] + " " + mobile[8:],  # as people type it
        "kind": "regular",
        "order_no": "क्र. 9",
        "order_date": "2026-11-20",
        "lang": "hi",
    }
    bad = send(app_client, "/nodal/post", {**form, "order_date": "20-11-2026"}, cookie)
    assert bad.status_code == 400 and 'id="error"' in text(bad)
    made = send(app_client, "/nodal/post", form, cookie)
    assert made.status_code == 303, text(made)
    user = urllib.parse.parse_qs(urllib.parse.urlparse(made.headers["Location"]).query)["detail"][0]
    assert re.fullmatch(r"o\d{8}", user)

    temporary = re.search(r"पासवर्ड (\S+)", phone(app_client, mobile)[0]["text"]).group(1)  # type: ignore[union-attr]
    challenge = send(app_client, "/officer/login", {"username": user, "password": temporary, "lang": "hi"})
    assert challenge.status_code == 200 and 'id="set-password"' in text(challenge)
    session = re.search(r'name="session" value="([^"]+)"', text(challenge)).group(1)  # type: ignore[union-attr]
    fields = {"username": user, "session": session, "new_password": "Guna@Health181", "lang": "hi"}
    differ = send(app_client, "/officer/password", {**fields, "confirm": "Guna@Health182"})
    assert differ.status_code == 400
    done = send(app_client, "/officer/password", {**fields, "confirm": "Guna@Health181"})
    assert done.status_code == 303, text(done)
    desk = page(app_client, "/officer", str(done.headers["Set-Cookie"].split(";")[0]))
    assert "HEALTH:L2:GUNA" in text(desk)


def test_another_districts_nodal_officer_gets_404_and_a_bad_csv_row_is_named(
    app_client: Any, aws: dict[str, str], clock: Any
) -> None:
    theirs = signed_in(app_client, aws, "nodal.ashoknagar.pages", "ASHOKNAGAR")
    assert page(app_client, f"/nodal?district={DISTRICT}", theirs).status_code == 404
    head = "post_id,name,designation,mobile,kind,order_no,order_date\n"
    csv = head + f"ENERGY:L2:{DISTRICT},क,ख,+919111100030,regular,1,2026-11-20\n"
    resp = send(app_client, "/nodal/import", {"csv": csv, "lang": "hi"}, theirs)
    assert resp.status_code == 400 and "row 1" in text(resp)
    assert bootstrap.get_directory().current_holders(f"ENERGY:L2:{DISTRICT}") == []


def test_the_post_page_shows_the_posts_history_to_its_manager_and_another_district_gets_404(
    app_client: Any, aws: dict[str, str], clock: Any, mobile: str
) -> None:
    from chalicelib.domain.postings import posting_id

    post = f"AGRICULTURE:L2:{DISTRICT}"
    cookie = signed_in(app_client, aws, "nodal.guna.pages", DISTRICT)
    before = page(app_client, f"/nodal/post?post={post}&lang=en", cookie)
    assert before.status_code == 200 and 'id="no-changes"' in text(before)
    form = {"post": post, "name": "सुरेश पटेल", "designation": "उप संचालक कृषि", "mobile": mobile}
    form |= {"kind": "regular", "order_no": "क्र. 41/स्था.", "order_date": "2026-11-16", "lang": "hi"}
    assert send(app_client, "/nodal/post", form, cookie).status_code == 303
    (held,) = bootstrap.get_directory().current_holders(post)
    clock.advance(minutes=20)
    end = {"posting": posting_id(held), "reason": "transfer", "order_no": "क्र. 57/स्था.", "order_date": "2026-11-23"}
    assert send(app_client, "/nodal/end", {**end, "lang": "hi"}, cookie).status_code == 303

    shown = text(page(app_client, f"/nodal/post?post={post}&lang=en", cookie))
    changes = re.search(r'<ol id="changes" reversed>(.*?)</ol>', shown, re.S)
    assert changes is not None and 'id="no-changes"' not in shown
    ended, posted = re.findall(r"<li id=\"change-\d\" class=\"ev-(\w+)\">(.*?)</li>", changes.group(1), re.S)
    assert ended[0] == "ended" and posted[0] == "posted"  # newest first
    assert "Posting ended" in ended[1] and "Transfer" in ended[1] and "क्र. 57/स्था. (23-11-2026)" in ended[1]
    assert "Posted" in posted[1] and "सुरेश पटेल" in posted[1] and "क्र. 41/स्था. (16-11-2026)" in posted[1]
    assert "Regular" in posted[1] and "23-11-2026 10:30" in posted[1] and "23-11-2026 10:50" in ended[1]
    assert all("नोडल · nodal.guna.pages" in e[1] for e in (ended, posted))  # by whom

    # Another district's nodal officer: the post is not theirs, neither is its history.
    theirs = signed_in(app_client, aws, "nodal.ashoknagar.pages", "ASHOKNAGAR")
    other = page(app_client, f"/nodal/post?post={post}&lang=en", theirs)
    assert other.status_code == 404 and "सुरेश पटेल" not in text(other) and 'id="changes"' not in text(other)
    assert send(app_client, "/nodal/post", {**form, "mobile": "+919111100031"}, theirs).status_code == 404
    assert bootstrap.get_directory().current_holders(post) == []


def test_every_nodal_page_and_its_login_link_to_the_nodal_officers_manual(
    app_client: Any, aws: dict[str, str], clock: Any
) -> None:
    from chalicelib.domain.postings import posting_id

    cookie = signed_in(app_client, aws, "nodal.guna.pages", DISTRICT)
    (held,) = bootstrap.get_directory().current_holders(f"NODAL:DISTRICT:{DISTRICT}")
    paths = [
        f"/nodal?district={DISTRICT}",
        f"/nodal/post?post=PHE:L2:{DISTRICT}",
        f"/nodal/end?posting={posting_id(held)}",
        "/nodal/import",
    ]
    for path in paths:
        resp = page(app_client, f"{path}&lang=en" if "?" in path else f"{path}?lang=en", cookie)
        assert resp.status_code == 200 and 'id="help" href="/help/nodal?lang=en"' in text(resp), path
    login = text(app_client.http.get("/nodal?lang=en"))  # not signed in: the login, back to /nodal
    assert 'name="next" value="/nodal"' in login and 'id="help" href="/help/nodal?lang=en"' in login


def test_the_posting_form_asks_the_officers_language_hindi_first_and_an_english_officer_is_stored_so(
    app_client: Any, aws: dict[str, str], clock: Any, mobile: str
) -> None:
    cookie = signed_in(app_client, aws, "nodal.guna.lang", DISTRICT)
    target = f"PHE:L2:{DISTRICT}"
    blank = text(page(app_client, f"/nodal/post?post={urllib.parse.quote(target)}&lang=en", cookie))
    keep = blank.index('name="officer_lang" value="" checked')  # as in the directory, chosen
    assert keep < blank.index('name="officer_lang" value="hi"') < blank.index('name="officer_lang" value="en"')
    form = {
        "post": target,
        "name": "R. Verma",
        "designation": "Executive Engineer",
        "mobile": mobile[3:],
        "kind": "additional_charge",
        "order_no": "12",
        "order_date": "2026-11-20",
        "lang": "en",  # the page's language
    }
    bad = send(app_client, "/nodal/post", {**form, "officer_lang": "fr"}, cookie)
    assert bad.status_code == 400 and "one of hi, en" in text(bad) and 'value="fr"' not in text(bad)
    made = send(app_client, "/nodal/post", {**form, "lang": "hi", "officer_lang": "en"}, cookie)  # a Hindi page
    assert made.status_code == 303, text(made)
    user = urllib.parse.parse_qs(urllib.parse.urlparse(made.headers["Location"]).query)["detail"][0]
    assert bootstrap.get_directory().officer(user).lang == "en"  # type: ignore[union-attr]
    [login] = phone(app_client, mobile)
    assert login["text"].startswith(f"CMH181 login: user {user}, temporary password ")
    listing = text(page(app_client, f"/nodal/export?district={DISTRICT}&department=PHE&lang=hi", cookie))
    assert f"{target}," in listing and ",en," in listing
    # posted again (the form as it comes, language as in the directory), the officer keeps English
    again = send(app_client, "/nodal/post", {**form, "post": f"REVENUE:L2:{DISTRICT}", "officer_lang": ""}, cookie)
    assert again.status_code == 303, text(again)
    assert bootstrap.get_directory().officer(user).lang == "en"  # type: ignore[union-attr]
