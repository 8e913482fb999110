"""The reports' proof on the local stack: a month of complaints filed and worked through the API
(`make demo`'s generator, on a stack whose day lasts 4 seconds), then the Collector's
dashboard, the state ranking and the morning digest SMS in /dev/phone are checked against
figures this test recomputes on its own from the history items stored in DynamoDB."""

from __future__ import annotations

import io
import re
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from typing import Any

import boto3
import pytest

from chalicelib.domain.grading import score
from chalicelib.settings import COMPLAINTS_TABLE, DIRECTORY_TABLE
from devstack.launch import Stack
from devstack.month import Month, generate

pytestmark = pytest.mark.e2e
# A day of 4 s: at 2 s the emulated AWS (one Python process) falls behind a month's daily
# jobs, notifications and stream, and the month takes no less real time.
DAY_SECONDS = 4
IST = timedelta(hours=5, minutes=30)
NEW_ASSIGNMENT = {"registered", "escalated", "transferred", "reopened"}
RANKED = ("received", "disposed", "disposed_in_time", "satisfied", "satisfied_in_time")
KEYS = (
    "received",
    "disposed",
    "disposed_in_time",
    "satisfied",
    "satisfied_in_time",
    "transferred_in",
    "transferred_out",
    "pending",
)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def ist_day(when: datetime) -> str:
    return (when + IST).strftime("%Y-%m-%d")


def ist_month(text: str) -> str:
    return ist_day(at(text))[:7]


def plain(v: Any) -> Any:
    """A DynamoDB attribute value as plain Python."""
    kind, val = next(iter(v.items()))
    if kind == "M":
        return {k: plain(x) for k, x in val.items()}
    if kind == "L":
        return [plain(x) for x in val]
    if kind == "N":
        return float(val)
    return None if kind == "NULL" else val


