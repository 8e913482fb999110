"""The call-centre console (R-CALLER-DATA): staff login, then the caller's details first and
the matter second, filed as `POST /v1/complaints` does for a call-centre token; beside the
form, the scheme panel (R-SCHEME-KB): a search and the day's changed schemes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from chalice import Response

from chalicelib import bootstrap as b
from chalicelib.domain.actor import STAFF, Caller
from chalicelib.domain.errors import NotFound
from chalicelib.domain.reference import parse_reference
from chalicelib.domain.text import Text
from chalicelib.pages import scheme_text, schemes_page
from chalicelib.pages.forms import (
    PageError,
    Req,
    attempt,
    filing_body,
    lang_of,
    mobile_e164,
    new_key,
    place_choices,
    session_cookie,
    staff_claims,
    staff_sign_in,
)
from chalicelib.pages.render import CSP, html, redirect
from chalicelib.pages.text import STRINGS, translator
from chalicelib.services.actions import act_for_officer
from chalicelib.services.intake import file_complaint
from chalicelib.settings import get_settings

COOKIE = "cmh_staff"
_CONTACT_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
NO_CALL = Text("कॉल नहीं मिली", "call not found")
CALL = Text("कॉल", "call")
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


def _summary(call: dict[str, Any]) -> dict[str, Any]:
    """What the executive's screen shows of a call (the contact's attributes: screen pop)."""
    a = call.get("attributes") or {}
    return {
        "call": call["call"],
        "line": "officers" if a.get("line") == "officers" else "181",
        "queue": call.get("queue"),
        "from": call.get("from", ""),
        "lang": a.get("lang", "hi"),
        "choice": a.get("menu_choice", ""),
        "pending": [grouped(ref) for ref in a.get("pending_references", "").split() if len(ref) == 10],
        "officer": a.get("officer_name") or a.get("officer_id", ""),
        "officer_id": a.get("officer_id", ""),
        "reference": grouped(a["reference"]) if len(a.get("reference", "")) == 10 else "",
        "lapsed": a.get("lapsed") == "true",
    }


def _phone(user: str) -> dict[str, Any] | None:
    """The local stack's emulated calls: those waiting, and the one this executive has."""
    s = get_settings()
    if not s.is_local or s.connect_ccp_url:  # a real Connect instance's calls come through the CCP
        return None
    calls = b.get_phone_calls()
    waiting = [_summary(c) for c in calls.in_state("queued")]
    mine = [_summary(c) for c in calls.in_state("with_agent") if c.get("agent") == user]
    return {"waiting": waiting, "mine": mine[-1] if mine else None}


def _softphone(lang: str) -> dict[str, Any] | None:
    """A deployed stage's embedded Contact Control Panel, and the words its screen pop shows."""
    s = get_settings()
    if not s.connect_ccp_url:
        return None
    t = translator(lang)
    keys = [k for k in STRINGS if k.startswith(("phone_line_", "phone_lang_", "choice_"))]
    labels = {k.removeprefix("phone_"): t(k) for k in keys}
    return {"url": s.connect_ccp_url, "region": s.region, "labels": labels}


def _csp(ccp: dict[str, Any] | None) -> dict[str, str]:
    """The console may frame its own instance's CCP, and nothing else."""
    if ccp is None:
        return {}
    origin = ccp["url"].split("/ccp-v2/")[0]
    return {"Content-Security-Policy": CSP + f"; frame-src {origin}"}


def _form_page(
    r: Req,
    user: str,
    error: PageError | None = None,
    posted: bool = True,
    filed: str | None = None,
    logged: bool = False,
    recorded: bool = False,
) -> Response:
    phone = _phone(user)
    f = r.form if posted else {"lang": r.lang, "caller_lang": "hi"}
    if not posted and phone and phone["mine"] and phone["mine"]["line"] == "181":
        # The IVR's screen pop: the calling number, and the language the caller chose in the menu.
        f = f | {"mobile": phone["mine"]["from"].removeprefix("+91"), "caller_lang": lang_of(phone["mine"]["lang"])}
    f = f | {"idem": f.get("idem") or new_key()}
    choices: dict[str, Any] = place_choices(b.get_directory(), f.get("district", ""), r.lang)
    scheme_query = r.form.get("sq", "")
    ccp = _softphone(r.lang)
    return html(
        "cce.html",
        error.status if error else 200,
        _csp(ccp),
        ccp=ccp,
        lang=r.lang,
        base=r.base,
        f=f,
        error=error,
        posted=posted,
        user=user,
        filed=grouped(filed) if filed else None,
        query={},
        logged=logged,
        phone=phone,
        recorded=recorded,
        schemes=schemes_page.panel(scheme_query, r.lang),
        st=scheme_text.translator(r.lang),
        **choices,
    )


