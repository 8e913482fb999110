"""The officer's desk after login (R-DAILY-VIEW): a Cognito login kept in the `cmh_officer`
cookie, the inbox of every post held (most urgent first), and the same complaint page
and action forms as the SMS link, acting as the logged-in officer."""

from __future__ import annotations

import urllib.parse
from datetime import datetime
from typing import Any

from chalice import Response

from chalicelib import bootstrap as b
from chalicelib.domain.actor import Caller
from chalicelib.pages import officer
from chalicelib.pages import officer_view as v
from chalicelib.pages.forms import (
    PageError,
    Req,
    attempt,
    new_password,
    session_cookie,
    staff_claims,
    staff_sign_in,
)
from chalicelib.pages.officer_text import translator
from chalicelib.pages.render import redirect
from chalicelib.services import inbox as inbox_service
from chalicelib.services.ports import Directory

COOKIE = "cmh_officer"


def _cookie(r: Req, value: str, max_age: int) -> str:
    return session_cookie(r, COOKIE, "/", value, max_age)


def signed_in(r: Req) -> tuple[Caller | None, PageError | None]:
    """The staff Caller of the cookie, built as `api.auth.caller` builds it for a staff token."""
    claims, error = staff_claims(r, COOKIE, translator(r.lang))
    if claims is None:
        return None, error
    return Caller("staff", str(claims["username"]), frozenset(claims.get("cognito:groups", []))), None


# Where a signed-in officer may be sent back to (the nodal officers' pages ask for a login too).
NEXT = {"/officer", "/nodal", "/nodal/schemes"}


def support_words(lang: str) -> dict[str, Any]:
    """What the manual's support macros (`_help.html`) need: its words and the helpline's numbers."""
    from chalicelib.pages import help_text as h

    return {
        "ht": h.translator(lang),
        "backup": h.BACKUP_NUMBERS,
        "officers_line": h.OFFICERS_LINE,
        "mail": h.HELPLINE_MAIL,
    }


def login_page(r: Req, error: PageError | None = None, posted: bool = False, next_: str = "/officer") -> Response:
    f = {"username": r.form.get("username", ""), "next": r.form.get("next") or next_}
    status = error.status if error else 200
    return officer.page("officer_login.html", r, status, f=f, error=error, posted=posted, **support_words(r.lang))


def _dpsm(directory: Directory, officer_id: str, lang: str) -> list[tuple[str, str, list[dict[str, str]]]]:
    """(district, its name, its DPSM's contact) for each district of the posts held (R-SUPPORT)."""
    from chalicelib.services import support

    out = []
    for code in support.districts_of(directory, officer_id):
        out.append((code, v.name(directory.district(code), code, lang), support.dpsm(directory, code)))
    return out


def _signed_in(r: Req, out: dict[str, Any]) -> Response:
    cookie = _cookie(r, out["token"], int(out["expires_in"]))
    target = r.form.get("next") if r.form.get("next") in NEXT else "/officer"
    return redirect(f"{r.base}{target}?lang={r.lang}", {"Set-Cookie": cookie})


def login(r: Req) -> Response:
    """POST /officer/login: Cognito checks the password; the access token becomes the cookie.
    A temporary password (a newly posted officer's) leads to the form for their own."""
    if r.form.get("setlang"):
        return login_page(r, posted=True)
    out, error = staff_sign_in(r, translator(r.lang))
    if error or out is None:
        return login_page(r, error, posted=True)
    if "challenge" in out:
        return password_page(r, {**r.form, "session": out["session"]})
    return _signed_in(r, out)


def password_page(r: Req, f: dict[str, str], error: PageError | None = None) -> Response:
    shown = {k: f.get(k, "") for k in ("username", "session", "next")}
    return officer.page("officer_password.html", r, error.status if error else 200, f=shown, error=error, posted=True)


def set_password(r: Req) -> Response:
    """POST /officer/password: the first sign-in's own password, then the desk."""
    if r.form.get("setlang"):
        return password_page(r, r.form)
    out, error = new_password(r)
    if error or out is None:
        return password_page(r, r.form, error)
    return _signed_in(r, out)


def logout(r: Req) -> Response:
    return redirect(f"{r.base}/officer?lang={r.lang}", {"Set-Cookie": _cookie(r, "", 0)})


def _post_titles(posts: list[str], lang: str) -> list[tuple[str, str]]:
    directory = b.get_directory()
    out = []
    for p in posts:
        post = directory.post(p)
        out.append((p, (post.title_hi if lang == "hi" else post.title_en) if post else p))
    return out


def _row(item: dict[str, Any], lang: str, directory: Directory, now: datetime) -> dict[str, Any]:
    return {
        **item,
        "due": v.day(item["due_at"]),
        "late": v.late(item, now),
        "department": v.name(directory.department(item["department"]), item["department"], lang),
        "district": v.name(directory.district(item["district"]), item["district"], lang),
    }


def desk(r: Req) -> Response:
    """GET /officer: the login form, or the inbox (`?cursor=` for the next page)."""
    who, error = signed_in(r)
    if who is None:
        return login_page(r, error)
    directory = b.get_directory()
    key = b.signing_keys()
    box, error = attempt(inbox_service.inbox, who.id, directory, b.get_complaints(), r.form.get("cursor") or None, key)
    if error or box is None:
        return login_page(r, error)
    now = b.get_clock().now()
    rows = [_row(i, r.lang, directory, now) for i in box["complaints"]]
    more = urllib.parse.urlencode({"cursor": box["next"], "lang": r.lang}) if box["next"] else None
    from chalicelib.services.postings import manager
    from chalicelib.services.schemes import kept_departments

    keeps_directory = manager(who, directory).any
    keeps_schemes = bool(kept_departments(who, b.scheme_desk())) if keeps_directory else False
    return officer.page(
        "officer_inbox.html",
        r,
        user=who.id,
        posts=_post_titles(box["posts"], r.lang),
        rows=rows,
        more=more,
        nodal=keeps_directory,
        dpsm=_dpsm(directory, who.id, r.lang),
        **support_words(r.lang),
        schemes=keeps_schemes,
    )


def complaint(r: Req, reference: str, posted: bool) -> Response:
    """GET/POST /officer/c/{reference}: the complaint page acting as the logged-in officer;
    out of the officer's scope it is 404, as in the JSON API."""
    from chalicelib.domain.reference import parse_reference

    who, error = signed_in(r)
    if who is None:
        return login_page(r, error or PageError(401, translator(r.lang)("login_again")))
    ref, error = attempt(parse_reference, reference)
    if error or ref is None:
        return officer.problem(r, 404, error)
    url = f"{r.base}/officer/c/{ref}"
    if posted:
        return officer.perform(r, ref, who, url, back=True)
    return officer.complaint_page(r, ref, who, url, back=True)
