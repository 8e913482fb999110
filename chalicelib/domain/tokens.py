"""Signed, short-lived tokens: the citizen's (bound to a mobile) and the officer's SMS
link (bound to one assignment, hence one complaint and one post).

Link tokens must fit in an SMS next to Hindi text, so they are compact:
`<assignment>.<expiry, base 36>.<HMAC-SHA256, 128 bits, base64url>`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime

from chalicelib.domain.errors import Unauthorized

INVALID_TOKEN = ("लिंक/टोकन सही नहीं है", "invalid token")


@dataclass(frozen=True)
class SigningKeys:
    """The key tokens are signed with, and the previous ones still accepted while a rotation
    overlaps (a token signed before the rotation stays valid until it expires)."""

    current: str
    previous: tuple[str, ...] = ()

    @property
    def accepted(self) -> tuple[str, ...]:
        return (self.current, *(k for k in self.previous if k != self.current))


@dataclass(frozen=True)
class Claims:
    kind: str
    subject: str
    expires: datetime


def holder_key(mobile: str) -> str:
    """The short key of the mobile a link was sent to: the link names its holder without
    carrying the number."""
    return hashlib.sha256(mobile.encode()).hexdigest()[:8]


def link_subject(assignment: str, holder: str) -> str:
    """A link's subject: its assignment and its holder (`domain.actor.link_caller` reads it)."""
    return f"{assignment}~{holder}"


def _mac(secret: str, message: str) -> str:
    digest = hmac.new(secret.encode(), message.encode(), hashlib.sha256).digest()[:16]
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def _b36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while n:
        n, r = divmod(n, 36)
        out = digits[r] + out
    return out or "0"


def sign(kind: str, subject: str, expires: datetime, secret: str) -> str:
    exp = _b36(int(expires.timestamp()))
    prefix = "" if kind == "link" else f"{kind}~"
    return f"{prefix}{subject}.{exp}.{_mac(secret, f'{kind}|{subject}|{exp}')}"


def verify(token: str, kind: str, secret: str | SigningKeys, now: datetime) -> Claims:
    """Raises Unauthorized for a token that is malformed, tampered with, of another
    kind, or expired. With `SigningKeys`, a token signed with any accepted key is valid."""
    prefix = "" if kind == "link" else f"{kind}~"
    if not token.startswith(prefix) or token.count(".") < 2:
        raise Unauthorized(*INVALID_TOKEN)
    subject, exp, mac = token[len(prefix) :].rsplit(".", 2)
    keys = secret.accepted if isinstance(secret, SigningKeys) else (secret,)
    # Every accepted key is tried, so the time taken does not tell which one matched.
    matched = [hmac.compare_digest(mac, _mac(key, f"{kind}|{subject}|{exp}")) for key in keys]
    if not any(matched):
        raise Unauthorized(*INVALID_TOKEN)
    try:
        expires = datetime.fromtimestamp(int(exp, 36), tz=UTC)
    except ValueError as exc:
        raise Unauthorized(*INVALID_TOKEN) from exc
    if now >= expires:
        raise Unauthorized("लिंक/टोकन की अवधि समाप्त", "token expired")
    return Claims(kind, subject, expires)
