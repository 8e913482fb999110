"""The emulated phone of the local stack: every SMS, call and WhatsApp message, as the phones got them.

Local stages only. SMS still go through (moto's) SNS; this log records what was
sent and when (system time), so `GET /dev/phone` can show it newest first.
"""

from __future__ import annotations

import uuid
from itertools import islice
from typing import Any

from chalicelib import faults
from chalicelib.adapters.dynamo.models import OpsRow
from chalicelib.clock import Clock, iso
from chalicelib.domain.speech import heard
from chalicelib.domain.whatsapp import TemplateMessage, within_window
from chalicelib.services.ports import ChatContacts, OutsideWindow

PARTITION = "DEVPHONE"


class PhoneLog:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    def record(self, to: str, kind: str, text: str, **extra: Any) -> None:
        at = iso(self._clock.now())
        # The key sorts by real insertion order even when system time runs fast.
        key = f"{uuid.uuid1().time:020d}"
        # The handset is no AWS service: injected faults (chalicelib/faults.py) never touch it.
        with faults.exempt():
            OpsRow(PARTITION, key, data={"to": to, "kind": kind, "text": text, "at": at, **extra}).save()

    def messages(self, to: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
        """The newest `limit` messages (to one number: filtered before the limit applies)."""
        only = OpsRow.data["to"] == to if to else None  # type: ignore[index]
        with faults.exempt():
            rows = OpsRow.query(PARTITION, scan_index_forward=False, filter_condition=only)
            return [dict(r.data.as_dict()) for r in islice((r for r in rows if r.data is not None), limit)]


class LoggedSms:
    """An SMS sender that also writes to the emulated phone."""

    def __init__(self, inner: Any, log: PhoneLog) -> None:
        self._inner = inner
        self._log = log

    def send(self, to: str, text: str, template: str) -> str:
        message_id: str = self._inner.send(to, text, template)
        self._log.record(to, "sms", text, message_id=message_id, template=template)
        return message_id


class LoggedVoice:
    """Locally a call rings the emulated phone: what the person hears of its script (SSML's
    markup gone, a reference's digits one by one)."""

    def __init__(self, log: PhoneLog) -> None:
        self._log = log

    def call(self, to: str, script: str, attributes: dict[str, str], token: str) -> str:
        contact_id = f"local-{uuid.uuid5(uuid.NAMESPACE_URL, token)}"
        self._log.record(to, "call", heard(script), contact_id=contact_id)
        return contact_id


class LoggedWhatsApp:
    """Locally a WhatsApp message lands on the emulated phone (`kind: "whatsapp"`). Like the
    platform, it refuses a free-form message to a number whose 24-hour window has closed;
    a template goes any time."""

    def __init__(self, log: PhoneLog, chats: ChatContacts, clock: Clock) -> None:
        self._log = log
        self._chats = chats
        self._clock = clock

    def send_text(self, to: str, text: str) -> str:
        if not within_window(self._chats.get(to), self._clock.wall()):
            raise OutsideWindow(f"{to} has not written in 24 hours")
        message_id = f"wamid.local-{uuid.uuid4().hex}"
        self._log.record(to, "whatsapp", text, message_id=message_id)
        return message_id

    def send_template(self, to: str, message: TemplateMessage) -> str:
        message_id = f"wamid.local-{uuid.uuid4().hex}"
        self._log.record(to, "whatsapp", message.text, message_id=message_id, template=message.name)
        return message_id
