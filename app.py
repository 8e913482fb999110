"""CM Helpline 181: builds the Chalice app, wires tracing and logging, registers Blueprints."""

from chalice import Chalice

from chalicelib import logs, tracing
from chalicelib.api import register_routes
from chalicelib.events import register_events

app = Chalice(app_name="cmh181")
app.api.cors = False
logs.install(app.log)
tracing.install()
register_routes(app)
register_events(app)