STATIC = Path(__file__).parent / "static"
# The console's scripts; connect-streams-min.js is copied from the npm package by `make` (console/).
ASSETS = ("softphone.js", "connect-streams-min.js")


def asset(name: str) -> Response:
    path = STATIC / name
    if name not in ASSETS or not path.is_file():
        return Response("not found\n", status_code=404, headers={"Content-Type": "text/plain; charset=utf-8"})
    headers: dict[str, str | list[str]] = {
        "Content-Type": "text/javascript; charset=utf-8",
        "Cache-Control": "public, max-age=3600",
        "X-Content-Type-Options": "nosniff",
    }
    return Response(path.read_text(encoding="utf-8"), status_code=200, headers=headers)


def console(r: Req) -> Response:
    """GET /cce (`?ref=` after a filing): the form for the next caller, or the login form."""
    user, error = _executive(r)
    if user is None:
        return _login_page(r, error)
    ref, _ = attempt(parse_reference, r.form.get("ref", ""))
    return _form_page(
        r, user, posted=False, filed=ref, logged=bool(r.form.get("logged")), recorded=bool(r.form.get("recorded"))
    )


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
    if r.form.get("setlang") or r.form.get("step") in ("district", "schemes"):
        return _form_page(r, user)  # the same form again, with the blocks or the schemes asked for
    # `lang` of the form is the console's own language; the caller's (their SMS) is `caller_lang`.
    caller_lang = r.form.get("caller_lang") or "hi"
    body = filing_body(r.form) | {"mobile": mobile_e164(r.form.get("mobile")), "lang": caller_lang}
    key = r.form.get("idem", "")[:100] or None
    result, error = attempt(file_complaint, Caller(STAFF, user, frozenset({GROUP})), body, key, b.desk())
    if error or result is None:
        return _form_page(r, user, error.field_named("lang", "caller_lang") if error else None)
    return redirect(f"{r.base}/cce?ref={result[0].reference}&lang={r.lang}")


def _mine(user: str, call: str) -> dict[str, Any] | None:
    c = b.get_phone_calls().get(call)
    return c if c is not None and c.get("agent") == user and c.get("state") == "with_agent" else None


def _contact_attributes(contact: str) -> dict[str, str]:
    if not _CONTACT_ID.fullmatch(contact):
        raise NotFound(CALL)
    return b.get_contacts().attributes(contact)


def take_call(r: Req) -> Response:
    """POST /cce/calls/take (local stack): the executive answers a waiting call."""
    user, error = _executive(r)
    if user is None:
        return _login_page(r, error or PageError(401, translator(r.lang)("login_again")), posted=True)
    if not get_settings().is_local:
        return _form_page(r, user, PageError(404, NO_CALL), posted=False)
    _, error = attempt(b.get_phone_calls().take, r.form.get("call", ""), user, b.get_clock().now())
    if error:
        return _form_page(r, user, error, posted=False)
    return redirect(f"{r.base}/cce?lang={r.lang}")


def end_call(r: Req) -> Response:
    """POST /cce/calls/end (local stack): the executive ends the call they have."""
    user, error = _executive(r)
    if user is None:
        return _login_page(r, error or PageError(401, translator(r.lang)("login_again")), posted=True)
    if not get_settings().is_local:
        return _form_page(r, user, PageError(404, NO_CALL), posted=False)
    _, error = attempt(b.get_phone_calls().end, r.form.get("call", ""), user, b.get_clock().now())
    if error:
        return _form_page(r, user, error, posted=False)
    return redirect(f"{r.base}/cce?lang={r.lang}")


def record_for_officer(r: Req) -> Response:
    """POST /cce/calls/record: the update an officer on the toll-free line dictates, recorded
    as that officer (`actions.act_for_officer`) for the complaint the call carries."""
    user, error = _executive(r)
    if user is None:
        return _login_page(r, error or PageError(401, translator(r.lang)("login_again")), posted=True)
    if not get_settings().connect_ccp_url:  # the local stack's emulated calls
        call = _mine(user, r.form.get("call", ""))
        if call is None:
            return _form_page(r, user, PageError(404, NO_CALL), posted=False)
        attributes, contact = call.get("attributes") or {}, call["call"]
    else:  # the softphone names the contact it has; what the call carries comes from Connect
        contact = r.form.get("call", "")
        attributes, error = attempt(_contact_attributes, contact)
        if error or attributes is None:
            return _form_page(r, user, error, posted=False)
    body = {k: v for k in ("action", "remarks", "rule_reference", "letter_no", "letter_date") if (v := r.form.get(k))}
    executive = Caller(STAFF, user, frozenset({GROUP}))
    officer, reference = attributes.get("officer_id", ""), attributes.get("reference", "")
    _, error = attempt(act_for_officer, executive, officer, contact, reference, body, b.desk())
    if error:
        return _form_page(r, user, error, posted=False)
    return redirect(f"{r.base}/cce?recorded=1&lang={r.lang}")
