"""Officers act and citizens confirm: link tokens, actions, transfer, satisfaction, closure."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest

from chalicelib import bootstrap
from tests.integration.escalation_support import staff_chain
from tests.integration.helpers import FORM, body, citizen_token, get, phone, post, staff_token, stored

CHAIN = ["REVENUE:L1:SEHORE-BUDHNI", "REVENUE:L2:SEHORE", "REVENUE:L3:BHOPAL", "REVENUE:L4:STATE"]
RESOLVE = {
    "action": "resolve",
    "remarks": "खसरा नकल दे दी गई",
    "rule_reference": "MPLRC धारा 114",
    "letter_no": "123/राजस्व/2026",
    "letter_date": "2026-11-24",
}


@pytest.fixture
def filed(app_client: Any, clock: Any, mobile: str, pump: Any) -> dict[str, Any]:
    holders = staff_chain(bootstrap.get_directory(), CHAIN, mobile[-6:])
    citizen = citizen_token(app_client, mobile)
    ref = body(post(app_client, "/v1/complaints", FORM, citizen))["reference"]
    pump.drain()
    sms = next(m for m in phone(app_client, holders[CHAIN[0]]) if "/o/" in m["text"] and ref in m["text"])
    link = re.search(r"/o/([\w.~-]+)", sms["text"]).group(1)  # type: ignore[union-attr]
    return {"ref": ref, "citizen": citizen, "link": link, "holders": holders, "mobile": mobile}


def _cce(app_client: Any, aws: dict[str, str]) -> str:
    return staff_token(app_client, aws["USER_POOL_ID"], "cce-act", ("cce",))


def test_resolve_by_link_then_satisfied_call_closes_and_citizen_gets_sms(
    app_client: Any, filed: dict[str, Any], pump: Any, aws: dict[str, str]
) -> None:
    resp = post(app_client, f"/v1/complaints/{filed['ref']}/actions", RESOLVE, filed["link"])
    assert resp.status_code == 200, resp.body
    assert body(resp)["status"] == "resolved"
    again = post(app_client, f"/v1/complaints/{filed['ref']}/actions", RESOLVE, filed["link"])
    assert again.status_code == 409  # a double-clicked resolve has one effect
    cce = _cce(app_client, aws)
    out = body(post(app_client, f"/v1/complaints/{filed['ref']}/satisfaction", {"satisfied": True}, cce))
    assert out["status"] == "closed"
    pump.drain()
    texts = [m["text"] for m in phone(app_client, filed["mobile"]) if filed["ref"] in m["text"]]
    assert any("बंद" in t for t in texts) and any("निराकृत" in t for t in texts)
    view = body(get(app_client, f"/v1/complaints/{filed['ref']}", filed["citizen"]))
    events = [h["event"] for h in view["history"]]
    assert events == ["registered", "resolved", "closed"]
    assert view["history"][1]["rule_reference"] == "MPLRC धारा 114" and view["history"][1]["letter_no"]


def test_not_satisfied_goes_to_l2_with_fresh_clock_then_l3_final_decision_closes(
    app_client: Any, filed: dict[str, Any], pump: Any, clock: Any, aws: dict[str, str]
) -> None:
    ref, pool = filed["ref"], aws["USER_POOL_ID"]
    l1, l2, l3 = (staff_token(app_client, pool, f"test-{filed['mobile'][-6:]}-{i}", ("officer",)) for i in range(3))
    decide = {
        "action": "final_decision",
        "remarks": "नकल सही है, अभिलेख से मिलान किया",
        "rule_reference": "MPLRC धारा 114",
    }
    # Not disputed yet: not even the chain's L3 may take the final decision.
    assert post(app_client, f"/v1/complaints/{ref}/actions", decide, l3).status_code == 409
    assert body(post(app_client, f"/v1/complaints/{ref}/actions", RESOLVE, filed["link"]))["status"] == "resolved"
    first_due = stored(ref).due_at
    clock.advance(days=2)  # Wednesday 25 Nov
    citizen = citizen_token(app_client, filed["mobile"])  # the filing's login has expired by now
    out = body(
        post(app_client, f"/v1/complaints/{ref}/feedback", {"satisfied": False, "remarks": "नकल गलत है"}, citizen)
    )
    assert out == {"reference": ref, "status": "open", "level": 2}
    view = body(get(app_client, f"/v1/complaints/{ref}", citizen))
    # A fresh 7-working-day clock from the reopening (Wed 25 Nov): Thu 26 .. Fri 4 Dec, 23:59:59 IST.
    assert (view["post_id"], view["assigned_at"], view["due_at"]) == (
        CHAIN[1],
        "2026-11-25T05:00:00+00:00",
        "2026-12-04T18:29:59+00:00",
    )
    assert first_due == "2026-12-03T18:29:59+00:00" and view["overdue"] is False
    assert view["history"][-1]["event"] == "reopened" and view["history"][-1]["due_at"] == view["due_at"]
    pump.drain()
    l2_sms = [m for m in phone(app_client, filed["holders"][CHAIN[1]]) if m["kind"] == "sms" and ref in m["text"]]
    link2 = re.search(r"/o/([\w.~-]+)", l2_sms[0]["text"]).group(1)  # type: ignore[union-attr]
    # The old L1 link is for an ended assignment.
    assert post(app_client, f"/v1/complaints/{ref}/actions", RESOLVE, filed["link"]).status_code == 403
    # Only the chain's L3 takes the final decision: not L2 (link or login), not L1.
    for token in (link2, l2, l1):
        assert post(app_client, f"/v1/complaints/{ref}/actions", decide, token).status_code == 403
    clock.advance(days=1)
    resp = post(app_client, f"/v1/complaints/{ref}/actions", decide, l3)
    assert resp.status_code == 200, resp.body
    assert body(resp)["status"] == "closed"
    view = body(get(app_client, f"/v1/complaints/{ref}", citizen_token(app_client, filed["mobile"])))
    assert view["status"] == "closed"
    assert [h["event"] for h in view["history"]] == ["registered", "resolved", "reopened", "final_decision"]
    final = view["history"][-1]
    assert (final["post"], final["level"], final["actor"], final["at"]) == (
        CHAIN[1],
        2,
        f"staff:test-{filed['mobile'][-6:]}-2",
        "2026-11-26T05:00:00+00:00",
    )
    assert final["basis"] == decide["remarks"] and final["rule_reference"] == "MPLRC धारा 114"
    # Final: no second decision.
    assert post(app_client, f"/v1/complaints/{ref}/actions", decide, l3).status_code == 409
    pump.drain()
    assert len([m for m in phone(app_client, filed["mobile"]) if ref in m["text"] and "बंद" in m["text"]]) == 1


def test_missing_reasons_are_400_naming_what_is_missing(app_client: Any, filed: dict[str, Any]) -> None:
    resp = post(app_client, f"/v1/complaints/{filed['ref']}/actions", {"action": "resolve"}, filed["link"])
    assert resp.status_code == 400
    out = body(resp)
    assert set(out["fields"]) == {"remarks", "rule_reference"}
    assert "नियम" in out["fields"]["rule_reference"]["hi"] and "rule" in out["fields"]["rule_reference"]["en"]
    assert "remarks" in out["Message"] and "नियम" in out["message_hi"]


def test_tampered_or_expired_link_is_401(app_client: Any, filed: dict[str, Any], clock: Any) -> None:
    link = filed["link"]
    assert len(link) == 16
    for wrong in (f"{link[:-1]}{'A' if link[-1] != 'A' else 'B'}", link[:-1], f"{filed['ref']}-1"):
        assert post(app_client, f"/v1/complaints/{filed['ref']}/actions", RESOLVE, wrong).status_code == 401
    # Filed Monday 23 Nov 2026, due Thursday 3 Dec: the link ends with Monday 7 Dec (IST).
    clock.set(datetime(2026, 12, 7, 18, 30, tzinfo=UTC))
    resp = post(app_client, f"/v1/complaints/{filed['ref']}/actions", RESOLVE, link)
    assert resp.status_code == 401 and body(resp)["Message"] == "token expired"


def test_an_officer_who_left_the_post_has_their_link_refused(app_client: Any, filed: dict[str, Any], pump: Any) -> None:
    directory = bootstrap.get_directory()
    [posting] = directory.current_holders(CHAIN[0])
    directory.end_posting(posting, "2026-11-23T06:00:00+00:00", "transfer")
    resp = post(app_client, f"/v1/complaints/{filed['ref']}/actions", RESOLVE, filed["link"])
    assert resp.status_code == 401 and "no longer hold this post" in body(resp)["Message"]
    assert "इस पद पर नहीं" in body(resp)["message_hi"]
    assert stored(filed["ref"]).status == "open"


def test_a_link_signed_before_the_short_links_works_until_its_own_expiry(
    app_client: Any, filed: dict[str, Any], clock: Any
) -> None:
    from datetime import timedelta

    from chalicelib.domain.tokens import sign
    from chalicelib.settings import get_settings

    old = sign("link", f"{filed['ref']}-1", clock.wall() + timedelta(days=1), get_settings().signing_secret)
    assert get(app_client, f"/v1/complaints/{filed['ref']}", old).status_code == 200
    clock.advance(days=1)
    assert post(app_client, f"/v1/complaints/{filed['ref']}/actions", RESOLVE, old).status_code == 401
    assert post(app_client, f"/v1/complaints/{filed['ref']}/actions", RESOLVE, filed["link"]).status_code == 200


def test_transfer_moves_to_the_right_departments_l1_with_a_fresh_clock(
    app_client: Any, filed: dict[str, Any], pump: Any
) -> None:
    resp = post(
        app_client,
        f"/v1/complaints/{filed['ref']}/actions",
        {"action": "transfer", "to_department": "ENERGY", "remarks": "बिजली बिल का मामला"},
        filed["link"],
    )
    assert resp.status_code == 200, resp.body
    view = body(get(app_client, f"/v1/complaints/{filed['ref']}", filed["citizen"]))
    assert view["department"] == "ENERGY" and view["post_id"] == "ENERGY:L1:SEHORE-BUDHNI" and view["level"] == 1
    assert view["history"][-1]["event"] == "transferred" and view["history"][-1]["from_department"] == "REVENUE"


def test_a_logged_in_officer_who_transfers_gets_200_though_the_complaint_left_their_scope(
    app_client: Any, filed: dict[str, Any], aws: dict[str, str]
) -> None:
    officer = staff_token(app_client, aws["USER_POOL_ID"], f"test-{filed['mobile'][-6:]}-0", ("officer",))
    ref = filed["ref"]
    assert get(app_client, f"/v1/complaints/{ref}", officer).status_code == 200
    resp = post(
        app_client,
        f"/v1/complaints/{ref}/actions",
        {"action": "transfer", "to_department": "PHE", "remarks": "पेयजल का मामला"},
        officer,
    )
    assert resp.status_code == 200, resp.body
    assert body(resp)["department"] == "PHE" and body(resp)["level"] == 1 and "history" not in body(resp)
    assert get(app_client, f"/v1/complaints/{ref}", officer).status_code == 404  # no longer theirs
    again = post(
        app_client,
        f"/v1/complaints/{ref}/actions",
        {"action": "transfer", "to_department": "ENERGY", "remarks": "फिर से"},
        officer,
    )
    assert again.status_code == 404


def _monitor(app_client: Any, aws: dict[str, str], username: str, post: str) -> str:
    from chalicelib.domain.directory import Officer, Posting

    d = bootstrap.get_directory()
    if not d.current_holders(post):
        d.put_officers([Officer(username, "कलेक्टर", "Collector", "+917999999999")])
        d.put_postings([Posting(post, username, "regular", "2026-01-01T00:00:00+00:00")])
    return staff_token(app_client, aws["USER_POOL_ID"], username, ("monitor",))


def test_collector_lists_complaints_and_demands_separately_and_not_other_districts(
    app_client: Any, filed: dict[str, Any], aws: dict[str, str], mobile: str
) -> None:
    demand = body(post(app_client, "/v1/complaints", {**FORM, "category": "demand"}, filed["citizen"]))["reference"]
    token = _monitor(app_client, aws, "collector-sehore-test", "COLLECTOR:L2:SEHORE")
    complaints = body(get(app_client, "/v1/lists/district/SEHORE?kind=complaint", token))["complaints"]
    demands = body(get(app_client, "/v1/lists/district/SEHORE?kind=demand", token))["complaints"]
    assert filed["ref"] in [c["reference"] for c in complaints] and demand not in [c["reference"] for c in complaints]
    assert demand in [c["reference"] for c in demands]
    assert get(app_client, "/v1/lists/district/INDORE", token).status_code == 404
    assert get(app_client, "/v1/lists/district/SEHORE", filed["citizen"]).status_code == 403


def test_citizen_reminder_notifies_the_officer_once_a_day(
    app_client: Any, filed: dict[str, Any], pump: Any, clock: Any
) -> None:
    ref = filed["ref"]
    assert post(app_client, f"/v1/complaints/{ref}/reminders", {}, filed["citizen"]).status_code == 202
    assert post(app_client, f"/v1/complaints/{ref}/reminders", {}, filed["citizen"]).status_code == 429
    pump.drain()
    officer = [m for m in phone(app_client, filed["holders"][CHAIN[0]]) if "स्मरण" in m["text"] and ref in m["text"]]
    assert len(officer) == 1 and officer[0]["kind"] == "sms"
    clock.advance(days=1)
    fresh = citizen_token(app_client, filed["mobile"])
    assert post(app_client, f"/v1/complaints/{ref}/reminders", {}, fresh).status_code == 202
