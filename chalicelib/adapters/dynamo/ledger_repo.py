"""The notification ledger: one record per job and recipient, every attempt counted.

A job is claimed with a conditional write before anything is sent, so a redelivered
message finds it `sent` and sends nothing; a crashed attempt's lease runs out and the
retry may claim it again."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pynamodb.exceptions import UpdateError

from chalicelib.adapters.dynamo.models import OpsRow
from chalicelib.adapters.dynamo.ops_repo import _conditional_failed

LEASE_SECONDS = 120
KEEP_DAYS = 400


class DynamoLedger:
    def claim(self, job: str, to: str, kind: str, now: datetime) -> bool:
        row = OpsRow(f"NOTIFY#{job}", to)
        lease = (now + timedelta(seconds=LEASE_SECONDS)).isoformat()
        status = OpsRow.data["status"]
        try:
            row.update(
                actions=[
                    OpsRow.data.set({"status": "sending", "kind": kind, "lease": lease, "at": now.isoformat()}),
                    OpsRow.tally.add(1),
                    OpsRow.expires.set(now + timedelta(days=KEEP_DAYS)),
                ],
                condition=OpsRow.pk.does_not_exist()
                | (status == "failed")
                | ((status == "sending") & (OpsRow.data["lease"] < now.isoformat())),
            )
            return True
        except UpdateError as exc:
            if _conditional_failed(exc):
                return False
            raise

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
