"""Monitoring over moto: complaints filed and acted on through the API, the stream pumped, then
the dashboards checked against figures recomputed here from the complaints' history items."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest

from chalicelib import bootstrap
from chalicelib.domain.calendar import IST
from chalicelib.domain.directory import Officer, Posting
from chalicelib.domain.grading import score
from tests.integration.escalation_support import staff_chain
from tests.integration.helpers import (
    FORM,
    STAFF_PASSWORD,
    body,
    get,
    officer_link,
    phone,
    post,
    redelivery,
    send,
    staff_token,
    staff_user,
    stored,
    text,
)

PASSWORD = "Mon@181Password"
RESOLVE = {"action": "resolve", "remarks": "समाधान किया गया", "rule_reference": "नियम 1"}


def staff(
    app_client: Any,
    aws: dict[str, str],
    username: str,
    groups: tuple[str, ...],
    posts: tuple[str, ...] = (),
    mobile: str = "+919000000000",
) -> str:
    """A Cognito login holding `posts` (additional charge, so no one else's posting ends)."""
    d = bootstrap.get_directory()
    if posts:
        d.put_officers([Officer(username, f"निगरानी {username}", "test", mobile, None, username)])
        d.put_postings([Posting(p, username, "additional", "2026-11-01T00:00:00+00:00") for p in posts])
    return staff_token(app_client, aws["USER_POOL_ID"], username, groups, PASSWORD)


def cce(app_client: Any, aws: dict[str, str]) -> str:
    return staff(app_client, aws, "cce-monitoring", ("cce",))


def chain(dept: str, district: str, block: str, division: str) -> list[str]:
    return [f"{dept}:L1:{block}", f"{dept}:L2:{district}", f"{dept}:L3:{division}", f"{dept}:L4:STATE"]


DUE: dict[str, str] = {}


def file(app_client: Any, token: str, dept: str, district: str, block: str, n: int) -> str:
    form = {**FORM, "department": dept, "district": district, "block": block, "mobile": f"+91700000{n:04d}"}
    resp = post(app_client, "/v1/complaints", form, token)
    assert resp.status_code == 201, resp.body
    DUE[body(resp)["reference"]] = body(resp)["due_at"]  # the first assignment's deadline, as filed
    return str(body(resp)["reference"])


def act(app_client: Any, ref: str, data: dict[str, Any]) -> None:
    resp = post(app_client, f"/v1/complaints/{ref}/actions", data, officer_link(ref))
    assert resp.status_code == 200, resp.body


def view(app_client: Any, token: str, path: str) -> dict[str, Any]:
    resp = get(app_client, path, token)
    assert resp.status_code == 200, resp.body
    return body(resp)  # type: ignore[no-any-return]


def by_code(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["code"]: r for r in rows}


KEYS = (
    "received",
    "transferred_in",
    "transferred_out",
    "disposed",
    "disposed_in_time",
    "satisfied",
    "satisfied_in_time",
    "pending",
)


def recompute(histories: dict[str, list[Any]], dept0: dict[str, str], month: str | None) -> dict[str, Counter]:
    """Independently of the aggregator: walk each complaint's history in order."""
    out: dict[str, Counter] = {}
    for ref, entries in histories.items():
        dept, due, last_in_time = dept0[ref], DUE[ref], False
        for e in entries:
            ist = datetime.fromisoformat(e.at).astimezone(IST).strftime("%Y-%m")
            counts = out.setdefault(dept, Counter())
            count = month is None or ist == month
            if e.event == "registered":
                counts["received"] += count
                counts["pending"] += 1
            elif e.event == "resolved":
                last_in_time = datetime.fromisoformat(e.at) <= datetime.fromisoformat(due) and not e.details.get("late")
                counts["disposed"] += count
                counts["disposed_in_time"] += count and last_in_time
                counts["pending"] -= 1
            elif e.event == "closed" and e.details.get("satisfied"):
                counts["satisfied"] += count
                counts["satisfied_in_time"] += count and last_in_time
            elif e.event == "reopened":
                counts["pending"] += 1
            elif e.event == "transferred":
                counts["transferred_out"] += count
                counts["pending"] -= 1
                dept = e.details["to_department"]
                out.setdefault(dept, Counter())["transferred_in"] += count
                out[dept]["pending"] += 1
    return out


def delta(before: dict[str, Any], after: dict[str, Any], code: str) -> dict[str, int]:
    b, a = by_code(before["rows"]).get(code, {}), by_code(after["rows"]).get(code, {})
    return {k: a.get(k, 0) - b.get(k, 0) for k in KEYS}


@pytest.fixture
def collector(app_client: Any, aws: dict[str, str]) -> str:
    return staff(app_client, aws, "collector.l2.chhindwara", ("monitor", "officer"), ("COLLECTOR:L2:CHHINDWARA",))


AGES = (101, 301)  # days after filing: over 100 days old, then over 300 too


def test_collector_dashboard_equals_figures_recomputed_from_history_and_redelivery_changes_nothing(
    app_client: Any, aws: dict[str, str], clock: Any, pump: Any, collector: str
) -> None:
    d, blk, div = "CHHINDWARA", "CHHINDWARA-CHHINDWARA", "JABALPUR"
    staff_chain(
        bootstrap.get_directory(),
        chain("REVENUE", d, blk, div) + chain("HEALTH", d, blk, div) + chain("ENERGY", d, blk, div),
        "mon1",
    )
    desk = cce(app_client, aws)
    pump.drain()
    start = clock.now()
    aged_before = {}
    for days in AGES:
        clock.set(start + timedelta(days=days))
        aged_before[days] = view(app_client, collector, f"/v1/monitoring/district/{d}?month=all")
    clock.set(start)
    before = {p: view(app_client, collector, f"/v1/monitoring/district/{d}?month={p}") for p in ("all", "2026-11")}
    rank_before = by_code(view(app_client, collector, "/v1/monitoring/ranking?month=2026-11")["rows"])[d]

    refs = [file(app_client, desk, "REVENUE", d, blk, i) for i in range(4)]
    refs += [file(app_client, desk, "HEALTH", d, blk, i) for i in range(4, 7)]
    pump.drain()
    act(app_client, refs[0], RESOLVE)  # in time, then satisfied
    assert post(app_client, f"/v1/complaints/{refs[0]}/satisfaction", {"satisfied": True}, desk).status_code == 200
    act(app_client, refs[1], RESOLVE)  # in time, not satisfied: L2
    assert post(app_client, f"/v1/complaints/{refs[1]}/satisfaction", {"satisfied": False}, desk).status_code == 200
    act(app_client, refs[2], {"action": "transfer", "to_department": "ENERGY", "remarks": "बिजली का मामला"})
    act(app_client, refs[5], {"action": "interim", "remarks": "जाँच जारी"})
    act(app_client, refs[6], RESOLVE)  # in time, the citizen never answers
    clock.set(datetime.fromisoformat(stored(refs[4]).due_at) + timedelta(days=1))
    act(app_client, refs[4], RESOLVE)  # after the deadline (December)
    assert post(app_client, f"/v1/complaints/{refs[4]}/satisfaction", {"satisfied": True}, desk).status_code == 200
    pump.drain()
    assert not pump.errors, pump.errors[-1]

    histories = {r: bootstrap.get_complaints().history(r) for r in refs}
    dept0 = {r: "REVENUE" if i < 4 else "HEALTH" for i, r in enumerate(refs)}
    for p, month in (("all", None), ("2026-11", "2026-11")):
        after = view(app_client, collector, f"/v1/monitoring/district/{d}?month={p}")
        expected = recompute(histories, dept0, month)
        for dept in ("REVENUE", "HEALTH", "ENERGY"):
            want = {k: expected[dept][k] for k in KEYS}
            if month:  # pending is always "now", whatever the month
                want["pending"] = recompute(histories, dept0, None)[dept]["pending"]
            assert delta(before[p], after, dept) == want, (p, dept)
    assert expected["HEALTH"]["satisfied"] == 0 and recompute(histories, dept0, None)["HEALTH"]["satisfied"] == 1

    l1 = next(o for o in after["officers"] if o["post"] == f"REVENUE:L1:{blk}")
    assert (l1["assigned"], l1["disposed"], l1["disposal_pct"], l1["officer"]) == (4, 2, 50.0, "अधिकारी 0")
    ranked = by_code(view(app_client, collector, "/v1/monitoring/ranking?month=2026-11")["rows"])[d]
    nov = recompute(histories, dept0, "2026-11")
    counts = {k: rank_before[k] + sum(c[k] for c in nov.values()) for k in KEYS if k != "pending"}
    assert ranked["score"] == score(counts) and ranked["rank"] >= 1
    assert after["rank"]["rank"] == ranked["rank"] and "छिंदवाड़ा" in after["rank"]["text"]

    # A redelivered stream batch (every record of these complaints, again) changes nothing.
    from chalicelib.events.aggregates import on_history_for_reports

    for p in ("all",):
        again_before = view(app_client, collector, f"/v1/monitoring/district/{d}?month={p}")
        batch = redelivery(pump, "on_history_for_reports", refs)
        on_history_for_reports(batch, SimpleNamespace(function_name="redelivery"))
        assert view(app_client, collector, f"/v1/monitoring/district/{d}?month={p}") == again_before

    # Pendency by age counts the complaints waiting for an officer, not the closed ones nor the
    # one resolved and awaiting the citizen: 101 days on they are over 100 days old (none over
    # 300), 301 days on over 300 days old too.
    statuses = [stored(r).status for r in refs]
    assert statuses == ["closed", "open", "open", "open", "closed", "open", "resolved"]
    waiting = {"REVENUE": 2, "ENERGY": 1, "HEALTH": 1}
    for days, over_300 in zip(AGES, (False, True), strict=True):
        clock.set(start + timedelta(days=days))
        aged = view(app_client, collector, f"/v1/monitoring/district/{d}?month=all")
        base = by_code(aged_before[days]["rows"])
        for dept, n in waiting.items():
            row, b = by_code(aged["rows"])[dept], base.get(dept, {})
            assert row["pending_100"] - b.get("pending_100", 0) == n, (days, dept)
            assert row["pending_300"] - b.get("pending_300", 0) == (n if over_300 else 0), (days, dept)
        assert aged["pending_over_100"] - aged_before[days]["pending_over_100"] == 4, days
        assert aged["pending_over_300"] - aged_before[days]["pending_over_300"] == (4 if over_300 else 0), days

    # CSV export parses and says the same.
    text = get(app_client, f"/v1/monitoring/district/{d}?month=all&format=csv&lang=en", collector).body.decode()
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert (
        int(next(r for r in rows if r["Name"] == "Revenue Department")["Received"])
        == by_code(after["rows"])["REVENUE"]["received"]
    )


def test_each_tier_sees_only_its_scope_and_everything_else_is_404(
    app_client: Any, aws: dict[str, str], clock: Any
) -> None:
    sehore = staff(app_client, aws, "collector.l2.sehore", ("monitor", "officer"), ("COLLECTOR:L2:SEHORE",))
    hod = staff(app_client, aws, "revenue.l4.state", ("monitor", "officer"), ("REVENUE:L4:STATE",))
    commissioner = staff(app_client, aws, "commissioner.l3.bhopal", ("monitor", "officer"), ("COMMISSIONER:L3:BHOPAL",))
    officer = staff(app_client, aws, "plain.officer", ("officer",), ("REVENUE:L1:SEHORE-ASHTA",))

    def status(token: str, path: str) -> int:
        return int(get(app_client, path, token).status_code)

    assert status(sehore, "/v1/monitoring/district/SEHORE") == 200
    for path in (
        "/v1/monitoring/district/CHHINDWARA",
        "/v1/monitoring/department/REVENUE",
        "/v1/monitoring/division/BHOPAL",
        "/v1/monitoring/district/NOWHERE",
    ):
        assert status(sehore, path) == 404, path
    assert status(commissioner, "/v1/monitoring/division/BHOPAL") == 200
    assert status(commissioner, "/v1/monitoring/district/SEHORE") == 200  # Sehore is in Bhopal division
    assert status(commissioner, "/v1/monitoring/district/CHHINDWARA") == 404
    assert status(commissioner, "/v1/monitoring/division/JABALPUR") == 404
    assert status(hod, "/v1/monitoring/department/REVENUE") == 200
    assert status(hod, "/v1/monitoring/department/HEALTH") == 404
    only_revenue = view(app_client, hod, "/v1/monitoring/district/SEHORE")  # its own department's rows only
    assert {r["code"] for r in only_revenue["rows"]} <= {"REVENUE"}
    assert status(officer, "/v1/monitoring/district/SEHORE") == 404  # not in the monitoring group
    assert status(officer, "/v1/monitoring/ranking") == 404
    assert status(sehore, "/v1/monitoring/ranking") == 200
    assert status(sehore, "/v1/monitoring/weekly") == 403  # the state review is for state-level officers
    assert get(app_client, "/v1/monitoring/district/SEHORE").status_code == 401
    # The pages answer the same way: out of scope is 404, without a login the login form.
    assert app_client.http.get("/monitor/district/SEHORE").status_code == 200
    cookie = {"cookie": f"cmh_staff={sehore}"}
    assert app_client.http.get("/monitor/district/CHHINDWARA", headers=cookie).status_code == 404
    page = app_client.http.get("/monitor/district/SEHORE?lang=en", headers=cookie)
    assert (
        page.status_code == 200
        and b"Sehore" in page.body
        and b"script-src 'nonce-" in page.headers["Content-Security-Policy"].encode()
    )
    assert app_client.http.get("/monitor/ranking", headers=cookie).body.count(b"<svg") == 2
    for token, page in (
        (hod, "/monitor/department/REVENUE"),
        (commissioner, "/monitor/division/BHOPAL"),
        (hod, "/monitor/weekly"),
    ):
        resp = app_client.http.get(page, headers={"cookie": f"cmh_staff={token}"})
        assert resp.status_code == 200 and b"<h1>" in resp.body and b'id="error"' not in resp.body, page
    assert app_client.http.get("/monitor/weekly", headers=cookie).status_code == 404


def test_daily_digest_is_one_sms_per_officer_with_pending_due_today_and_overdue(
    app_client: Any, aws: dict[str, str], clock: Any, pump: Any
) -> None:
    posts = chain("HEALTH", "INDORE", "INDORE-MHOW", "INDORE")
    holders = staff_chain(bootstrap.get_directory(), posts, "digest")
    desk = cce(app_client, aws)
    overdue = file(app_client, desk, "HEALTH", "INDORE", "INDORE-MHOW", 1)
    clock.set(datetime.fromisoformat(DUE[overdue]) + timedelta(days=2))
    due_today = file(app_client, desk, "HEALTH", "INDORE", "INDORE-MHOW", 2)
    morning = datetime.fromisoformat(DUE[due_today]).astimezone(IST).replace(hour=9, minute=0, second=0)
    clock.set(morning)
    file(app_client, desk, "HEALTH", "INDORE", "INDORE-MHOW", 3)
    pump.drain()
    for _ in range(2):  # the schedule firing twice still sends one SMS
        assert pump.fire(pump.timer("daily_digest"), clock.now())
        pump.drain()
    assert not pump.errors, pump.errors[-1]
    texts = [m["text"] for m in phone(app_client, holders[posts[0]]) if "लंबित" in m["text"]]
    assert texts == [f"CMH181 {morning:%d-%m-%Y}: लंबित 3, आज देय 1, विलंबित 1"]  # one part, in Hindi
    assert not [m for m in phone(app_client, holders[posts[1]]) if "लंबित" in m["text"]]


def test_feedback_calls_are_drawn_per_collector_and_hod_deterministically_and_outcomes_recorded(
    app_client: Any, aws: dict[str, str], clock: Any, pump: Any
) -> None:
    from chalicelib.services import feedback

    d, blk = "BHOPAL", "BHOPAL-BERASIA"
    staff_chain(bootstrap.get_directory(), chain("REVENUE", d, blk, "BHOPAL"), "feedback")
    collector = staff(app_client, aws, "collector.l2.bhopal", ("monitor", "officer"), ("COLLECTOR:L2:BHOPAL",))
    hod = staff(app_client, aws, "revenue.l4.state", ("monitor", "officer"), ("REVENUE:L4:STATE",))
    desk = cce(app_client, aws)
    refs = [file(app_client, desk, "REVENUE", d, blk, 10 + i) for i in range(6)]
    for r in refs:
        act(app_client, r, RESOLVE)
    corrupt = {
        **FORM,
        "category": "corruption",
        "accused_level": "below_district_head",
        "department": "REVENUE",
        "district": d,
        "block": blk,
        "mobile": "+917000009999",
    }
    assert post(app_client, "/v1/complaints", corrupt, desk).status_code == 201
    pump.drain()
    clock.advance(days=1)
    deps = bootstrap.reports()
    day = clock.now().astimezone(IST).date()
    first = feedback.sample(day, "seed-1", deps)
    assert feedback.sample(day, "seed-1", deps) == first  # the same seed draws the same people
    mine = first["COLLECTOR:L2:BHOPAL"]
    assert 2 <= len(mine) <= 3 and set(mine) <= set(refs)
    assert 2 <= len(first["REVENUE:L4:STATE"]) <= 5
    calls = view(app_client, collector, "/v1/monitoring/feedback-calls")["calls"]
    assert sorted(c["reference"] for c in calls) == mine and all(c["mobile"].startswith("+91") for c in calls)
    resp = post(
        app_client, f"/v1/monitoring/feedback-calls/{mine[0]}", {"outcome": "satisfied", "remarks": "ठीक"}, collector
    )
    assert resp.status_code == 200, resp.body
    after = {c["reference"]: c for c in view(app_client, collector, "/v1/monitoring/feedback-calls")["calls"]}
    assert after[mine[0]]["outcome"] == "satisfied" and after[mine[0]]["by"] == "collector.l2.bhopal"
    other = next(r for r in refs if r not in mine)
    assert (
        post(app_client, f"/v1/monitoring/feedback-calls/{other}", {"outcome": "satisfied"}, collector).status_code
        == 404
    )
    assert (
        post(app_client, f"/v1/monitoring/feedback-calls/{mine[0]}", {"outcome": "maybe"}, collector).status_code == 400
    )
    assert view(app_client, hod, "/v1/monitoring/feedback-calls")["calls"]


def test_weekly_pack_is_stored_on_monday_and_reads_as_json_and_csv(
    app_client: Any, aws: dict[str, str], clock: Any, pump: Any
) -> None:
    hod = staff(app_client, aws, "revenue.l4.state", ("monitor", "officer"), ("REVENUE:L4:STATE",))
    assert pump.fire(pump.timer("weekly_review_pack"), clock.now())
    assert not pump.errors, pump.errors[-1]
    pack = view(app_client, hod, "/v1/monitoring/weekly")
    assert pack["week_of"] == "2026-11-23" and len(pack["ranking"]) == 55
    assert [g["rank"] for g in pack["ranking"] if g["rank"]] == list(
        range(1, 1 + sum(1 for g in pack["ranking"] if g["rank"]))
    )
    text = get(app_client, "/v1/monitoring/weekly?format=csv&lang=en", hod).body.decode().lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text)))
    header = rows.index(next(r for r in rows if r and r[0] == "ranking"))
    assert len([r for r in rows[header + 1 :] if r and r[0] == ""]) >= 55


def test_monitor_login_names_what_is_missing_refuses_other_staff_403_and_sets_a_strict_cookie(
    app_client: Any, aws: dict[str, str]
) -> None:
    pool = aws["USER_POOL_ID"]
    missing = send(app_client, "/monitor/login", {"username": "someone", "password": "", "lang": "en"})
    assert missing.status_code == 400 and "<li>Password: required</li>" in text(missing)
    cce = staff_user(pool, "cce-monitor-login", ("cce",))
    refused = send(app_client, "/monitor/login", {"username": cce, "password": STAFF_PASSWORD, "lang": "en"})
    assert refused.status_code == 403 and "not in the monitoring group" in text(refused)
    assert "Set-Cookie" not in refused.headers
    viewer = staff_user(pool, "monitor-login", ("monitor",))
    ok = send(app_client, "/monitor/login", {"username": viewer, "password": STAFF_PASSWORD, "lang": "en"})
    assert ok.status_code == 303 and ok.headers["Location"].endswith("/monitor?lang=en")
    cookie = ok.headers["Set-Cookie"]
    assert cookie.startswith("cmh_staff=") and "HttpOnly" in cookie and "SameSite=Strict" in cookie
