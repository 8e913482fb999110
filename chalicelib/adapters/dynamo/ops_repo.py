"""Operational records in the ops table: rate windows, OTPs, idempotency keys."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pynamodb.exceptions import DoesNotExist, UpdateError

from chalicelib.adapters.dynamo.models import OpsRow
from chalicelib.domain.otp import Limit


def _conditional_failed(exc: Exception) -> bool:
    return getattr(exc, "cause_response_code", "") == "ConditionalCheckFailedException"


class DynamoOps:
    def hit(self, limit: Limit, key: str, now: datetime) -> bool:
        """Counts one event in the current window; False (and no count) past the limit.
        One conditional update: no read-then-write race between concurrent requests."""
        window = int(now.timestamp()) // limit.seconds
        row = OpsRow(f"RATE#{limit.name}#{key}", str(window))
        try:
            row.update(
                actions=[OpsRow.tally.add(1), OpsRow.expires.set(now + timedelta(seconds=2 * limit.seconds))],
                condition=OpsRow.tally.does_not_exist() | (OpsRow.tally < limit.count),
            )
            return True
        except UpdateError as exc:
            if _conditional_failed(exc):
                return False
            raise

    def spent(self, limit: Limit, key: str, now: datetime) -> bool:
        """A strongly consistent read of the current window: a lock-out holds at once."""
        window = int(now.timestamp()) // limit.seconds
        try:
            row = OpsRow.get(f"RATE#{limit.name}#{key}", str(window), consistent_read=True)
        except DoesNotExist:
            return False
        return int(row.tally or 0) >= limit.count

    def put_otp(self, mobile: str, digest: str, expires: datetime) -> None:
        OpsRow(
            f"OTP#{mobile}", "OTP", data={"hash": digest, "expires": expires.isoformat()}, tally=0, expires=expires
        ).save()

    def get_otp(self, mobile: str) -> dict[str, Any] | None:
        try:
            row = OpsRow.get(f"OTP#{mobile}", "OTP")
        except DoesNotExist:
            return None
        return {"hash": row.data["hash"], "expires": row.data["expires"], "tries": int(row.tally or 0)}

    def count_wrong_try(self, mobile: str, max_tries: int) -> bool:
        """Adds a wrong try; False once the OTP has used up its tries."""
        try:
            OpsRow(f"OTP#{mobile}", "OTP").update(
                actions=[OpsRow.tally.add(1)],
                condition=OpsRow.pk.exists() & (OpsRow.tally < max_tries),
            )
            return True
        except UpdateError as exc:
            if _conditional_failed(exc):
                return False
            raise

    def consume_otp(self, mobile: str, digest: str) -> bool:
        """Single use: deletes the OTP only if it is still the one that was checked."""
        from pynamodb.exceptions import DeleteError

        try:
            OpsRow(f"OTP#{mobile}", "OTP").delete(condition=OpsRow.data["hash"] == digest)
            return True
        except DeleteError as exc:
            if _conditional_failed(exc):
                return False
            raise
