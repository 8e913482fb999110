"""The tier dashboards (R-5TIER, R-LISTED): district, department, division, state ranking.

Each view is a dict for JSON, CSV and the pages alike; an object outside the caller's
scope is NotFound (404), exactly like one that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from chalicelib.domain import grading
from chalicelib.domain.aggregates import COUNTERS
from chalicelib.domain.directory import Place
from chalicelib.domain.errors import NotFound
from chalicelib.domain.scope import Scope
from chalicelib.domain.text import Text
from chalicelib.services import monitoring as m
from chalicelib.services import roster
from chalicelib.services.bundles import Reports
from chalicelib.services.report_ports import ALL, PostRow
from chalicelib.services.report_tables import (
    DEPARTMENT_COLUMNS,
    OFFICER_COLUMNS,
    RANK_COLUMNS,
    derive,
    period,
    sort_rows,
    sum_by,
    total,
)

View = Callable[[str, str | None, Scope, Reports, str, str | None, bool], dict[str, Any]]
"""A tier's view: (code, month, scope, deps, lang, sort, descending) -> the table."""


def _table(
    rows: dict[str, dict[str, int]],
    pending: dict[str, dict[str, int]],
    aged: dict[str, list[int]],
    names: Mapping[str, Place],
    lang: str,
    keep: frozenset[str] | None = None,
) -> list[dict[str, Any]]:
    codes = set(rows) | {c for c, v in pending.items() if v.get("pending")}
    out = []
    for code in sorted(codes if keep is None else codes & keep):
        r: dict[str, Any] = {**dict.fromkeys(COUNTERS, 0), **rows.get(code, {})}
        old = aged.get(code, [0, 0])
        r.update(
            code=code,
            name=m.name(names.get(code), lang, code),
            pending=pending.get(code, {}).get("pending", 0),
            pending_100=old[0],
            pending_300=old[1],
        )
        out.append(derive(r))
    return out


def _total(rows: list[dict[str, Any]]) -> dict[str, Any]:
    t = {k: sum(r.get(k, 0) for r in rows) for k in (*COUNTERS, "pending_100", "pending_300")}
    return derive(t)


def _flows(district: str, p: str, deps: Reports) -> tuple[dict[str, dict[str, int]], dict[str, dict[str, int]]]:
    """The district's departments: the period's counters, and the all-time ones (pending now)."""

    def per_department(period: str) -> dict[str, dict[str, int]]:
        rows = deps.aggregates.district_rows([district], period)[district]
        return sum_by((r.department, r.counts) for r in rows)

    flows = per_department(p)
    return flows, flows if p == ALL else per_department(ALL)


def _across(
    dept: str, p: str, districts: list[str], deps: Reports
) -> tuple[dict[str, dict[str, int]], dict[str, dict[str, int]]]:
    """A department's rows in every district (one query per district, in parallel)."""

    def per_district(period: str) -> dict[str, dict[str, int]]:
        got = deps.aggregates.district_rows(districts, period, dept)
        return {d: total(r.counts for r in rows) for d, rows in got.items() if rows}

    flows = per_district(p)
    return flows, flows if p == ALL else per_district(ALL)


def _posts(dept: str, p: str, districts: list[str], deps: Reports) -> list[PostRow]:
    got = deps.aggregates.post_rows(districts, p, dept, "L1")
    return [r for rows in got.values() for r in rows]


def _grade(g: grading.Grade | None, place: Place | None, lang: str, of: int) -> dict[str, Any] | None:
    if g is None:
        return None
    return {
        "rank": g.rank,
        "of": of,
        "score": g.score,
        "base": g.base,
        "score_change": g.score_change,
        "rank_change": g.rank_change,
        "text": grading.describe(g, m.name(place, lang, g.district), lang),
    }


