"""Public directory routes: districts, blocks, departments (for the filing forms)."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib.api.errors import http_errors
from chalicelib.api.spec import operation
from chalicelib.domain.errors import NotFound
from chalicelib.domain.text import Text

bp = Blueprint(__name__)


@bp.route("/v1/directory/districts", methods=["GET"])
@operation("Madhya Pradesh's districts", "directory", response="District", many=True)
def districts() -> list[dict[str, Any]]:
    from chalicelib.bootstrap import get_directory

    return [
        {"code": d.code, "name_hi": d.name_hi, "name_en": d.name_en, "division": d.parent}
        for d in get_directory().districts()
    ]


@bp.route("/v1/directory/districts/{code}/blocks", methods=["GET"])
@operation("A district's blocks", "directory", response="Place", many=True, errors=(404,))
@http_errors
def blocks(code: str) -> list[dict[str, Any]]:
    from chalicelib.bootstrap import get_directory

    directory = get_directory()
    if directory.district(code) is None:
        raise NotFound(Text("जिला", "district"))
    return [{"code": b.code, "name_hi": b.name_hi, "name_en": b.name_en} for b in directory.blocks(code)]


@bp.route("/v1/directory/departments", methods=["GET"])
@operation("The departments", "directory", response="Place", many=True)
def departments() -> list[dict[str, Any]]:
    from chalicelib.bootstrap import get_directory

    return [{"code": d.code, "name_hi": d.name_hi, "name_en": d.name_en} for d in get_directory().departments()]
