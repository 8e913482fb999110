"""The officer inbox (R-DAILY-VIEW): the open complaints of every post the officer holds,
regular or additional charge, most urgent first; one index query per post, paginated."""

from __future__ import annotations

from typing import Any

from chalicelib.domain import cursors
from chalicelib.domain.actor import STAFF, Caller
from chalicelib.domain.complaint import Complaint
from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.scope import sight, viewer
from chalicelib.domain.tokens import SigningKeys
from chalicelib.services.ports import ComplaintsStore, Directory
from chalicelib.services.tracking import divisions

PAGE = 50


def _summary(c: Complaint, post: str) -> dict[str, Any]:
    return {
        "reference": c.reference,
        "post": post,
        "level": c.level,
        "status": c.status,
        "category": c.category,
        "department": c.department,
        "district": c.district,
        "subject": c.subject,
        "due_at": c.due_at,
        "overdue": c.overdue,
        "registered_at": c.registered_at,
    }


def _decode(cursor: str | None, officer: str, key: str | SigningKeys) -> dict[str, Any]:
    state = cursors.unseal(cursor, f"inbox|{officer}", key)
    if not all(isinstance(v, dict) for v in state.values()):
        raise InvalidInput({"cursor": cursors.INVALID_CURSOR})
    return state


def inbox(
    officer: str, directory: Directory, complaints: ComplaintsStore, cursor: str | None, key: str | SigningKeys
) -> dict[str, Any]:
    """`cursor` carries, per post, where its page stopped; posts already exhausted are
    not queried again; cursors are sealed with `key` for this officer's inbox only. A
    complaint the officer may not see (`domain.scope.sight`: a corruption complaint against
    their own block's chain) is left out."""
    state = _decode(cursor, officer, key)
    items: list[dict[str, Any]] = []
    nxt: dict[str, Any] = {}
    posts = directory.posts_held(officer)
    v = viewer(Caller(STAFF, officer), posts)
    division_of = divisions(directory)
    for post in posts:
        if state and post not in state:
            continue
        rows, last = complaints.inbox(post, PAGE, state.get(post) or None)
        items += [_summary(c, post) for c in rows if sight(v, c, division_of).full]
        if last:
            nxt[post] = last
    items.sort(key=lambda i: i["due_at"])
    return {"posts": posts, "complaints": items, "next": cursors.seal(nxt, f"inbox|{officer}", key)}
