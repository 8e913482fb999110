"""Who sees a complaint, over moto with real Cognito logins, through the HTTP API and the
officer's pages: the district nodal officer of another district, and a corruption complaint
against a district office head (the State desk's) in the district and department views."""

from __future__ import annotations

import csv
import io
from typing import Any

from chalicelib import bootstrap
from chalicelib.domain.directory import Officer, Posting
from tests.integration.helpers import FORM, body, citizen_token, get, post, send, staff_token, staff_user, stored, text

PASSWORD = "Scope@181Password"
TRANSFER = {"action": "transfer", "to_department": "ENERGY", "remarks": "बिजली का मामला"}


def holding(username: str, *posts: str) -> None:
    """The login `username` is an officer holding `posts` (additional charge: nobody's posting ends)."""
    d = bootstrap.get_directory()
    d.put_officers([Officer(username, f"अधिकारी {username}", "test", "+919000000001", None, username)])
    d.put_postings([Posting(p, username, "additional", "2026-11-01T00:00:00+00:00") for p in posts])


def api_login(app_client: Any, aws: dict[str, str], username: str, groups: tuple[str, ...], *posts: str) -> str:
    holding(username, *posts)
    return staff_token(app_client, aws["USER_POOL_ID"], username, groups, PASSWORD)


def page_login(app_client: Any, aws: dict[str, str], username: str, groups: tuple[str, ...], path: str) -> str:
    """Signs in through the page's login form; returns the session cookie."""
    staff_user(aws["USER_POOL_ID"], username, groups, PASSWORD)
    resp = send(app_client, path, {"username": username, "password": PASSWORD, "lang": "en"})
    assert resp.status_code == 303, text(resp)
    return str(resp.headers["Set-Cookie"].split(";")[0])


def file(app_client: Any, token: str, **over: str) -> str:
    resp = post(app_client, "/v1/complaints", {**FORM, **over}, token)
    assert resp.status_code == 201, resp.body
    return str(body(resp)["reference"])


def test_the_nodal_officer_of_another_district_gets_404_on_the_api_and_the_page_and_changes_nothing(
    app_client: Any, aws: dict[str, str], clock: Any, mobile: str
) -> None:
    tag = mobile[-6:]
    citizen = citizen_token(app_client, mobile)
    ref = file(app_client, citizen)  # Sehore, Revenue, Budhni
    corrupt = file(app_client, citizen, category="corruption", accused_level="below_district_head")
    indore_user, sehore_user = f"nodal.district.indore.{tag}", f"nodal.district.sehore.{tag}"
    indore = api_login(app_client, aws, indore_user, ("nodal", "officer"), "NODAL:DISTRICT:INDORE")
    sehore = api_login(app_client, aws, sehore_user, ("nodal", "officer"), "NODAL:DISTRICT:SEHORE")

    # The API: out of the district, the complaint does not exist; in it, it does.
    for r in (ref, corrupt):
        assert get(app_client, f"/v1/complaints/{r}", indore).status_code == 404, r
    own = get(app_client, f"/v1/complaints/{ref}", sehore)
    assert own.status_code == 200 and body(own)["mobile"] == mobile and body(own)["name"] == FORM["name"]
    anonymous = body(get(app_client, f"/v1/complaints/{corrupt}", sehore))
    assert anonymous["reference"] == corrupt and not {"name", "mobile"} & set(anonymous)
    before = stored(ref)
    assert post(app_client, f"/v1/complaints/{ref}/actions", TRANSFER, indore).status_code == 404
    assert stored(ref) == before

    # The officer's pages, signed in through the login form.
    cookie = page_login(app_client, aws, indore_user, ("nodal", "officer"), "/officer/login")
    page = app_client.http.get(f"/officer/c/{ref}?lang=en", headers={"Cookie": cookie})
    assert page.status_code == 404
    assert FORM["subject"] not in text(page) and mobile not in text(page) and FORM["name"] not in text(page)
    form = {**TRANSFER, "version": str(before.version), "lang": "en"}
    assert send(app_client, f"/officer/c/{ref}", form, cookie).status_code == 404
    assert stored(ref) == before
    mine = page_login(app_client, aws, sehore_user, ("nodal", "officer"), "/officer/login")
    shown = app_client.http.get(f"/officer/c/{ref}?lang=en", headers={"Cookie": mine})
    assert shown.status_code == 200 and FORM["subject"] in text(shown) and 'id="do-transfer"' in text(shown)
    assert 'id="do-resolve"' not in text(shown)  # the nodal officer moves a complaint, never resolves it
    moved = send(app_client, f"/officer/c/{ref}", form, mine)
    assert moved.status_code == 200, text(moved)
    assert (stored(ref).department, stored(ref).version) == ("ENERGY", before.version + 1)


def _listed(app_client: Any, token: str, path: str) -> tuple[set[str], str]:
    """Every page of a list: the references, and the raw text of all the pages."""
    refs: set[str] = set()
    raw, cursor = "", None
    while True:
        resp = get(app_client, path + (f"?cursor={cursor}" if cursor else ""), token)
        assert resp.status_code == 200, (path, resp.body)
        raw += text(resp)
        page = body(resp)
        refs |= {c["reference"] for c in page["complaints"]}
        cursor = page["next"]
        if not cursor:
            return refs, raw


def _csv(resp: Any) -> list[dict[str, str]]:
    assert resp.status_code == 200 and resp.headers["Content-Type"].startswith("text/csv"), resp.body
    return list(csv.DictReader(io.StringIO(text(resp).lstrip("\ufeff"))))


