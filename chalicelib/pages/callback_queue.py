"""The call centre's satisfaction-callback queue (R-SATISFACTION): the citizens to call
after a resolution, each with a form recording the outcome through
`services.actions.record_satisfaction`, as `POST /v1/complaints/{ref}/satisfaction` does."""

from __future__ import annotations

import urllib.parse
from typing import Any

from chalice import Response

from chalicelib import bootstrap as b
from chalicelib.domain.actor import STAFF, Caller
from chalicelib.domain.reference import parse_reference
from chalicelib.pages import officer
from chalicelib.pages import officer_view as v
from chalicelib.pages.forms import PageError, Req, attempt, staff_claims
from chalicelib.pages.officer_text import translator
from chalicelib.pages.render import redirect
from chalicelib.services import actions, callbacks
from chalicelib.services.ports import Directory

COOKIE = "cmh_staff"  # the call-centre console's login (Path=/cce)
GROUP = "cce"
ANSWERS = {"yes": True, "no": False}
SHOWN = 50  # oldest first; the page stays well under 100 KB


def executive(r: Req) -> tuple[str | None, PageError | None]:
    """The logged-in executive's username, or why there is none (401, or 403 not `cce`)."""
    claims, error = staff_claims(r, COOKIE, translator(r.lang), (GROUP,), "not_cce")
    if claims is None:
        return None, error or PageError(401, translator(r.lang)("login_again"))
    return str(claims["username"]), None


def _row(item: dict[str, Any], lang: str, directory: Directory) -> dict[str, Any]:
    return {
        **item,
        "resolved": v.day(item.get("resolved_at")),
        "department": v.name(directory.department(item["department"]), item["department"], lang),
        "district": v.name(directory.district(item["district"]), item["district"], lang),
    }


def queue_page(
    r: Req, user: str | None = None, status: int = 200, error: PageError | None = None, failed: str | None = None
) -> Response:
    """GET /cce/callbacks (`?done=&outcome=` after a recorded call)."""
    if user is None:
        user, login_error = executive(r)
        if user is None:
            return officer.page(
                "cce_callbacks.html",
                r,
                login_error.status if login_error else 401,
                error=login_error,
                rows=[],
                user=None,
            )
    directory = b.get_directory()
    items = callbacks.queue_for_cce(b.get_clock().now(), b.get_callbacks(), b.get_complaints())[:SHOWN]
    done = {k: r.form.get(k, "") for k in ("done", "outcome", "level")} if not failed else {}
    # The language switch resubmits the failed row's form (`f`): only if that row is still listed.
    posted = bool(failed) and any(i["reference"] == failed for i in items)
    return officer.page(
        "cce_callbacks.html",
        r,
        status,
        user=user,
        rows=[_row(i, r.lang, directory) for i in items],
        error=error,
        failed=failed,
        f=r.form if failed else {},
        done=done,
        posted=posted,
    )


def record(r: Req, reference: str) -> Response:
    """POST /cce/callbacks/{reference}: satisfied closes; not satisfied goes to the next
    senior officer. A repeated submission is a 409 that changes nothing."""
    user, error = executive(r)
    if user is None:
        return officer.page("cce_callbacks.html", r, error.status if error else 401, error=error, rows=[], user=None)
    ref, error = attempt(parse_reference, reference)
    if error or ref is None:
        return queue_page(r, user, error.status if error else 400, error, failed=reference)
    if r.form.get("setlang"):
        return queue_page(r, user, failed=ref)
    remarks = r.form.get("remarks", "").strip() or None
    body = {"satisfied": ANSWERS.get(r.form.get("satisfied", "")), "remarks": remarks}
    c, error = attempt(actions.record_satisfaction, Caller(STAFF, user, frozenset({"cce"})), ref, body, b.desk())
    if error or c is None:
        return queue_page(r, user, error.status if error else 400, error, failed=ref)
    query = urllib.parse.urlencode({"done": ref, "outcome": c.status, "level": c.level, "lang": r.lang})
    return redirect(f"{r.base}/cce/callbacks?{query}")
