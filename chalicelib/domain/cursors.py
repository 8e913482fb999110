"""Page cursors handed to clients: the store's position, sealed with an HMAC and bound to
what was listed (whose inbox, which list), so a cursor is never trusted, only recognised.
A forged, altered or foreign cursor is bad input; nothing of it reaches the store."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from typing import Any

from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.text import Text
from chalicelib.domain.tokens import SigningKeys

INVALID_CURSOR = Text("पृष्ठ संकेतक सही नहीं", "invalid page cursor")
MAX_CHARS = 4000


def _mac(key: str, purpose: str, payload: str) -> str:
    digest = hmac.new(key.encode(), f"cursor|{purpose}|{payload}".encode(), hashlib.sha256).digest()[:16]
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def _keys(key: str | SigningKeys) -> SigningKeys:
    return key if isinstance(key, SigningKeys) else SigningKeys(key)


def seal(state: dict[str, Any] | None, purpose: str, key: str | SigningKeys) -> str | None:
    """`state` as an opaque cursor for `purpose` (None: there is no next page), sealed with
    the current signing key."""
    if not state:
        return None
    payload = base64.urlsafe_b64encode(json.dumps(state, sort_keys=True, separators=(",", ":")).encode()).decode()
    return f"{payload.rstrip('=')}.{_mac(_keys(key).current, purpose, payload.rstrip('='))}"


def unseal(cursor: str | None, purpose: str, key: str | SigningKeys) -> dict[str, Any]:
    """The state a cursor of `seal` carries ({} for none); InvalidInput unless it is one
    this system made for this same `purpose`, with a key still accepted (a cursor handed out
    just before a key rotation still turns the page)."""
    if not cursor:
        return {}
    payload, _, mac = cursor.partition(".")
    if (
        len(cursor) > MAX_CHARS
        or not mac
        or not any(hmac.compare_digest(mac.encode(), _mac(k, purpose, payload).encode()) for k in _keys(key).accepted)
    ):
        raise InvalidInput({"cursor": INVALID_CURSOR})
    try:
        state = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (ValueError, binascii.Error):
        raise InvalidInput({"cursor": INVALID_CURSOR}) from None
    if not isinstance(state, dict):
        raise InvalidInput({"cursor": INVALID_CURSOR})
    return state
