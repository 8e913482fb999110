"""Monitoring records in the ops table (disposal log, feedback calls, weekly packs) and the
two complaint-table reads reports need: one complaint with its history, and long pendency
from the sparse `open_by_district` index (a key-range query, never a scan)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from pynamodb.exceptions import PutError, UpdateError

from chalicelib.adapters.dynamo.complaints_repo import entry_from_item, from_item, pk
from chalicelib.adapters.dynamo.models import ComplaintItem, ComplaintRow, HistoryItem, OpsRow
from chalicelib.adapters.dynamo.ops_repo import _conditional_failed
from chalicelib.domain.complaint import Complaint
from chalicelib.domain.history import Entry
from chalicelib.settings import COMPLAINTS_TABLE

LOG_DAYS = 30
FEEDBACK_DAYS = 120


def complaint_with_history(reference: str) -> tuple[Complaint | None, list[Entry]]:
    """One strongly consistent query of the complaint's partition."""
    c, entries = None, []
    for row in ComplaintRow.query(pk(reference), consistent_read=True):
        if isinstance(row, ComplaintItem):
            c = from_item(row)
        elif isinstance(row, HistoryItem):
            entries.append(entry_from_item(row))
    return c, entries


def disposal_records(day: str, reference: str, district: str, department: str, now: datetime) -> list[OpsRow]:
    """Who was disposed of that day (feedback sampling): one state-wide partition per day, so the
    daily draw reads a few day partitions instead of one per district and per department."""
    exp = now + timedelta(days=LOG_DAYS)
    return [OpsRow(f"DISPOSED#{day}", reference, data={"district": district, "department": department},
                   expires=exp)]


class DynamoMonitoring:
    def __init__(self, dynamodb: Any = None) -> None:
        self._client = dynamodb

    def _ddb(self) -> Any:
        if self._client is None:
            from chalicelib.bootstrap import client

            self._client = client("dynamodb")
        return self._client

    def disposed(self, day: str) -> list[tuple[str, str, str]]:
        """(reference, district, department) of every disposal of the day, in reference order."""
        rows = ((r.sk, r.data.as_dict()) for r in OpsRow.query(f"DISPOSED#{day}"))
        return [(ref, str(d["district"]), str(d["department"])) for ref, d in rows]

    def long_pending(self, district: str, registered_before: str) -> list[tuple[str, str, str | None]]:
        """(reference, registered_at, department if the index projects it) of the district's
        open complaints registered before the instant, oldest first: only index entries are
        read. (Low-level: PynamoDB cannot type a KEYS_ONLY row, which lacks `kind`.)"""
        pages = self._ddb().get_paginator("query").paginate(
            TableName=COMPLAINTS_TABLE, IndexName="open_by_district",
            KeyConditionExpression="open_district = :d AND registered_at < :r",
            ExpressionAttributeValues={":d": {"S": district}, ":r": {"S": registered_before}})
        return [(i["pk"]["S"].removeprefix("C#"), i["registered_at"]["S"], i.get("department", {}).get("S"))
                for p in pages for i in p["Items"]]

    def departments_of(self, references: Iterable[str]) -> dict[str, str]:
        keys = [(pk(r), "COMPLAINT") for r in dict.fromkeys(references)]
        got = ComplaintRow.batch_get(keys, attributes_to_get=["pk", "department", "kind"])
        return {i.pk.removeprefix("C#"): str(i.department) for i in got if isinstance(i, ComplaintItem)}

    def complaints(self, references: Iterable[str]) -> dict[str, Complaint]:
        keys = [(pk(r), "COMPLAINT") for r in dict.fromkeys(references)]
        return {i.reference: from_item(i) for i in ComplaintRow.batch_get(keys) if isinstance(i, ComplaintItem)}

    # ---- feedback calls (R-FEEDBACK-SAMPLING) --------------------------------------
    def add_pick(self, post: str, day: str, reference: str, info: dict[str, str], now: datetime) -> bool:
        """A complainant to call; a second run of the same day's sampling keeps outcomes."""
        try:
            OpsRow(f"FEEDBACK#{post}", f"{day}#{reference}", data={**info, "outcome": "to_call"},
                   expires=now + timedelta(days=FEEDBACK_DAYS)).save(condition=OpsRow.pk.does_not_exist())
            return True
        except PutError as exc:
            if _conditional_failed(exc):
                return False
            raise

    def picks(self, post: str, day: str) -> list[dict[str, Any]]:
        rows = OpsRow.query(f"FEEDBACK#{post}", OpsRow.sk.startswith(f"{day}#"))
        return [{"post": post, "day": day, "reference": r.sk.split("#", 1)[1], **r.data.as_dict()} for r in rows]

    def record_outcome(self, post: str, day: str, reference: str, outcome: dict[str, str]) -> bool:
        """Only for a pick that exists (the caller's own list)."""
        try:
            OpsRow(f"FEEDBACK#{post}", f"{day}#{reference}").update(
                actions=[OpsRow.data[k].set(v) for k, v in outcome.items()],
                condition=OpsRow.pk.exists())
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
