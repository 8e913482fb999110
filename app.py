"""CM Helpline 181: builds the Chalice app, wires logging, the fail-closed guard and tracing,
registers the Blueprints."""

from chalice import Chalice

from chalicelib import guard, logs, observe, settings, tracing
from chalicelib.api import register_routes
from chalicelib.events import register_events

observe.install()
settings.check_at_cold_start()
app = Chalice(app_name="cmh181", configure_logs=False)  # its log goes through the JSON one
app.api.cors = False
# API Gateway reads only a request's first Accept type: browsers ask for images with avif or webp first.
app.api.binary_types.extend(["image/avif", "image/webp"])
logs.install(app.log)
guard.install(app)
tracing.install()
register_routes(app)
register_events(app)
