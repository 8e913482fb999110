"""The Chalice app as a WSGI application, in-process: each request goes through Chalice's
local API Gateway emulation (`chalice.local.LocalGateway`), as `chalice.test.Client` and the
local stack's HTTP server (`make run`) send them, so tools that speak WSGI (schemathesis)
can drive it without a socket."""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable, Iterable
from http import HTTPStatus
from typing import Any

from chalice import Chalice
from chalice.config import Config
from chalice.local import LocalGateway, LocalGatewayException


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


class ChaliceWSGI:
    def __init__(self, app: Chalice, stage: str = "local") -> None:
        self.gateway = LocalGateway(app, Config(chalice_stage=stage))

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        # PATH_INFO is decoded (latin-1); the gateway matches the path as sent on the wire.
        path = urllib.parse.quote(environ.get("PATH_INFO", "").encode("latin-1"), safe="/~")
        query = environ.get("QUERY_STRING", "")
        target = f"{path}?{query}" if query else path
        headers = {k[5:].replace("_", "-").lower(): v for k, v in environ.items() if k.startswith("HTTP_")}
        length = int(environ.get("CONTENT_LENGTH") or 0)
        # wsgiref says text/plain for a request that had no Content-Type: keep only a body's.
        for k in ("CONTENT_TYPE", "CONTENT_LENGTH") if length else ():
            if environ.get(k):
                headers[k.replace("_", "-").lower()] = environ[k]
        body = environ["wsgi.input"].read(length) if length else None
        try:
            out = self.gateway.handle_request(environ["REQUEST_METHOD"], target, headers, body)
        except LocalGatewayException as exc:
            start_response(f"{exc.CODE} {_reason(exc.CODE)}", [(k, str(v)) for k, v in exc.headers.items()])
            return [exc.body or b""]
        status = int(out["statusCode"])
        pairs = [(k, str(v)) for k, v in (out.get("headers") or {}).items()]
        for k, values in (out.get("multiValueHeaders") or {}).items():
            pairs += [(k, str(v)) for v in values]
        raw = out.get("body")
        if out.get("isBase64Encoded"):
            import base64

            data = base64.b64decode(raw or "")
        else:
            data = (raw or "").encode("utf-8") if isinstance(raw, str) else (raw or b"")
        start_response(f"{status} {_reason(status)}", pairs)
        return [data]
