"""Dashboard cost (ARCHITECTURE 5): DynamoDB items read by a district dashboard and by the digest's
post lookup, with 10,000 and with 100,000 complaints in the table.

The complaints are written as items (so the open-complaints index holds them) and their
histories go through the aggregator's own code (`domain.aggregates.deltas` and the
repository's `rollup`), summed in memory and bulk-written: the counters are exactly what
the stream handler would have kept. Run: `make bench` or `python -m bench.dashboard`.
"""

from __future__ import annotations

import collections
import os
import sys
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from chalicelib.clock import iso
from chalicelib.domain.history import Entry

SIZES = tuple(int(n) for n in os.environ.get("BENCH_SIZES", "10000,100000").split(","))
DISTRICT = "SEHORE"
LONG_PENDING = 40  # the same few very old open complaints in both runs
NOW = datetime(2026, 11, 23, 5, 0, tzinfo=UTC)


def _reads() -> collections.Counter[str]:
    """Counts items returned by every DynamoDB read made through botocore (PynamoDB too)."""
    import botocore.client

    seen: collections.Counter[str] = collections.Counter()
    original = botocore.client.BaseClient._make_api_call

    def counting(self: Any, operation: str, params: Any) -> Any:
        out = original(self, operation, params)
        if self.meta.service_model.service_name == "dynamodb":
            if operation in ("Query", "Scan"):
                seen["items"] += len(out.get("Items", []))
            elif operation == "GetItem":
                seen["items"] += 1 if out.get("Item") else 0
            elif operation == "BatchGetItem":
                seen["items"] += sum(len(v) for v in out.get("Responses", {}).values())
            seen[f"calls.{operation}"] += 1
        return out

    botocore.client.BaseClient._make_api_call = counting  # type: ignore[method-assign]
    return seen


