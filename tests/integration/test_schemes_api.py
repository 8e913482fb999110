"""Scheme information over the API (chalice.test.Client, moto): the department's state nodal
officer adds, amends and ends a scheme; another department's nodal officer and the call centre
are refused; anyone reads and searches, in Hindi, English and Hindi in Latin letters.

The moto tables are shared by the session: this module's schemes have names of their own."""

from __future__ import annotations

import itertools
import os
from typing import Any

import pytest

from chalicelib.domain.directory import Officer, Posting, state_nodal_post
from tests.integration.helpers import body, get, post, staff_token

_n = itertools.count()


def tag() -> str:
    """A word no other scheme has, in both scripts' spelling of a made-up place."""
    return f"{os.getpid() % 1000:03d}{next(_n):03d}"


def scheme(word: str, **replace: Any) -> dict[str, Any]:
    return {
        "department": "REVENUE",
        "name_hi": f"मुख्यमंत्री नर्मदापुरम भूमि सुधार योजना {word}",
        "name_en": f"Mukhyamantri Narmadapuram Bhumi Sudhar Yojana {word}",
        "objective_hi": "भूमि अभिलेखों का सुधार\nएक ही स्थान पर।",
        "objective_en": "Land records corrected\nin one place.",
        "eligibility": [{"hi": "भू-धारक किसान", "en": "A landholding farmer"}],
    } | replace


@pytest.fixture
def tokens(app_client: Any, aws: dict[str, str], directory: Any) -> dict[str, str]:
    pool = aws["USER_POOL_ID"]
    for dept in ("REVENUE", "HEALTH"):
        officer = f"{dept.lower()}.nodal.state"
        directory.put_officers([Officer(officer, "नोडल अधिकारी", "राज्य नोडल अधिकारी", "+917700000181")])
        directory.put_postings([Posting(state_nodal_post(dept), officer, "regular", "2026-01-01T00:00:00+00:00")])
    return {
        "revenue": staff_token(app_client, pool, "revenue.nodal.state", ("nodal", "officer")),
        "health": staff_token(app_client, pool, "health.nodal.state", ("nodal", "officer")),
        "cce": staff_token(app_client, pool, "cce.schemes", ("cce",)),
    }


def put(client: Any, path: str, data: Any, token: str) -> Any:
    import json

    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    return client.http.put(path, body=json.dumps(data), headers=headers)


def test_the_nodal_officer_adds_amends_and_ends_and_every_version_is_kept(
    app_client: Any, tokens: dict[str, str], clock: Any
) -> None:
    word = tag()
    created = post(app_client, "/v1/schemes", scheme(word), tokens["revenue"])
    assert created.status_code == 201, created.body
    s = body(created)
    sid = s["scheme_id"]
    assert created.headers["Location"] == f"/v1/schemes/{sid}/versions"
    assert (s["status"], s["version"], s["eligibility"]) == ("active", 1, scheme(word)["eligibility"])
    assert post(app_client, "/v1/schemes", scheme(word), tokens["revenue"]).status_code == 409  # the same again

    clock.advance(hours=1)
    amended = {k: v for k, v in scheme(word).items() if k != "department"}
    amended["eligibility"] = [*amended["eligibility"], {"hi": "आयकरदाता न हो", "en": "Not an income-tax payer"}]
    resp = put(app_client, f"/v1/schemes/{sid}", amended | {"version": 1, "note": "शर्त जोड़ी"}, tokens["revenue"])
    assert resp.status_code == 200 and body(resp)["version"] == 2, resp.body
    stale = put(app_client, f"/v1/schemes/{sid}", amended | {"version": 1, "name_hi": "नया"}, tokens["revenue"])
    assert stale.status_code == 409 and body(stale)["message_hi"]

    ended = post(app_client, f"/v1/schemes/{sid}/end", None, tokens["revenue"])
    assert ended.status_code == 200 and body(ended)["status"] == "ended"

    versions = body(get(app_client, f"/v1/schemes/{sid}/versions"))
    assert [(v["version"], v["event"], v["changed"]) for v in versions] == [
        (1, "new", []),
        (2, "amended", ["eligibility"]),
        (3, "ended", ["status"]),
    ]
    assert versions[1]["note"] == "शर्त जोड़ी" and "by" not in versions[1]
    today = [v for v in body(get(app_client, "/v1/schemes/changes")) if v["scheme_id"] == sid]
    assert [v["event"] for v in today] == ["ended", "amended", "new"]  # newest first
    assert get(app_client, f"/v1/schemes/{sid}-nope/versions").status_code == 404


def test_another_departments_nodal_officer_and_the_call_centre_are_refused(
    app_client: Any, tokens: dict[str, str]
) -> None:
    word = tag()
    sid = body(post(app_client, "/v1/schemes", scheme(word), tokens["revenue"]))["scheme_id"]
    amended = {k: v for k, v in scheme(word, name_hi="बदला").items() if k != "department"}
    for who in ("health", "cce"):
        assert post(app_client, "/v1/schemes", scheme(tag()), tokens[who]).status_code == 403
        refused = put(app_client, f"/v1/schemes/{sid}", amended, tokens[who])
        assert refused.status_code == 403 and "नोडल" in body(refused)["message_hi"]
        assert post(app_client, f"/v1/schemes/{sid}/end", {}, tokens[who]).status_code == 403
    assert post(app_client, "/v1/schemes", scheme(tag())).status_code == 401
    assert put(app_client, "/v1/schemes/revenue-nothing-here", amended, tokens["revenue"]).status_code == 404
    assert [v["version"] for v in body(get(app_client, f"/v1/schemes/{sid}/versions"))] == [1]


def test_bad_scheme_information_is_400_in_hindi_and_english(app_client: Any, tokens: dict[str, str]) -> None:
    three = post(app_client, "/v1/schemes", scheme(tag(), objective_hi="एक\nदो\nतीन"), tokens["revenue"])
    assert three.status_code == 400
    assert body(three)["fields"]["objective_hi"]["hi"].startswith("आवश्यक: अधिकतम दो पंक्तियाँ")
    empty = post(app_client, "/v1/schemes", scheme(tag(), eligibility=[]), tokens["revenue"])
    assert empty.status_code == 400 and "eligibility" in body(empty)["fields"]
    assert get(app_client, "/v1/schemes?limit=0").status_code == 400


def test_anyone_searches_in_hindi_english_and_latin_letters_with_slips(app_client: Any, tokens: dict[str, str]) -> None:
    word = tag()
    mine = body(post(app_client, "/v1/schemes", scheme(word), tokens["revenue"]))["scheme_id"]
    other = scheme(word, name_hi=f"नर्मदापुरम जल योजना {word}", name_en=f"Narmadapuram Water Scheme {word}")
    body(post(app_client, "/v1/schemes", other, tokens["revenue"]))
    for q in (f"bhumi sudhar {word}", f"भूमि सुधार {word}", f"bhoomi sudhaar {word}", f"भुमि सूधार {word}"):
        found = body(get(app_client, f"/v1/schemes?q={q}"))
        assert found and found[0]["scheme_id"] == mine, (q, [f["name_en"] for f in found])
    only = body(get(app_client, f"/v1/schemes?q=bhumi+sudhar+{word}&department=HEALTH"))
    assert only == []
    listed = body(get(app_client, "/v1/schemes?department=REVENUE"))
    assert mine in [s["scheme_id"] for s in listed] and {s["department"] for s in listed} == {"REVENUE"}
