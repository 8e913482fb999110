"""The nodal officers' directory pages (R-POSTINGS, R-MAPPING, R-SUPPORT): `/nodal`, the posts
of the district (or the department's divisional and state posts) with holders and vacancies;
forms to post an officer, end a posting, send a temporary password again, import a CSV; the
export. Signed in with the officers' login (`cmh_officer`), Hindi first, no JavaScript needed;
every form goes through the same use cases as the JSON API (`services.postings`,
`services.directory_import`, `services.roster`)."""

from __future__ import annotations

import urllib.parse
from datetime import datetime
from typing import Any

from chalice import Response

from chalicelib import bootstrap as b
from chalicelib.domain.actor import Caller
from chalicelib.domain.calendar import IST
from chalicelib.domain.postings import Manager, parse_posting_id
from chalicelib.domain.schemas import EndReason
from chalicelib.pages import officer_desk
from chalicelib.pages.forms import PageError, Req, attempt, choices, mobile_e164
from chalicelib.pages.nodal_text import translator
from chalicelib.pages.officer_view import day_or
from chalicelib.pages.render import SECURITY_HEADERS, html, redirect
from chalicelib.services import directory_import, postings, roster

REASONS = EndReason.__args__  # type: ignore[attr-defined]
DONE = ("posted", "ended", "password", "imported")


def page(template: str, r: Req, status: int = 200, **ctx: Any) -> Response:
    ctx.setdefault("query", {})
    return html(template, status, lang=r.lang, base=r.base, ot=translator(r.lang), nt=translator(r.lang), **ctx)


def _signed_in(r: Req) -> tuple[Caller | None, Manager, Response | None]:
    """The signed-in manager, or the page to show instead (the login, or 403)."""
    who, error = officer_desk.signed_in(r)
    if who is None:
        return None, Manager(), officer_desk.login_page(r, error, next_="/nodal")
    m = postings.manager(who, b.get_directory())
    if not m.any:
        return None, m, page("nodal.html", r, 403, error=PageError(403, translator(r.lang)("not_manager")), user=who.id)
    return who, m, None


def _scope(r: Req, m: Manager) -> tuple[str, str]:
    """The district (or, without one, the department) asked for, else the caller's own."""
    district, department = r.form.get("district", ""), r.form.get("department", "")
    if not district and not department:
        district = min(m.districts) if m.districts else ""
        department = "" if district else (min(m.departments) if m.departments else "")
    return district, department


def home(r: Req) -> Response:
    """GET /nodal: the posts, holders and vacancies of the chosen district or department."""
    who, m, other = _signed_in(r)
    if who is None:
        return other  # type: ignore[return-value]
    directory = b.get_directory()
    district, department = _scope(r, m)
    found: list[dict[str, Any]] | None = []  # the administrator chooses first
    error: PageError | None = None
    if district or department:
        scope = (district or None, None if district else department or None)
        found, error = attempt(roster.listing, who, *scope, directory)
    rows = found or []
    districts = [c for c in choices(directory.districts(), r.lang) if m.district(c[0])]
    departments = [c for c in choices(directory.departments(), r.lang) if m.department(c[0])]
    # A district's posts one department at a time (a page stays light); its vacancies all at once.
    shown = [p for p in rows if p["department"] == department] if district and department else rows
    groups = _groups(rows, directory, r.lang) if district else []
    done = r.form.get("done") if r.form.get("done") in DONE else None
    from chalicelib.services.schemes import kept_departments

    return page(
        "nodal.html",
        r,
        error.status if error else 200,
        error=error,
        user=who.id,
        rows=shown if (department or not district) else [],
        groups=groups,
        vacant=[p for p in rows if p["vacant"]],
        district=district,
        department=department,
        districts=districts,
        departments=departments,
        done=done,
        detail=r.form.get("detail", "")[:100],
        schemes=bool(kept_departments(who, b.scheme_desk())),
        query={"district": district, "department": department},
    )


def _groups(rows: list[dict[str, Any]], directory: Any, lang: str) -> list[tuple[str, str, int, int]]:
    """(department, its name, posts, vacant) of a district's posts, for the links to each."""
    names = dict(choices(directory.departments(), lang))
    counts: dict[str, list[int]] = {}
    for p in rows:
        c = counts.setdefault(p["department"], [0, 0])
        c[0] += 1
        c[1] += 1 if p["vacant"] else 0
    return [(d, names.get(d, d.title()), n, v) for d, (n, v) in sorted(counts.items())]


def _back(r: Req, done: str, detail: str, district: str | None, post: Any = None) -> Response:
    query = {"lang": r.lang, "done": done, "detail": detail, **({"district": district} if district else {})}
    if post is not None:
        query["department"] = post.department
    elif r.form.get("department"):
        query["department"] = r.form["department"]
    return redirect(f"{r.base}/nodal?{urllib.parse.urlencode(query)}")


