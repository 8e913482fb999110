"""Feedback sampling (R-FEEDBACK-SAMPLING): each day the system picks, for each HoD 2-5 and
for each Collector 2-3 recently disposed complainants to call, and records the outcome.

Candidates are the disposals of the last days, from the daily disposal log the aggregator keeps
(one partition per day; corruption complaints are never listed). The draw is
seeded by (seed, day, post): rerunning a day picks the same people and keeps outcomes."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from chalicelib.domain import schemas
from chalicelib.domain.directory import STATE, collector_post, post_id
from chalicelib.domain.errors import NotFound
from chalicelib.domain.text import Text
from chalicelib.services.bundles import Reports

QUOTA = {"hod": (2, 5), "collector": (2, 3)}
LOOKBACK_DAYS = 3
OUTCOMES = schemas.OUTCOMES


def pick(candidates: list[str], kind: str, seed: str) -> list[str]:
    """Deterministic: the same seed and candidates give the same people."""
    rng = random.Random(seed)
    lo, hi = QUOTA[kind]
    pool = sorted(set(candidates))
    return sorted(rng.sample(pool, min(rng.randint(lo, hi), len(pool))))


def _recent(day: date, deps: Reports) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The last days' disposals, per district and per department (one read per day)."""
    by_district: dict[str, list[str]] = defaultdict(list)
    by_department: dict[str, list[str]] = defaultdict(list)
    for i in range(1, LOOKBACK_DAYS + 1):
        for d in deps.monitoring.disposed((day - timedelta(days=i)).isoformat()):
            by_district[d.district].append(d.reference)
            by_department[d.department].append(d.reference)
    return by_district, by_department


def sample(day: date, seed: str, deps: Reports) -> dict[str, list[str]]:
    """Writes the day's call lists; returns post -> references."""
    by_district, by_department = _recent(day, deps)
    lists: dict[str, tuple[str, list[str]]] = {}
    for d in deps.directory.districts():
        lists[collector_post(d.code)] = ("collector", by_district.get(d.code, []))
    for t in deps.directory.departments():
        lists[post_id(t.code, "L4", STATE)] = ("hod", by_department.get(t.code, []))
    out = {}
    now = deps.clock.now()
    for post, (kind, candidates) in lists.items():
        chosen = pick(candidates, kind, f"{seed}|{day.isoformat()}|{post}") if candidates else []
        for ref in chosen:
            deps.monitoring.add_pick(post, day.isoformat(), ref, kind, now)
        if chosen:
            out[post] = chosen
    return out


def _sampling_posts(username: str, deps: Reports) -> list[str]:
    return [
        p
        for p in deps.directory.posts_held(username)
        if p.startswith("COLLECTOR:L2:") or (p.endswith(f":L4:{STATE}") and not p.startswith("STATE_DESK"))
    ]


def calls_for(username: str, day: str, deps: Reports) -> dict[str, Any]:
    """The caller's complainants to call that day, with what the call needs."""
    picks = [p for post in _sampling_posts(username, deps) for p in deps.monitoring.picks(post, day)]
    found = deps.monitoring.complaints(p["reference"] for p in picks)
    calls = []
    for p in picks:
        c = found.get(p["reference"])
        if c is not None:
            calls.append(
                {
                    **p,
                    "name": c.name,
                    "mobile": c.mobile,
                    "subject": c.subject,
                    "district": c.district,
                    "department": c.department,
                    "status": c.status,
                }
            )
    return {"day": day, "calls": calls}


def record(username: str, reference: str, body: Any, day: str, deps: Reports) -> dict[str, Any]:
    """The outcome of a sampled complainant's call (`schemas.FeedbackOutcome`), on the call
    list of the body's `date`, or of `day` when it names none."""
    answer = schemas.check(schemas.FeedbackOutcome, body)
    day = answer.date or day
    outcome = {
        "outcome": answer.outcome,
        "remarks": answer.remarks or "",
        "by": username,
        "at": deps.clock.now().isoformat(timespec="seconds"),
    }
    for post in _sampling_posts(username, deps):
        if deps.monitoring.record_outcome(post, day, reference, outcome):
            return {"reference": reference, "day": day, "post": post, **outcome}
    raise NotFound(Text("फीडबैक कॉल", "feedback call"))
