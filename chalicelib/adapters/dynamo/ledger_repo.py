"""The notification ledger: one record per job and recipient, every attempt counted.

A job is claimed with a conditional write before anything is sent, so a redelivered
message finds it `sent` and sends nothing. A claim holds a lease (`NOTIFY_LEASE_SECONDS`,
shorter than the notify queue's visibility timeout by construction): while it runs, another
attempt is told `leased` and puts the job back on the queue until it ends; once it has run
out (the attempt holding it died), the next attempt claims it again and sends."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from pynamodb.exceptions import DoesNotExist, UpdateError

from chalicelib.adapters.dynamo.models import OpsRow
from chalicelib.adapters.dynamo.ops_repo import _conditional_failed
from chalicelib.services.ports import Claim
from chalicelib.settings import NOTIFY_LEASE_SECONDS

LEASE_SECONDS = NOTIFY_LEASE_SECONDS
KEEP_DAYS = 400


class DynamoLedger:
    def claim(self, job: str, to: str, kind: str, now: datetime) -> Claim:
        row = OpsRow(f"NOTIFY#{job}", to)
        lease = now + timedelta(seconds=LEASE_SECONDS)
        status = OpsRow.data["status"]
        # Marks this claim as ours: if DynamoDB applied it and its reply was lost, botocore's
        # retry is refused by the condition, and reading the row back tells that we hold it.
        attempt = uuid.uuid4().hex
        for _ in range(3):  # the row may change between a refused claim and reading it
            try:
                row.update(
                    actions=[
                        OpsRow.data.set(
                            {
                                "status": "sending",
                                "kind": kind,
                                "lease": lease.isoformat(),
                                "at": now.isoformat(),
                                "attempt": attempt,
                            }
                        ),
                        OpsRow.tally.add(1),
                        OpsRow.expires.set(now + timedelta(days=KEEP_DAYS)),
                    ],
                    condition=OpsRow.pk.does_not_exist()
                    | (status == "failed")
                    | ((status == "sending") & (OpsRow.data["lease"] < now.isoformat())),
                )
                return Claim("won", lease)
            except UpdateError as exc:
                if not _conditional_failed(exc):
                    raise
            held = self._held(job, to, now, attempt)
            if held is not None:
                return held
        raise RuntimeError(f"ledger claim of {job} for {to} kept changing")

    def _held(self, job: str, to: str, now: datetime, attempt: str = "") -> Claim | None:
        """Why a claim was refused, read consistently: sent, or leased until when (None: it is
        claimable again, e.g. the holder just failed)."""
        try:
            data = OpsRow.get(f"NOTIFY#{job}", to, consistent_read=True).data.as_dict()
        except DoesNotExist:
            return None
        if data.get("status") == "sent":
            return Claim("sent")
        if data.get("status") == "sending" and attempt and data.get("attempt") == attempt:
            return Claim("won", datetime.fromisoformat(data["lease"]))
        if data.get("status") == "sending" and data.get("lease", "") >= now.isoformat():
            return Claim("leased", datetime.fromisoformat(data["lease"]))
        return None

    def finish(self, job: str, to: str, kind: str, now: datetime, provider_id: str) -> None:
        OpsRow(f"NOTIFY#{job}", to).update(
            actions=[
                OpsRow.data.set({"status": "sent", "kind": kind, "provider_id": provider_id, "at": now.isoformat()})
            ]
        )

    def fail(self, job: str, to: str, kind: str, now: datetime, error: str) -> None:
        OpsRow(f"NOTIFY#{job}", to).update(
            actions=[OpsRow.data.set({"status": "failed", "kind": kind, "error": error[:500], "at": now.isoformat()})]
        )

    def attempts(self, job: str) -> list[dict[str, Any]]:
        return [{"to": r.sk, "attempts": int(r.tally or 0), **r.data.as_dict()} for r in OpsRow.query(f"NOTIFY#{job}")]
