"""Outbound WhatsApp through the WhatsApp Business Platform's Cloud API over HTTPS
(docs/decisions/0012): `POST https://graph.facebook.com/<version>/<phone number id>/messages`
with the system user's access token. Replies are `text` messages; the system's own
notifications are `template` messages with the approved template's name, language and body
values. The platform answers `{"messages": [{"id": "wamid…"}]}`, or an error whose code
131047 means the 24-hour window has closed (`OutsideWindow`)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

from chalicelib import observe
from chalicelib.domain.whatsapp import TemplateMessage
from chalicelib.services.ports import OutsideWindow

GRAPH = "https://graph.facebook.com"
API_VERSION = "v23.0"
TIMEOUT_SECONDS = 10
WINDOW_CLOSED = 131047  # "Re-engagement message": more than 24 hours since the customer wrote


class WhatsAppRefused(RuntimeError):
    """The platform refused the message (its error code and HTTP status); the job is retried."""

    def __init__(self, status: int, code: int | None, message: str) -> None:
        super().__init__(f"WhatsApp Cloud API refused ({status}, code {code}): {message[:200]}")
        self.status = status
        self.code = code


Opener = Callable[..., Any]


class CloudApiWhatsApp:
    """Implements `WhatsAppSender`. `token` gives the current access token (read from the
    stage's secret, so a rotation reaches a warm function); `opener` is urllib's."""

    def __init__(
        self,
        phone_number_id: str,
        token: Callable[[], str],
        opener: Opener = urllib.request.urlopen,
        base: str = GRAPH,
    ) -> None:
        self.url = f"{base}/{API_VERSION}/{phone_number_id}/messages"
        self._token = token
        self._open = opener

    def send_text(self, to: str, text: str) -> str:
        return self._send(to, {"type": "text", "text": {"preview_url": False, "body": text}})

    def send_template(self, to: str, message: TemplateMessage) -> str:
        template: dict[str, Any] = {"name": message.name, "language": {"code": message.lang}}
        if message.params:
            parameters = [{"type": "text", "text": v} for v in message.params]
            template["components"] = [{"type": "body", "parameters": parameters}]
        return self._send(to, {"type": "template", "template": template})

    def _send(self, to: str, content: dict[str, Any]) -> str:
        body = {"messaging_product": "whatsapp", "recipient_type": "individual", "to": to.lstrip("+"), **content}
        request = urllib.request.Request(
            self.url,
            data=json.dumps(body, ensure_ascii=False).encode(),
            headers={"Authorization": f"Bearer {self._token()}", "Content-Type": "application/json"},
            method="POST",
        )
        try:
            with self._open(request, timeout=TIMEOUT_SECONDS) as response:
                answer = json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as exc:
            observe.metric("WhatsAppFailed")
            status, code, message = exc.code, None, str(exc.reason)
            try:
                error = json.loads(exc.read() or b"{}").get("error", {})
                code, message = error.get("code"), str(error.get("message", message))
            except ValueError:
                pass
            if code == WINDOW_CLOSED:
                raise OutsideWindow(message) from None
            raise WhatsAppRefused(status, code, message) from None
        except Exception:
            observe.metric("WhatsAppFailed")
            raise
        observe.metric("WhatsAppSent")
        return str(answer["messages"][0]["id"])
