"""`make run`: the whole system on this machine, with moto's server as the embedded AWS.

Starts moto (Step Functions execution on), provisions every resource from the PynamoDB
models and `infra/`, loads demo data, serves the Chalice app on 127.0.0.1:8000 and
drives its stream, queue and schedule handlers until Ctrl-C.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--moto-port", type=int, default=int(os.environ.get("MOTO_PORT", "5055")))
    parser.add_argument("--no-demo", action="store_true", help="skip demo officers and logins")
    args = parser.parse_args(argv)
    # Ctrl-C stops everything, whatever the parent left: a process started with SIGINT
    # ignored (as a parent that ignores it starts its children) gets no KeyboardInterrupt
    # from Python unless it asks for one.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    for noisy in ("werkzeug", "botocore", "pynamodb", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    from chalicelib import logs

    logs.install()

    from devstack import env, meter

    meter.install_from_env()  # METER_LOG=<file>: every AWS request and invocation, for bench.cost

    env.apply(env.local_env(args.moto_port))
    # Links in SMS and the pages' same-origin check name the address the stack serves.
    os.environ.setdefault("PUBLIC_BASE_URL", f"http://127.0.0.1:{args.port}")
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)

    # Every AWS client the stack makes carries the fault injector's hook, at the rates FAULTS
    # gives (none by default); PUT /dev/faults changes them while it runs.
    from chalicelib import faults

    faults.install(faults.parse_rates(os.environ.get("FAULTS", "0")))

    from devstack.embedded import start_moto

    moto = start_moto(args.moto_port)
    stop = threading.Event()
    try:
        return _serve(args, stop)
    except KeyboardInterrupt:
        # Ctrl-C while still starting (or during the stop itself): still a clean stop.
        print("\nStopping: interrupted.", flush=True)
        return 0
    finally:
        stop.set()
        moto.stop()


def _serve(args: argparse.Namespace, stop: threading.Event) -> int:
    import boto3

    from infra.local import provision

    started = time.time()
    outputs = provision()
    os.environ.update(outputs)

    from chalicelib import bootstrap

    bootstrap.reset()
    from chalicelib.bootstrap import client, get_clock, get_directory

    loaded = {}
    if not args.no_demo:
        from devstack.demo import load_demo

        loaded = load_demo(
            get_directory(), boto3.client("cognito-idp"), outputs["USER_POOL_ID"], bootstrap.scheme_desk()
        )
    else:
        from chalicelib.services.structure import load_structure

        loaded = {"posts": load_structure(get_directory())}

    from chalice.cli.factory import CLIFactory

    factory = CLIFactory(project_dir=str(ROOT), environ=os.environ)
    config = factory.create_config_obj(chalice_stage_name="local")
    app = factory.load_chalice_app(config.environment_variables)
    from devstack.pump import EventPump

    pump = EventPump(app, client, get_clock())
    worker = threading.Thread(target=pump.run, args=(stop,), daemon=True)
    worker.start()
    # HTTP last: once /v1/health answers, everything behind it is running.
    server = _http_server(app, config, args.port)
    http = threading.Thread(target=server.serve_forever, daemon=True)
    http.start()
    _banner(args, loaded, time.time() - started)

    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.is_set():
            stop.wait(0.5)
    except KeyboardInterrupt:
        pass
    print("\nStopping: HTTP server, event pump, moto.", flush=True)
    stop.set()
    server.shutdown()
    worker.join(timeout=5)
    return 0


def _http_server(app: Any, config: Any, port: int) -> Any:
    """Chalice's local server, made as `chalice.local.create_local_server` makes it, with a
    request log that masks officers' link tokens (`/o/****`)."""
    from chalice import local

    from chalicelib.logs import mask

    class MaskedRequestHandler(local.ChaliceRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base's name)
            super().log_message("%s", mask(format % args))

    local.CustomLocalChalice.__bases__ = (local.LocalChalice, app.__class__)
    app.__class__ = local.CustomLocalChalice
    return local.LocalDevServer(app, config, "127.0.0.1", port, handler_cls=MaskedRequestHandler)


def _banner(args: argparse.Namespace, loaded: dict[str, int], took: float) -> None:
    base = f"http://127.0.0.1:{args.port}"
    day = os.environ["DAY_SECONDS"]
    print(
        f"""
CM Helpline 181 — local stack ready in {took:.1f}s (one day = {day} s of real time)
  demo data: {loaded}
  API health       {base}/v1/health
  districts        {base}/v1/directory/districts
  file a complaint {base}/
  track status     {base}/track
  schemes          {base}/schemes      (public; in the console beside the caller form; kept by
                   each department's revenue.nodal.state-style login through /v1/schemes)
  call centre      {base}/cce          (file for a caller; satisfaction calls at /cce/callbacks)
  officers         {base}/officer      (inbox and actions; SMS links open /o/...)
  monitoring       {base}/monitor      (dashboards, state ranking, weekly pack)
  emulated phone   {base}/dev/phone      (every SMS and call, newest first; a keypad to call 181: /dev/phone/keypad)
  call 181         POST {base}/dev/phone/calls {{"from": "+919876543210", "to": "181"}} (README: Call 181)
  WhatsApp         POST {base}/dev/phone/whatsapp {{"from": "+919876543210", "text": "स्थिति"}} (replies in /dev/phone)
  embedded AWS     {os.environ["AWS_ENDPOINT_URL"]}  (moto server)
Demo logins: see README (password {os.environ.get("DEMO_PASSWORD", "Demo@181local")}). Ctrl-C stops everything.
""",
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main())
