"""The officers' manual `/help` (R-MANUAL) and the public list of excluded services `/exclusions`
(R-EXCLUSION): pages, no login."""

from __future__ import annotations

from chalice import Blueprint, Response

from chalicelib.pages import help as manual
from chalicelib.pages.forms import Req, page_request

bp = Blueprint(__name__)


def _req() -> Req:
    return page_request(bp.current_request, False)


@bp.route("/help", methods=["GET"])
def help_index() -> Response:
    return manual.index(_req())


@bp.route("/help/{role}", methods=["GET"])
def help_role(role: str) -> Response:
    return manual.role(_req(), role)


@bp.route("/help/screens/{file}", methods=["GET"])
def help_screen(file: str) -> Response:
    return manual.screen(file)


@bp.route("/exclusions", methods=["GET"])
def exclusions_page() -> Response:
    return manual.excluded(_req())
