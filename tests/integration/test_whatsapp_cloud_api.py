"""The Cloud API adapter over real HTTP, against a loopback server that answers as the Graph API
does: the request it sends for a reply and for a template, and how it reads the platform's
answers (the message id; the window closed; any other refusal)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest

from chalicelib.adapters.whatsapp import API_VERSION, CloudApiWhatsApp, WhatsAppRefused
from chalicelib.domain.whatsapp import template_message
from chalicelib.services.ports import OutsideWindow

PHONE_ID = "106540352242922"


class Graph:
    """What the loopback Graph API received, and what it answers next."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.answer: tuple[int, dict[str, Any]] = (200, {})


@pytest.fixture
def graph() -> Iterator[tuple[Graph, str]]:
    state = Graph()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (the base class's name)
            length = int(self.headers["Content-Length"])
            state.requests.append(
                {"path": self.path, "headers": dict(self.headers), "body": json.loads(self.rfile.read(length))}
            )
            status, body = state.answer
            if status == 200:
                to = state.requests[-1]["body"]["to"]
                body = {
                    "messaging_product": "whatsapp",
                    "contacts": [{"input": to, "wa_id": to}],
                    "messages": [{"id": f"wamid.graph{len(state.requests)}"}],
                }
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


def test_a_reply_is_a_text_message_to_the_number_with_the_access_token(graph: tuple[Graph, str]) -> None:
    state, base = graph
    sender = CloudApiWhatsApp(PHONE_ID, lambda: "EAAG-token", base=base)
    assert sender.send_text("+919812345678", "आपकी शिकायतें (नई पहले):") == "wamid.graph1"
    [req] = state.requests
    assert req["path"] == f"/{API_VERSION}/{PHONE_ID}/messages"
    assert req["headers"]["Authorization"] == "Bearer EAAG-token"
    assert req["body"] == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": "919812345678",
        "type": "text",
        "text": {"preview_url": False, "body": "आपकी शिकायतें (नई पहले):"},
    }


def test_a_notification_is_the_approved_template_with_its_language_and_values(graph: tuple[Graph, str]) -> None:
    state, base = graph
    sender = CloudApiWhatsApp(PHONE_ID, lambda: "EAAG-token", base=base)
    message = template_message("citizen_escalated", {"reference": "1234567890", "level": "2"}, "en")
    assert sender.send_template("+919812345678", message).startswith("wamid.")
    assert state.requests[0]["body"]["template"] == {
        "name": "cmh181_complaint_escalated",
        "language": {"code": "en"},
        "components": [
            {"type": "body", "parameters": [{"type": "text", "text": "1234567890"}, {"type": "text", "text": "2"}]}
        ],
    }


def test_the_platforms_refusals(graph: tuple[Graph, str]) -> None:
    state, base = graph
    sender = CloudApiWhatsApp(PHONE_ID, lambda: "EAAG-token", base=base)
    closed = {"error": {"message": "Re-engagement message", "type": "OAuthException", "code": 131047}}
    state.answer = (400, closed)
    with pytest.raises(OutsideWindow):
        sender.send_text("+919812345678", "late")
    state.answer = (429, {"error": {"message": "Rate limit hit", "code": 130429}})
    with pytest.raises(WhatsAppRefused) as refused:
        sender.send_text("+919812345678", "busy")
    assert (refused.value.status, refused.value.code) == (429, 130429)
    state.answer = (502, {})
    with pytest.raises(WhatsAppRefused):
        sender.send_text("+919812345678", "gateway")
