"""The posts of a district (or a department's divisional and state posts) with their holders and
vacancies (R-MAPPING, R-POSTINGS): one index query and one batch read of the officers. Read by
the directory's API and pages, the CSV export, and the Collector's vacancy list."""

from __future__ import annotations

import csv
import io
from typing import Any

from chalicelib.domain.actor import Caller
from chalicelib.domain.directory import STATE, Post, Posting
from chalicelib.domain.errors import Forbidden, InvalidInput, NotFound
from chalicelib.domain.postings import API_KIND, masked, posting_id
from chalicelib.domain.text import Text
from chalicelib.services.ports import ComplaintsStore, Directory
from chalicelib.services.postings import NOT_A_MANAGER, manager

LEVEL_ORDER = {"L1": 1, "L2": 2, "L3": 3, "L4": 4}


def posts(directory: Directory, key: str, department: str | None = None) -> list[dict[str, Any]]:
    """Every post under `key` (a district, or `STATE#<department>`), with its current holders
    (mobiles masked) and `vacant` when it has none; ordered by department, level, place."""
    found, postings = directory.roster(key)
    if department:
        found = [p for p in found if p.department == department]
    by_post: dict[str, list[Posting]] = {}
    for p in postings:
        by_post.setdefault(p.post_id, []).append(p)
    officers = directory.officers({p.officer_id for p in postings})
    out = []
    for post in sorted(found, key=_order):
        holders = []
        for p in sorted(by_post.get(post.post_id, []), key=lambda h: (h.charge != "regular", h.start)):
            o = officers.get(p.officer_id)
            holders.append(
                {
                    "posting_id": posting_id(p),
                    "username": (o.username if o else None) or p.officer_id,
                    "name": o.name if o else p.officer_id,
                    "designation": o.designation if o else "",
                    "mobile": masked(o.mobile) if o else "",
                    "lang": o.lang if o else "hi",
                    "kind": API_KIND.get(p.charge, p.charge),
                    "since": p.start,
                    "order_no": p.order_no,
                    "order_date": p.order_date,
                }
            )
        out.append(
            {
                "post_id": post.post_id,
                "department": post.department,
                "level": post.role,
                "place": post.place,
                "district": post.district,
                "title_hi": post.title_hi,
                "title_en": post.title_en,
                "holders": holders,
                "vacant": not holders,
            }
        )
    return out


# How many waiting complaints of one vacant post are counted (one index page); more shows as this.
WAITING_COUNTED = 200


def vacancies(
    directory: Directory, complaints: ComplaintsStore, district: str, departments: frozenset[str] | None
) -> list[dict[str, Any]]:
    """R-POSTINGS, R-5TIER: the district's vacant posts (of `departments`, None = all) and the
    complaints waiting on each, most first, so that a vacancy cannot hide delays. One roster
    query, and one inbox page per vacant post."""
    out = []
    for p in posts(directory, district):
        if not p["vacant"] or (departments is not None and p["department"] not in departments):
            continue
        rows, more = complaints.inbox(p["post_id"], WAITING_COUNTED)
        waiting = len(rows)
        overdue = sum(1 for c in rows if c.overdue)
        out.append(
            {
                **{k: p[k] for k in ("post_id", "department", "level", "title_hi", "title_en")},
                "waiting": waiting,
                "more": more is not None,
                "overdue": overdue,
            }
        )
    return sorted(out, key=lambda v: (-v["waiting"], v["post_id"]))


def _order(p: Post) -> tuple[str, int, str]:
    return (p.department, LEVEL_ORDER.get(p.role, 9), p.place)


def listing(who: Caller, district: str | None, department: str | None, directory: Directory) -> list[dict[str, Any]]:
    """`GET /v1/directory/posts`: what the caller manages only. A district's posts for its nodal
    officer (or the administrator), optionally of one department; a department's divisional and
    state posts for its state nodal officer. Another district or department is 404; a caller who
    manages nothing, 403."""
    m = manager(who, directory)
    if not m.any:
        raise Forbidden(*NOT_A_MANAGER)
    if district:
        if not m.district(district) or directory.district(district) is None:
            raise NotFound(Text("जिला", "district"))
        return posts(directory, district, department)
    if department:
        if not m.department(department) or directory.department(department) is None:
            raise NotFound(Text("विभाग", "department"))
        return posts(directory, f"{STATE}#{department}")
    raise InvalidInput({"district": Text("जिला या विभाग बताएँ", "give a district or a department")})


EXPORT_COLUMNS = (
    "post_id",
    "title_hi",
    "title_en",
    "kind",
    "name",
    "designation",
    "mobile",
    "lang",
    "username",
    "since",
    "order_no",
    "order_date",
    "posting_id",
)


def to_csv(rows: list[dict[str, Any]]) -> str:
    """One line per holder, and one per vacant post (its holder's columns blank); mobiles masked."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(EXPORT_COLUMNS)
    for post in rows:
        for h in post["holders"] or [{}]:
            line = {**{k: post.get(k) for k in ("post_id", "title_hi", "title_en")}, **h}
            if not h:
                line["kind"] = "vacant"
            w.writerow([_cell(line.get(c)) for c in EXPORT_COLUMNS])
    return buf.getvalue()


def _cell(value: Any) -> str:
    """A cell a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not text.startswith("+91") else text
