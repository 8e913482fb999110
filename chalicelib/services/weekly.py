"""The weekly review pack (R-WEEKLY, R-AGE): every Monday for the Chief Secretary and the Chief
Minister — state summary, district ranking, weakest departments, long pendency — from
aggregates and index keys only, stored so the page and the CSV show the same figures."""

from __future__ import annotations

import csv
import io
from typing import Any

from chalicelib.domain.aggregates import COUNTERS
from chalicelib.services import monitoring as m
from chalicelib.services.bundles import Reports
from chalicelib.services.report_ports import ALL
from chalicelib.services.report_tables import derive, label, previous_month, sum_by

WEAKEST = 5
SUMMARY = (
    "received",
    "disposed",
    "disposed_in_time",
    "satisfied",
    "satisfied_in_time",
    "force_closed",
    "escalated",
    "pending",
)
RANKING = (
    "rank",
    "code",
    "name_hi",
    "name_en",
    "received",
    "disposed",
    "satisfied_in_time",
    "score",
    "score_change",
    "rank_change",
)
DEPTS = ("code", "name_hi", "name_en", "received", "transferred_in", "disposed", "pending", "disposal_pct")
PENDENCY = ("code", "name_hi", "name_en", "pending", "pending_100", "pending_300")


def _total(rows: dict[str, dict[str, int]]) -> dict[str, int]:
    return {c: sum(r.get(c, 0) for r in rows.values()) for c in COUNTERS}


def _departments(period: str, districts: list[str], deps: Reports) -> dict[str, dict[str, int]]:
    """State-wide department totals: every district's rows (55 queries, in parallel)."""
    got = deps.aggregates.district_rows(districts, period)
    return sum_by((r.department, r.counts) for rows in got.values() for r in rows)


def build(deps: Reports) -> dict[str, Any]:
    day, month = m.today(deps), m.this_month(deps)
    places = {d.code: d for d in deps.directory.districts()}
    depts = {d.code: d for d in deps.directory.departments()}
    now_rows = m.state_rows(ALL, deps)
    summary = {
        "month": {k: v for k, v in _total(m.state_rows(month, deps)).items() if k in SUMMARY},
        "previous_month": {k: v for k, v in _total(m.state_rows(previous_month(month), deps)).items() if k in SUMMARY},
        "pending": _total(now_rows)["pending"],
    }
    counts = m.state_rows(month, deps)
    ranking = [
        {
            "rank": g.rank,
            "code": g.district,
            "name_hi": places[g.district].name_hi,
            "name_en": places[g.district].name_en,
            "score": g.score,
            "score_change": g.score_change,
            "rank_change": g.rank_change,
            **{k: counts.get(g.district, {}).get(k, 0) for k in COUNTERS},
        }
        for g in m.ranking(month, deps)
        if g.district in places
    ]
    by_dept, pending_dept = (_departments(p, list(places), deps) for p in (month, ALL))
    weak = []
    for code, place in depts.items():
        r = derive(
            {**by_dept.get(code, dict.fromkeys(COUNTERS, 0)), "pending": pending_dept.get(code, {}).get("pending", 0)}
        )
        if r["received"] or r["pending"]:
            weak.append({**r, "code": code, "name_hi": place.name_hi, "name_en": place.name_en})
    weak.sort(key=lambda r: (r["disposal_pct"] if r["disposal_pct"] is not None else 101, -r["pending"]))
    pendency: list[dict[str, Any]] = []
    for code, r in now_rows.items():
        if r.get("pending", 0) > 0 and code in places:
            over = m.aged(code, deps)[1]
            pendency.append(
                {
                    "code": code,
                    "name_hi": places[code].name_hi,
                    "name_en": places[code].name_en,
                    "pending": r["pending"],
                    "pending_100": over[0],
                    "pending_300": over[1],
                }
            )
    pendency.sort(key=lambda r: (-r["pending_300"], -r["pending_100"], -r["pending"], r["code"]))
    return {
        "week_of": day,
        "month": month,
        "summary": summary,
        "ranking": ranking,
        "weakest_departments": weak[:WEAKEST],
        "long_pendency": pendency,
    }


def publish(deps: Reports) -> dict[str, Any]:
    """Builds this week's pack and stores it (a second run the same day replaces it)."""
    pack = build(deps)
    deps.monitoring.put_pack(pack["week_of"], pack)
    return pack


def latest(day: str | None, deps: Reports) -> dict[str, Any]:
    """The stored pack (of `day`, or the latest); built on request if none is stored yet."""
    return deps.monitoring.pack(day) or build(deps)


def to_csv(pack: dict[str, Any], lang: str = "hi") -> str:
    """One file, one section after another, each with its own header row."""
    out = io.StringIO()
    w = csv.writer(out)
    sections = (("ranking", RANKING), ("weakest_departments", DEPTS), ("long_pendency", PENDENCY))
    w.writerow(["section", "week_of", pack["week_of"], "month", pack["month"]])
    w.writerow(["summary", *(label(k, lang) for k in SUMMARY)])
    w.writerow(["month", *(pack["summary"]["month"].get(k, 0) for k in SUMMARY)])
    for name, cols in sections:
        w.writerow([])
        w.writerow([name, *(label(c, lang) for c in cols)])
        for r in pack[name]:
            w.writerow(["", *("" if r.get(c) is None else r.get(c) for c in cols)])
    return out.getvalue()