def _story(i: int, places: list[Any]) -> tuple[Any, list[Entry]]:
    """Complaint i's history. Within a district the first 80 complaints cover every
    department x block x story (closed satisfied, reopened, escalated, transferred, pending),
    so every aggregate row exists from the smallest size on; later ones repeat the pattern
    over the last three months, a third of the resolutions after the deadline."""
    from chalicelib.domain.complaint import Complaint

    district, blocks, division = places[i % len(places)]
    j = i // len(places)
    dept, block, b = DEPTS[j % len(DEPTS)], blocks[(j // len(DEPTS)) % len(blocks)], j // (5 * len(DEPTS))
    kind = ((j // len(DEPTS)) % 5 + b) % 5
    chain = [f"{dept}:L1:{block}", f"{dept}:L2:{district}", f"{dept}:L3:{division}", f"{dept}:L4:STATE"]
    ref = f"{i:010d}"
    at = NOW - timedelta(days=15 + (b * 29) % 70, minutes=i % 600)
    due = at + timedelta(days=9)
    h = [Entry(1, iso(at), "registered", 1, chain[0], f"{ref}-1", "citizen", {})]
    status, level = "open", 1
    if kind in (0, 1):
        took = timedelta(days=3 if b % 3 else 12)
        h.append(
            Entry(
                2,
                iso(at + took),
                "resolved",
                1,
                chain[0],
                f"{ref}-1",
                "link",
                {"acting_level": 1, "acting_post": chain[0]},
            )
        )
        after = at + took + timedelta(days=1)
        h.append(
            Entry(3, iso(after), "closed", 1, chain[0], f"{ref}-1", "cce", {"satisfied": True})
            if kind == 0
            else Entry(
                3,
                iso(after),
                "reopened",
                2,
                chain[1],
                f"{ref}-2",
                "cce",
                {"satisfied": False, "due_at": iso(after + timedelta(days=9))},
            )
        )
        status, level = ("closed", 1) if kind == 0 else ("open", 2)
    elif kind == 2:
        h.append(
            Entry(
                2,
                iso(due),
                "escalated",
                2,
                chain[1],
                f"{ref}-2",
                "system",
                {
                    "lapsed_post": chain[0],
                    "lapsed_level": 1,
                    "lapsed_assignment": f"{ref}-1",
                    "lapsed_due_at": iso(due),
                    "due_at": iso(due + timedelta(days=9)),
                },
            )
        )
        level = 2
    elif kind == 3:
        other = DEPTS[(j + 1) % len(DEPTS)]
        h.append(
            Entry(
                2,
                iso(at + timedelta(days=1)),
                "transferred",
                1,
                f"{other}:L1:{block}",
                f"{ref}-2",
                "link",
                {"from_department": dept, "to_department": other, "due_at": iso(due + timedelta(days=1))},
            )
        )
        dept, chain = other, [f"{other}:L1:{block}", *chain[1:]]
    c = Complaint(
        ref,
        len(h),
        "complaint",
        dept,
        district,
        block,
        status,
        level,
        chain,
        "general",
        chain[level - 1],
        h[-1].assignment_id,
        h[-1].at,
        iso(due),
        iso(at),
        "web",
        "+919999999999",
        "बेंच",
        "माप",
        "डैशबोर्ड की लागत",
    )
    return c, h


def _load(start: int, stop: int, cells: dict[Any, dict[str, int]], places: list[Any]) -> None:
    """Complaints [start, stop): their items into the table, their deltas into `cells`."""
    from chalicelib.adapters.dynamo.aggregates_repo import rollup
    from chalicelib.adapters.dynamo.complaints_repo import to_item
    from chalicelib.adapters.dynamo.models import ComplaintItem
    from chalicelib.domain import aggregates as agg

    with ComplaintItem.batch_write() as batch:
        for i in range(start, stop):
            c, history = _story(i, places)
            facts = agg.Facts(c.district, c.department, c.assignment_id, c.due_at)
            for e in history:
                rollup(agg.totals(agg.deltas(e, history, facts)), agg.month_of(e.at), cells)
            batch.save(to_item(c))


DEPTS: list[str] = []


def _long_pending(places: list[Any]) -> None:
    """The same very old open complaints in both runs (pending over 100 and over 300 days)."""
    from dataclasses import replace

    from chalicelib.adapters.dynamo.complaints_repo import to_item
    from chalicelib.adapters.dynamo.models import ComplaintItem

    at = next(n for n, p in enumerate(places) if p[0] == DISTRICT)
    with ComplaintItem.batch_write() as batch:
        for k in range(LONG_PENDING):
            c, _ = _story(at + len(places) * (4 * len(DEPTS) + k), places)  # a pending story
            old = iso(NOW - timedelta(days=120 + 8 * k))
            batch.save(to_item(replace(c, reference=f"9{k:09d}", registered_at=old, status="open")))


def main() -> int:
    import logging

    from bench.stack import moto_stack

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    with moto_stack():
        from chalicelib import bootstrap
        from chalicelib.adapters.dynamo.aggregates_repo import DynamoAggregates
        from chalicelib.clock import ManualClock
        from chalicelib.domain.scope import Scope
        from chalicelib.services import dashboards, digest
        from chalicelib.services.structure import mp_data

        data = mp_data()
        DEPTS.extend(d["code"] for d in data["departments"])
        blocks = {d: [b["code"] for b in bs] for d, bs in data["blocks"].items()}
        places = [
            (d["code"], blocks.get(d["code"]) or [f"{d['code']}-B{k}" for k in range(5)], d["division"])
            for d in data["districts"]
        ]
        bootstrap.override(clock=ManualClock(NOW))
        deps = bootstrap.reports()
        _long_pending(places)
        cells: dict[Any, dict[str, int]] = {}
        done, figures = 0, []
        for n in SIZES:
            t0 = time.perf_counter()
            _load(done, n, cells, places)
            DynamoAggregates().put_totals(cells)
            done = n
            loaded = time.perf_counter() - t0
            reads = _reads()
            view = dashboards.district(DISTRICT, "2026-11", Scope(everything=True), deps)
            dash = dict(reads)
            reads.clear()
            digest.posts_with_pending(deps)
            figures.append((n, dash, dict(reads), view["total"]["received"], len(cells), loaded))
        print(f"dashboard: district {DISTRICT}, month 2026-11 (aggregates and index keys only)")
        for n, dash, dig, received, ncells, loaded in figures:
            print(
                f"  {n:>7,} complaints ({ncells:,} aggregate rows, loaded in {loaded:.0f}s): "
                f"dashboard read {dash['items']} items in {sum(v for k, v in dash.items() if k != 'items')} calls"
                f" (district received this month: {received:,}); digest post lookup read {dig['items']} items"
            )
        same = len({f[1]["items"] for f in figures}) == 1
        print(f"  items read equal for every size: {same}")
        return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
