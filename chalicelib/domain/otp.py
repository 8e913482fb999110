"""OTP for web/app filing (R-WEB-OTP), per OWASP ASVS V2.7: six digits, stored only as a
keyed hash, ten minutes, single use, five wrong tries, and send limits against SMS pumping."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass

OTP_TTL_SECONDS = 10 * 60
MAX_WRONG_TRIES = 5
CITIZEN_TOKEN_SECONDS = 30 * 60


@dataclass(frozen=True)
class Limit:
    """At most `count` events per `seconds` window for one key."""

    name: str
    count: int
    seconds: int


SEND_LIMITS = (Limit("mobile-15m", 3, 15 * 60), Limit("mobile-day", 10, 24 * 3600))


def source_limit(per_hour: int) -> Limit:
    return Limit("source-hour", per_hour, 3600)


def new_code(randbelow: Callable[[int], int] = secrets.randbelow) -> str:
    return f"{randbelow(1_000_000):06d}"


def code_hash(secret: str, mobile: str, code: str) -> str:
    return hmac.new(secret.encode(), f"otp|{mobile}|{code}".encode(), hashlib.sha256).hexdigest()
