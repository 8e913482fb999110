"""Event handlers (stream, queues, schedules), one Blueprint per family.

Lambda loads a handler as `chalicelib.events.<module>.<name>`, without app.py, so this
package does the cold start's work: JSON logs, and the settings validated (a stage that may
not serve says so in the log; its handlers then raise `Misconfigured` and their events wait).
Each handler imports the services and tables it uses when first called: the API's function
imports these modules (`app.py` registers every handler) and pays for none of that.
"""

from __future__ import annotations

from chalice import Chalice

from chalicelib import observe, settings

observe.install()
settings.check_at_cold_start()


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
    from chalicelib.events import whatsapp  # the messages citizens send on WhatsApp

    app.register_blueprint(whatsapp.bp)
