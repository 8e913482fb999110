"""Tokens: the citizen's, signed and short-lived (bound to a mobile), and the officer's SMS
link, a short random token whose binding is kept server-side.

An officer's link token is 16 base64url characters drawn from `secrets` (96 bits): nothing
can be read from it or forged, and it is short enough for the officer's SMS to stay within
two parts. The server keeps only its SHA-256 digest, with what it grants (`LinkGrant`): one
assignment, to one holder (the post they held when it was sent, and the officer), until an
expiry. A stolen copy of the store therefore holds no usable link.

Links signed before (`<assignment>.<expiry, base 36>.<HMAC-SHA256, 128 bits>`) are still
accepted until their own expiry (`verify(token, "link", …)`); none is issued any more.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from datetime import UTC, datetime
from typing import NamedTuple

from chalicelib.domain.errors import Unauthorized

INVALID_TOKEN = ("लिंक/टोकन सही नहीं है", "invalid token")
EXPIRED_TOKEN = ("लिंक/टोकन की अवधि समाप्त", "token expired")
# An officer's link token: 12 random bytes, 16 base64url characters (96 bits).
LINK_TOKEN_BYTES = 12
LINK_TOKEN_CHARS = 16
_LINK_TOKEN = re.compile(rf"[A-Za-z0-9_-]{{{LINK_TOKEN_CHARS}}}")


class LinkGrant(NamedTuple):
    """What an officer's link token lets its holder do: act on one assignment as the holder
    of `post_id` (the post, or the district nodal post when it was vacant), as long as
    `officer_id` still holds it, until `expires` (wall time, as tokens are checked)."""

    assignment_id: str
    post_id: str
    officer_id: str
    expires: datetime


def new_link_token() -> str:
    return secrets.token_urlsafe(LINK_TOKEN_BYTES)


def is_link_token(token: str) -> bool:
    """An officer's short link token (not a signed one, a citizen's or a staff login)."""
    return bool(_LINK_TOKEN.fullmatch(token))


def link_digest(token: str) -> str:
    """What the store keeps of a link token. A plain hash suffices: the token is 96 random
    bits, so no dictionary or brute force recovers it from its digest."""
    return hashlib.sha256(token.encode()).hexdigest()


class SigningKeys(NamedTuple):
    """The key tokens are signed with, and the previous ones still accepted while a rotation
    overlaps (a token signed before the rotation stays valid until it expires)."""

    current: str
    previous: tuple[str, ...] = ()

    @property
    def accepted(self) -> tuple[str, ...]:
        return (self.current, *(k for k in self.previous if k != self.current))


class Claims(NamedTuple):
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
        raise Unauthorized(*EXPIRED_TOKEN)
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
