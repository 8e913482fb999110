"""Directory administration (docs/api.md, "Directory administration"): the posts with holders and
vacancies, postings started and ended, a post's history, a CSV import and export, an officer's
password sent again.
The district nodal officer manages the district's posts, a department's state nodal officer its
divisional and state posts, the administrator all; others get 404 (not theirs) or 403."""

from __future__ import annotations

import urllib.parse
from typing import TYPE_CHECKING, Any

from chalice import Blueprint, Response

from chalicelib.api.errors import http_errors
from chalicelib.api.spec import STAFF, operation
from chalicelib.domain import imports
from chalicelib.domain.errors import Forbidden, InvalidInput
from chalicelib.domain.text import Text

if TYPE_CHECKING:
    from chalicelib.domain.actor import Caller


bp = Blueprint(__name__)
CSV = ["text/csv"]


def _staff() -> Caller:
    from chalicelib.api.auth import caller
    from chalicelib.services import postings

    who = caller(bp.current_request)
    if who is None or who.kind != "staff":
        raise Forbidden(*postings.NOT_A_MANAGER)
    return who


@bp.route("/v1/directory/posts", methods=["GET"])
@operation(
    "A district's posts (or a department's divisional and state posts) with holders and vacancies",
    "directory",
    query="PostsQuery",
    response="PostHolders",
    many=True,
    csv=True,
    auth=(STAFF,),
    errors=(403, 404),
    description="Mobiles are masked. `?format=csv` is the district's export, one line per holder or vacant post.",
)
@http_errors
def posts() -> Any:
    from chalicelib import bootstrap as b
    from chalicelib.api.monitoring import csv_response
    from chalicelib.api.requests import query_as
    from chalicelib.domain import schemas
    from chalicelib.services import roster

    who = _staff()
    q = query_as(bp.current_request, schemas.PostsQuery)
    rows = roster.listing(who, q.district, q.department, b.get_directory())
    if q.format == "csv":
        name = (q.district or q.department or "posts").lower()
        return csv_response(roster.to_csv(rows), f"posts-{name}")
    return rows


@bp.route("/v1/directory/posts/{post_id}/postings", methods=["POST"])
@operation(
    "Post an officer (regular or additional charge) by an order; a new officer gets a login at once",
    "directory",
    body="PostingBody",
    ok=201,
    response="PostingMade",
    auth=(STAFF,),
    errors=(403, 404, 409),
)
@http_errors
def start_posting(post_id: str) -> Response:
    from chalicelib import bootstrap as b
    from chalicelib.api.requests import json_body
    from chalicelib.services import postings

    who = _staff()
    out = postings.start(who, urllib.parse.unquote(post_id), json_body(bp.current_request), b.postings())
    return Response(out, status_code=201)


@bp.route("/v1/directory/posts/{post_id}/changes", methods=["GET"])
@operation(
    "A post's directory history, newest first: postings made and ended, passwords sent again",
    "directory",
    response="PostChange",
    many=True,
    auth=(STAFF,),
    errors=(403, 404),
)
@http_errors
def post_changes(post_id: str) -> Any:
    from chalicelib import bootstrap as b
    from chalicelib.services import postings

    return postings.history(_staff(), urllib.parse.unquote(post_id), b.get_directory())


@bp.route("/v1/directory/postings/{posting_id}/end", methods=["POST"])
@operation(
    "End a posting (transfer, retirement, …): the officer's access to the post ends at once",
    "directory",
    body="EndPostingBody",
    response="PostingEnded",
    auth=(STAFF,),
    errors=(403, 404, 409),
)
@http_errors
def end_posting(posting_id: str) -> dict[str, Any]:
    from chalicelib import bootstrap as b
    from chalicelib.api.requests import json_body
    from chalicelib.services import postings

    return postings.end(_staff(), posting_id, json_body(bp.current_request), b.postings())


@bp.route("/v1/directory/imports", methods=["POST"], content_types=CSV)
@operation(
    "A CSV of postings, all or nothing: a bad row and nothing is applied (each bad row's fields named)",
    "directory",
    csv_body=True,
    response="ImportReport",
    auth=(STAFF,),
    errors=(403,),
    description=f"Columns: {', '.join(imports.COLUMNS)} ({' and '.join(imports.OPTIONAL)} may be left out; "
    f"lang is hi or en); at most {imports.MAX_ROWS} rows.",
)
@http_errors
def import_postings() -> dict[str, Any]:
    from chalicelib import bootstrap as b
    from chalicelib.services import directory_import

    who = _staff()
    raw = bp.current_request.raw_body or b""
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
    except UnicodeDecodeError:
        raise InvalidInput({"body": Text("UTF-8 में CSV भेजें", "send the CSV in UTF-8")}) from None
    return directory_import.import_csv(who, text, b.postings())


@bp.route("/v1/directory/officers/{username}/password", methods=["POST"])
@operation(
    "Send an officer a new temporary password by SMS (R-SUPPORT)",
    "directory",
    ok=202,
    response="PasswordSent",
    auth=(STAFF,),
    errors=(403, 404),
)
@http_errors
def reset_password(username: str) -> Response:
    from chalicelib import bootstrap as b
    from chalicelib.services import postings

    return Response(postings.reset_password(_staff(), username, b.postings()), status_code=202)
