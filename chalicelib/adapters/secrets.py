"""The token signing key from AWS Secrets Manager, read once per cold start and cached.

The secret's `AWSCURRENT` version signs; its `AWSPREVIOUS` version is still accepted, so a
rotation (`aws secretsmanager put-secret-value` or rotate-secret: the old value moves to
`AWSPREVIOUS`) logs nobody out and breaks no officer's SMS link until the next rotation.
A warm function trusts its copy for `max_age` seconds; a token that matches no cached key
makes it read the secret again (at most once per `min_refresh` seconds), so a token signed
by a function that already has the new key is accepted everywhere at once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from chalicelib.domain.tokens import SigningKeys
from chalicelib.settings import Misconfigured

MIN_LENGTH = 32


class SecretsManagerKeys:
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
        self._keys: SigningKeys | None = None
        self._read_at = float("-inf")
        self._lock = threading.Lock()
        self.reads = 0

    def keys(self) -> SigningKeys:
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
                raise Misconfigured(("SIGNING_SECRET_ARN: the secret has no current value",))
            if len(current) < MIN_LENGTH:
                raise Misconfigured((f"SIGNING_SECRET_ARN: the secret is shorter than {MIN_LENGTH} characters",))
            previous = self._value("AWSPREVIOUS")
            self._keys = SigningKeys(current, (previous,) if previous and len(previous) >= MIN_LENGTH else ())
            self._read_at = self._monotonic()
            self.reads += 1

    def _value(self, stage: str) -> str | None:
        errors = self._client.exceptions
        try:
            out = self._client.get_secret_value(SecretId=self._id, VersionStage=stage)
        except errors.ResourceNotFoundException:
            if stage == "AWSCURRENT":
                raise Misconfigured(("SIGNING_SECRET_ARN: no such secret",)) from None
            return None  # never rotated yet: no previous version
        except errors.ClientError as exc:
            # No permission, a KMS key that may not be used: the stage cannot serve.
            code = exc.response.get("Error", {}).get("Code", "error")
            raise Misconfigured((f"SIGNING_SECRET_ARN: cannot be read ({code})",)) from exc
        value = out.get("SecretString")
        return str(value) if value else None
