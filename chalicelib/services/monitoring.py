"""What every dashboard reads (ARCHITECTURE 5): aggregates and index keys, never the table.

Long pendency (R-AGE) comes from the sparse `open_by_district` index: a key-range query
on registration date returns only the entries of complaints older than 100 days; their
departments come from the index when it projects `department` (INCLUDE), else from one
BatchGet. Its cost follows the district's long pendency, never the size of the table.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from chalicelib.clock import iso
from chalicelib.domain import grading
from chalicelib.domain.calendar import IST
from chalicelib.domain.errors import NotFound
from chalicelib.domain.scope import Scope, scope_of
from chalicelib.domain.text import Text
from chalicelib.services.report_tables import derive, previous_month, sum_by

AGE_DAYS = (100, 300)
VACANT = "रिक्त / vacant"


def deps_from_bootstrap() -> Any:
    from types import SimpleNamespace

    from chalicelib import bootstrap as b
    from chalicelib.adapters.dynamo.aggregates_repo import DynamoAggregates
    from chalicelib.adapters.dynamo.monitoring_repo import DynamoMonitoring

    return SimpleNamespace(directory=b.get_directory(), aggregates=DynamoAggregates(),
                           monitoring=DynamoMonitoring(b.client("dynamodb")), clock=b.get_clock(),
                           complaints=b.get_complaints())


def viewer_scope(username: str, groups: frozenset[str], deps: Any) -> Scope:
    """The caller's scope; nobody outside the monitoring groups sees any report."""
    s = scope_of(deps.directory.posts_held(username), groups)
    if s.empty:
        raise NotFound(Text("रिपोर्ट", "report"))
    return s


def this_month(deps: Any) -> str:
    return str(deps.clock.now().astimezone(IST).strftime("%Y-%m"))


def name(place: Any, lang: str, code: str) -> str:
    if place is None:
        return code
    return str(place.name_hi if lang == "hi" else place.name_en)


def aged(district: str, deps: Any, department: str | None = None) -> tuple[dict[str, list[int]], list[int]]:
    """Open complaints over 100 and over 300 days old: per department, and in total."""
    now = deps.clock.now()
    cut100, cut300 = (iso(now - timedelta(days=d)) for d in AGE_DAYS)
    keys = deps.monitoring.long_pending(district, cut100)
    if not keys:
        return {}, [0, 0]
    # With `department` projected into the index (INCLUDE) no complaint item is read at all.
    depts = {ref: dept for ref, _, dept in keys if dept}
    missing = [ref for ref, _, dept in keys if not dept]
    if missing:
        depts.update(deps.monitoring.departments_of(missing))
    per: dict[str, list[int]] = {}
    total = [0, 0]
    for ref, registered, _ in keys:
        dept = depts.get(ref, "")
        if department and dept != department:
            continue
        old = 1 if registered < cut300 else 0
        acc = per.setdefault(dept, [0, 0])
        acc[0], acc[1] = acc[0] + 1, acc[1] + old
        total[0], total[1] = total[0] + 1, total[1] + old
    return per, total


def officers(post_rows: list[dict[str, Any]], pending_rows: list[dict[str, Any]], deps: Any,
             departments: frozenset[str] | None = None) -> list[dict[str, Any]]:
    """L1 officers by name with their disposal percentage, best first (R-OFFICER-SCORE)."""
    pending = {r["sk"]: r["pending"] for r in pending_rows}
    out = []
    for r in post_rows:
        dept, role = (r["sk"].split(":") + [""])[:2]
        if role != "L1" or (departments is not None and dept not in departments):
            continue
        names = [o.name for h in deps.directory.current_holders(r["sk"])
                 if (o := deps.directory.officer(h.officer_id)) is not None]
        row = {k: v for k, v in r.items() if k != "sk"}
        out.append(derive({**row, "officer": ", ".join(names) or VACANT, "post": r["sk"],
                           "pending": pending.get(r["sk"], 0)}))
    return sorted(out, key=lambda o: (o["disposal_pct"] is None, -(o["disposal_pct"] or 0), o["post"]))


def worst_first(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted((o for o in rows if o["disposal_pct"] is not None), key=lambda o: (o["disposal_pct"], o["post"]))


def state_rows(period: str, deps: Any) -> dict[str, dict[str, int]]:
    return sum_by(deps.aggregates.rows(f"AGG#S#{period}", "D#"), lambda r: r["sk"][2:])


def ranking(period: str, deps: Any, weights: Any = grading.DEFAULT_WEIGHTS) -> list[grading.Grade]:
    """Every district graded for the month (with the change from the month before)."""
    codes = [d.code for d in deps.directory.districts()]
    rows = state_rows(period, deps)
    grades = grading.rank({c: rows.get(c, {}) for c in codes}, weights)
    if period == "ALL":
        return grades
    before = state_rows(previous_month(period), deps)
    return grading.with_change(grades, grading.rank({c: before.get(c, {}) for c in codes}, weights))


def trend(district: str | None, end: str, deps: Any) -> list[dict[str, Any]]:
    """Twelve months to `end`: the district's (or the state's) score and figures."""
    months = [previous_month(end, i) for i in range(11, -1, -1)]
    if district:
        got = deps.aggregates.get_many([(f"AGG#S#{m}", f"D#{district}") for m in months])
        per = {m: got.get((f"AGG#S#{m}", f"D#{district}"), {}) for m in months}
    else:
        per = {m: next(iter(sum_by(deps.aggregates.rows(f"AGG#S#{m}", "D#"), lambda r: "S").values()), {})
               for m in months}
    return [{"month": m, "score": grading.score(c), "received": c.get("received", 0),
             "disposed": c.get("disposed", 0)} for m, c in per.items()]


def today(deps: Any) -> str:
    return str(deps.clock.now().astimezone(IST).date().isoformat())