def stored(stack: Stack) -> dict[str, dict[str, Any]]:
    """Every complaint item with its history items, read straight from the table."""
    ddb = boto3.client(
        "dynamodb",
        endpoint_url=stack.moto,
        region_name="ap-south-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    out: dict[str, dict[str, Any]] = defaultdict(lambda: {"history": []})
    for page in ddb.get_paginator("scan").paginate(TableName=COMPLAINTS_TABLE):
        for raw in page["Items"]:
            item = {k: plain(v) for k, v in raw.items()}
            ref = item["pk"].removeprefix("C#")
            if item["sk"] == "COMPLAINT":
                out[ref]["complaint"] = item
            elif item["sk"].startswith("H#"):
                out[ref]["history"].append(item)
    for c in out.values():
        c["history"].sort(key=lambda e: e["version"])
    return {r: c for r, c in out.items() if "complaint" in c}


def walk(c: dict[str, Any], first_due: str, until: datetime | None = None) -> dict[str, Any]:
    """One complaint's life from its history alone (up to `until`): the report counters it
    moved, per (department, IST month), and where it stood at the end."""
    moves = [e for e in c["history"] if e["event"] == "transferred"]
    dept = moves[0]["details"]["from_department"] if moves else c["complaint"]["department"]
    due, post, open_, overdue, judged_in_time = first_due, None, False, False, False
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for e in c["history"]:
        if until is not None and at(e["at"]) > until:
            continue
        d, month, ev = e.get("details") or {}, ist_month(e["at"]), e["event"]
        if ev in NEW_ASSIGNMENT:
            post, open_, overdue = e["post_id"], True, False
            due = d.get("due_at") or due
        if ev == "registered":
            counts[dept, month]["received"] += 1
        elif ev == "transferred":
            counts[dept, month]["transferred_out"] += 1
            dept = d["to_department"]
            counts[dept, month]["transferred_in"] += 1
        elif ev == "resolved":
            open_ = False
            judged_in_time = at(e["at"]) <= at(due) and not d.get("late")
            counts[dept, month]["disposed"] += 1
            counts[dept, month]["disposed_in_time"] += judged_in_time
        elif ev == "closed" and d.get("satisfied"):
            counts[dept, month]["satisfied"] += 1
            counts[dept, month]["satisfied_in_time"] += judged_in_time
        elif ev in ("closed", "final_decision"):
            open_ = False
        elif ev == "overdue":
            overdue = True
    return {"counts": counts, "dept": dept, "open": open_, "post": post, "due": due, "overdue": overdue}


def district_rows(data: dict[str, Any], due: dict[str, str], district: str) -> dict[str, Counter[str]]:
    rows: dict[str, Counter[str]] = defaultdict(Counter)
    for ref, c in data.items():
        if c["complaint"]["district"] != district:
            continue
        life = walk(c, due[ref])
        for (dept, _), n in life["counts"].items():
            rows[dept].update(n)
        rows[life["dept"]]["pending"] += life["open"]
    return rows


def ranking_counts(data: dict[str, Any], due: dict[str, str], month: str) -> dict[str, Counter[str]]:
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for ref, c in data.items():
        for (_, m), n in walk(c, due[ref])["counts"].items():
            if m == month:
                out[c["complaint"]["district"]].update(n)
    return out


def digest_at(data: dict[str, Any], due: dict[str, str], post: str, when: datetime) -> dict[str, int]:
    """What the morning SMS to the holder of `post` must say, as of `when`."""
    out = {"pending": 0, "due_today": 0, "overdue": 0}
    for ref, c in data.items():
        life = walk(c, due[ref], until=when)
        if not life["open"] or life["post"] != post:
            continue
        out["pending"] += 1
        if life["overdue"] or at(life["due"]) < when:
            out["overdue"] += 1
        elif ist_day(at(life["due"])) == ist_day(when):
            out["due_today"] += 1
    return out


def test_a_generated_month_shows_on_dashboard_ranking_and_digest_as_the_history_says(fast_stack: Stack) -> None:
    stack, api = fast_stack, fast_stack.api
    month = generate(api, days=30, per_day=2, seed=6, out=io.StringIO(), tail=4)
    assert len(month.filed) == 60
    # A race the generator may lose (the complaint escalated as an officer acted) is counted
    # apart, after a re-read shows the complaint had changed; anything else is a problem.
    assert month.problems == [], month.problems
    collector = api.token("collector.l2.sehore")
    data: dict[str, Any] = {}
    wrong: list[Any] = []  # what differed at the last look, for the failure message

    # 1. The Collector's dashboard, once the stream has caught up.
    def dashboard_matches() -> Any:
        nonlocal data
        data = stored(stack)
        want = district_rows(data, {**month.due, **first_dues(data, month)}, "SEHORE")
        status, got = api.call("GET", "/v1/monitoring/district/SEHORE?month=all", token=collector)
        assert status == 200, got
        rows = {r["code"]: {k: r[k] for k in KEYS} for r in got["rows"]}
        expected = {d: {k: int(n[k]) for k in KEYS} for d, n in want.items()}
        wrong[:] = [{d: (rows.get(d), expected.get(d)) for d in {*rows, *expected} if rows.get(d) != expected.get(d)}]
        return rows if rows == expected else None

    # The stream handler may lag a loaded machine: a generous wait, and the difference if it never matches.
    rows = stack.wait_for(dashboard_matches, timeout=180, every=2, why=lambda: f"dashboard (got, recomputed): {wrong}")
    assert sum(r["received"] for r in rows.values()) >= 5 and sum(r["disposed"] for r in rows.values()) >= 3
    due = {**month.due, **first_dues(data, month)}

    # 2. The state ranking of each month the run covered: scores and places (other districts'
    # records may still be on their way through the stream: polled the same way).
    def ranking_matches() -> Any:
        nonlocal data, due
        data = stored(stack)
        due = {**month.due, **first_dues(data, month)}
        seen = {}
        for m in sorted({ist_month(c["complaint"]["registered_at"]) for c in data.values()}):
            counts = ranking_counts(data, due, m)
            status, got = api.call("GET", f"/v1/monitoring/ranking?month={m}", token=collector)
            assert status == 200, got
            by = {r["code"]: r for r in got["rows"]}
            for district, n in counts.items():
                mine = {k: int(n[k]) for k in RANKED}
                if {k: by[district][k] for k in RANKED} != mine or by[district]["score"] != score(mine):
                    wrong[:] = [m, district, by.get(district), mine, score(mine)]
                    return None
            graded = sorted(
                (d for d in counts if counts[d]["received"]),
                key=lambda d: (-(by[d]["score"] or 0), -counts[d]["received"], d),
            )
            assert [by[d]["rank"] for d in graded] == list(range(1, len(graded) + 1)), m
            seen[m] = len(graded)
        return seen

    months = stack.wait_for(
        ranking_matches, timeout=180, every=2, why=lambda: f"ranking (month, district, got, recomputed, score): {wrong}"
    )
    assert len(months) >= 2 and max(months.values()) >= 3, months

    # 3. The digest: every morning SMS to an L1 officer says what the history says. The job
    # takes its date and its "now" on the day the SMS names (IST), then reads each post's
    # inbox, at the latest when the SMS goes out: where nothing touched the post from the
    # evening before (a deadline lapses at 23:59:59 IST and its escalation, recorded at that
    # instant, may be written after midnight) until the SMS was sent, the inbox held the
    # same complaints all along, and whether they were due that day or overdue is the same
    # at every moment of the day wherever the two ends agree.
    checked = 0
    touching: dict[str, dict[str, Any]] = defaultdict(dict)  # post -> the complaints it ever held
    for ref, c in data.items():
        for e in c["history"]:
            for held_by in (e["post_id"], (e.get("details") or {}).get("lapsed_post")):
                if held_by:
                    touching[held_by][ref] = c
    # Posts that never held a complaint get no digest: only the others are looked at.
    for post, mobile in l1_mobiles(stack, set(touching)).items():
        held = touching[post]
        for sms in stack.phone(mobile):
            found = re.match(r"CMH181 (\d\d-\d\d-\d{4}): (लंबित \d+, आज देय \d+, विलंबित \d+)$", sms["text"])
            if not found:
                continue
            nine = datetime.strptime(f"{found.group(1)} 09:00 +0530", "%d-%m-%Y %H:%M %z")
            midnight, sent = nine - timedelta(hours=9), at(sms["at"])
            assert sent >= midnight, ("the SMS names a day after it was sent", sms)
            day_end = min(sent, midnight + timedelta(days=1, seconds=-1))
            before, after = digest_at(held, due, post, midnight), digest_at(held, due, post, day_end)
            if before != after or not quiet(held, post, midnight - timedelta(hours=12), sent):
                continue
            assert (
                found.group(2) == f"लंबित {before['pending']}, आज देय {before['due_today']}, विलंबित {before['overdue']}"
            ), (post, sms)
            checked += 1
    assert checked >= 5, f"only {checked} digest SMS could be checked"


def first_dues(data: dict[str, Any], month: Month) -> dict[str, str]:
    """Complaints filed by others on this stack (not by the generator): their first deadline
    is the one the history says lapsed, or the complaint's own while still on it."""
    out = {}
    for ref, c in data.items():
        if ref in month.due:
            continue
        lapsed = [
            e["details"].get("lapsed_due_at")
            for e in c["history"]
            if (e.get("details") or {}).get("lapsed_assignment") == f"{ref}-1"
        ]
        out[ref] = lapsed[0] if lapsed else c["complaint"]["due_at"]
    return out


def quiet(data: dict[str, Any], post: str, lo: datetime, hi: datetime) -> bool:
    """Nothing happened to `post` from `lo` to `hi`, and no timer of it that lapsed by `hi`
    was repaired (recorded late) after `lo`."""
    for c in data.values():
        for e in c["history"]:
            d = e.get("details") or {}
            if post not in (e["post_id"], d.get("lapsed_post")):
                continue
            if lo <= at(e["at"]) <= hi:
                return False
            if e["event"] == "timer_repaired" and at(e["at"]) >= lo and at(d.get("previous_due_at") or e["at"]) <= hi:
                return False
    return True


def l1_mobiles(stack: Stack, posts: set[str]) -> dict[str, str]:
    """post -> the mobile of its demo officer, for those of `posts` at level 1 (directory table)."""
    ddb = boto3.client(
        "dynamodb",
        endpoint_url=stack.moto,
        region_name="ap-south-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    out = {}
    for page in ddb.get_paginator("scan").paginate(TableName=DIRECTORY_TABLE):
        for raw in page["Items"]:
            pk, sk = raw["pk"]["S"], raw["sk"]["S"]
            if pk.removeprefix("POST#") in posts and ":L1:" in pk and sk.startswith("HOLDER#") and "end" not in raw:
                officer = ddb.get_item(
                    TableName=DIRECTORY_TABLE,
                    Key={"pk": {"S": f"OFFICER#{raw['officer_id']['S']}"}, "sk": {"S": "OFFICER"}},
                )["Item"]
                out[pk.removeprefix("POST#")] = officer["mobile"]["S"]
    return out
