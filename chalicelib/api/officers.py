"""Officer and call-centre routes: actions, satisfaction outcome, inbox (docs/api.md, "Officers
and call-centre staff")."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib.api.errors import http_errors
from chalicelib.api.spec import LINK, STAFF, operation
from chalicelib.domain.errors import Forbidden, NotFound, Unauthorized

bp = Blueprint(__name__)


@bp.route("/v1/complaints/{reference}/actions", methods=["POST"])
@operation(
    "An officer's action: interim reply, resolve, transfer, final decision",
    "officers",
    body="ActionBody",
    response=("ComplaintView", "PublicStatus"),
    auth=(LINK, STAFF),
    errors=(403, 404, 409),
    description="The complaint as the caller may now see it: the public status once it left the caller's hands.",
)
@http_errors
def act(reference: str) -> dict[str, Any]:
    from chalicelib import bootstrap as b
    from chalicelib.api.auth import caller
    from chalicelib.api.requests import json_body
    from chalicelib.domain.complaint import public_status
    from chalicelib.domain.reference import parse_reference
    from chalicelib.services import actions, tracking

    who = caller(bp.current_request)
    if who is None:
        raise Unauthorized()
    ref = parse_reference(reference)
    d = b.desk()
    actions.act(who, ref, json_body(bp.current_request), d)
    if who.kind == "link":
        # The link's assignment may have ended with this action: answer with the public view.
        return public_status(tracking.find(ref, d.complaints))
    try:
        return tracking.full_view(ref, who, d.complaints, d.directory)
    except NotFound:  # done, but now out of the caller's scope (a transfer to another department)
        return public_status(tracking.find(ref, d.complaints))


@bp.route("/v1/complaints/{reference}/satisfaction", methods=["POST"])
@operation(
    "The citizen's answer on a callback (call centre)",
    "officers",
    body="Satisfaction",
    response="Outcome",
    auth=(STAFF,),
    errors=(403, 404, 409),
)
@http_errors
def satisfaction(reference: str) -> dict[str, Any]:
    from chalicelib import bootstrap as b
    from chalicelib.api.auth import caller
    from chalicelib.api.requests import json_body
    from chalicelib.domain.reference import parse_reference
    from chalicelib.services import actions

    who = caller(bp.current_request)
    assert who is not None
    if who.kind != "staff":  # the complainant answers at /feedback
        raise Forbidden("केवल कॉल सेंटर", "Only call-centre staff record the callback outcome")
    c = actions.record_satisfaction(who, parse_reference(reference), json_body(bp.current_request), b.desk())
    return {"reference": c.reference, "status": c.status, "level": c.level}


@bp.route("/v1/officer/inbox", methods=["GET"])
@operation(
    "The waiting complaints of every post the officer holds, most urgent first",
    "officers",
    query="InboxQuery",
    response="Inbox",
    auth=(STAFF,),
    errors=(403,),
)
@http_errors
def officer_inbox() -> dict[str, Any]:
    from chalicelib import bootstrap as b
    from chalicelib.api.auth import caller
    from chalicelib.api.requests import query_as
    from chalicelib.domain import schemas
    from chalicelib.services import inbox

    who = caller(bp.current_request)
    assert who is not None
    if who.kind != "staff":
        raise Forbidden("अधिकारी लॉगिन आवश्यक", "Officer login required")
    q = query_as(bp.current_request, schemas.InboxQuery)
    return inbox.inbox(who.id, b.get_directory(), b.get_complaints(), q.cursor, b.signing_keys())


@bp.route("/v1/callbacks", methods=["GET"])
@operation(
    "The citizens to call back about a resolution, oldest first (call centre)",
    "officers",
    response="Callbacks",
    auth=(STAFF,),
    errors=(403,),
)
@http_errors
def callback_queue() -> dict[str, Any]:
    """The call centre's list of citizens to call back about a resolution, oldest first."""
    from chalicelib import bootstrap as b
    from chalicelib.api.auth import caller
    from chalicelib.services.callbacks import queue_for_cce

    who = caller(bp.current_request)
    if who is None or not who.in_group("cce"):
        raise Forbidden("केवल कॉल सेंटर", "Only call-centre staff")
    return {"callbacks": queue_for_cce(b.get_clock().now(), b.get_callbacks(), b.get_complaints())}


def _lists(fn: Any, code: str) -> dict[str, Any]:
    from chalicelib import bootstrap as b
    from chalicelib.api.auth import caller
    from chalicelib.api.requests import query_as
    from chalicelib.domain import schemas
    from chalicelib.services import monitoring

    who = caller(bp.current_request)
    if who is None or who.kind != "staff":
        raise Forbidden("अधिकारी लॉगिन आवश्यक", "Officer login required")
    q = query_as(bp.current_request, schemas.ListQuery)
    reports = b.reports()
    v = monitoring.viewer(who, reports)
    return fn(code, q.kind, q.cursor, v, reports)  # type: ignore[no-any-return]


LIST = {
    "query": "ListQuery",
    "response": "ListPage",
    "auth": (STAFF,),
    "errors": (403, 404),
}


@bp.route("/v1/lists/district/{code}", methods=["GET"])
@operation("A page of a district's complaints or demands, newest first", "officers", **LIST)
@http_errors
def district_list(code: str) -> dict[str, Any]:
    """R-LISTED: a district's complaints (`?kind=complaint`) or demands (`?kind=demand`)."""
    from chalicelib.services.lists import district_list as fn

    return _lists(fn, code)


@bp.route("/v1/lists/department/{code}", methods=["GET"])
@operation("A page of a department's complaints or demands, newest first", "officers", **LIST)
@http_errors
def department_list(code: str) -> dict[str, Any]:
    from chalicelib.services.lists import department_list as fn

    return _lists(fn, code)
