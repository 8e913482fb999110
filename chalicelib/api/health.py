"""GET /v1/health."""

from chalice import Blueprint

bp = Blueprint(__name__)


@bp.route("/v1/health", methods=["GET"])
def health() -> dict[str, str]:
    return {"status": "ok"}
