"""Call-centre contacts without a complaint: one record each, and a monthly counter per
kind (and referral line, and district) that reports read instead of the records."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import datetime

from chalicelib.adapters.dynamo.models import OpsRow, transaction
from chalicelib.domain.calendar import IST
from chalicelib.domain.calls import Call


class DynamoCalls:
    def record(self, call: Call, by: str, now: datetime) -> str:
        call_id = str(uuid.uuid4())
        day = now.astimezone(IST).strftime("%Y-%m-%d")
        month = day[:7]
        key = "#".join(x for x in (call.kind, call.referred_to or "", call.district or "ALL") if x)
        with transaction() as tx:
            tx.save(
                OpsRow(
                    f"CALL#{day}",
                    f"{now.isoformat()}#{call_id}",
                    data={**{k: v for k, v in asdict(call).items() if v}, "by": by},
                ),
                condition=OpsRow.pk.does_not_exist(),
            )
            tx.update(OpsRow(f"CALLSTAT#{month}", key), actions=[OpsRow.tally.add(1)])
        return call_id

    def monthly(self, month: str) -> dict[str, int]:
        return {r.sk: int(r.tally or 0) for r in OpsRow.query(f"CALLSTAT#{month}")}
