"""The nodal officers' pages: the directory (`/nodal`, thin routes over `chalicelib.pages.nodal`)
and the department's scheme information (`/nodal/schemes`, over `chalicelib.pages.scheme_keeping`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalice import Blueprint, Response

if TYPE_CHECKING:
    from chalicelib.pages.forms import Req


bp = Blueprint(__name__)
FORM = ["application/x-www-form-urlencoded"]


def _req(posted: bool) -> Req:
    from chalicelib.pages.forms import page_request

    return page_request(bp.current_request, posted)


@bp.route("/nodal", methods=["GET"])
def nodal_home() -> Response:
    from chalicelib.pages import nodal

    return nodal.home(_req(False))


@bp.route("/nodal/post", methods=["GET"])
def nodal_post_form() -> Response:
    from chalicelib.pages import nodal

    return nodal.posting_form(_req(False), posted=False)


@bp.route("/nodal/post", methods=["POST"], content_types=FORM)
def nodal_post() -> Response:
    from chalicelib.pages import nodal

    return nodal.posting_form(_req(True), posted=True)


@bp.route("/nodal/end", methods=["GET"])
def nodal_end_form() -> Response:
    from chalicelib.pages import nodal

    return nodal.end_form(_req(False), posted=False)


@bp.route("/nodal/end", methods=["POST"], content_types=FORM)
def nodal_end() -> Response:
    from chalicelib.pages import nodal

    return nodal.end_form(_req(True), posted=True)


@bp.route("/nodal/password", methods=["POST"], content_types=FORM)
def nodal_password() -> Response:
    from chalicelib.pages import nodal

    return nodal.send_password(_req(True))


@bp.route("/nodal/import", methods=["GET"])
def nodal_import_form() -> Response:
    from chalicelib.pages import nodal

    return nodal.import_form(_req(False), posted=False)


@bp.route("/nodal/import", methods=["POST"], content_types=FORM)
def nodal_import() -> Response:
    from chalicelib.pages import nodal

    return nodal.import_form(_req(True), posted=True)


@bp.route("/nodal/export", methods=["GET"])
def nodal_export() -> Response:
    from chalicelib.pages import nodal

    return nodal.export(_req(False))


# ---- the department's scheme information, kept by its state nodal officer -------------------
@bp.route("/nodal/schemes", methods=["GET"])
def nodal_schemes() -> Response:
    from chalicelib.pages import scheme_keeping

    return scheme_keeping.home(_req(False))


@bp.route("/nodal/schemes/new", methods=["GET"])
def nodal_scheme_new_form() -> Response:
    from chalicelib.pages import scheme_keeping

    return scheme_keeping.new_form(_req(False), posted=False)


@bp.route("/nodal/schemes/new", methods=["POST"], content_types=FORM)
def nodal_scheme_new() -> Response:
    from chalicelib.pages import scheme_keeping

    return scheme_keeping.new_form(_req(True), posted=True)


@bp.route("/nodal/schemes/{scheme_id}", methods=["GET"])
def nodal_scheme_history(scheme_id: str) -> Response:
    from chalicelib.pages import scheme_keeping

    return scheme_keeping.history(_req(False), scheme_id)


@bp.route("/nodal/schemes/{scheme_id}/amend", methods=["GET"])
def nodal_scheme_amend_form(scheme_id: str) -> Response:
    from chalicelib.pages import scheme_keeping

    return scheme_keeping.amend_form(_req(False), scheme_id, posted=False)


@bp.route("/nodal/schemes/{scheme_id}/amend", methods=["POST"], content_types=FORM)
def nodal_scheme_amend(scheme_id: str) -> Response:
    from chalicelib.pages import scheme_keeping

    return scheme_keeping.amend_form(_req(True), scheme_id, posted=True)


@bp.route("/nodal/schemes/{scheme_id}/end", methods=["GET"])
def nodal_scheme_end_form(scheme_id: str) -> Response:
    from chalicelib.pages import scheme_keeping

    return scheme_keeping.end_form(_req(False), scheme_id, posted=False)


@bp.route("/nodal/schemes/{scheme_id}/end", methods=["POST"], content_types=FORM)
def nodal_scheme_end(scheme_id: str) -> Response:
    from chalicelib.pages import scheme_keeping

    return scheme_keeping.end_form(_req(True), scheme_id, posted=True)
