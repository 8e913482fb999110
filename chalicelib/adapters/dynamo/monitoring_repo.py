"""Monitoring records in the ops table (disposal log, feedback calls, weekly packs) and the
complaint-table reads reports need: one complaint with its history, a few complaints by
reference, and long pendency from the sparse `open_by_district` index (a key-range query,
never a scan)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from pynamodb.exceptions import PutError, UpdateError

from chalicelib.adapters.dynamo.complaints_repo import entry_from_item, from_item, pk
from chalicelib.adapters.dynamo.models import ComplaintItem, ComplaintRow, HistoryItem, OpsRow
from chalicelib.adapters.dynamo.ops_repo import _conditional_failed
from chalicelib.domain.complaint import Complaint
from chalicelib.domain.history import Entry
from chalicelib.services.report_ports import Disposal, LongPending
from chalicelib.settings import COMPLAINTS_TABLE

LOG_DAYS = 30
FEEDBACK_DAYS = 120


def disposal_record(d: Disposal, now: datetime) -> OpsRow:
    """Who was disposed of that day (feedback sampling): one state-wide partition per day, so the
    daily draw reads a few day partitions instead of one per district and per department."""
    return OpsRow(
        f"DISPOSED#{d.day}",
        d.reference,
        data={"district": d.district, "department": d.department},
        expires=now + timedelta(days=LOG_DAYS),
    )


class DynamoMonitoring:
    """The `MonitoringStore` port (services.report_ports): records in the ops table, reads of
    the complaints table. `dynamodb` is a boto3 client (the pendency index is read with it);
    `page_size` bounds each index page (None: DynamoDB's own 1 MB pages)."""

    def __init__(self, dynamodb: Any, complaints_table: str = COMPLAINTS_TABLE, page_size: int | None = None) -> None:
        self._ddb = dynamodb
        self._table = complaints_table
        self._page_size = page_size

    def complaint_with_history(self, reference: str) -> tuple[Complaint | None, list[Entry]]:
        """One strongly consistent query of the complaint's partition."""
        c, entries = None, []
        for row in ComplaintRow.query(pk(reference), consistent_read=True):
            if isinstance(row, ComplaintItem):
                c = from_item(row)
            elif isinstance(row, HistoryItem):
                entries.append(entry_from_item(row))
        return c, entries

    def disposed(self, day: str) -> list[Disposal]:
        rows = ((r.sk, r.data.as_dict()) for r in OpsRow.query(f"DISPOSED#{day}"))
        return [Disposal(day, ref, str(d["district"]), str(d["department"])) for ref, d in rows]

    def long_pending(self, district: str, registered_before: str) -> list[LongPending]:
        """Only index entries are read. (Low-level: PynamoDB cannot type a KEYS_ONLY row,
        which lacks `kind`.)"""
        paging = {"PaginationConfig": {"PageSize": self._page_size}} if self._page_size else {}
        pages = self._ddb.get_paginator("query").paginate(
            TableName=self._table,
            IndexName="open_by_district",
            KeyConditionExpression="open_district = :d AND registered_at < :r",
            ExpressionAttributeValues={":d": {"S": district}, ":r": {"S": registered_before}},
            **paging,
        )
        return [
            LongPending(i["pk"]["S"].removeprefix("C#"), i["registered_at"]["S"], i.get("department", {}).get("S"))
            for p in pages
            for i in p["Items"]
        ]

    def departments_of(self, references: Iterable[str]) -> dict[str, str]:
        keys = [(pk(r), "COMPLAINT") for r in dict.fromkeys(references)]
        got = ComplaintRow.batch_get(keys, attributes_to_get=["pk", "department", "kind"])
        return {i.pk.removeprefix("C#"): str(i.department) for i in got if isinstance(i, ComplaintItem)}

    def complaints(self, references: Iterable[str]) -> dict[str, Complaint]:
        keys = [(pk(r), "COMPLAINT") for r in dict.fromkeys(references)]
        return {i.reference: from_item(i) for i in ComplaintRow.batch_get(keys) if isinstance(i, ComplaintItem)}

    # ---- feedback calls (R-FEEDBACK-SAMPLING) --------------------------------------
    def add_pick(self, post: str, day: str, reference: str, kind: str, now: datetime) -> bool:
        """A complainant to call; a second run of the same day's sampling keeps outcomes."""
        try:
            OpsRow(
                f"FEEDBACK#{post}",
                f"{day}#{reference}",
                data={"kind": kind, "outcome": "to_call"},
                expires=now + timedelta(days=FEEDBACK_DAYS),
            ).save(condition=OpsRow.pk.does_not_exist())
            return True
        except PutError as exc:
            if _conditional_failed(exc):
                return False
            raise

    def picks(self, post: str, day: str) -> list[dict[str, Any]]:
        rows = OpsRow.query(f"FEEDBACK#{post}", OpsRow.sk.startswith(f"{day}#"))
        return [{"post": post, "day": day, "reference": r.sk.split("#", 1)[1], **r.data.as_dict()} for r in rows]

    def record_outcome(self, post: str, day: str, reference: str, outcome: Mapping[str, str]) -> bool:
        """Only for a pick that exists (the caller's own list)."""
        try:
            OpsRow(f"FEEDBACK#{post}", f"{day}#{reference}").update(
                actions=[OpsRow.data[k].set(v) for k, v in outcome.items()], condition=OpsRow.pk.exists()
            )
            return True
        except UpdateError as exc:
            if _conditional_failed(exc):
                return False
            raise

    # ---- weekly review pack (R-WEEKLY) -------------------------------------------
    def put_pack(self, day: str, pack: dict[str, Any]) -> None:
        OpsRow("WEEKLY#PACK", day, data={"json": json.dumps(pack, ensure_ascii=False)}).save()

    def pack(self, day: str | None = None) -> dict[str, Any] | None:
        if day:
            rows = list(OpsRow.query("WEEKLY#PACK", OpsRow.sk == day))
        else:
            rows = list(OpsRow.query("WEEKLY#PACK", scan_index_forward=False, limit=1))
        return json.loads(rows[0].data["json"]) if rows else None