def _received(rows: list[dict[str, str]], name: str) -> int:
    return int(next((r for r in rows if r["Name"] == name), {}).get("Received") or 0)


# A department no other test files in, so that the counts below move by this test's filings only
# while other tests run beside it.
DEPT = "COOPERATIVE"


def test_a_state_desk_complaint_is_counted_but_never_listed_or_described_in_district_and_department_views(
    app_client: Any, aws: dict[str, str], clock: Any, mobile: str, pump: Any
) -> None:
    tag = mobile[-6:]
    monitors = {
        "collector": api_login(
            app_client, aws, f"collector.l2.sehore.{tag}", ("officer", "monitor"), "COLLECTOR:L2:SEHORE"
        ),
        "commissioner": api_login(
            app_client, aws, f"commissioner.l3.bhopal.{tag}", ("officer", "monitor"), "COMMISSIONER:L3:BHOPAL"
        ),
        "hod": api_login(
            app_client, aws, f"cooperative.l4.state.{tag}", ("officer", "monitor"), "COOPERATIVE:L4:STATE"
        ),
        "admin": api_login(app_client, aws, f"admin.{tag}", ("admin",)),
    }
    desk = api_login(app_client, aws, f"state-desk.l4.state.{tag}", ("officer",), "STATE_DESK:L4:STATE")
    nodal = api_login(app_client, aws, f"nodal.district.sehore.{tag}", ("nodal", "officer"), "NODAL:DISTRICT:SEHORE")
    pump.drain()  # whatever earlier tests left on the stream is counted before, not during

    def counts() -> dict[str, int]:
        district = _csv(
            get(app_client, "/v1/monitoring/district/SEHORE?month=all&format=csv&lang=en", monitors["collector"])
        )
        department = _csv(
            get(app_client, "/v1/monitoring/department/COOPERATIVE?month=all&format=csv&lang=en", monitors["hod"])
        )
        return {
            "district": _received(district, "Cooperative Department"),
            "department": _received(department, "Sehore"),
        }

    before = counts()
    citizen = citizen_token(app_client, mobile)
    general_subject, desk_subject = f"खसरा नकल {tag}", f"एसडीएम ने रिश्वत ली {tag}"
    general = file(app_client, citizen, subject=general_subject, department=DEPT)
    at_desk = file(
        app_client,
        citizen,
        category="corruption",
        accused_level="district_head_or_above",
        subject=desk_subject,
        department=DEPT,
    )
    assert stored(at_desk).status == "state_government"
    pump.drain()
    assert not pump.errors, pump.errors[-1]

    # Lists: the general complaint is there for every monitoring tier, the State desk's is not.
    for who, path in (
        ("collector", "/v1/lists/district/SEHORE"),
        ("commissioner", "/v1/lists/district/SEHORE"),
        ("hod", "/v1/lists/district/SEHORE"),
        ("hod", "/v1/lists/department/COOPERATIVE"),
        ("admin", "/v1/lists/district/SEHORE"),
        ("admin", "/v1/lists/department/COOPERATIVE"),
    ):
        refs, raw = _listed(app_client, monitors[who], path)
        assert general in refs and at_desk not in refs, (who, path)
        assert desk_subject not in raw, (who, path)

    # Dashboards and their CSV: counted (both complaints), never described.
    after = counts()
    assert {k: after[k] - before[k] for k in after} == {"district": 2, "department": 2}
    for who, path in (
        ("collector", "/v1/monitoring/district/SEHORE?month=all"),
        ("commissioner", "/v1/monitoring/district/SEHORE?month=all"),
        ("hod", "/v1/monitoring/department/COOPERATIVE?month=all"),
    ):
        for fmt in ("", "&format=csv&lang=en", "&format=csv&lang=hi"):
            shown = text(get(app_client, path + fmt, monitors[who]))
            assert desk_subject not in shown and at_desk not in shown, (who, path, fmt)
    monitor_page = page_login(app_client, aws, f"collector.l2.sehore.{tag}", ("officer", "monitor"), "/monitor/login")
    for fmt in ("", "&format=csv"):
        resp = app_client.http.get(f"/monitor/district/SEHORE?month=all{fmt}", headers={"Cookie": monitor_page})
        assert resp.status_code == 200 and desk_subject not in text(resp) and at_desk not in text(resp), fmt

    # The complaint itself: the State desk sees it (without who complained), the administrator
    # too; the district's officers and the department's HoD get 404, on the API and the page.
    seen = body(get(app_client, f"/v1/complaints/{at_desk}", desk))
    assert seen["subject"] == desk_subject and not {"name", "mobile"} & set(seen)
    assert get(app_client, f"/v1/complaints/{at_desk}", monitors["admin"]).status_code == 200
    for token in (monitors["collector"], monitors["commissioner"], monitors["hod"], nodal):
        assert get(app_client, f"/v1/complaints/{at_desk}", token).status_code == 404
    assert post(app_client, f"/v1/complaints/{at_desk}/actions", TRANSFER, nodal).status_code == 404
    cookie = page_login(app_client, aws, f"nodal.district.sehore.{tag}", ("nodal", "officer"), "/officer/login")
    page = app_client.http.get(f"/officer/c/{at_desk}", headers={"Cookie": cookie})
    assert page.status_code == 404 and desk_subject not in text(page)
