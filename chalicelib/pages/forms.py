"""What every page flow needs: the posted form, the language, the directory's choices,
and domain errors turned into a status code and messages through the API's one mapping."""

from __future__ import annotations

import re
import secrets
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.cookies import CookieError, SimpleCookie
from typing import Any, TypeVar

from chalicelib.domain.errors import DomainError
from chalicelib.domain.text import Text, say
from chalicelib.pages.problems import status_of
from chalicelib.pages.text import LANGS
from chalicelib.services.ports import Directory

T = TypeVar("T")
MAX_FORM_BYTES = 20_000
FIRST_SIGN_IN = Text(
    "पहली बार लॉगिन: अधिकारी लॉगिन (/officer) पर अस्थायी पासवर्ड से नया पासवर्ड बनाएँ",
    "First sign-in: set your own password at the officers' login (/officer) with the temporary one",
)
FILING_KEYS = (
    "category",
    "accused_level",
    "department",
    "district",
    "block",
    "name",
    "subject",
    "description",
    "address",
)


@dataclass(frozen=True)
class Req:
    """What a page view needs from the request."""

    base: str  # path prefix of the stage: "" locally or on a custom domain, "/v1" behind a stage URL
    form: dict[str, str]  # the posted form, or the query parameters of a GET
    source: str = "unknown"
    https: bool = False
    cookies: dict[str, str] = field(default_factory=dict)

    @property
    def lang(self) -> str:
        """A language-switch button wins over the hidden field, which wins over the default."""
        return lang_of(self.form.get("setlang"), self.form.get("lang"))


_PREFIX = re.compile(r"^(/[\w.-]+)*$")


def stage_base(ctx: dict[str, Any]) -> str:
    """The stage's path prefix: API Gateway's `path` is `resourcePath` behind e.g. "/v1".
    The route's own segments (path parameters included) are the last ones of `path`."""
    path = [p for p in str(ctx.get("path") or "").split("/") if p]
    resource = [p for p in str(ctx.get("resourcePath") or "").split("/") if p]
    prefix = "/" + "/".join(path[: len(path) - len(resource)]) if len(path) > len(resource) else ""
    return prefix if _PREFIX.match(prefix) else ""


def cookies_of(header: str) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(header)
    except CookieError:
        return {}
    return {k: m.value for k, m in jar.items()}


def page_request(request: Any, posted: bool) -> Req:
    """A Chalice request as a page sees it: the posted form (or the query), cookies, stage prefix."""
    ctx: dict[str, Any] = request.context or {}
    headers: Any = request.headers or {}
    fields = form(request.raw_body) if posted else dict(request.query_params or {})
    return Req(
        base=stage_base(ctx),
        form=fields,
        source=str(ctx.get("identity", {}).get("sourceIp", "unknown")),
        https=headers.get("x-forwarded-proto") == "https",
        cookies=cookies_of(headers.get("cookie", "")),
    )


def session_cookie(r: Req, name: str, path: str, value: str, max_age: int) -> str:
    """A staff login kept in an HttpOnly cookie scoped to one area of the site (`path`)."""
    secure = "; Secure" if r.https else ""
    return f"{name}={value}; Path={r.base}{path}; Max-Age={max_age}; HttpOnly; SameSite=Strict{secure}"


def staff_claims(
    r: Req, name: str, says: Callable[[str], str], groups: tuple[str, ...] = (), refused: str = ""
) -> tuple[dict[str, Any] | None, PageError | None]:
    """The verified Cognito claims of cookie `name`: (None, None) without one, 401 when it
    no longer verifies, 403 (`says(refused)`) when `groups` are given and the login is in none."""
    token = r.cookies.get(name)
    if not token:
        return None, None
    from chalicelib import bootstrap

    claims, error = attempt(bootstrap.get_staff_auth().verify, token)
    if error or claims is None:
        return None, PageError(401, says("login_again"))
    if groups and not set(groups) & set(claims.get("cognito:groups", [])):
        return None, PageError(403, says(refused))
    return claims, None


def staff_sign_in(
    r: Req, says: Callable[[str], str], groups: tuple[str, ...] = (), refused: str = ""
) -> tuple[dict[str, Any] | None, PageError | None]:
    """The posted username and password checked by Cognito through `services.signin` (as
    `POST /v1/auth/login`): the login (`token`, `expires_in`), or 400 naming what is
    missing, Cognito's own refusal, 429 while locked out after failed sign-ins, or 403
    (`says(refused)`) when `groups` are given and the account is in none of them. A first
    sign-in with a temporary password gives `{"challenge", "session"}` where no `groups` are
    asked (the officers' page sets the new password), else 403."""
    username, password = r.form.get("username", "").strip(), r.form.get("password", "")
    missing = {k: Text("आवश्यक है", "required") for k, v in (("username", username), ("password", password)) if not v}
    if missing:
        return None, PageError(400, "", missing)
    from chalicelib import bootstrap
    from chalicelib.services import signin

    deps = bootstrap.sign_in()
    out, error = attempt(signin.sign_in, username, password, r.source, deps)
    if error or out is None:
        return None, error
    if "challenge" in out and groups:  # only the officers' login page sets a first password
        return None, PageError(403, FIRST_SIGN_IN)
    if "challenge" in out:
        return out, None
    if groups:
        claims, error = attempt(deps.staff.verify, out["token"])
        if error or claims is None or not set(groups) & set(claims.get("cognito:groups", [])):
            return None, error or PageError(403, says(refused))
    return out, None


