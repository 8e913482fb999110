"""Department-wise and district-wise lists (R-LISTED, R-DAILY-VIEW): complaints and demands
listed separately, newest first, one index query a page, for officers in scope. Each line is
one `domain.scope.sight(...).listed`: a complaint with the State desk is never listed (the
dashboards count it), nor one the viewer's scope does not reach."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from chalicelib.domain import cursors
from chalicelib.domain.complaint import Complaint
from chalicelib.domain.errors import InvalidInput, NotFound
from chalicelib.domain.scope import Viewer, sight
from chalicelib.domain.text import Text
from chalicelib.services.bundles import Reports
from chalicelib.services.inbox import _summary
from chalicelib.services.ports import Cursor
from chalicelib.services.tracking import divisions

KINDS = {"complaint": ("complaint", "corruption"), "demand": ("demand", "suggestion")}


def _kinds(kind: str | None) -> tuple[str, ...]:
    if (kind or "complaint") not in KINDS:
        raise InvalidInput({"kind": Text("complaint या demand", "complaint or demand")})
    return KINDS[kind or "complaint"]


def _page(
    rows: Iterable[Complaint], kinds: tuple[str, ...], listed: Callable[[Complaint], bool]
) -> list[dict[str, Any]]:
    return [_summary(c, c.post_id) for c in rows if c.category in kinds and listed(c)]


def district_list(code: str, kind: str | None, cursor: str | None, v: Viewer, deps: Reports) -> dict[str, Any]:
    district = deps.directory.district(code)
    if district is None:
        raise NotFound(Text("जिला", "district"))
    departments = v.scope.district_departments(code, district.parent)
    if departments is not None and not departments:
        raise NotFound(Text("जिला", "district"))
    purpose = f"district|{code}|{kind or 'complaint'}"
    rows, last = deps.complaints.listing("district", code, _kinds(kind), _decode(cursor, purpose, deps) or None)
    division = district.parent
    items = _page(rows, _kinds(kind), lambda c: sight(v, c, lambda _: division).listed)
    return {"district": code, "kind": kind or "complaint", "complaints": items, "next": _encode(last, purpose, deps)}


def department_list(code: str, kind: str | None, cursor: str | None, v: Viewer, deps: Reports) -> dict[str, Any]:
    if deps.directory.department(code) is None or not v.scope.department(code):
        raise NotFound(Text("विभाग", "department"))
    purpose = f"department|{code}|{kind or 'complaint'}"
    rows, last = deps.complaints.listing("department", code, _kinds(kind), _decode(cursor, purpose, deps) or None)
    division_of = divisions(deps.directory)
    return {
        "department": code,
        "kind": kind or "complaint",
        "complaints": _page(rows, _kinds(kind), lambda c: sight(v, c, division_of).listed),
        "next": _encode(last, purpose, deps),
    }


def _encode(last: Cursor | None, purpose: str, deps: Reports) -> str | None:
    return cursors.seal(last, f"list|{purpose}", deps.cursor_key)


def _decode(cursor: str | None, purpose: str, deps: Reports) -> Cursor:
    """The store's own cursor, opaque here, sealed for this one list (`cursors`)."""
    return cursors.unseal(cursor, f"list|{purpose}", deps.cursor_key)
