"""What every dashboard reads (ARCHITECTURE 5): aggregates and index keys, never the table.

Long pendency (R-AGE) comes from the sparse pendency index: a key-range query on
registration date returns only the entries of complaints older than 100 days; their
departments come from the index when it carries them, else from one batch read. Its cost
follows the district's long pendency, never the size of the table.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from chalicelib.clock import iso
from chalicelib.domain import grading
from chalicelib.domain.actor import Caller
from chalicelib.domain.calendar import IST
from chalicelib.domain.directory import Place
from chalicelib.domain.errors import NotFound
from chalicelib.domain.scope import Scope, Viewer, scope_of
from chalicelib.domain.scope import viewer as scope_viewer
from chalicelib.domain.text import Text
from chalicelib.services.bundles import Reports
from chalicelib.services.report_ports import ALL, PostRow
from chalicelib.services.report_tables import derive, previous_month, total

AGE_DAYS = (100, 300)
VACANT = "रिक्त / vacant"


def viewer_scope(username: str, groups: frozenset[str], deps: Reports) -> Scope:
    """The caller's scope; nobody outside the monitoring groups sees any report."""
    s = scope_of(deps.directory.posts_held(username), groups)
    if s.empty:
        raise NotFound(Text("रिपोर्ट", "report"))
    return s


def viewer(who: Caller, deps: Reports) -> Viewer:
    """The caller with the posts held and their monitoring scope, for the lists; nobody
    outside the monitoring groups sees one."""
    v = scope_viewer(who, deps.directory.posts_held(who.id))
    if v.scope.empty:
        raise NotFound(Text("रिपोर्ट", "report"))
    return v


def this_month(deps: Reports) -> str:
    return deps.clock.now().astimezone(IST).strftime("%Y-%m")


def today(deps: Reports) -> str:
    return deps.clock.now().astimezone(IST).date().isoformat()


def name(place: Place | None, lang: str, code: str) -> str:
    if place is None:
        return code
    return place.name_hi if lang == "hi" else place.name_en


def aged(district: str, deps: Reports, department: str | None = None) -> tuple[dict[str, list[int]], list[int]]:
    """Open complaints over 100 and over 300 days old: per department, and in total."""
    now = deps.clock.now()
    cut100, cut300 = (iso(now - timedelta(days=d)) for d in AGE_DAYS)
    keys = deps.monitoring.long_pending(district, cut100)
    if not keys:
        return {}, [0, 0]
    # When the index carries the department no complaint item is read at all.
    depts = {k.reference: k.department for k in keys if k.department}
    missing = [k.reference for k in keys if not k.department]
    if missing:
        depts.update(deps.monitoring.departments_of(missing))
    per: dict[str, list[int]] = {}
    count = [0, 0]
    for k in keys:
        dept = depts.get(k.reference, "")
        if department and dept != department:
            continue
        old = 1 if k.registered_at < cut300 else 0
        acc = per.setdefault(dept, [0, 0])
        acc[0], acc[1] = acc[0] + 1, acc[1] + old
        count[0], count[1] = count[0] + 1, count[1] + old
    return per, count


def officers(
    post_rows: list[PostRow], pending_rows: list[PostRow], deps: Reports, departments: frozenset[str] | None = None
) -> list[dict[str, Any]]:
    """L1 officers by name with their disposal percentage, best first (R-OFFICER-SCORE).
    `pending_rows` are the all-time rows (pending is "now")."""
    pending = {r.post: r.counts.get("pending", 0) for r in pending_rows}
    out = []
    for r in post_rows:
        dept, role = (r.post.split(":") + [""])[:2]
        if role != "L1" or (departments is not None and dept not in departments):
            continue
        names = [
            o.name
            for h in deps.directory.current_holders(r.post)
            if (o := deps.directory.officer(h.officer_id)) is not None
        ]
        out.append(
            derive(
                {**r.counts, "officer": ", ".join(names) or VACANT, "post": r.post, "pending": pending.get(r.post, 0)}
            )
        )
    return sorted(out, key=lambda o: (o["disposal_pct"] is None, -(o["disposal_pct"] or 0), o["post"]))


def worst_first(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted((o for o in rows if o["disposal_pct"] is not None), key=lambda o: (o["disposal_pct"], o["post"]))


def state_rows(period: str, deps: Reports) -> dict[str, dict[str, int]]:
    """district -> its counters for the period (every counter present)."""
    return {d: {**c} for d, c in deps.aggregates.state_rows(period).items()}


def ranking(period: str, deps: Reports, weights: Mapping[str, float] = grading.DEFAULT_WEIGHTS) -> list[grading.Grade]:
    """Every district graded for the month (with the change from the month before)."""
    codes = [d.code for d in deps.directory.districts()]
    rows = state_rows(period, deps)
    grades = grading.rank({c: rows.get(c, {}) for c in codes}, weights)
    if period == ALL:
        return grades
    before = state_rows(previous_month(period), deps)
    return grading.with_change(grades, grading.rank({c: before.get(c, {}) for c in codes}, weights))


def trend(district: str | None, end: str, deps: Reports) -> list[dict[str, Any]]:
    """Twelve months to `end`: the district's (or the state's) score and figures."""
    months = [previous_month(end, i) for i in range(11, -1, -1)]
    per: dict[str, Mapping[str, int]]
    if district:
        got = deps.aggregates.district_months(district, months)
        per = {m: got.get(m, {}) for m in months}
    else:
        per = {m: total(deps.aggregates.state_rows(m).values()) for m in months}
    return [
        {"month": m, "score": grading.score(c), "received": c.get("received", 0), "disposed": c.get("disposed", 0)}
        for m, c in per.items()
    ]
