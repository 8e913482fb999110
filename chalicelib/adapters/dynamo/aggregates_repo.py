"""Report aggregates in the ops table: counters per district x department x level x month
(and all time), per post, and state-wide rows; applied once per history item.

Layout (pk -> sk), each for period P = `YYYY-MM` and `ALL` (pending is read from ALL):
  AGG#D#<district>#P  -> <department>#L<level>   (a district's departments: one query;
                                                  a department across districts: one per district)
  AGG#S#P             -> D#<district>            (the state's districts: ranking, division)
  AGG#P#<district>#P  -> <post>                  (officer scores, digest: one query per district)
Six small items per side of an event (at most ten when an event has two sides, as an
escalation or a transfer has): a TransactWriteItems may touch an item only once, and
every item costs a write, so derived views are read, not written. The history items of
one stream batch go in as few transactions as fit (`apply_all`): each keeps its own
marker, and the rows they share (the district's, the state's, the ALL ones) are written
once with their changes added up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.exceptions import TransactWriteError
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.dynamo.models import OpsRow
from chalicelib.adapters.dynamo.monitoring_repo import disposal_record
from chalicelib.domain.aggregates import COUNTERS, Side
from chalicelib.services.report_ports import ALL, Applied, Changes, Counts, DepartmentRow, Disposal, PostRow
from chalicelib.settings import OPS_TABLE

MARKER_DAYS = 30
TRANSACTION_ITEMS = 100  # DynamoDB's limit of items in one TransactWriteItems
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
        out += [
            (_district_pk(side.district, p), f"{side.department}#L{side.level}"),
            (_state_pk(p), f"D#{side.district}"),
            (_post_pk(side.district, p), side.post),
        ]
    return out


def rollup(
    changes: Mapping[tuple[Side, str], int], month: str, into: dict[Cell, dict[str, int]] | None = None
) -> dict[Cell, dict[str, int]]:
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


def _counts(item: AggregateRow) -> dict[str, int]:
    return {c: int(getattr(item, c) or 0) for c in COUNTERS}


def _state_pk(period: str) -> str:
    return f"AGG#S#{period}"


def _district_pk(district: str, period: str) -> str:
    return f"AGG#D#{district}#{period}"


def _post_pk(district: str, period: str) -> str:
    return f"AGG#P#{district}#{period}"


def _department_row(item: AggregateRow) -> DepartmentRow:
    department, level = item.sk.rsplit("#", 1)
    return DepartmentRow(department, int(level.removeprefix("L")), _counts(item))


class DynamoAggregates:
    """The `AggregatesStore` port (services.report_ports) over the ops table. `workers`:
    queries at once when a read spans districts; `page_size`: items per query page (None:
    DynamoDB's own 1 MB pages)."""

    def __init__(self, workers: int = 8, page_size: int | None = None) -> None:
        self._workers = workers
        self._page_size = page_size

    def apply(
        self, reference: str, version: int, changes: Changes, month: str, disposal: Disposal | None, now: datetime
    ) -> bool:
        """One TransactWriteItems: the history item's marker (must not exist yet), every
        counter ADD and the disposal log's line. False (and nothing written) if already applied."""
        return self.apply_all([Applied(reference, version, changes, month, disposal)], now)[0]

    def apply_all(self, items: Sequence[Applied], now: datetime) -> list[bool]:
        """The items in as few TransactWriteItems as fit (at most 100 items each): every item's
        marker (must not exist yet), the counter rows of all of them, each once with their
        changes added up, and their disposal log lines. A transaction refused because some
        markers exist (a redelivered batch) is written again without those items; each
        item is applied exactly once, with its counters, or not at all."""
        done = [False] * len(items)
        pending: list[int] = []
        seen: set[tuple[str, int]] = set()
        for i, item in enumerate(items):
            if (item.reference, item.version) not in seen:  # the same item twice: once
                seen.add((item.reference, item.version))
                pending.append(i)
        for chunk in self._chunks(items, pending):
            while chunk:
                applied_before = self._write(items, chunk, now)
                if applied_before is None:
                    for i in chunk:
                        done[i] = True
                    break
                chunk = [i for i in chunk if i not in applied_before]
        return done

    @staticmethod
    def _chunks(items: Sequence[Applied], indices: list[int]) -> list[list[int]]:
        """Consecutive items grouped so that each group's transaction stays within the limit
        (a group's rows counted before they merge) and holds a disposal line once."""
        chunks: list[list[int]] = []
        chunk: list[int] = []
        rows: set[Cell] = set()
        lines: set[tuple[str, str]] = set()
        for i in indices:
            item = items[i]
            mine = {cell for side, _ in item.changes for cell in cells(side, item.month)}
            line = (item.disposal.day, item.disposal.reference) if item.disposal else None
            size = len(chunk) + 1 + len(rows | mine) + len(lines) + (1 if line else 0)
            if chunk and (size > TRANSACTION_ITEMS or (line is not None and line in lines)):
                chunks.append(chunk)
                chunk, rows, lines = [], set(), set()
            chunk.append(i)
            rows |= mine
            if line is not None:
                lines.add(line)
        if chunk:
            chunks.append(chunk)
        return chunks

    def _write(self, items: Sequence[Applied], chunk: list[int], now: datetime) -> set[int] | None:
        """One transaction of the chunk's items: None when written; else the items whose
        markers were there already (nothing was written)."""
        merged: dict[Cell, dict[str, int]] = {}
        for i in chunk:
            rollup(items[i].changes, items[i].month, merged)
        expires = now + timedelta(days=MARKER_DAYS)
        try:
            # The model's own (cached) connection: a new one per transaction builds a new client.
            with TransactWrite(connection=AggregateRow._get_connection().connection) as tx:
                for i in chunk:  # the markers first: a refusal's reasons are theirs, in order
                    tx.save(
                        OpsRow(f"AGGDONE#{items[i].reference}#{items[i].version}", "AGGDONE", expires=expires),
                        condition=OpsRow.pk.does_not_exist(),
                    )
                for (pk, sk), counts in merged.items():
                    actions = [getattr(AggregateRow, c).add(n) for c, n in counts.items() if n]
                    if actions:
                        tx.update(AggregateRow(pk, sk), actions=actions)
                for i in chunk:
                    disposal = items[i].disposal
                    if disposal is not None:
                        tx.save(disposal_record(disposal, now))
        except TransactWriteError as exc:
            reasons = [r.code if r else None for r in (exc.cancellation_reasons or [])]
            before = {i for i, code in zip(chunk, reasons, strict=False) if code == "ConditionalCheckFailed"}
            if before:
                return before
            raise
        return None

    def _query(self, pk: str, prefix: str | None = None) -> list[AggregateRow]:
        cond = AggregateRow.sk.startswith(prefix) if prefix else None
        return list(AggregateRow.query(pk, cond, page_size=self._page_size))

    def _many(self, pks: Sequence[str], prefix: str | None) -> list[list[AggregateRow]]:
        """Several partitions at once (a department across the districts): queries in parallel."""
        if len(pks) <= 1:
            return [self._query(k, prefix) for k in pks]
        with ThreadPoolExecutor(max_workers=self._workers) as pool:
            return list(pool.map(lambda k: self._query(k, prefix), pks))

    def state_rows(self, period: str) -> dict[str, Counts]:
        return {i.sk.removeprefix("D#"): _counts(i) for i in self._query(_state_pk(period), "D#")}

    def district_months(self, district: str, months: Sequence[str]) -> dict[str, Counts]:
        month_of = {_state_pk(m): m for m in months}
        got = AggregateRow.batch_get([(pk, f"D#{district}") for pk in month_of])
        return {month_of[i.pk]: _counts(i) for i in got}

    def district_rows(
        self, districts: Sequence[str], period: str, department: str | None = None
    ) -> dict[str, list[DepartmentRow]]:
        codes = list(dict.fromkeys(districts))
        got = self._many([_district_pk(d, period) for d in codes], f"{department}#" if department else None)
        return {d: [_department_row(i) for i in items] for d, items in zip(codes, got, strict=True)}

    def post_rows(
        self, districts: Sequence[str], period: str, department: str | None = None, role: str | None = None
    ) -> dict[str, list[PostRow]]:
        codes = list(dict.fromkeys(districts))
        prefix = (f"{department}:{role}:" if role else f"{department}:") if department else None
        got = self._many([_post_pk(d, period) for d in codes], prefix)
        return {
            d: [PostRow(i.sk, _counts(i)) for i in items if role is None or i.sk.split(":")[1:2] == [role]]
            for d, items in zip(codes, got, strict=True)
        }

    def put_totals(self, totals: dict[Cell, dict[str, int]]) -> None:
        """Bulk load of precomputed totals (benchmarks, rebuilds; see `rollup`): overwrites the rows."""
        with AggregateRow.batch_write() as batch:
            for (pk, sk), counts in totals.items():
                batch.save(AggregateRow(pk, sk, **counts))  # type: ignore[arg-type]
