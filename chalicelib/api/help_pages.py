"""The officers' manual `/help` (R-MANUAL), the public list of excluded services `/exclusions`,
and the officers' page of exclusion proposals and decisions `/officer/exclusions` (R-EXCLUSION)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalice import Blueprint, Response

if TYPE_CHECKING:
    from chalicelib.pages.forms import Req


bp = Blueprint(__name__)


FORM = ["application/x-www-form-urlencoded"]


def _req(posted: bool = False) -> Req:
    from chalicelib.pages.forms import page_request

    return page_request(bp.current_request, posted)


@bp.route("/help", methods=["GET"])
def help_index() -> Response:
    from chalicelib.pages import help as manual

    return manual.index(_req())


@bp.route("/help/{role}", methods=["GET"])
def help_role(role: str) -> Response:
    from chalicelib.pages import help as manual

    return manual.role(_req(), role)


@bp.route("/help/screens/{file}", methods=["GET"])
def help_screen(file: str) -> Response:
    from chalicelib.pages import help as manual

    return manual.screen(file)


@bp.route("/exclusions", methods=["GET"])
def exclusions_page() -> Response:
    from chalicelib.pages import help as manual

    return manual.excluded(_req())


@bp.route("/officer/exclusions", methods=["GET"])
def exclusion_desk_page() -> Response:
    from chalicelib.pages import exclusion_desk

    return exclusion_desk.desk(_req())


@bp.route("/officer/exclusions", methods=["POST"], content_types=FORM)
def exclusion_propose() -> Response:
    from chalicelib.pages import exclusion_desk

    return exclusion_desk.propose(_req(True))


@bp.route("/officer/exclusions/{exclusion_id}", methods=["POST"], content_types=FORM)
def exclusion_decide(exclusion_id: str) -> Response:
    from chalicelib.pages import exclusion_desk

    return exclusion_desk.decide(_req(True), exclusion_id)
