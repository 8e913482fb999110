"""The edge every HTTP answer passes: its security headers, and the pages' forms proven to
come from this site's own pages (docs/architecture.md, "Pages: forms and headers").

One middleware (`edge`), for every route:

- Every answer: `X-Content-Type-Options: nosniff` and `Cache-Control: no-store` (answers
  carry names, mobiles and complaints: no shared phone, browser or proxy keeps a copy),
  unless a route chose its own caching. A deployed stage, https only, adds HSTS; the local
  stack (http) never does.
- Pages (everything outside the JSON API `/v1/`): `Referrer-Policy: strict-origin` (an
  officer's link carries its token in the path: no Referer ever holds a path, and a form's
  POST still says its Origin, which `no-referrer` would turn into `null`),
  `X-Frame-Options: DENY` and, unless the page set its own, the pages' CSP (frame-ancestors
  'none').
- Forms (signed double-submit): every `<form method="post">` of an HTML page gets a hidden
  `csrf` field, the HMAC of the browser's form session (a random value in an HttpOnly
  cookie, made the first time a page with a form is served) under the stage's signing key.
- Every POST a page on another site could send without asking first (the three content
  types of a form, no CORS preflight) to anything outside `/v1/`, the local stack's keypad
  included, must come from this site's origin (`Origin`, or `Referer` without it) and carry
  the token of the form session its cookie names. Otherwise the answer is a 403 page in
  Hindi and English and the route never runs: nothing changes.

The JSON API needs no token: its credential is a bearer header no other site can make a
browser send, and its routes take JSON, which another site cannot post without a preflight
(CORS is off).
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from chalice import Response

from chalicelib.domain.tokens import SigningKeys, form_token, form_token_matches
from chalicelib.settings import Settings, get_settings

log = logging.getLogger("cmh181.edge")

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# What a page on another site may POST here without a CORS preflight.
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data", "text/plain")
FIELD = "csrf"
# Over https the `__Host-` prefix makes browsers refuse the cookie unless this host set it
# (Secure, Path=/, no Domain): a sibling host cannot plant a form session of its own.
COOKIE = "cmh_csrf"
SECURE_COOKIE = "__Host-cmh_csrf"
_SESSION = re.compile(r"[A-Za-z0-9_-]{32,64}")
_POST_FORM = re.compile(r"<form\b[^>]*\bmethod=[\"']?post\b[^>]*>", re.IGNORECASE)
# A year; without includeSubDomains: the other hosts of the government's domain are not ours.
HSTS = "max-age=31536000"
EVERY = {"X-Content-Type-Options": "nosniff"}
PAGES = {"Referrer-Policy": "strict-origin", "X-Frame-Options": "DENY"}
DEFAULTS = {"Cache-Control": "no-store"}


def edge(request: Any, get_response: Callable[[Any], Response]) -> Response:
    s = get_settings()
    headers = request.headers or {}
    secure = not s.is_local or headers.get("x-forwarded-proto") == "https"
    page = not request.path.startswith("/v1/")
    session = session_of(headers.get("cookie", ""), secure) if page else None  # forms are pages
    if page and posted_by_a_form(request):
        why = refusal(request, session, s, secure)
        if why:
            log.warning("form refused: %s", why, extra={"at": request.path})
            response = refused_page(request)
        else:
            response = get_response(request)
    else:
        response = get_response(request)
    if page:
        sign_forms(response, session, secure)
    for name, value in security_headers(s, page).items():
        _put(response.headers, name, value, replace=name not in DEFAULTS)
    if page:
        from chalicelib.pages.render import CSP  # the JSON API never loads the pages

        _put(response.headers, "Content-Security-Policy", CSP, replace=False)
    return response


def security_headers(s: Settings, page: bool) -> dict[str, str]:
    """The headers of every answer (`page`: outside the JSON API) on the stage of `s`."""
    out = {**EVERY, **DEFAULTS, **(PAGES if page else {})}
    if not s.is_local and s.public_base_url.startswith("https://"):
        out["Strict-Transport-Security"] = HSTS
    return out


# ---- the check -----------------------------------------------------------------------------
def media_type(request: Any) -> str:
    return str((request.headers or {}).get("content-type", "")).split(";", 1)[0].strip().lower()


def posted_by_a_form(request: Any) -> bool:
    """A request another site's page could make a browser send with its cookies, unasked."""
    return request.method.upper() not in SAFE_METHODS and media_type(request) in FORM_TYPES