@dataclass
class PageError:
    """A failed service call as a page shows it: HTTP status, message, per-field messages
    (both languages until `in_lang` picks the page's)."""

    status: int
    message: Text | str
    fields: Mapping[str, Text | str] = field(default_factory=dict)

    def field_named(self, name: str, shown_as: str) -> PageError:
        """The same error with field `name` shown as the form's field `shown_as` (a form whose
        `lang` is the page's own language names the body's `lang` otherwise)."""
        fields = {shown_as if k == name else k: v for k, v in self.fields.items()}
        return PageError(self.status, self.message, fields)

    def in_lang(self, lang: str) -> PageError:
        return PageError(self.status, say(self.message, lang), {k: say(v, lang) for k, v in self.fields.items()})


def form(raw: bytes | str | None) -> dict[str, str]:
    """A urlencoded body as {name: first value}; blanks kept so the page can echo them."""
    if isinstance(raw, bytes):
        raw = raw[:MAX_FORM_BYTES].decode("utf-8", "replace")
    pairs = urllib.parse.parse_qs(raw or "", keep_blank_values=True)
    return {k: v[0] for k, v in pairs.items()}


def lang_of(*candidates: str | None) -> str:
    for c in candidates:
        if c in LANGS:
            return str(c)
    return "hi"


def new_key() -> str:
    """An Idempotency-Key minted when a form is rendered: submitting it twice files once."""
    return secrets.token_urlsafe(16)


def mobile_e164(text: str | None) -> str:
    """Accepts what people type (98765 43210, 09876543210, +91…); validation stays in the service."""
    digits = re.sub(r"[\s-]+", "", text or "")
    if re.fullmatch(r"0?[6-9]\d{9}", digits):
        return "+91" + digits[-10:]
    if re.fullmatch(r"91[6-9]\d{9}", digits):
        return "+" + digits
    return digits


def filing_body(f: dict[str, str]) -> dict[str, str]:
    """The JSON API's filing fields out of the page form; the accused-level question
    belongs to the corruption choice only, and a blank address is no address."""
    body = {k: f.get(k, "") for k in FILING_KEYS}
    if body["category"] != "corruption":
        body.pop("accused_level")
    if not body["address"].strip():
        body.pop("address")
    return body


def attempt(fn: Callable[..., T], *args: Any) -> tuple[T | None, PageError | None]:
    """Calls a service through the one error mapping, so pages answer 400/401/403/404/409/429
    exactly where the JSON API would."""
    try:
        return fn(*args), None
    except DomainError as err:
        fields: dict[str, Text | str] = dict(getattr(err, "fields", {}) or {})
        return None, PageError(status_of(err)[0], "" if fields else err.text, fields)


def choices(places: Any, lang: str) -> list[tuple[str, str]]:
    """(code, name in `lang`) sorted by name, for a select."""
    return sorted(((p.code, p.name_hi if lang == "hi" else p.name_en) for p in places), key=lambda c: c[1])


def place_choices(directory: Directory, district: str, lang: str) -> dict[str, Any]:
    """Districts, departments and — once a district is chosen — its blocks. `blocks` is
    None before a district is chosen and [] for a district whose blocks are not listed."""
    blocks = None
    if district and directory.district(district) is not None:
        blocks = choices(directory.blocks(district), lang)
    return {
        "districts": choices(directory.districts(), lang),
        "departments": choices(directory.departments(), lang),
        "blocks": blocks,
    }


def new_password(r: Req) -> tuple[dict[str, Any] | None, PageError | None]:
    """The posted first-sign-in form (`username`, `session`, `new_password`, `confirm`) through
    `services.signin.new_password` (as `POST /v1/auth/password`): the login, or what was wrong."""
    username, session = r.form.get("username", "").strip(), r.form.get("session", "")
    password = r.form.get("new_password", "")
    if password != r.form.get("confirm", ""):
        return None, PageError(400, "", {"confirm": Text("दोनों पासवर्ड एक जैसे नहीं", "the two passwords differ")})
    from chalicelib import bootstrap
    from chalicelib.domain import schemas
    from chalicelib.services import signin

    body, bad = schemas.attempt(
        schemas.NewPassword, {"username": username, "session": session, "new_password": password}
    )
    if body is None:
        return None, PageError(400, "", dict(bad))
    return attempt(signin.new_password, body.username, body.session, body.new_password, r.source, bootstrap.sign_in())
