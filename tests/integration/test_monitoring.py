"""Monitoring over moto: complaints filed and acted on through the API, the stream pumped, then
the dashboards checked against figures recomputed here from the complaints' history items."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import datetime, timedelta
from types import SimpleNamespace
from typing import Any

import boto3
import pytest

from chalicelib import bootstrap
from chalicelib.domain.calendar import IST
from chalicelib.domain.directory import Officer, Posting
from chalicelib.domain.grading import score
from chalicelib.domain.tokens import sign
from chalicelib.settings import get_settings
from tests.integration.escalation_support import staff_chain
from tests.integration.helpers import FORM, body, get, phone, post

PASSWORD = "Mon@181Password"
RESOLVE = {"action": "resolve", "remarks": "समाधान किया गया", "rule_reference": "नियम 1"}


def staff(app_client: Any, aws: dict[str, str], username: str, groups: tuple[str, ...],
          posts: tuple[str, ...] = (), mobile: str = "+919000000000") -> str:
    """A Cognito login holding `posts` (additional charge, so no one else's posting ends)."""
    idp = boto3.client("cognito-idp")
    try:
        idp.admin_create_user(UserPoolId=aws["USER_POOL_ID"], Username=username, MessageAction="SUPPRESS")
        idp.admin_set_user_password(UserPoolId=aws["USER_POOL_ID"], Username=username, Password=PASSWORD,
                                    Permanent=True)
        for g in groups:
            idp.admin_add_user_to_group(UserPoolId=aws["USER_POOL_ID"], Username=username, GroupName=g)
    except idp.exceptions.UsernameExistsException:
        pass
    d = bootstrap.get_directory()
    if posts:
        d.put_officers([Officer(username, f"निगरानी {username}", "test", mobile, None, username)])
        d.put_postings([Posting(p, username, "additional", "2026-11-01T00:00:00+00:00") for p in posts])
    resp = post(app_client, "/v1/auth/login", {"username": username, "password": PASSWORD})
    return str(body(resp)["token"])


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


def act(app_client: Any, ref: str, data: dict[str, Any], assignment: int = 1) -> None:
    link = sign("link", f"{ref}-{assignment}", bootstrap.get_clock().now() + timedelta(days=7),
                get_settings().signing_secret)
    resp = post(app_client, f"/v1/complaints/{ref}/actions", data, link)
    assert resp.status_code == 200, resp.body


def view(app_client: Any, token: str, path: str) -> dict[str, Any]:
    resp = get(app_client, path, token)
    assert resp.status_code == 200, resp.body
    return body(resp)  # type: ignore[no-any-return]


def by_code(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["code"]: r for r in rows}


KEYS = ("received", "transferred_in", "transferred_out", "disposed", "disposed_in_time", "satisfied",
        "satisfied_in_time", "pending")


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


def test_collector_dashboard_equals_figures_recomputed_from_history_and_redelivery_changes_nothing(
        app_client: Any, aws: dict[str, str], clock: Any, pump: Any, collector: str) -> None:
    d, blk, div = "CHHINDWARA", "CHHINDWARA-CHHINDWARA", "JABALPUR"
    holders = staff_chain(bootstrap.get_directory(), chain("REVENUE", d, blk, div) + chain("HEALTH", d, blk, div)
                          + chain("ENERGY", d, blk, div), "mon1")
    desk = cce(app_client, aws)
    pump.drain()
    start = clock.now()
    clock.advance(days=101)
    aged_before = view(app_client, collector, f"/v1/monitoring/district/{d}?month=all")
    clock.set(start)
    before = {p: view(app_client, collector, f"/v1/monitoring/district/{d}?month={p}") for p in ("all", "2026-11")}
    rank_before = by_code(view(app_client, collector, "/v1/monitoring/ranking?month=2026-11")["rows"])[d]

    refs = [file(app_client, desk, "REVENUE", d, blk, i) for i in range(4)]
    refs += [file(app_client, desk, "HEALTH", d, blk, i) for i in range(4, 6)]
    pump.drain()
    act(app_client, refs[0], RESOLVE)                                   # in time, then satisfied
    assert post(app_client, f"/v1/complaints/{refs[0]}/satisfaction", {"satisfied": True}, desk).status_code == 200
    act(app_client, refs[1], RESOLVE)                                   # in time, not satisfied: L2
    assert post(app_client, f"/v1/complaints/{refs[1]}/satisfaction", {"satisfied": False}, desk).status_code == 200
    act(app_client, refs[2], {"action": "transfer", "to_department": "ENERGY", "remarks": "बिजली का मामला"})
    act(app_client, refs[5], {"action": "interim", "remarks": "जाँच जारी"})
    clock.set(datetime.fromisoformat(bootstrap.get_complaints().get(refs[4]).due_at) + timedelta(days=1))
    act(app_client, refs[4], RESOLVE)                                   # after the deadline (December)
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
        on_history_for_reports(redelivery(pump, refs), SimpleNamespace(function_name="redelivery"))
        assert view(app_client, collector, f"/v1/monitoring/district/{d}?month={p}") == again_before

    # Pendency by age: 101 days on, the complaints still open are "over 100 days".
    clock.set(start + timedelta(days=101))
    aged = view(app_client, collector, f"/v1/monitoring/district/{d}?month=all")
    open_now = Counter(bootstrap.get_complaints().get(r).department for r in refs
                       if bootstrap.get_complaints().get(r).status != "closed")
    for dept in ("REVENUE", "HEALTH", "ENERGY"):
        b = by_code(aged_before["rows"]).get(dept, {}).get("pending_100", 0)
        assert by_code(aged["rows"])[dept]["pending_100"] - b == open_now[dept]
    assert aged["pending_over_100"] - aged_before["pending_over_100"] == sum(open_now.values())
    assert aged["pending_over_300"] == aged_before["pending_over_300"]

    # CSV export parses and says the same.
    text = get(app_client, f"/v1/monitoring/district/{d}?month=all&format=csv&lang=en", collector).body.decode()
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert int(next(r for r in rows if r["Name"] == "Revenue Department")["Received"]) == \
        by_code(after["rows"])["REVENUE"]["received"]


def redelivery(pump: Any, refs: list[str]) -> dict[str, Any]:
    """Every stream record of these complaints' history items, read again from the start."""
    from devstack.pump import _lambda_record

    streams = boto3.client("dynamodbstreams")
    arn = next(s.arn for s in pump.streams if s.name == "on_history_for_reports")
    keys = {f"C#{r}" for r in refs}
    records = []
    for shard in streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
        it = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"],
                                        ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        while it:
            resp = streams.get_records(ShardIterator=it, Limit=1000)
            records += [r for r in resp["Records"] if r["dynamodb"]["Keys"]["pk"]["S"] in keys]
            it = resp.get("NextShardIterator") if resp["Records"] else None
    assert len(records) > len(refs)
    return {"Records": [_lambda_record(r, arn) for r in records]}
