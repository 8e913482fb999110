"""The monitoring pages (R-5TIER): staff login with a cookie, then printable, sortable tables and
charts per tier, Hindi first. Every figure comes from the same views as the JSON API."""

from __future__ import annotations

import secrets
import urllib.parse
from typing import Any

from chalice import Response

from chalicelib import bootstrap as b
from chalicelib.domain.errors import NotFound
from chalicelib.domain.grading import indian
from chalicelib.domain.scope import Scope
from chalicelib.domain.text import Text
from chalicelib.pages import charts
from chalicelib.pages.forms import PageError, Req, attempt, session_cookie, staff_claims, staff_sign_in
from chalicelib.pages.monitor_text import words
from chalicelib.pages.render import CSP, html, redirect
from chalicelib.services import dashboards, monitoring, weekly
from chalicelib.services.bundles import Reports
from chalicelib.services.report_tables import to_csv

COOKIE = "cmh_staff"
GROUPS = ("monitor", "admin")
VIEWS: dict[str, dashboards.View] = {
    "district": dashboards.district,
    "department": dashboards.department,
    "division": dashboards.division,
}


def _cookie(r: Req, value: str, max_age: int) -> str:
    return session_cookie(r, COOKIE, "/monitor", value, max_age)


def _viewer(r: Req) -> tuple[dict[str, Any] | None, PageError | None]:
    return staff_claims(r, COOKIE, words(r.lang), GROUPS, "not_monitor")


def _login_page(r: Req, error: PageError | None = None) -> Response:
    return html(
        "monitor_login.html",
        error.status if error else 200,
        lang=r.lang,
        base=r.base,
        m=words(r.lang),
        error=error,
        f={"username": r.form.get("username", "")},
        query={"lang": r.lang},
    )


def login(r: Req) -> Response:
    out, error = staff_sign_in(r, words(r.lang), GROUPS, "not_monitor")
    if error or out is None:
        return _login_page(r, error)
    return redirect(f"{r.base}/monitor?lang={r.lang}", {"Set-Cookie": _cookie(r, out["token"], int(out["expires_in"]))})


def logout(r: Req) -> Response:
    return redirect(f"{r.base}/monitor?lang={r.lang}", {"Set-Cookie": _cookie(r, "", 0)})


def home(r: Req) -> Response:
    """The viewer's own dashboard: district, division, department, else the state ranking."""
    claims, error = _viewer(r)
    if claims is None:
        return _login_page(r, error)
    s, _ = attempt(
        monitoring.viewer_scope, claims["username"], frozenset(claims.get("cognito:groups", [])), b.reports()
    )
    where = "ranking"
    if s is not None and not s.everything:
        for kind, codes in (("district", s.districts), ("division", s.divisions), ("department", s.departments)):
            if codes:
                where = f"{kind}/{sorted(codes)[0]}"
                break
    return redirect(f"{r.base}/monitor/{where}?lang={r.lang}")


def _weekly(scope: Scope, deps: Reports, lang: str) -> dict[str, Any]:
    if not scope.state:
        raise NotFound(Text("साप्ताहिक समीक्षा", "weekly review"))
    pack = weekly.latest(None, deps)
    for section in ("ranking", "weakest_departments", "long_pendency"):
        for row in pack[section]:
            row["name"] = row["name_hi"] if lang == "hi" else row["name_en"]
    return {**pack, "kind": "weekly"}


def _call(kind: str, code: str | None, q: dict[str, str], scope: Scope, deps: Reports, lang: str) -> dict[str, Any]:
    desc = q.get("dir", "asc" if kind == "ranking" else "desc") == "desc"
    if kind == "ranking":
        return dashboards.ranking(q.get("month"), scope, deps, lang, q.get("sort"), desc)
    if kind == "weekly":
        return _weekly(scope, deps, lang)
    return VIEWS[kind](code or "", q.get("month"), scope, deps, lang, q.get("sort") or "pending", desc)


def _csv(view: dict[str, Any], kind: str, q: dict[str, str], lang: str) -> Response:
    if kind == "weekly":
        text = weekly.to_csv(view, lang)
    elif q.get("table") == "officers" and "officers" in view:
        text = to_csv(view["officer_columns"], view["officers"], lang)
    else:
        text = to_csv(view["columns"], view["rows"], lang)
    return Response(
        "\ufeff" + text,
        headers={
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": f'attachment; filename="{kind}.csv"',
        },
    )


def show(r: Req, kind: str, code: str | None) -> Response:
    claims, error = _viewer(r)
    if claims is None:
        return _login_page(r, error)
    deps = b.reports()
    q, lang = r.form, r.lang
    scope, error = attempt(
        monitoring.viewer_scope, claims["username"], frozenset(claims.get("cognito:groups", [])), deps
    )
    view = None
    if scope is not None:
        view, error = attempt(_call, kind, code, q, scope, deps, lang)
    if view is None:
        return html(
            "monitor.html",
            error.status if error else 404,
            lang=lang,
            base=r.base,
            m=words(lang),
            error=error,
            view=None,
            kind=kind,
            query=q,
            fmt=_fmt,
            charts={},
            user=claims["username"],
        )
    if q.get("format") == "csv":
        return _csv(view, kind, q, lang)
    nonce = secrets.token_urlsafe(12)
    csp = CSP + f"; script-src 'nonce-{nonce}'"
    linkable = {
        d.code
        for d in deps.directory.districts()
        if scope is not None and scope.district_departments(d.code, d.parent) != frozenset()
    }
    return html(
        "monitor.html",
        lang=lang,
        base=r.base,
        m=words(lang),
        view=view,
        kind=kind,
        code=code,
        query=q,
        nonce=nonce,
        charts=_charts(view, kind, lang),
        user=claims["username"],
        fmt=_fmt,
        linkable=linkable,
        qs=lambda **kw: _qs(q, lang, **kw),
        headers={"Content-Security-Policy": csp},
    )


def _fmt(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return str(v)
    return indian(v) if isinstance(v, int) else f"{v:.2f}"


def _qs(q: dict[str, str], lang: str, **changes: str) -> str:
    keep = {k: v for k, v in q.items() if k in ("month", "sort", "dir")}
    return urllib.parse.urlencode({**keep, "lang": lang, **changes})


def _charts(view: dict[str, Any], kind: str, lang: str) -> dict[str, Any]:
    t = words(lang)
    out: dict[str, Any] = {}
    if view.get("trend"):
        out["trend"] = charts.trend(t("trend_h"), [(p["month"][2:], p["score"]) for p in view["trend"]])
    if kind in ("ranking", "weekly"):
        rows = sorted(
            (x for x in (view["rows"] if kind == "ranking" else view["ranking"]) if x.get("rank")),
            key=lambda x: x["rank"],
        )
        out["bars"] = charts.bars(t("ranking"), [(x["name"], x["score"], False) for x in rows])
    return out
