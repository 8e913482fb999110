"""The emulated phone of the local stack: every SMS and call, as the phones got them.

Local stages only. SMS still go through (moto's) SNS; this log records what was
sent and when (system time), so `GET /dev/phone` can show it newest first.
"""

from __future__ import annotations

import uuid
from itertools import islice
from typing import Any

from chalicelib.adapters.dynamo.models import OpsRow
from chalicelib.clock import Clock, iso

PARTITION = "DEVPHONE"


class PhoneLog:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    def record(self, to: str, kind: str, text: str, **extra: Any) -> None:
        at = iso(self._clock.now())
        # The key sorts by real insertion order even when system time runs fast.
        key = f"{uuid.uuid1().time:020d}"
        OpsRow(PARTITION, key, data={"to": to, "kind": kind, "text": text, "at": at, **extra}).save()

    def messages(self, to: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
        """The newest `limit` messages (to one number: filtered before the limit applies)."""
        only = OpsRow.data["to"] == to if to else None  # type: ignore[index]
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
    """Locally a call rings the emulated phone: its script is what the person hears."""

    def __init__(self, log: PhoneLog) -> None:
        self._log = log

    def call(self, to: str, script: str, attributes: dict[str, str], token: str) -> str:
        contact_id = f"local-{uuid.uuid5(uuid.NAMESPACE_URL, token)}"
        self._log.record(to, "call", script, contact_id=contact_id)
        return contact_id
