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
    # As bytes: a MAC with other than ASCII in it is simply wrong (compare_digest raises on such a str).
    given = mac.encode("utf-8", "replace")
    matched = [hmac.compare_digest(given, _mac(key, f"{kind}|{subject}|{exp}").encode()) for key in keys]
    if not any(matched):
        raise Unauthorized(*INVALID_TOKEN)
    try:
        expires = datetime.fromtimestamp(int(exp, 36), tz=UTC)
    except ValueError as exc:
        raise Unauthorized(*INVALID_TOKEN) from exc
    if now >= expires:
        raise Unauthorized("लिंक/टोकन की अवधि समाप्त", "token expired")
    return Claims(kind, subject, expires)


def form_token(session: str, keys: SigningKeys) -> str:
    """What a page's POST form carries: the signature of the browser's form session (the
    random value of its form cookie), so a form posted from elsewhere, or with the token
    of another browser, does not match (docs/architecture.md, "Pages: forms and headers")."""
    return _mac(keys.current, f"form|{session}")


def form_token_matches(token: str, session: str, keys: SigningKeys) -> bool:
    """Whether `token` is the form token of `session` under any accepted key (a rotation
    overlaps); compared in constant time, every key tried."""
    given = token.encode("utf-8", "replace")
    matched = [hmac.compare_digest(given, _mac(key, f"form|{session}").encode()) for key in keys.accepted]
    return bool(session) and any(matched)
