"""Monitoring routes (R-5TIER): JSON and CSV under /v1/monitoring (staff token), the printable
pages under /monitor (staff cookie). Scope is checked per object in the services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Blueprint, Response

from chalicelib.api.errors import http_errors
from chalicelib.api.spec import STAFF, operation
from chalicelib.domain.errors import Forbidden

if TYPE_CHECKING:
    from chalicelib.domain import schemas
    from chalicelib.domain.actor import Caller
    from chalicelib.services.bundles import Reports


bp = Blueprint(__name__)
FORM = ["application/x-www-form-urlencoded"]


def _staff() -> tuple[Caller, Reports]:
    from chalicelib import bootstrap as b
    from chalicelib.api.auth import caller

    who = caller(bp.current_request)
    if who is None or who.kind != "staff":
        raise Forbidden("अधिकारी लॉगिन आवश्यक", "Staff login required")
    return who, b.reports()


def _out(view: dict[str, Any], q: schemas.DashboardQuery, filename: str) -> Any:
    from chalicelib.services.report_tables import to_csv

    if q.format == "csv":
        officers = q.table == "officers" and "officers" in view
        cols, rows = (view["officer_columns"], view["officers"]) if officers else (view["columns"], view["rows"])
        return csv_response(to_csv(cols, rows, q.lang or "hi"), filename)
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
    from chalicelib.api.requests import query_as
    from chalicelib.domain import schemas
    from chalicelib.services import dashboards, monitoring

    who, deps = _staff()
    q = query_as(bp.current_request, schemas.DashboardQuery)
    scope = monitoring.viewer_scope(who.id, who.groups, deps)
    views: dict[str, dashboards.View] = {
        "district": dashboards.district,
        "department": dashboards.department,
        "division": dashboards.division,
    }
    view = views[kind](code.upper(), q.month, scope, deps, q.lang or "hi", q.sort or "pending", q.dir != "asc")
    return _out(view, q, f"{kind}-{code.lower()}-{view['month']}")


TIER = {
    "query": "DashboardQuery",
    "response": "Dashboard",
    "csv": True,
    "auth": (STAFF,),
    "errors": (403, 404),
}


@bp.route("/v1/monitoring/district/{code}", methods=["GET"])
@operation("A district's dashboard (`?format=csv` for the table)", "monitoring", **TIER)
@http_errors
def district(code: str) -> Any:
    return _view("district", code)


@bp.route("/v1/monitoring/department/{code}", methods=["GET"])
@operation("A department's dashboard", "monitoring", **TIER)
@http_errors
def department(code: str) -> Any:
    return _view("department", code)


@bp.route("/v1/monitoring/division/{code}", methods=["GET"])
@operation("A division's dashboard", "monitoring", **TIER)
@http_errors
def division(code: str) -> Any:
    return _view("division", code)


@bp.route("/v1/monitoring/ranking", methods=["GET"])
@operation("The state's ranking of districts", "monitoring", **TIER)
@http_errors
def ranking() -> Any:
    from chalicelib.api.requests import query_as
    from chalicelib.domain import schemas
    from chalicelib.services import dashboards, monitoring

    who, deps = _staff()
    q = query_as(bp.current_request, schemas.DashboardQuery)
    scope = monitoring.viewer_scope(who.id, who.groups, deps)
    view = dashboards.ranking(q.month, scope, deps, q.lang or "hi", q.sort, q.dir == "desc")
    return _out(view, q, f"ranking-{view['month']}")


@bp.route("/v1/monitoring/weekly", methods=["GET"])
@operation(
    "The weekly review pack (state level)",
    "monitoring",
    query="WeeklyQuery",
    response="WeeklyPack",
    csv=True,
    auth=(STAFF,),
    errors=(403, 404),
)
@http_errors
def weekly_pack() -> Any:
    from chalicelib.api.requests import query_as
    from chalicelib.domain import schemas
    from chalicelib.services import monitoring, weekly

    who, deps = _staff()
    q = query_as(bp.current_request, schemas.WeeklyQuery)
    if not monitoring.viewer_scope(who.id, who.groups, deps).state:
        raise Forbidden("केवल राज्य स्तर", "State-level review only")
    pack = weekly.latest(q.date, deps)
    if q.format == "csv":
        return csv_response(weekly.to_csv(pack, q.lang or "hi"), f"weekly-{pack['week_of']}")
    return pack


@bp.route("/v1/monitoring/feedback-calls", methods=["GET"])
@operation(
    "The day's sampled complainants to call",
    "monitoring",
    query="DayQuery",
    response="FeedbackCalls",
    auth=(STAFF,),
    errors=(403, 404),
)
@http_errors
def feedback_calls() -> Any:
    from chalicelib.api.requests import query_as
    from chalicelib.domain import schemas
    from chalicelib.services import feedback, monitoring

    who, deps = _staff()
    monitoring.viewer_scope(who.id, who.groups, deps)
    q = query_as(bp.current_request, schemas.DayQuery)
    return feedback.calls_for(who.id, q.date or monitoring.today(deps), deps)


@bp.route("/v1/monitoring/feedback-calls/{reference}", methods=["POST"])
@operation(
    "The outcome of a feedback call",
    "monitoring",
    body="FeedbackOutcome",
    response="FeedbackRecorded",
    auth=(STAFF,),
    errors=(403, 404),
)
@http_errors
def feedback_outcome(reference: str) -> Any:
    from chalicelib.api.requests import json_body
    from chalicelib.domain.reference import parse_reference
    from chalicelib.services import feedback, monitoring

    who, deps = _staff()
    monitoring.viewer_scope(who.id, who.groups, deps)
    body = json_body(bp.current_request)
    return feedback.record(who.id, parse_reference(reference), body, monitoring.today(deps), deps)


# ---- pages -------------------------------------------------------------------------
@bp.route("/monitor", methods=["GET"])
def monitor_home() -> Response:
    from chalicelib.pages import monitor as pages
    from chalicelib.pages.forms import page_request

    return pages.home(page_request(bp.current_request, False))


@bp.route("/monitor/login", methods=["POST"], content_types=FORM)
def monitor_login() -> Response:
    from chalicelib.pages import monitor as pages
    from chalicelib.pages.forms import page_request

    return pages.login(page_request(bp.current_request, True))


@bp.route("/monitor/logout", methods=["POST"], content_types=FORM)
def monitor_logout() -> Response:
    from chalicelib.pages import monitor as pages
    from chalicelib.pages.forms import page_request

    return pages.logout(page_request(bp.current_request, True))


@bp.route("/monitor/ranking", methods=["GET"])
def monitor_ranking() -> Response:
    from chalicelib.pages import monitor as pages
    from chalicelib.pages.forms import page_request

    return pages.show(page_request(bp.current_request, False), "ranking", None)


@bp.route("/monitor/weekly", methods=["GET"])
def monitor_weekly() -> Response:
    from chalicelib.pages import monitor as pages
    from chalicelib.pages.forms import page_request

    return pages.show(page_request(bp.current_request, False), "weekly", None)


@bp.route("/monitor/district/{code}", methods=["GET"])
def monitor_district(code: str) -> Response:
    from chalicelib.pages import monitor as pages
    from chalicelib.pages.forms import page_request

    return pages.show(page_request(bp.current_request, False), "district", code.upper())


@bp.route("/monitor/department/{code}", methods=["GET"])
def monitor_department(code: str) -> Response:
    from chalicelib.pages import monitor as pages
    from chalicelib.pages.forms import page_request

    return pages.show(page_request(bp.current_request, False), "department", code.upper())


@bp.route("/monitor/division/{code}", methods=["GET"])
def monitor_division(code: str) -> Response:
    from chalicelib.pages import monitor as pages
    from chalicelib.pages.forms import page_request

    return pages.show(page_request(bp.current_request, False), "division", code.upper())
