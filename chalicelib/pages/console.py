"""The call-centre console (R-CALLER-DATA): staff login, then the caller's details first and
the matter second, filed as `POST /v1/complaints` does for a call-centre token."""

from __future__ import annotations

from typing import Any

from chalice import Response

from chalicelib import bootstrap as b
from chalicelib.domain.actor import STAFF, Caller
from chalicelib.domain.reference import parse_reference
from chalicelib.pages.forms import (
    PageError,
    Req,
    attempt,
    filing_body,
    mobile_e164,
    new_key,
    place_choices,
    session_cookie,
    staff_claims,
    staff_sign_in,
)
from chalicelib.pages.render import html, redirect
from chalicelib.pages.text import translator
from chalicelib.services.intake import file_complaint

COOKIE = "cmh_staff"
GROUP = "cce"


def grouped(reference: str) -> str:
    """3-3-4, the way a number is read out over the phone."""
    return f"{reference[:3]} {reference[3:6]} {reference[6:]}"


def _cookie(r: Req, value: str, max_age: int) -> str:
    return session_cookie(r, COOKIE, "/cce", value, max_age)


def _executive(r: Req) -> tuple[str | None, PageError | None]:
    """The logged-in executive's username, or why there is none."""
    claims, error = staff_claims(r, COOKIE, translator(r.lang), (GROUP,), "not_cce")
    return (str(claims["username"]) if claims else None), error


def _login_page(r: Req, error: PageError | None = None, posted: bool = False) -> Response:
    f = {"username": r.form.get("username", ""), "lang": r.lang}
    return html(
        "cce_login.html",
        error.status if error else 200,
        lang=r.lang,
        base=r.base,
        f=f,
        error=error,
        posted=posted,
        query={},
    )


def _form_page(
    r: Req,
    user: str,
    error: PageError | None = None,
    posted: bool = True,
    filed: str | None = None,
    logged: bool = False,
) -> Response:
    f = r.form if posted else {"lang": r.lang}
    f = f | {"idem": f.get("idem") or new_key()}
    choices: dict[str, Any] = place_choices(b.get_directory(), f.get("district", ""), r.lang)
    return html(
        "cce.html",
        error.status if error else 200,
        lang=r.lang,
        base=r.base,
        f=f,
        error=error,
        posted=posted,
        user=user,
        filed=grouped(filed) if filed else None,
        query={},
        logged=logged,
        **choices,
    )


def console(r: Req) -> Response:
    """GET /cce (`?ref=` after a filing): the form for the next caller, or the login form."""
    user, error = _executive(r)
    if user is None:
        return _login_page(r, error)
    ref, _ = attempt(parse_reference, r.form.get("ref", ""))
    return _form_page(r, user, posted=False, filed=ref, logged=bool(r.form.get("logged")))


def login(r: Req) -> Response:
    """POST /cce/login: Cognito checks the password; only the `cce` group gets the console."""
    if r.form.get("setlang"):
        return _login_page(r, posted=True)
    out, error = staff_sign_in(r, translator(r.lang), (GROUP,), "not_cce")
    if error or out is None:
        return _login_page(r, error, posted=True)
    cookie = _cookie(r, out["token"], int(out["expires_in"]))
    return redirect(f"{r.base}/cce?lang={r.lang}", {"Set-Cookie": cookie})


def log_call(r: Req) -> Response:
    """POST /cce/call: a scheme-information call, a status enquiry or a referral, counted
    in reports without creating a complaint (as `POST /v1/calls`)."""
    from chalicelib.domain.calls import parse_call

    user, error = _executive(r)
    if user is None:
        return _login_page(r, error or PageError(401, translator(r.lang)("login_again")), posted=True)
    body = {k: v for k in ("kind", "referred_to", "scheme", "notes") if (v := r.form.get(k))}
    call, error = attempt(parse_call, body)
    if error or call is None:
        return _form_page(r, user, error, posted=False)
    b.get_calls().record(call, user, b.get_clock().now())
    return redirect(f"{r.base}/cce?logged=1&lang={r.lang}")


def logout(r: Req) -> Response:
    return redirect(f"{r.base}/cce?lang={r.lang}", {"Set-Cookie": _cookie(r, "", 0)})


def file(r: Req) -> Response:
    """POST /cce/file: registers the caller's complaint on channel call_centre."""
    user, error = _executive(r)
    if user is None:
        return _login_page(r, error or PageError(401, translator(r.lang)("login_again")), posted=True)
    if r.form.get("setlang") or r.form.get("step") == "district":
        return _form_page(r, user)
    body = filing_body(r.form) | {"mobile": mobile_e164(r.form.get("mobile"))}
    key = r.form.get("idem", "")[:100] or None
    result, error = attempt(file_complaint, Caller(STAFF, user, frozenset({GROUP})), body, key, b.desk())
    if error or result is None:
        return _form_page(r, user, error)
    return redirect(f"{r.base}/cce?ref={result[0].reference}&lang={r.lang}")
