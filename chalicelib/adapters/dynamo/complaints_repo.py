"""Complaints and their history in DynamoDB: every change is one conditional transaction
of the complaint item and a new history item; failures become domain errors."""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import datetime
from typing import Any

from pynamodb.exceptions import DoesNotExist, TransactWriteError

from chalicelib.adapters.dynamo.models import ComplaintItem, ComplaintRow, HistoryItem, OpsRow, transaction
from chalicelib.domain.complaint import OPEN, STATE_GOVT, Complaint
from chalicelib.domain.errors import IdempotentReplay, ReferenceTaken, VersionConflict
from chalicelib.domain.history import Entry

META = "COMPLAINT"
_FIELDS = [f.name for f in fields(Complaint)]


def pk(reference: str) -> str:
    return f"C#{reference}"


def history_sk(version: int) -> str:
    return f"H#{version:06d}"


def to_item(c: Complaint) -> ComplaintItem:
    data = asdict(c)
    data["extra"] = data["extra"] or None
    item = ComplaintItem(pk(c.reference), META, **data)
    # Only complaints waiting for an officer sit in an inbox, count as pending by age and
    # need a timer (not those awaiting the citizen, nor closed ones).
    waiting = c.status in (OPEN, STATE_GOVT)
    item.inbox_post = c.post_id if waiting else None
    item.open_district = c.district if waiting else None
    return item


def from_item(item: ComplaintItem) -> Complaint:
    data = {k: getattr(item, k) for k in _FIELDS}
    data["version"] = int(data["version"])
    data["level"] = int(data["level"])
    data["extra"] = item.extra.as_dict() if item.extra is not None else {}
    data["resolved_level"] = int(item.resolved_level) if item.resolved_level is not None else None
    data["lang"] = item.lang or "hi"
    return Complaint(**data)


def history_item(reference: str, e: Entry) -> HistoryItem:
    return HistoryItem(
        pk(reference),
        history_sk(e.version),
        reference=reference,
        version=e.version,
        at=e.at,
        event=e.event,
        level=e.level,
        post_id=e.post_id,
        assignment_id=e.assignment_id,
        actor=e.actor,
        details=e.details or None,
    )


def entry_from_item(h: HistoryItem) -> Entry:
    return Entry(
        int(h.version),
        h.at,
        h.event,
        int(h.level),
        h.post_id,
        h.assignment_id,
        h.actor,
        h.details.as_dict() if h.details is not None else {},
    )


def _reasons(exc: TransactWriteError) -> list[str | None]:
    return [r.code if r else None for r in (exc.cancellation_reasons or [])]


