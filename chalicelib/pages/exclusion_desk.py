"""Service exclusion for officers, `/officer/exclusions` (R-EXCLUSION): a department's state nodal
officer proposes and follows their department's proposals; the administrator accepts, rejects or
lifts. The officer desk's login (`cmh_officer`); every form goes through `services.exclusions`,
as the JSON API does."""

from __future__ import annotations

from typing import Any

from chalice import Response

from chalicelib import bootstrap as b
from chalicelib.domain import schemas
from chalicelib.domain.actor import Caller
from chalicelib.domain.exclusion import ACCEPTED, ADMIN_GROUP, PROPOSED, proposer_departments
from chalicelib.pages.forms import PageError, Req, attempt
from chalicelib.pages.help_text import translator
from chalicelib.pages.officer_desk import login_page, signed_in
from chalicelib.pages.render import html, redirect
from chalicelib.pages.track import day
from chalicelib.services import exclusions as ex

TEXTS = ("service_hi", "service_en", "instead_hi", "instead_en", "reason", "legal_reference")


def proposal_body(f: dict[str, str]) -> dict[str, Any]:
    """The JSON API's proposal out of the page's form: one term a line, a blank is no value."""
    body: dict[str, Any] = {k: f.get(k, "").strip() for k in TEXTS}
    body |= {"department": f.get("department", ""), "reason_kind": f.get("reason_kind", "")}
    body["terms"] = [t.strip() for t in f.get("terms", "").splitlines() if t.strip()]
    if f.get("category"):
        body["category"] = f["category"]
    if not body["legal_reference"]:
        body.pop("legal_reference")
    return body


def _page(r: Req, who: Caller, status: int = 200, error: PageError | None = None, posted: bool = False) -> Response:
    deps = b.exclusions()
    departments = sorted(proposer_departments(who.groups, deps.directory.posts_held(who.id)))
    admin = who.in_group(ADMIN_GROUP)
    if not departments and not admin:
        return html("officer_exclusions.html", 403, lang=r.lang, base=r.base, ht=translator(r.lang), refused=True)
    names = {d.code: (d.name_hi if r.lang == "hi" else d.name_en) for d in deps.directory.departments()}
    found = ex.proposals(who, schemas.ExclusionsQuery(), deps)
    rows: list[dict[str, Any]] = [
        {"x": x, "history": h, "department": names.get(x.department, x.department), "on": day(x.proposed_at)}
        for x, h in found
    ]
    pending = [row for row, (x, _) in zip(rows, found, strict=True) if x.status == PROPOSED]
    in_force = [row for row, (x, _) in zip(rows, found, strict=True) if x.status == ACCEPTED]
    return html(
        "officer_exclusions.html",
        status,
        lang=r.lang,
        base=r.base,
        ht=translator(r.lang),
        user=who.id,
        admin=admin,
        departments=[(d, names.get(d, d)) for d in departments],
        pending=pending,
        in_force=in_force,
        rows=rows,
        f=r.form if posted else {},
        error=error,
        done=r.form.get("done", "") if not posted else "",
        query={},
    )


def desk(r: Req) -> Response:
    """GET /officer/exclusions"""
    who, error = signed_in(r)
    if who is None:
        return login_page(r, error)
    return _page(r, who)


def propose(r: Req) -> Response:
    """POST /officer/exclusions: a state nodal officer's proposal."""
    who, error = signed_in(r)
    if who is None:
        return login_page(r, error)
    out, error = attempt(ex.propose, who, proposal_body(r.form), b.exclusions())
    if error or out is None:
        return _page(r, who, error.status if error else 400, error, posted=True)
    return redirect(f"{r.base}/officer/exclusions?lang={r.lang}&done={out.exclusion_id}")


def decide(r: Req, exclusion_id: str) -> Response:
    """POST /officer/exclusions/{id}: the administrator's decision (`decision`) or lifting (`lift`)."""
    who, error = signed_in(r)
    if who is None:
        return login_page(r, error)
    body = {"remarks": r.form.get("remarks", "").strip()}
    if r.form.get("op") == "lift":
        out, error = attempt(ex.lift, who, exclusion_id, body, b.exclusions())
    else:
        body["decision"] = r.form.get("decision", "")
        out, error = attempt(ex.decide, who, exclusion_id, body, b.exclusions())
    if error or out is None:
        return _page(r, who, error.status if error else 400, error, posted=True)
    return redirect(f"{r.base}/officer/exclusions?lang={r.lang}&done={out.exclusion_id}")
