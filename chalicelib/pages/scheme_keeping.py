"""The state nodal officer's scheme pages (R-SCHEME-KB), `/nodal/schemes`: the department's
schemes, active and ended; a new one; an amendment (the form filled from the current version,
which it carries, so an amendment made meanwhile is refused); an ending; every version with
who wrote it, when and which fields it changed. Signed in with the officers' login
(`cmh_officer`), Hindi first, no JavaScript needed; each form goes through the same use cases
as `POST/PUT /v1/schemes…` (`services.schemes`), which decide who may (`keeps_schemes`)."""

from __future__ import annotations

import re
import urllib.parse
from datetime import datetime
from typing import Any

from chalice import Response

from chalicelib import bootstrap as b
from chalicelib.domain.actor import Caller
from chalicelib.domain.calendar import IST
from chalicelib.domain.errors import NotFound
from chalicelib.domain.schemas import SCHEME_LIMITS
from chalicelib.domain.schemes import ID_PATTERN, SCHEME, Scheme, Version
from chalicelib.pages import officer_desk
from chalicelib.pages.forms import PageError, Req, attempt, choices
from chalicelib.pages.render import html, redirect
from chalicelib.pages.scheme_text import keeper_translator
from chalicelib.services import schemes

HOME = "/nodal/schemes"
ROWS_MAX = SCHEME_LIMITS["bullets"]
ROWS_SPARE = 2  # empty eligibility rows offered below the filled ones
TEXTS = ("name_hi", "name_en", "objective_hi", "objective_en")
DONE = ("created", "amended", "unchanged", "ended")
_ROW_FIELD = re.compile(r"elig_(hi|en)_([0-9]+)")
_SENT_ROW = re.compile(r"eligibility\.([0-9]+)\.(hi|en)")


def page(template: str, r: Req, status: int = 200, **ctx: Any) -> Response:
    ctx.setdefault("query", {})
    kt = keeper_translator(r.lang)
    return html(template, status, lang=r.lang, base=r.base, kt=kt, nt=kt, ot=kt, **ctx)


def _who(r: Req) -> tuple[Caller | None, Response | None]:
    who, error = officer_desk.signed_in(r)
    if who is None:
        return None, officer_desk.login_page(r, error, next_=HOME)
    return who, None


def _refused(r: Req, error: PageError) -> Response:
    """403 or 404, in the page's words, as the JSON API answers the same caller."""
    return page("nodal_schemes.html", r, error.status, error=error, schemes=[], departments=[])


def _scheme(r: Req, who: Caller, scheme_id: str) -> tuple[Scheme | None, PageError | None]:
    if not re.fullmatch(ID_PATTERN, scheme_id):
        return attempt(_unknown)
    return attempt(schemes.for_keeper, who, scheme_id, b.scheme_desk())


def _unknown() -> Scheme:
    raise NotFound(SCHEME)


def _when(at: str) -> str:
    return datetime.fromisoformat(at).astimezone(IST).strftime("%d-%m-%Y %H:%M") if at else ""


def _names(lang: str) -> dict[str, str]:
    return dict(choices(b.get_directory().departments(), lang))


def _to(r: Req, path: str, **query: str) -> Response:
    return redirect(f"{r.base}{path}?{urllib.parse.urlencode({'lang': r.lang, **query})}")


# ---- the form and the use cases' body --------------------------------------------------
def rows_of(f: dict[str, str]) -> int:
    """How many eligibility rows the posted form had (its highest row number)."""
    found = [int(m[2]) for k in f if (m := _ROW_FIELD.fullmatch(k))]
    return min(max(found, default=0), ROWS_MAX)


def scheme_body(f: dict[str, str]) -> tuple[dict[str, Any], list[int]]:
    """The JSON API's scheme text out of the form, and the form row of each condition sent (a
    row with both halves empty is no condition; one half empty is sent, for the service to name)."""
    body: dict[str, Any] = {k: f.get(k, "").strip() for k in TEXTS}
    sent: list[int] = []
    eligibility = []
    for i in range(1, rows_of(f) + 1):
        hi, en = f.get(f"elig_hi_{i}", "").strip(), f.get(f"elig_en_{i}", "").strip()
        if hi or en:
            sent.append(i)
            eligibility.append({"hi": hi, "en": en})
    body["eligibility"] = eligibility
    if f.get("note", "").strip():
        body["note"] = f["note"].strip()
    if "version" in f:
        body["version"] = version_of(f["version"])
    return body, sent


