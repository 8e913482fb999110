"""HTTP routes, one Blueprint per family; `register_routes` is the only entry point."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from chalice import Chalice, Response


def register_routes(app: Chalice) -> None:
    from chalicelib.api import admin, citizens, directory, edge, health, officers, openapi, pages, staff

    app.register_middleware(json_by_default, "http")
    app.register_middleware(edge.edge, "http")  # security headers; forms' origin and token
    app.register_blueprint(health.bp)
    app.register_blueprint(openapi.bp)
    app.register_blueprint(directory.bp)
    from chalicelib.api import directory_admin  # postings, imports, logins that follow them

    app.register_blueprint(directory_admin.bp)
    app.register_blueprint(citizens.bp)
    app.register_blueprint(staff.bp)
    app.register_blueprint(officers.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(pages.bp)
    from chalicelib.api import monitoring  # reports

    app.register_blueprint(monitoring.bp)
    from chalicelib.api import officer_pages  # officers' link page, desk, callback queue

    app.register_blueprint(officer_pages.bp)
    from chalicelib.api import exclusions, help_pages  # service exclusion, the officers' manual

    app.register_blueprint(exclusions.bp)
    app.register_blueprint(help_pages.bp)

    from chalicelib.api import whatsapp  # the WhatsApp Business Platform's webhook

    app.register_blueprint(whatsapp.bp)

    from chalicelib.api import schemes  # scheme information

    app.register_blueprint(schemes.bp)
    from chalicelib.api import nodal_pages  # the nodal officers' directory pages

    app.register_blueprint(nodal_pages.bp)
    # The emulated phone exists only in the local stack. Deciding at import is the
    # only way to keep the route out of a deployed API; anything but an explicit
    # STAGE=local (packaging included) leaves it out.
    if os.environ.get("STAGE") == "local":
        from chalicelib.api import dev

        app.register_blueprint(dev.bp)


def json_by_default(event: Any, get_response: Callable[[Any], Response]) -> Response:
    """A view's dict or list goes out as JSON and says so: API Gateway would add the header,
    Chalice's local server and test client do not."""
    response = get_response(event)
    if not any(k.lower() == "content-type" for k in response.headers):
        response.headers["Content-Type"] = "application/json"
    return response
