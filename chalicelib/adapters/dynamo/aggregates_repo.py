"""Report aggregates in the ops table: counters per district x department x level x month
(and all time), per post, and state-wide rows; applied once per history item.

Layout (pk -> sk), each for period P = `YYYY-MM` and `ALL` (pending is read from ALL):
  AGG#D#<district>#P  -> <department>#L<level>   (a district's departments: one query;
                                                  a department across districts: one per district)
  AGG#S#P             -> D#<district>            (the state's districts: ranking, division)
  AGG#P#<district>#P  -> <post>                  (officer scores, digest: one query per district)
Six small items per side of an event (at most ten when an event has two sides, as an
escalation or a transfer has): a TransactWriteItems may touch an item only once, and
every item costs a write, so derived views are read, not written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.exceptions import TransactWriteError
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.dynamo.models import OpsRow
from chalicelib.domain.aggregates import COUNTERS, Side
from chalicelib.settings import OPS_TABLE

ALL = "ALL"
MARKER_DAYS = 30
Cell = tuple[str, str]


class AggregateRow(Model):
    """One counter row; counters are top-level numbers because DynamoDB's ADD (an atomic
    increment that also creates the item) works only on top-level attributes."""

    class Meta:
        table_name = OPS_TABLE
        billing_mode = "PAY_PER_REQUEST"

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    received = NumberAttribute(null=True)
    assigned = NumberAttribute(null=True)
    disposed = NumberAttribute(null=True)
    disposed_in_time = NumberAttribute(null=True)
    satisfied = NumberAttribute(null=True)
    satisfied_in_time = NumberAttribute(null=True)
    dissatisfied = NumberAttribute(null=True)
    force_closed = NumberAttribute(null=True)
    escalated = NumberAttribute(null=True)
    overdue = NumberAttribute(null=True)
    transferred_in = NumberAttribute(null=True)
    transferred_out = NumberAttribute(null=True)
    pending = NumberAttribute(null=True)


def cells(side: Side, month: str) -> list[Cell]:
    out: list[Cell] = []
    for p in (month, ALL):
        out += [(f"AGG#D#{side.district}#{p}", f"{side.department}#L{side.level}"),
                (f"AGG#S#{p}", f"D#{side.district}"), (f"AGG#P#{side.district}#{p}", side.post)]
    return out


def rollup(changes: Mapping[tuple[Side, str], int], month: str,
           into: dict[Cell, dict[str, int]] | None = None) -> dict[Cell, dict[str, int]]:
    """Adds counter changes to every cell they belong to (merged: a transaction may touch
    an item once); cells whose changes cancel out are dropped."""
    out = into if into is not None else {}
    touched = set()
    for (side, counter), n in changes.items():
        for cell in cells(side, month):
            row = out.setdefault(cell, {})
            row[counter] = row.get(counter, 0) + n
            touched.add(cell)
    for cell in touched:
        if not any(out[cell].values()):
            del out[cell]
    return out


def _row(item: AggregateRow) -> dict[str, Any]:
    return {"sk": item.sk, **{c: int(getattr(item, c) or 0) for c in COUNTERS}}


class DynamoAggregates:
    def apply(self, reference: str, version: int, changes: dict[Cell, dict[str, int]],
              records: Iterable[OpsRow] = (), now: datetime | None = None) -> bool:
        """One TransactWriteItems: the history item's marker (must not exist yet), every
        counter ADD and any side records. False (and nothing written) if already applied."""
        expires = (now or datetime.now().astimezone()) + timedelta(days=MARKER_DAYS)
        try:
            # The model's own (cached) connection: a new one per transaction builds a new client.
            with TransactWrite(connection=AggregateRow._get_connection().connection) as tx:
                tx.save(OpsRow(f"AGGDONE#{reference}#{version}", "AGGDONE", expires=expires),
                        condition=OpsRow.pk.does_not_exist())
                for (pk, sk), counts in changes.items():
                    actions = [getattr(AggregateRow, c).add(n) for c, n in counts.items() if n]
                    if actions:
                        tx.update(AggregateRow(pk, sk), actions=actions)
                for r in records:
                    tx.save(r)
        except TransactWriteError as exc:
            reasons = [r.code if r else None for r in (exc.cancellation_reasons or [])]
            if reasons and reasons[0] == "ConditionalCheckFailed":
                return False
            raise
        return True

    def rows(self, pk: str, prefix: str | None = None) -> list[dict[str, Any]]:
        cond = AggregateRow.sk.startswith(prefix) if prefix else None
        return [_row(i) for i in AggregateRow.query(pk, cond)]

    def rows_many(self, pks: Iterable[str], prefix: str | None = None) -> dict[str, list[dict[str, Any]]]:
        """Several partitions at once (a department across the districts): queries in parallel."""
        keys = list(dict.fromkeys(pks))
        with ThreadPoolExecutor(max_workers=8) as pool:
            return dict(zip(keys, pool.map(lambda k: self.rows(k, prefix), keys), strict=True))

    def get_many(self, keys: Iterable[Cell]) -> dict[Cell, dict[str, Any]]:
        return {(i.pk, i.sk): _row(i) for i in AggregateRow.batch_get(list(dict.fromkeys(keys)))}

    def put_totals(self, totals: dict[Cell, dict[str, int]]) -> None:
        """Bulk load of precomputed totals (benchmarks, rebuilds): overwrites the rows."""
        with AggregateRow.batch_write() as batch:
            for (pk, sk), counts in totals.items():
                batch.save(AggregateRow(pk, sk, **counts))  # type: ignore[arg-type]
