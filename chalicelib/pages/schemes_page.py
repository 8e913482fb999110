"""Scheme information as pages (R-SCHEME-KB): the public `/schemes` page (Hindi first, no
script) and the call-centre console's scheme panel — a search beside the caller form, and the
day's new, amended and ended schemes. Both call the same use cases as `GET /v1/schemes`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from chalice import Response

from chalicelib import bootstrap as b
from chalicelib.domain.calendar import IST
from chalicelib.domain.schemes import ACTIVE, Scheme, Version
from chalicelib.pages.forms import Req
from chalicelib.pages.render import html
from chalicelib.pages.scheme_text import translator
from chalicelib.services import schemes

PAGE_LIMIT = 100  # schemes listed without a search
PANEL_LIMIT = 5  # the console shows the best few


def _departments(lang: str) -> dict[str, str]:
    return {d.code: (d.name_hi if lang == "hi" else d.name_en) for d in b.get_directory().departments()}


def view(s: Scheme, lang: str, departments: dict[str, str]) -> dict[str, Any]:
    """A scheme as a page shows it: in the page's language, the other language's name beside."""
    return {
        "scheme_id": s.scheme_id,
        "name": s.name.in_lang(lang),
        "other_name": s.name.in_lang("en" if lang == "hi" else "hi"),
        "name_hi": s.name.hi,
        "department": departments.get(s.department, s.department),
        "objective": s.objective.in_lang(lang).splitlines(),
        "eligibility": [e.in_lang(lang) for e in s.eligibility],
        "ended": s.status != ACTIVE,
        "updated": _when(s.updated_at, "%d-%m-%Y"),
    }


def _when(at: str, fmt: str) -> str:
    return datetime.fromisoformat(at).astimezone(IST).strftime(fmt) if at else ""


def change(v: Version, lang: str, departments: dict[str, str]) -> dict[str, Any]:
    return view(v.scheme, lang, departments) | {
        "event": v.event,
        "changed": list(v.changed),
        "note": v.note,
        "at": _when(v.at, "%H:%M"),
    }


def panel(query: str, lang: str) -> dict[str, Any]:
    """The console's panel: the best matches of what the executive typed, and today's changes."""
    desk = b.scheme_desk()
    departments = _departments(lang)
    q = query.strip()[:200]
    found = schemes.search(q, desk.schemes, limit=PANEL_LIMIT) if q else []
    return {
        "q": q,
        "found": [view(s, lang, departments) for s in found],
        "changes": [change(v, lang, departments) for v in schemes.changes(desk)],
    }


def public(r: Req) -> Response:
    """GET /schemes (`?q=&department=&lang=`): a search form; the best matches of `q`, or the
    active schemes of the chosen department (of all, up to a hundred)."""
    lang = r.lang
    departments = _departments(lang)
    q = r.form.get("q", "").strip()[:200]
    department = r.form.get("department", "")
    department = department if department in departments else None
    store = b.get_schemes()
    if q:
        found = schemes.listing(store, q=q, department=department, limit=20)
    else:
        found = schemes.listing(store, department=department, limit=PAGE_LIMIT + 1)
    query = {k: v for k, v in (("q", q), ("department", department or "")) if v}
    return html(
        "schemes.html",
        lang=lang,
        base=r.base,
        query=query,
        st=translator(lang),
        q=q,
        department=department or "",
        departments=sorted(departments.items(), key=lambda kv: kv[1]),
        found=[view(s, lang, departments) for s in found[:PAGE_LIMIT]],
        more=not q and len(found) > PAGE_LIMIT,
        searched=bool(q),
    )