def version_of(text: str) -> int | str:
    """The form's hidden version as the API's number (anything else is sent as it is, and refused)."""
    v = text.strip()
    return int(v) if v.isdigit() and len(v) < 10 else v


def on_form(error: PageError | None, sent: list[int]) -> PageError | None:
    """The service's field names as the form's: `eligibility.0.hi` is the row it came from."""
    if error is None or not error.fields:
        return error
    fields: dict[str, Any] = {}
    for k, v in error.fields.items():
        m = _SENT_ROW.fullmatch(k)
        fields[f"elig_{m[2]}_{sent[int(m[1])]}" if m and int(m[1]) < len(sent) else k] = v
    return PageError(error.status, error.message, fields)


def filled(s: Scheme) -> dict[str, str]:
    """The amendment form as the current version reads, with that version."""
    f = {
        "name_hi": s.name.hi,
        "name_en": s.name.en,
        "objective_hi": s.objective.hi,
        "objective_en": s.objective.en,
        "version": str(s.version),
    }
    for i, e in enumerate(s.eligibility, 1):
        f[f"elig_hi_{i}"], f[f"elig_en_{i}"] = e.hi, e.en
    return f


def _rows(f: dict[str, str], more: bool) -> int:
    n = rows_of(f)
    filled_rows = max(
        [i for i in range(1, n + 1) if f.get(f"elig_hi_{i}", "").strip() or f.get(f"elig_en_{i}", "").strip()],
        default=0,
    )
    return min(max(n if not more else n + 3, filled_rows + ROWS_SPARE, 3), ROWS_MAX)


def _acting(r: Req) -> bool:
    """A press of the form's own button (not the language switch, not "more rows")."""
    return not r.form.get("setlang") and r.form.get("step") != "more"


# ---- the pages ----------------------------------------------------------------------
def home(r: Req) -> Response:
    """GET /nodal/schemes (`department`): the department's schemes, active first, with the
    links to amend, end and see each one's versions."""
    who, other = _who(r)
    if who is None:
        return other  # type: ignore[return-value]
    deps = b.scheme_desk()
    kept = schemes.kept_departments(who, deps)
    department = r.form.get("department") or (kept[0] if kept else "")
    found, error = attempt(schemes.kept, who, department, deps)
    if error or found is None:
        return _refused(r, error or PageError(403, ""))
    names = _names(r.lang)
    done = r.form.get("done") if r.form.get("done") in DONE else None
    return page(
        "nodal_schemes.html",
        r,
        user=who.id,
        department=department,
        department_name=names.get(department, department),
        departments=[(d, names.get(d, d)) for d in kept],
        schemes=[_listed(s, r.lang) for s in found],
        done=done,
        query={"department": department},
    )


def _listed(s: Scheme, lang: str) -> dict[str, Any]:
    return {
        "scheme_id": s.scheme_id,
        "name": s.name.in_lang(lang),
        "other_name": s.name.in_lang("en" if lang == "hi" else "hi"),
        "active": s.active,
        "version": s.version,
        "updated": _when(s.updated_at),
    }


def new_form(r: Req, posted: bool) -> Response:
    """GET/POST /nodal/schemes/new: a new scheme of a department the caller keeps."""
    who, other = _who(r)
    if who is None:
        return other  # type: ignore[return-value]
    deps = b.scheme_desk()
    kept = schemes.kept_departments(who, deps)
    if not kept:  # the service's own refusal, as `POST /v1/schemes` gives it
        _, refusal = attempt(schemes.kept, who, r.form.get("department", ""), deps)
        return _refused(r, refusal or PageError(403, ""))
    f = dict(r.form)
    f.setdefault("department", kept[0] if len(kept) == 1 else "")
    error = None
    if posted and _acting(r):
        body, sent = scheme_body(f)
        body["department"] = f.get("department", "")
        s, error = attempt(schemes.create, who, body, deps)
        if s is not None:
            return _to(r, f"{HOME}/{s.scheme_id}", done="created")
        error = on_form(error, sent)
    names = _names(r.lang)
    return _form_page(
        r,
        error,
        f,
        posted,
        departments=[(d, names.get(d, d)) for d in kept],
        action=f"{HOME}/new",
        scheme=None,
        back=f"{HOME}?{urllib.parse.urlencode({'lang': r.lang, 'department': f['department']})}",
    )


