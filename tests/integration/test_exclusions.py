"""Service exclusion over moto with real Cognito logins: the department's state nodal officer
proposes through the API, the administrator decides, and then every channel that files (the
JSON API, the citizen's filing page, the call-centre console) refuses the service with 422 in
Hindi and English and where to go instead; the public list shows it. Scopes: another
department's state nodal officer cannot propose, nobody but the administrator decides.

The moto tables are shared by the session: each test excludes words of its own and lifts the
exclusion when it is done, so that no other test's filing is refused."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from chalicelib.domain.directory import state_nodal_post
from tests.integration.helpers import FORM, body, citizen_token, get, post, send, staff_user, text
from tests.integration.test_pages_client import filled, hidden, to_form
from tests.integration.test_scopes import PASSWORD, api_login, page_login


def proposal(tag: str) -> dict[str, Any]:
    return {
        "department": "REVENUE",
        "category": "complaint",
        "terms": [f"न्यायालय प्रकरण {tag}"],
        "service_hi": f"न्यायालय में लंबित राजस्व प्रकरण {tag}",
        "service_en": f"Revenue cases pending before a court {tag}",
        "instead_hi": "संबंधित राजस्व न्यायालय (तहसील) में आवेदन करें",
        "instead_en": "apply to the revenue court (Tehsil) hearing the case",
        "reason_kind": "legal",
        "reason": "न्यायालय में विचाराधीन प्रकरण में प्रशासनिक हस्तक्षेप वर्जित है",
        "legal_reference": "म.प्र. भू-राजस्व संहिता, 1959",
    }


@pytest.fixture
def logins(app_client: Any, aws: dict[str, str], clock: Any, mobile: str) -> Iterator[dict[str, str]]:
    tag = mobile[-6:]
    out = {
        "tag": tag,
        "revenue": api_login(
            app_client, aws, f"revenue.nodal.state.{tag}", ("nodal", "officer"), state_nodal_post("REVENUE")
        ),
        "energy": api_login(
            app_client, aws, f"energy.nodal.state.{tag}", ("nodal", "officer"), state_nodal_post("ENERGY")
        ),
        "district_nodal": api_login(
            app_client, aws, f"nodal.district.sehore.x{tag}", ("nodal", "officer"), "NODAL:DISTRICT:SEHORE"
        ),
        "admin": api_login(app_client, aws, f"admin.{tag}", ("admin",)),
        "citizen": citizen_token(app_client, mobile),
    }
    yield out
    # Whatever a test left in force is lifted: later tests in this session file in REVENUE.
    for x in body(get(app_client, "/v1/exclusions")):
        if tag in x["service"]["en"]:
            post(app_client, f"/v1/exclusions/{x['exclusion_id']}/lift", {"remarks": "परीक्षण पूरा"}, out["admin"])


def test_proposed_accepted_then_every_channel_refuses_the_service_with_422_and_where_to_go(
    app_client: Any, aws: dict[str, str], logins: dict[str, str], mobile: str
) -> None:
    tag = logins["tag"]
    subject = f"नामांतरण न्यायालय प्रकरण {tag} लंबित"
    filing = {**FORM, "subject": subject}
    proposed = post(app_client, "/v1/exclusions", proposal(tag), logins["revenue"])
    assert proposed.status_code == 201, proposed.body
    x = body(proposed)
    assert re.fullmatch(r"EX-[0-9]{8}-[0-9A-F]{4}", x["exclusion_id"]) and x["status"] == "proposed"
    assert [h["event"] for h in x["history"]] == ["proposed"] and x["proposed_by"] == f"revenue.nodal.state.{tag}"
    # Only proposed: the service is still taken, and the public list does not show it.
    assert post(app_client, "/v1/complaints", filing, logins["citizen"]).status_code == 201
    assert x["exclusion_id"] not in {y["exclusion_id"] for y in body(get(app_client, "/v1/exclusions"))}

    decision = {"decision": "accept", "remarks": "विधिक प्रावधान सही है"}
    decided = post(app_client, f"/v1/exclusions/{x['exclusion_id']}/decision", decision, logins["admin"])
    assert decided.status_code == 200, decided.body
    assert [h["event"] for h in body(decided)["history"]] == ["proposed", "accepted"]
    again = post(app_client, f"/v1/exclusions/{x['exclusion_id']}/decision", decision, logins["admin"])
    assert again.status_code == 409

    # The JSON API.
    refused = post(app_client, "/v1/complaints", filing, logins["citizen"])
    err = body(refused)
    assert refused.status_code == 422 and err["Code"] == "ServiceExcludedError"
    assert "सीएम हेल्पलाइन से बाहर" in err["message_hi"] and "राजस्व न्यायालय" in err["message_hi"]
    assert "excluded from CM Helpline 181" in err["Message"] and "revenue court" in err["Message"]
    assert err["exclusion"]["exclusion_id"] == x["exclusion_id"]
    assert err["exclusion"]["instead"]["en"] == "apply to the revenue court (Tehsil) hearing the case"
    other = post(app_client, "/v1/complaints", {**FORM, "subject": "खसरा नकल नहीं मिली"}, logins["citizen"])
    assert other.status_code == 201  # the department's other services are taken as before

    # The citizen's filing page: the same refusal, the form kept.
    page = to_form(app_client, f"{mobile[:-1]}{(int(mobile[-1]) + 1) % 10}")
    shown = send(app_client, "/file/submit", {**filled(page), "subject": subject})
    assert shown.status_code == 422 and "राजस्व न्यायालय (तहसील)" in text(shown)
    assert hidden(text(shown), "token") == hidden(page, "token") and subject in text(shown)

    # The call-centre console.
    staff_user(aws["USER_POOL_ID"], f"cce.x{tag}", ("cce",), PASSWORD)
    jar = page_login(app_client, aws, f"cce.x{tag}", ("cce",), "/cce/login")
    console = text(app_client.http.get("/cce?lang=en", headers={"Cookie": jar}))
    data = {**filing, "mobile": "9876543210", "lang": "en", "idem": hidden(console, "idem"), "step": "submit"}
    at_console = send(app_client, "/cce/file", data, jar)
    assert at_console.status_code == 422 and "revenue court (Tehsil)" in text(at_console)

    # The public list and page.
    listed = {y["exclusion_id"]: y for y in body(get(app_client, "/v1/exclusions"))}
    assert listed[x["exclusion_id"]]["status"] == "accepted" and "proposed_by" not in listed[x["exclusion_id"]]
    public = app_client.http.get("/exclusions")
    assert public.status_code == 200 and f"न्यायालय में लंबित राजस्व प्रकरण {tag}" in text(public)
    assert f"Revenue cases pending before a court {tag}" in text(app_client.http.get("/exclusions?lang=en"))

    # Lifted: the service is taken again.
    lifted = post(app_client, f"/v1/exclusions/{x['exclusion_id']}/lift", {"remarks": "आदेश वापस"}, logins["admin"])
    assert lifted.status_code == 200 and body(lifted)["status"] == "lifted"
    assert post(app_client, "/v1/complaints", filing, logins["citizen"]).status_code == 201


def test_another_departments_state_nodal_officer_cannot_propose_and_nobody_but_the_administrator_decides(
    app_client: Any, logins: dict[str, str]
) -> None:
    tag = logins["tag"]
    for who in ("energy", "district_nodal", "admin", "citizen"):
        resp = post(app_client, "/v1/exclusions", proposal(tag), logins[who])
        assert resp.status_code == 403, (who, resp.body)
        assert body(resp)["message_hi"] and body(resp)["Message"]
    assert post(app_client, "/v1/exclusions", proposal(tag), None).status_code == 401
    x = body(post(app_client, "/v1/exclusions", proposal(tag), logins["revenue"]))
    for who in ("revenue", "energy", "district_nodal", "citizen"):
        resp = post(
            app_client,
            f"/v1/exclusions/{x['exclusion_id']}/decision",
            {"decision": "accept", "remarks": "स्वयं"},
            logins[who],
        )
        assert resp.status_code == 403, (who, resp.body)
    # The energy department's nodal officer does not see the revenue department's proposals.
    mine = body(get(app_client, "/v1/exclusions/proposals", logins["revenue"]))
    assert x["exclusion_id"] in {y["exclusion_id"] for y in mine}
    theirs = body(get(app_client, "/v1/exclusions/proposals", logins["energy"]))
    assert x["exclusion_id"] not in {y["exclusion_id"] for y in theirs}
    assert get(app_client, "/v1/exclusions/proposals", logins["citizen"]).status_code == 403
    everything = body(get(app_client, "/v1/exclusions/proposals?status=proposed", logins["admin"]))
    assert x["exclusion_id"] in {y["exclusion_id"] for y in everything}
    # Still only proposed: filings for it are taken.
    filing = {**FORM, "subject": f"न्यायालय प्रकरण {tag}"}
    assert post(app_client, "/v1/complaints", filing, logins["citizen"]).status_code == 201
    unknown = post(
        app_client, "/v1/exclusions/EX-20261123-FFFF/decision", {"decision": "reject", "remarks": "?"}, logins["admin"]
    )
    assert unknown.status_code == 404
    bad = post(app_client, "/v1/exclusions/nope/decision", {"decision": "reject", "remarks": "?"}, logins["admin"])
    assert bad.status_code == 400


def test_the_officers_page_proposes_decides_and_lifts_through_the_same_use_cases(
    app_client: Any, aws: dict[str, str], logins: dict[str, str]
) -> None:
    tag = logins["tag"]
    nodal = page_login(app_client, aws, f"revenue.nodal.state.{tag}", ("nodal", "officer"), "/officer/login")
    form = {**{k: v for k, v in proposal(tag).items() if k != "terms"}, "terms": f"न्यायालय प्रकरण {tag}\n  \n"}
    page = text(app_client.http.get("/officer/exclusions", headers={"Cookie": nodal}))
    assert 'id="propose"' in page and 'value="REVENUE"' in page and 'id="pending-none"' not in page
    bad = send(app_client, "/officer/exclusions", {**form, "reason": "", "lang": "en"}, nodal)
    assert bad.status_code == 400 and "the legal provision or circumstance" in text(bad)
    assert f'value="{form["service_hi"]}"' in text(bad)  # what was typed is kept
    sent = send(app_client, "/officer/exclusions", {**form, "lang": "hi"}, nodal)
    assert sent.status_code == 303, text(sent)
    xid = re.search(r"done=(EX-[0-9]{8}-[0-9A-F]{4})", sent.headers["Location"]).group(1)  # type: ignore[union-attr]
    mine = text(app_client.http.get(sent.headers["Location"], headers={"Cookie": nodal}))
    assert f'id="all-{xid}"' in mine and "प्रस्तावित" in mine and f'id="decide-{xid}"' not in mine

    staff_user(aws["USER_POOL_ID"], f"admin.{tag}", ("admin",), PASSWORD)
    admin = page_login(app_client, aws, f"admin.{tag}", ("admin",), "/officer/login")
    desk = text(app_client.http.get("/officer/exclusions?lang=en", headers={"Cookie": admin}))
    assert f'id="decide-{xid}"' in desk and 'id="propose"' not in desk
    refused = send(
        app_client, f"/officer/exclusions/{xid}", {"op": "decide", "decision": "accept", "remarks": "x"}, nodal
    )
    assert refused.status_code == 403
    accept = {"op": "decide", "decision": "accept", "remarks": "विधिक प्रावधान सही", "lang": "en"}
    assert send(app_client, f"/officer/exclusions/{xid}", accept, admin).status_code == 303
    filing = {**FORM, "subject": f"न्यायालय प्रकरण {tag}"}
    assert post(app_client, "/v1/complaints", filing, logins["citizen"]).status_code == 422
    lift = {"op": "lift", "remarks": "आदेश वापस", "lang": "en"}
    assert send(app_client, f"/officer/exclusions/{xid}", lift, admin).status_code == 303
    assert post(app_client, "/v1/complaints", filing, logins["citizen"]).status_code == 201
    history = text(app_client.http.get("/officer/exclusions?lang=en", headers={"Cookie": nodal}))
    assert history.index("Proposed ·") < history.index("Accepted ·") < history.index("Lifted ·")

    other = page_login(app_client, aws, f"nodal.district.sehore.x{tag}", ("nodal", "officer"), "/officer/login")
    assert app_client.http.get("/officer/exclusions", headers={"Cookie": other}).status_code == 403
    assert 'action="/officer/login"' in text(app_client.http.get("/officer/exclusions"))