def posting_form(r: Req, posted: bool) -> Response:
    """GET/POST /nodal/post (`post`): post an officer to the post, regular or additional charge;
    below the form, the post's directory history. A post one does not manage is 404."""
    who, _, other = _signed_in(r)
    if who is None:
        return other  # type: ignore[return-value]
    post_id = r.form.get("post", "")
    directory = b.get_directory()
    changes, error = attempt(postings.history, who, post_id, directory)
    post = directory.post(post_id) if changes is not None else None
    if post is not None and posted and not r.form.get("setlang"):
        body = {k: r.form.get(k, "").strip() for k in ("name", "designation", "kind", "order_no", "order_date")}
        body["mobile"] = mobile_e164(r.form.get("mobile"))
        if r.form.get("email", "").strip():
            body["email"] = r.form["email"].strip()
        if r.form.get("officer_lang"):  # the form's `lang` is the page's; the officer's is `officer_lang`
            body["lang"] = r.form["officer_lang"]
        out, error = attempt(postings.start, who, post_id, body, b.postings())
        error = error.field_named("lang", "officer_lang") if error else None
        if out is not None:
            return _back(r, "posted", out["username"], post.district, post)
    rows = [{**c, "when": _when(c["at"]), "order_day": day_or(c["order_date"])} for c in changes or []]
    status = error.status if error else 200
    return page("nodal_post.html", r, status, error=error, post=post, f=r.form, posted=True, changes=rows)


def _when(iso_text: str) -> str:
    """dd-mm-yyyy hh:mm, India Standard Time."""
    return datetime.fromisoformat(iso_text).astimezone(IST).strftime("%d-%m-%Y %H:%M")


def end_form(r: Req, posted: bool) -> Response:
    """GET/POST /nodal/end (`posting`): end a posting with its reason and order."""
    who, _, other = _signed_in(r)
    if who is None:
        return other  # type: ignore[return-value]
    directory = b.get_directory()
    key = parse_posting_id(r.form.get("posting", ""))
    held = directory.posting(*key) if key else None
    post = directory.post(key[0]) if key else None
    officer = directory.officer(key[2]) if key else None
    error = None
    if posted and not r.form.get("setlang"):
        body = {k: r.form.get(k, "").strip() for k in ("reason", "order_no", "order_date")}
        out, error = attempt(postings.end, who, r.form.get("posting", ""), body, b.postings())
        if out is not None:
            return _back(r, "ended", out["login"], post.district if post else None, post)
    if held is None:
        error = error or PageError(404, "")
    ctx = {"post": post, "officer": officer, "held": held, "reasons": REASONS}
    return page("nodal_end.html", r, error.status if error else 200, error=error, f=r.form, posted=True, **ctx)


def send_password(r: Req) -> Response:
    """POST /nodal/password (`username`): a new temporary password by SMS."""
    who, _, other = _signed_in(r)
    if who is None:
        return other  # type: ignore[return-value]
    out, error = attempt(postings.reset_password, who, r.form.get("username", ""), b.postings())
    if out is None:
        return page("nodal.html", r, error.status if error else 404, error=error, user=who.id, rows=[], vacant=[])
    return _back(r, "password", out["sent_to"], r.form.get("district") or None)


def import_form(r: Req, posted: bool) -> Response:
    """GET/POST /nodal/import: a CSV pasted in, all or nothing, each bad row named."""
    who, _, other = _signed_in(r)
    if who is None:
        return other  # type: ignore[return-value]
    error, report = None, None
    if posted and not r.form.get("setlang"):
        report, error = attempt(directory_import.import_csv, who, r.form.get("csv", ""), b.postings())
    columns = ",".join(directory_import.COLUMNS)
    status = error.status if error else 200
    return page("nodal_import.html", r, status, error=error, report=report, f=r.form, posted=True, columns=columns)


def export(r: Req) -> Response:
    """GET /nodal/export (`district` or `department`): the CSV of `GET /v1/directory/posts?format=csv`."""
    who, m, other = _signed_in(r)
    if who is None:
        return other  # type: ignore[return-value]
    district, department = _scope(r, m)
    rows, error = attempt(roster.listing, who, district or None, department or None, b.get_directory())
    if rows is None:
        return page("nodal.html", r, error.status if error else 404, error=error, user=who.id, rows=[], vacant=[])
    name = (district or department).lower()
    headers: dict[str, str | list[str]] = {
        **SECURITY_HEADERS,
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": f'attachment; filename="posts-{name}.csv"',
    }
    return Response("\ufeff" + roster.to_csv(rows), headers=headers)
