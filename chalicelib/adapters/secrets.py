"""Secrets from AWS Secrets Manager, read once per cold start and cached: the token signing
key, and the WhatsApp Business Platform's app secret, verify token and access token.

The secret's `AWSCURRENT` version signs; its `AWSPREVIOUS` version is still accepted, so a
rotation (`aws secretsmanager put-secret-value` or rotate-secret: the old value moves to
`AWSPREVIOUS`) logs nobody out and breaks no officer's SMS link until the next rotation.
A warm function trusts its copy for `max_age` seconds; a token that matches no cached key
makes it read the secret again (at most once per `min_refresh` seconds), so a token signed
by a function that already has the new key is accepted everywhere at once.

The WhatsApp secret is one JSON value `{"app_secret", "verify_token", "access_token"}` (what
Meta's app dashboard gives); its previous version's app secret still verifies webhooks while
a rotation is under way.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from chalicelib.domain.tokens import SigningKeys
from chalicelib.domain.whatsapp import PlatformKeys
from chalicelib.settings import Misconfigured

MIN_LENGTH = 32
K = TypeVar("K")


class _Cached(Generic[K]):
    """A secret's current (and previous) version, read at most once per `max_age` seconds."""

    SETTING = ""  # the setting naming the secret, for the refusal

    def __init__(
        self,
        client: Any,
        secret_id: str,
        max_age: float = 300,
        min_refresh: float = 30,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = client
        self._id = secret_id
        self._max_age = max_age
        self._min_refresh = min_refresh
        self._monotonic = monotonic
        self._keys: K | None = None
        self._read_at = float("-inf")
        self._lock = threading.Lock()
        self.reads = 0

    def keys(self) -> K:
        if self._keys is None or self._monotonic() - self._read_at >= self._max_age:
            self._read()
        assert self._keys is not None
        return self._keys

    def refresh(self) -> bool:
        """Read the secret again unless it was read within `min_refresh` seconds; True if read."""
        if self._monotonic() - self._read_at < self._min_refresh:
            return False
        self._read()
        return True

    def _read(self) -> None:
        with self._lock:
            current = self._value("AWSCURRENT")
            if current is None:
                raise Misconfigured((f"{self.SETTING}: the secret has no current value",))
            self._keys = self._made(current, self._value("AWSPREVIOUS"))
            self._read_at = self._monotonic()
            self.reads += 1

    def _made(self, current: str, previous: str | None) -> K:
        raise NotImplementedError

    def _value(self, stage: str) -> str | None:
        errors = self._client.exceptions
        try:
            out = self._client.get_secret_value(SecretId=self._id, VersionStage=stage)
        except errors.ResourceNotFoundException:
            if stage == "AWSCURRENT":
                raise Misconfigured((f"{self.SETTING}: no such secret",)) from None
            return None  # never rotated yet: no previous version
        except errors.ClientError as exc:
            # No permission, a KMS key that may not be used: the stage cannot serve.
            code = exc.response.get("Error", {}).get("Code", "error")
            raise Misconfigured((f"{self.SETTING}: cannot be read ({code})",)) from exc
        value = out.get("SecretString")
        return str(value) if value else None


class SecretsManagerKeys(_Cached[SigningKeys]):
    """The token signing key (`SIGNING_SECRET_ARN`)."""

    SETTING = "SIGNING_SECRET_ARN"

    def _made(self, current: str, previous: str | None) -> SigningKeys:
        if len(current) < MIN_LENGTH:
            raise Misconfigured((f"{self.SETTING}: the secret is shorter than {MIN_LENGTH} characters",))
        return SigningKeys(current, (previous,) if previous and len(previous) >= MIN_LENGTH else ())


class SecretsManagerWhatsApp(_Cached[PlatformKeys]):
    """The WhatsApp Business Platform's secrets (`WHATSAPP_SECRET_ARN`), one JSON value."""

    SETTING = "WHATSAPP_SECRET_ARN"
    FIELDS = ("app_secret", "verify_token", "access_token")

    def _made(self, current: str, previous: str | None) -> PlatformKeys:
        now = self._fields(current)
        if now is None:
            raise Misconfigured((f"{self.SETTING}: must be JSON with {', '.join(self.FIELDS)}",))
        before = self._fields(previous) if previous else None
        secrets = (now["app_secret"],) + ((before["app_secret"],) if before else ())
        return PlatformKeys(secrets, now["verify_token"], now["access_token"])

    def _fields(self, text: str) -> dict[str, str] | None:
        try:
            value = json.loads(text)
        except ValueError:
            return None
        if not isinstance(value, dict) or not all(isinstance(value.get(f), str) and value[f] for f in self.FIELDS):
            return None
        return {f: str(value[f]) for f in self.FIELDS}
