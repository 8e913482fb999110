"""Event handlers (stream, queues, schedules), one Blueprint per family."""

from __future__ import annotations

from chalice import Chalice


def register_events(app: Chalice) -> None:
    from chalicelib.events import notifier, stream

    app.register_blueprint(stream.bp)
    app.register_blueprint(notifier.bp)