def district(
    code: str,
    month: str | None,
    scope: Scope,
    deps: Reports,
    lang: str = "hi",
    sort: str | None = None,
    desc: bool = True,
) -> dict[str, Any]:
    place = deps.directory.district(code)
    keep = scope.district_departments(code, place.parent) if place else frozenset()
    if place is None or keep == frozenset():
        raise NotFound(Text("जिला", "district"))
    p = period(month, m.this_month(deps))
    flows, now = _flows(code, p, deps)
    aged, aged_total = m.aged(code, deps)
    names = {d.code: d for d in deps.directory.departments()}
    rows = _table(flows, now, aged, names, lang, keep)
    posts = deps.aggregates.post_rows([code], p)[code]
    staff = m.officers(posts, posts if p == ALL else deps.aggregates.post_rows([code], ALL)[code], deps, keep)
    grades = m.ranking(p, deps)
    mine = next((g for g in grades if g.district == code), None)
    end = p if p != ALL else m.this_month(deps)
    return {
        "kind": "district",
        "code": code,
        "name": m.name(place, lang, code),
        "division": place.parent,
        "month": p,
        "columns": DEPARTMENT_COLUMNS,
        "rows": sort_rows(rows, sort, desc),
        "total": _total(rows),
        "pending_over_100": aged_total[0],
        "pending_over_300": aged_total[1],
        "officer_columns": OFFICER_COLUMNS,
        "officers": staff,
        "officers_worst": m.worst_first(staff)[:10],
        "rank": _grade(mine, place, lang, sum(1 for g in grades if g.rank)),
        "trend": m.trend(code, end, deps),
        "vacancies": roster.vacancies(deps.directory, deps.complaints, code, keep),
    }


def department(
    code: str,
    month: str | None,
    scope: Scope,
    deps: Reports,
    lang: str = "hi",
    sort: str | None = None,
    desc: bool = True,
) -> dict[str, Any]:
    dept = deps.directory.department(code)
    if dept is None or not scope.department(code):
        raise NotFound(Text("विभाग", "department"))
    p = period(month, m.this_month(deps))
    codes = {d.code: d for d in deps.directory.districts()}
    flows, now = _across(code, p, list(codes), deps)
    aged = {d: m.aged(d, deps, code)[1] for d, v in now.items() if v.get("pending")}
    rows = _table(flows, now, aged, codes, lang)
    posts = _posts(code, p, list(codes), deps)
    staff = m.officers(posts, posts if p == ALL else _posts(code, ALL, list(codes), deps), deps)
    return {
        "kind": "department",
        "code": code,
        "name": m.name(dept, lang, code),
        "month": p,
        "columns": DEPARTMENT_COLUMNS,
        "rows": sort_rows(rows, sort, desc),
        "total": _total(rows),
        "officer_columns": OFFICER_COLUMNS,
        "officers": staff,
        "officers_worst": m.worst_first(staff)[:10],
    }


def division(
    code: str,
    month: str | None,
    scope: Scope,
    deps: Reports,
    lang: str = "hi",
    sort: str | None = None,
    desc: bool = True,
) -> dict[str, Any]:
    place = next((v for v in deps.directory.divisions() if v.code == code), None)
    if place is None or not scope.division(code):
        raise NotFound(Text("संभाग", "division"))
    p = period(month, m.this_month(deps))
    members = {d.code: d for d in deps.directory.districts() if d.parent == code}
    flows = {d: c for d, c in m.state_rows(p, deps).items() if d in members}
    now = flows if p == ALL else {d: c for d, c in m.state_rows(ALL, deps).items() if d in members}
    aged = {d: m.aged(d, deps)[1] for d, v in now.items() if v.get("pending")}
    rows = _table(flows, now, aged, members, lang, frozenset(members))
    grades = {g.district: g for g in m.ranking(p, deps)}
    for r in rows:
        g = grades.get(r["code"])
        r.update(rank=g.rank if g else None, score=g.score if g else None)
    return {
        "kind": "division",
        "code": code,
        "name": m.name(place, lang, code),
        "month": p,
        "columns": ("rank", *DEPARTMENT_COLUMNS, "score"),
        "rows": sort_rows(rows, sort or "rank", desc),
        "total": _total(rows),
    }


def ranking(
    month: str | None, scope: Scope, deps: Reports, lang: str = "hi", sort: str | None = None, desc: bool = False
) -> dict[str, Any]:
    """The state's rank table; every monitoring officer may see where districts stand."""
    p = period(month, m.this_month(deps))
    places = {d.code: d for d in deps.directory.districts()}
    counts = m.state_rows(p, deps)
    rows = []
    for g in m.ranking(p, deps):
        c = counts.get(g.district, {})
        rows.append(
            {
                **dict.fromkeys(COUNTERS, 0),
                **c,
                "code": g.district,
                "rank": g.rank,
                "score": g.score,
                "score_change": g.score_change,
                "rank_change": g.rank_change,
                "name": m.name(places.get(g.district), lang, g.district),
                "text": grading.describe(g, m.name(places.get(g.district), lang, g.district), lang),
            }
        )
    return {
        "kind": "ranking",
        "month": p,
        "weights": dict(grading.DEFAULT_WEIGHTS),
        "columns": RANK_COLUMNS,
        "rows": sort_rows(rows, sort or "rank", desc),
        "trend": m.trend(None, p if p != ALL else m.this_month(deps), deps),
    }
