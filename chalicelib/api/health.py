"""GET /v1/health."""

from chalice import Blueprint

from chalicelib.api.spec import operation

bp = Blueprint(__name__)


@bp.route("/v1/health", methods=["GET"])
@operation("Liveness", "meta", response="Health")
def health() -> dict[str, str]:
    return {"status": "ok"}
