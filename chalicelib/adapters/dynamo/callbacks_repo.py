"""Pending satisfaction callbacks in the ops table, sharded by reference and keyed by
queue and due time, so the dispatcher reads only what is due (one range query per
shard), never the complaints table. A pointer item per complaint finds its callback."""

from __future__ import annotations

from datetime import datetime

from pynamodb.exceptions import DoesNotExist

from chalicelib.adapters.dynamo.models import OpsRow, transaction
from chalicelib.domain.callbacks import Callback, shard

SHARDS = 8


def _pk(reference: str) -> str:
    return f"CALLBACK#{shard(reference, SHARDS)}"


def _sk(cb: Callback) -> str:
    return f"{cb.queue}#{cb.due}#{cb.reference}"


class DynamoCallbacks:
    def put(self, cb: Callback, replacing: Callback | None = None) -> None:
        with transaction() as tx:
            if replacing is not None:
                tx.delete(OpsRow(_pk(replacing.reference), _sk(replacing)))
            tx.save(OpsRow(_pk(cb.reference), _sk(cb), tally=cb.attempts))
            tx.save(OpsRow(f"CBREF#{cb.reference}", "CB", data={"sk": _sk(cb)}))

    def get(self, reference: str) -> Callback | None:
        try:
            sk = OpsRow.get(f"CBREF#{reference}", "CB").data["sk"]
            row = OpsRow.get(_pk(reference), sk)
        except DoesNotExist:
            return None
        queue, due, ref = row.sk.split("#")
        return Callback(ref, queue, due, int(row.tally or 0))

    def due(self, now: datetime, queue: str, limit: int = 500) -> list[Callback]:
        out = []
        for n in range(SHARDS):
            rows = OpsRow.query(
                f"CALLBACK#{n}", OpsRow.sk.between(f"{queue}#", f"{queue}#{now.isoformat()}~"), limit=limit
            )
            for r in rows:
                q, due, ref = r.sk.split("#")
                out.append(Callback(ref, q, due, int(r.tally or 0)))
        return sorted(out, key=lambda c: c.due)[:limit]

    def remove(self, reference: str) -> None:
        cb = self.get(reference)
        if cb is None:
            return
        with transaction() as tx:
            tx.delete(OpsRow(_pk(reference), _sk(cb)))
            tx.delete(OpsRow(f"CBREF#{reference}", "CB"))
