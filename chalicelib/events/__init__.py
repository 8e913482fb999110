"""Event handlers (stream, queues, schedules), one Blueprint per family."""

from __future__ import annotations

from chalice import Chalice


def register_events(app: Chalice) -> None:
    from chalicelib.events import callbacks, maintenance, notifier, stream

    app.register_blueprint(stream.bp)
    app.register_blueprint(notifier.bp)
    app.register_blueprint(maintenance.bp)
    app.register_blueprint(callbacks.bp)
    from chalicelib.events import aggregates, digest  # reports

    app.register_blueprint(aggregates.bp)
    app.register_blueprint(digest.bp)
    from chalicelib.events import connect  # the phone lines' contact flows

    app.register_blueprint(connect.bp)