def refusal(request: Any, session: str | None, s: Settings, secure: bool) -> str:
    """Why this form POST is refused ("" when it is not): its origin, then its token."""
    from chalicelib.pages.forms import form

    headers = request.headers or {}
    origin = origin_of(headers)
    if origin is None:
        return "neither Origin nor Referer"
    if origin not in own_origins(s.public_base_url, headers.get("host"), secure):
        return "another origin"
    if session is None:
        return "no form session cookie"
    if media_type(request) != FORM_TYPES[0]:
        return "not a form the pages post"  # the pages post urlencoded forms only
    token = form(request.raw_body).get(FIELD, "")
    if not token:
        return "no form token"
    if not _matches(token, session):
        return "a form token of another session"
    return ""


def origin_of(headers: Any) -> str | None:
    """The origin the browser says the POST comes from: `Origin`, else the origin of
    `Referer`; "null" for an opaque one; None when it says neither."""
    origin = headers.get("origin")
    if origin is not None:
        return str(origin).strip().lower()
    referer = headers.get("referer")
    if not referer:
        return None
    parts = urlsplit(str(referer))
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else "null"


def own_origins(public_base_url: str, host: str | None, secure: bool) -> set[str]:
    """This site: the stage's public origin, and the host the request was sent to (an API
    Gateway stage URL, the local stack's port)."""
    out = {public_base_url.rstrip("/").lower()}
    if host:
        out.add(f"{'https' if secure else 'http'}://{host.strip().lower()}")
    return out


def session_of(cookie_header: str, secure: bool) -> str | None:
    from chalicelib.pages.forms import cookies_of

    value = cookies_of(cookie_header).get(SECURE_COOKIE if secure else COOKIE, "")
    return value if _SESSION.fullmatch(value) else None


def _matches(token: str, session: str) -> bool:
    """Checked with this stage's keys; a token no cached key matches makes a warm function read
    the keys again once (a rotation elsewhere), as `bootstrap.verify_token` does."""
    from chalicelib import bootstrap

    if form_token_matches(token, session, bootstrap.signing_keys()):
        return True
    source = bootstrap.get_secrets()
    if isinstance(source, SigningKeys) or not source.refresh():
        return False
    return form_token_matches(token, session, source.keys())


def refused_page(request: Any) -> Response:
    """403: a short page in Hindi and English, in the language the form was in."""
    from chalicelib.pages.forms import form, lang_of, stage_base
    from chalicelib.pages.render import html
    from chalicelib.pages.text import STRINGS

    fields = form(request.raw_body)
    return html(
        "refused.html",
        403,
        lang=lang_of(fields.get("lang")),
        base=stage_base(request.context or {}),
        message=STRINGS["form_refused"],
    )


# ---- forms and headers ---------------------------------------------------------------------
def sign_forms(response: Response, session: str | None, secure: bool) -> None:
    """Every POST form of an HTML answer gets its `csrf` field; a browser without a form
    session gets one (its cookie) with the first such page."""
    from chalicelib import bootstrap

    body = response.body
    content_type = _get(response.headers, "Content-Type") or ""
    if not isinstance(body, str) or not content_type.startswith("text/html") or not _POST_FORM.search(body):
        return
    if session is None:
        session = secrets.token_urlsafe(32)
        _add_cookie(response.headers, form_cookie(session, secure))
    field = f'<input type="hidden" name="{FIELD}" value="{form_token(session, bootstrap.signing_keys())}">'
    response.body = _POST_FORM.sub(lambda m: m.group(0) + field, body)


def form_cookie(session: str, secure: bool) -> str:
    """For the whole site, as long as the browser runs; Lax, so a link from an SMS app or
    another site that opens a page keeps the session the other open pages' forms carry."""
    if secure:
        return f"{SECURE_COOKIE}={session}; Path=/; HttpOnly; SameSite=Lax; Secure"
    return f"{COOKIE}={session}; Path=/; HttpOnly; SameSite=Lax"


def _key(headers: MutableMapping[str, Any], name: str) -> str | None:
    return next((k for k in headers if k.lower() == name.lower()), None)


def _get(headers: MutableMapping[str, Any], name: str) -> Any:
    key = _key(headers, name)
    return headers[key] if key else None


def _put(headers: MutableMapping[str, Any], name: str, value: str, replace: bool) -> None:
    key = _key(headers, name)
    if key is None:
        headers[name] = value
    elif replace:
        headers[key] = value


def _add_cookie(headers: MutableMapping[str, Any], cookie: str) -> None:
    key = _key(headers, "Set-Cookie")
    if key is None:
        headers["Set-Cookie"] = cookie
        return
    old = headers[key]
    headers[key] = [*([old] if isinstance(old, str) else old), cookie]