class DynamoComplaints:
    def create(self, c: Complaint, first: Entry, idem: tuple[str, dict[str, Any], datetime] | None) -> None:
        """One TransactWriteItems: the complaint, its first history item and (when the
        caller sent an Idempotency-Key) the key's record."""
        try:
            with transaction() as tx:
                tx.save(to_item(c), condition=ComplaintRow.pk.does_not_exist())
                tx.save(history_item(c.reference, first), condition=ComplaintRow.pk.does_not_exist())
                if idem is not None:
                    key, data, expires = idem
                    tx.save(OpsRow(key, "IDEM", data=data, expires=expires), condition=OpsRow.pk.does_not_exist())
        except TransactWriteError as exc:
            reasons = _reasons(exc)
            if reasons and reasons[0] == "ConditionalCheckFailed" and self._wrote(c, first):
                return  # our own write: its reply was lost and botocore sent it again
            if idem is not None and len(reasons) > 2 and reasons[2] == "ConditionalCheckFailed":
                raise IdempotentReplay(self.idempotency_record(idem[0])) from exc
            if reasons and reasons[0] == "ConditionalCheckFailed":
                raise ReferenceTaken(c.reference) from exc
            raise

    def idempotency_record(self, key: str) -> dict[str, Any]:
        return dict(OpsRow.get(key, "IDEM").data.as_dict())

    def get(self, reference: str) -> Complaint | None:
        try:
            item = ComplaintItem.get(pk(reference), META)
        except DoesNotExist:
            return None
        return from_item(item)

    def history(self, reference: str) -> list[Entry]:
        rows = ComplaintRow.query(pk(reference), ComplaintRow.sk.startswith("H#"))
        return [entry_from_item(r) for r in rows if isinstance(r, HistoryItem)]

    def update(self, before: Complaint, after: Complaint, entry: Entry) -> None:
        """Saves `after` only if the stored complaint is still at `before.version`;
        a stale or duplicate submission changes nothing and is a Conflict."""
        assert after.version == before.version + 1 == entry.version
        try:
            with transaction() as tx:
                tx.save(to_item(after), condition=ComplaintItem.version == before.version)
                tx.save(history_item(after.reference, entry), condition=ComplaintRow.pk.does_not_exist())
        except TransactWriteError as exc:
            if "ConditionalCheckFailed" in _reasons(exc):
                if self._wrote(after, entry):
                    return  # our own write: its reply was lost and botocore sent it again
                raise VersionConflict() from exc
            raise

    def _wrote(self, c: Complaint, entry: Entry) -> bool:
        """Whether a write refused by its condition was our own, applied once. A transaction
        whose reply was lost (a timeout after DynamoDB applied it) is sent again by botocore
        and refused by its own condition. Ours if the history holds exactly our entry (history
        items never change and carry the assignment's id) and the complaint is what we wrote
        or has moved on from it since; a different write at the same version is a conflict."""
        try:
            stored = HistoryItem.get(pk(c.reference), history_sk(entry.version), consistent_read=True)
            item = ComplaintItem.get(pk(c.reference), META, consistent_read=True)
        except DoesNotExist:
            return False
        if not isinstance(stored, HistoryItem) or entry_from_item(stored) != entry:
            return False
        now = from_item(item)
        return now == c or now.version > c.version

    def append_history(self, reference: str, entry: Entry) -> bool:
        """Writes a history item once (a redelivered stream record writes nothing)."""
        from pynamodb.exceptions import PutError

        try:
            history_item(reference, entry).save(condition=ComplaintRow.pk.does_not_exist())
            return True
        except PutError as exc:
            if getattr(exc, "cause_response_code", "") == "ConditionalCheckFailedException":
                return False
            raise

    def inbox(
        self, post_id: str, limit: int = 50, cursor: dict[str, Any] | None = None
    ) -> tuple[list[Complaint], dict[str, Any] | None]:
        result = ComplaintRow.inbox.query(post_id, limit=limit, last_evaluated_key=cursor)
        items = [from_item(i) for i in result if isinstance(i, ComplaintItem)]
        return items, result.last_evaluated_key

    def by_mobile(self, mobile: str, limit: int = 50) -> list[str]:
        rows = ComplaintRow.by_mobile.query(mobile, scan_index_forward=False, limit=limit)
        return [r.pk.removeprefix("C#") for r in rows]

    def due_since(self, district: str, since: str) -> list[str]:
        rows = ComplaintRow.due_by_district.query(district, ComplaintItem.due_at >= since)
        return [r.pk.removeprefix("C#") for r in rows]

    def due_before(self, district: str, before: str) -> list[str]:
        rows = ComplaintRow.due_by_district.query(district, ComplaintItem.due_at < before)
        return [r.pk.removeprefix("C#") for r in rows]

    def listing(
        self, by: str, key: str, categories: tuple[str, ...], cursor: dict[str, Any] | None, limit: int = 50
    ) -> tuple[list[Complaint], dict[str, Any] | None]:
        """A page of a district's or department's complaints of these categories, newest first."""
        index = ComplaintRow.by_district if by == "district" else ComplaintRow.by_department
        result = index.query(
            key,
            scan_index_forward=False,
            limit=limit,
            last_evaluated_key=cursor,
            filter_condition=ComplaintItem.category.is_in(*categories),
        )
        items = [from_item(i) for i in result if isinstance(i, ComplaintItem)]
        return items, result.last_evaluated_key
