"""The daily digest (R-DAILY-VIEW): at 09:00 IST one SMS per officer with pending complaints —
how many are pending, due today and overdue, and the inbox link — never one per complaint.

Which posts have work comes from the post aggregates (one query per district); the counts
from each such post's inbox index. No scan. Jobs go to the notify queue with one id per
officer per day, so a repeated schedule sends nothing twice (the notifier's ledger)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from chalicelib.domain.calendar import IST
from chalicelib.domain.directory import nodal_post
from chalicelib.services.bundles import Reports, ReportSchedules
from chalicelib.services.ports import Job
from chalicelib.services.report_ports import ALL

PAGE = 100


def posts_with_pending(deps: Reports) -> dict[str, str]:
    """post -> a district it has pending complaints in (for the vacant post's nodal officer)."""
    pending: dict[str, int] = {}
    where: dict[str, str] = {}
    codes = [d.code for d in deps.directory.districts()]
    got = deps.aggregates.post_rows(codes, ALL)
    for code in codes:
        for r in got.get(code, []):
            pending[r.post] = pending.get(r.post, 0) + r.counts.get("pending", 0)
            where.setdefault(r.post, code)
    return {p: where[p] for p, n in sorted(pending.items()) if n > 0}


def inbox_counts(post: str, deps: Reports, now: datetime) -> dict[str, int]:
    today = now.astimezone(IST).date()
    counts = {"pending": 0, "due_today": 0, "overdue": 0}
    cursor = None
    while True:
        rows, cursor = deps.complaints.inbox(post, PAGE, cursor)
        for c in rows:
            due = datetime.fromisoformat(c.due_at)
            counts["pending"] += 1
            if c.overdue or due < now:
                counts["overdue"] += 1
            elif due.astimezone(IST).date() == today:
                counts["due_today"] += 1
        if not cursor:
            return counts


def build(deps: ReportSchedules) -> list[Job]:
    """The day's SMS jobs, one per officer (all the posts they hold, summed)."""
    r = deps.reports
    now = r.clock.now()
    day = now.astimezone(IST).date().isoformat()
    per: dict[str, dict[str, Any]] = {}
    for post, district in posts_with_pending(r).items():
        counts = inbox_counts(post, r, now)
        if not counts["pending"]:
            continue
        holders = r.directory.current_holders(post) or r.directory.current_holders(nodal_post(district))
        for h in holders:
            acc = per.setdefault(h.officer_id, {"pending": 0, "due_today": 0, "overdue": 0, "district": district})
            for k, v in counts.items():
                acc[k] += v
    jobs: list[Job] = []
    link = f"{deps.public_base_url}/officer"
    for officer_id, acc in sorted(per.items()):
        officer = r.directory.officer(officer_id)
        if officer is None or not officer.mobile:
            continue
        params = {
            "reference": "",
            "link": link,
            "lang": officer.lang,  # the digest goes to a mobile: its language travels in the job
            "day": now.astimezone(IST).strftime("%d-%m-%Y"),
            **{k: str(acc[k]) for k in ("pending", "due_today", "overdue")},
        }
        jobs.append(
            {
                "job": f"digest:{day}:{officer_id}",
                "channel": "sms",
                "template": "digest_daily",
                "to_post": None,
                "to_mobile": officer.mobile,
                "district": acc["district"],
                "params": params,
            }
        )
    return jobs


def send(deps: ReportSchedules) -> int:
    jobs = build(deps)
    if jobs:
        deps.queue.put(jobs)
    return len(jobs)
