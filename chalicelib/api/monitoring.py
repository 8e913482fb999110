"""Monitoring routes (R-5TIER): JSON and CSV under /v1/monitoring (staff token), the printable
pages under /monitor (staff cookie). Scope is checked per object in the services."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint, Response

from chalicelib import bootstrap as b
from chalicelib.api.auth import caller
from chalicelib.api.errors import http_errors
from chalicelib.domain.actor import Caller
from chalicelib.domain.errors import Forbidden, InvalidInput
from chalicelib.domain.reference import parse_reference
from chalicelib.domain.text import Text
from chalicelib.pages import monitor as pages
from chalicelib.pages.forms import page_request
from chalicelib.services import dashboards, feedback, monitoring, weekly
from chalicelib.services.bundles import Reports
from chalicelib.services.report_tables import to_csv

bp = Blueprint(__name__)
FORM = ["application/x-www-form-urlencoded"]
VIEWS: dict[str, dashboards.View] = {
    "district": dashboards.district,
    "department": dashboards.department,
    "division": dashboards.division,
}


def _staff() -> tuple[Caller, Reports]:
    who = caller(bp.current_request)
    if who is None or who.kind != "staff":
        raise Forbidden("अधिकारी लॉगिन आवश्यक", "Staff login required")
    return who, b.reports()


def _params() -> dict[str, str]:
    return dict(bp.current_request.query_params or {})


def _out(view: dict[str, Any], q: dict[str, str], filename: str) -> Any:
    if q.get("format") == "csv":
        officers = q.get("table") == "officers" and "officers" in view
        cols, rows = (view["officer_columns"], view["officers"]) if officers else (view["columns"], view["rows"])
        return csv_response(to_csv(cols, rows, q.get("lang", "hi")), filename)
    return view


def csv_response(text: str, filename: str) -> Response:
    # A byte-order mark lets spreadsheet programs read the Devanagari as UTF-8.
    return Response(
        "\ufeff" + text,
        headers={
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": f'attachment; filename="{filename}.csv"',
        },
    )


def _view(kind: str, code: str) -> Any:
    who, deps = _staff()
    q = _params()
    scope = monitoring.viewer_scope(who.id, who.groups, deps)
    view = VIEWS[kind](
        code.upper(),
        q.get("month"),
        scope,
        deps,
        q.get("lang", "hi"),
        q.get("sort") or "pending",
        q.get("dir", "desc") != "asc",
    )
    return _out(view, q, f"{kind}-{code.lower()}-{view['month']}")


@bp.route("/v1/monitoring/district/{code}", methods=["GET"])
@http_errors
def district(code: str) -> Any:
    return _view("district", code)


@bp.route("/v1/monitoring/department/{code}", methods=["GET"])
@http_errors
def department(code: str) -> Any:
    return _view("department", code)


@bp.route("/v1/monitoring/division/{code}", methods=["GET"])
@http_errors
def division(code: str) -> Any:
    return _view("division", code)


@bp.route("/v1/monitoring/ranking", methods=["GET"])
@http_errors
def ranking() -> Any:
    who, deps = _staff()
    q = _params()
    scope = monitoring.viewer_scope(who.id, who.groups, deps)
    view = dashboards.ranking(q.get("month"), scope, deps, q.get("lang", "hi"), q.get("sort"), q.get("dir") == "desc")
    return _out(view, q, f"ranking-{view['month']}")


@bp.route("/v1/monitoring/weekly", methods=["GET"])
@http_errors
def weekly_pack() -> Any:
    who, deps = _staff()
    q = _params()
    if not monitoring.viewer_scope(who.id, who.groups, deps).state:
        raise Forbidden("केवल राज्य स्तर", "State-level review only")
    pack = weekly.latest(q.get("date"), deps)
    if q.get("format") == "csv":
        return csv_response(weekly.to_csv(pack, q.get("lang", "hi")), f"weekly-{pack['week_of']}")
    return pack


@bp.route("/v1/monitoring/feedback-calls", methods=["GET"])
@http_errors
def feedback_calls() -> Any:
    who, deps = _staff()
    monitoring.viewer_scope(who.id, who.groups, deps)
    return feedback.calls_for(who.id, _params().get("date") or monitoring.today(deps), deps)


@bp.route("/v1/monitoring/feedback-calls/{reference}", methods=["POST"])
@http_errors
def feedback_outcome(reference: str) -> Any:
    who, deps = _staff()
    monitoring.viewer_scope(who.id, who.groups, deps)
    try:
        body = bp.current_request.json_body
    except Exception:
        raise InvalidInput({"body": Text("JSON सही नहीं है", "invalid JSON")}) from None
    day = (body or {}).get("date") if isinstance(body, dict) else None
    return feedback.record(who.id, parse_reference(reference), body, day or monitoring.today(deps), deps)


# ---- pages -------------------------------------------------------------------------
@bp.route("/monitor", methods=["GET"])
def monitor_home() -> Response:
    return pages.home(page_request(bp.current_request, False))


@bp.route("/monitor/login", methods=["POST"], content_types=FORM)
def monitor_login() -> Response:
    return pages.login(page_request(bp.current_request, True))


@bp.route("/monitor/logout", methods=["POST"], content_types=FORM)
def monitor_logout() -> Response:
    return pages.logout(page_request(bp.current_request, True))


@bp.route("/monitor/ranking", methods=["GET"])
def monitor_ranking() -> Response:
    return pages.show(page_request(bp.current_request, False), "ranking", None)


@bp.route("/monitor/weekly", methods=["GET"])
def monitor_weekly() -> Response:
    return pages.show(page_request(bp.current_request, False), "weekly", None)


@bp.route("/monitor/district/{code}", methods=["GET"])
def monitor_district(code: str) -> Response:
    return pages.show(page_request(bp.current_request, False), "district", code.upper())


@bp.route("/monitor/department/{code}", methods=["GET"])
def monitor_department(code: str) -> Response:
    return pages.show(page_request(bp.current_request, False), "department", code.upper())


@bp.route("/monitor/division/{code}", methods=["GET"])
def monitor_division(code: str) -> Response:
    return pages.show(page_request(bp.current_request, False), "division", code.upper())
