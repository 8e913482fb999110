"""The officer inbox (R-DAILY-VIEW): the open complaints of every post the officer holds,
regular or additional charge, most urgent first; one index query per post, paginated."""

from __future__ import annotations

import base64
import json
from typing import Any

from chalicelib.domain.actor import STAFF, Caller
from chalicelib.domain.complaint import Complaint
from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.scope import sight, viewer
from chalicelib.domain.text import Text
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


def _decode(cursor: str | None) -> dict[str, Any]:
    if not cursor:
        return {}
    try:
        state = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except ValueError:
        raise InvalidInput({"cursor": Text("पृष्ठ संकेतक सही नहीं", "invalid page cursor")}) from None
    if not isinstance(state, dict) or not all(isinstance(v, dict) for v in state.values()):
        raise InvalidInput({"cursor": Text("पृष्ठ संकेतक सही नहीं", "invalid page cursor")})
    return state


def inbox(officer: str, directory: Directory, complaints: ComplaintsStore, cursor: str | None = None) -> dict[str, Any]:
    """`cursor` carries, per post, where its page stopped; posts already exhausted are
    not queried again. A complaint the officer may not see (`domain.scope.sight`: a
    corruption complaint against their own block's chain) is left out."""
    state = _decode(cursor)
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
    token = base64.urlsafe_b64encode(json.dumps(nxt).encode()).decode() if nxt else None
    return {"posts": posts, "complaints": items, "next": token}
