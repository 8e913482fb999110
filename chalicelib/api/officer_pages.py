"""HTML pages for officers and the call centre's callbacks: the SMS link page `/o/{token}`,
the officer's desk `/officer`, and `/cce/callbacks`; thin routes over the same services
as the JSON API (docs/api.md, "Officers' SMS links")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalice import Blueprint, Response

from chalicelib.api.spec import operation

if TYPE_CHECKING:
    from chalicelib.pages.forms import Req


bp = Blueprint(__name__)
FORM = ["application/x-www-form-urlencoded"]


def _req(posted: bool) -> Req:
    from chalicelib.pages.forms import page_request

    return page_request(bp.current_request, posted)


@bp.route("/o/{token}", methods=["GET"])
@operation(
    "The officer's SMS link: the complaint and the actions allowed (changes nothing)",
    "officers",
    html=True,
    errors=(401, 403, 404),
)
def link_page(token: str) -> Response:
    from chalicelib.pages import officer

    return officer.link_get(_req(False), token)


@bp.route("/o/{token}", methods=["POST"], content_types=FORM)
@operation(
    "An action from the SMS link's page, through the same use case as the JSON action API",
    "officers",
    html=True,
    form="ActionForm",
    errors=(401, 403, 404, 409),
)
def link_action(token: str) -> Response:
    from chalicelib.pages import officer

    return officer.link_post(_req(True), token)


@bp.route("/officer", methods=["GET"])
def officer_desk_page() -> Response:
    from chalicelib.pages import officer_desk

    return officer_desk.desk(_req(False))


@bp.route("/officer/login", methods=["POST"], content_types=FORM)
def officer_login() -> Response:
    from chalicelib.pages import officer_desk

    return officer_desk.login(_req(True))


@bp.route("/officer/password", methods=["POST"], content_types=FORM)
def officer_password() -> Response:
    from chalicelib.pages import officer_desk

    return officer_desk.set_password(_req(True))


@bp.route("/officer/logout", methods=["POST"], content_types=FORM)
def officer_logout() -> Response:
    from chalicelib.pages import officer_desk

    return officer_desk.logout(_req(True))


@bp.route("/officer/c/{reference}", methods=["GET"])
def officer_complaint(reference: str) -> Response:
    from chalicelib.pages import officer_desk

    return officer_desk.complaint(_req(False), reference, posted=False)


@bp.route("/officer/c/{reference}", methods=["POST"], content_types=FORM)
def officer_action(reference: str) -> Response:
    from chalicelib.pages import officer_desk

    return officer_desk.complaint(_req(True), reference, posted=True)


@bp.route("/cce/callbacks", methods=["GET"])
def cce_callbacks() -> Response:
    from chalicelib.pages import callback_queue

    return callback_queue.queue_page(_req(False))


@bp.route("/cce/callbacks/{reference}", methods=["POST"], content_types=FORM)
def cce_callback_outcome(reference: str) -> Response:
    from chalicelib.pages import callback_queue

    return callback_queue.record(_req(True), reference)
