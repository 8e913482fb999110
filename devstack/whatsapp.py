"""The local WhatsApp Business Platform: a message typed on the emulated phone becomes the
webhook POST the platform sends (its `whatsapp_business_account` payload, signed with the
app secret in `X-Hub-Signature-256`), delivered to the app's own webhook route through
Chalice's gateway, exactly as an HTTP request to the stack would arrive. Backs
`POST /dev/phone/whatsapp` (local stack only). The replies come back through the app's
WhatsApp sender, which locally writes to the emulated phone."""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from chalice import Chalice
from chalice.config import Config
from chalice.local import LocalGateway

from chalicelib.domain.webhook import SIGNATURE_HEADER
from chalicelib.domain.whatsapp import signature

WEBHOOK = "/v1/whatsapp/webhook"
# The helpline's WhatsApp number (the seeds' +91 75525 55582) and a made-up business account.
DISPLAY_NUMBER = "917552555582"
BUSINESS_ACCOUNT = "100000000000001"


def payload(sender: str, text: str, at: datetime, message_id: str, phone_number_id: str) -> dict[str, Any]:
    """The platform's webhook for one text message from `sender` (E.164)."""
    wa_id = sender.lstrip("+")
    return {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": BUSINESS_ACCOUNT,
                "changes": [
                    {
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {"display_phone_number": DISPLAY_NUMBER, "phone_number_id": phone_number_id},
                            "contacts": [{"profile": {"name": ""}, "wa_id": wa_id}],
                            "messages": [
                                {
                                    "from": wa_id,
                                    "id": message_id,
                                    "timestamp": str(int(at.timestamp())),
                                    "type": "text",
                                    "text": {"body": text},
                                }
                            ],
                        },
                        "field": "messages",
                    }
                ],
            }
        ],
    }


def new_message_id() -> str:
    """A `wamid.` id like the platform's (base64 of an opaque value)."""
    return "wamid." + base64.b64encode(uuid.uuid4().bytes * 2).decode()


class Platform:
    def __init__(self, app: Chalice, app_secret: str, phone_number_id: str, wall: Callable[[], datetime]) -> None:
        self._gateway = LocalGateway(app, Config.create(chalice_stage="local"))
        self._secret = app_secret
        self._phone_number_id = phone_number_id
        self._wall = wall

    def send(self, sender: str, text: str, message_id: str | None = None) -> dict[str, Any]:
        """Delivers one message from `sender`; returns its id and the webhook's status."""
        message_id = message_id or new_message_id()
        raw = json.dumps(payload(sender, text, self._wall(), message_id, self._phone_number_id)).encode()
        return {"message": message_id, "webhook": self.deliver(raw)}

    def deliver(self, raw: bytes, signed: bool = True) -> int:
        """POSTs `raw` to the webhook as the platform does; the status it answered."""
        headers = {"content-type": "application/json", "user-agent": "facebookexternalua"}
        if signed:
            headers[SIGNATURE_HEADER.lower()] = signature(raw, self._secret)
        response = self._gateway.handle_request(method="POST", path=WEBHOOK, headers=headers, body=raw)
        return int(response["statusCode"])