def _form_page(r: Req, error: PageError | None, f: dict[str, Any], posted: bool, **shown: Any) -> Response:
    """The scheme form (new or amend): the values as entered, the error beside its field."""
    more = posted and r.form.get("step") == "more"
    return page(
        "nodal_scheme_form.html",
        r,
        error.status if error else 200,
        error=error,
        f=f,
        rows=_rows(f, more),
        posted=True,
        **shown,
    )


def amend_form(r: Req, scheme_id: str, posted: bool) -> Response:
    """GET/POST /nodal/schemes/{scheme_id}/amend: the current version in the form; saving it is
    `schemes.amend` with the version the form was filled from (another version stored since is
    refused: 409, the text as typed kept)."""
    who, other = _who(r)
    if who is None:
        return other  # type: ignore[return-value]
    s, error = _scheme(r, who, scheme_id)
    if s is None:
        return _refused(r, error or PageError(404, ""))
    f = dict(r.form) if posted else filled(s) | {"lang": r.lang}
    if posted and _acting(r):
        body, sent = scheme_body(f)
        out, error = attempt(schemes.amend, who, s.scheme_id, body, b.scheme_desk())
        if out is not None:
            done = "unchanged" if out.version == s.version else "amended"
            return _to(r, f"{HOME}/{s.scheme_id}", done=done)
        error = on_form(error, sent)
    stale = bool(error and error.status == 409)
    if stale:  # what it reads now, beside what the officer typed
        s = attempt(schemes.for_keeper, who, s.scheme_id, b.scheme_desk())[0] or s
    names = _names(r.lang)
    return _form_page(
        r,
        error,
        f,
        posted,
        departments=[(s.department, names.get(s.department, s.department))],
        action=f"{HOME}/{s.scheme_id}/amend",
        scheme=_listed(s, r.lang),
        now=_version_text(s, r.lang) if stale else None,
        stale=stale,
        back=f"{HOME}/{s.scheme_id}?lang={r.lang}",
    )


def end_form(r: Req, scheme_id: str, posted: bool) -> Response:
    """GET/POST /nodal/schemes/{scheme_id}/end: `schemes.end` with a line on why, and the
    version the page showed."""
    who, other = _who(r)
    if who is None:
        return other  # type: ignore[return-value]
    s, error = _scheme(r, who, scheme_id)
    if s is None:
        return _refused(r, error or PageError(404, ""))
    f = dict(r.form) if posted else {"version": str(s.version), "lang": r.lang}
    if posted and _acting(r) and s.active:
        body: dict[str, Any] = {}
        if f.get("note", "").strip():
            body["note"] = f["note"].strip()
        body["version"] = version_of(f.get("version", ""))
        out, error = attempt(schemes.end, who, s.scheme_id, body, b.scheme_desk())
        if out is not None:
            return _to(r, f"{HOME}/{s.scheme_id}", done="ended")
    return page(
        "nodal_scheme_end.html",
        r,
        error.status if error else 200,
        error=error,
        f=f,
        s=s,
        scheme=_listed(s, r.lang),
        objective=s.objective.in_lang(r.lang).splitlines(),
        eligibility=[e.in_lang(r.lang) for e in s.eligibility],
        stale=bool(error and error.status == 409),
        posted=True,
    )


def history(r: Req, scheme_id: str) -> Response:
    """GET /nodal/schemes/{scheme_id}: the scheme as it now reads and every version, newest
    first: what it did, when (India time), who wrote it, the fields it changed, its note."""
    who, other = _who(r)
    if who is None:
        return other  # type: ignore[return-value]
    s, error = _scheme(r, who, scheme_id)
    if s is None:
        return _refused(r, error or PageError(404, ""))
    found = schemes.versions(s.scheme_id, b.get_schemes())
    names = _names(r.lang)
    done = r.form.get("done") if r.form.get("done") in DONE else None
    return page(
        "nodal_scheme.html",
        r,
        scheme=_listed(s, r.lang),
        department=s.department,
        department_name=names.get(s.department, s.department),
        versions=[_version(v, r.lang) for v in reversed(found)],
        done=done,
        query={},
    )


def _version(v: Version, lang: str) -> dict[str, Any]:
    return _version_text(v.scheme, lang) | {
        "event": v.event,
        "at": _when(v.at),
        "by": v.by.split(":", 1)[-1],
        "changed": list(v.changed),
        "note": v.note or "",
    }


def _version_text(s: Scheme, lang: str) -> dict[str, Any]:
    return {
        "version": s.version,
        "name": s.name.in_lang(lang),
        "objective": s.objective.in_lang(lang).splitlines(),
        "eligibility": [e.in_lang(lang) for e in s.eligibility],
    }
