"""Service exclusions in the directory table: every change is one conditional transaction of the
exclusion item and a new history item; failures become domain errors."""

from __future__ import annotations

from pynamodb.exceptions import DoesNotExist, TransactWriteError

from chalicelib.adapters.dynamo.models import DirectoryRow, ExclusionEntryItem, ExclusionItem, transaction
from chalicelib.domain.errors import ReferenceTaken, VersionConflict
from chalicelib.domain.exclusion import ACCEPTED, Exclusion, ExclusionEntry
from chalicelib.domain.text import Text

PARTITION = "EXCLUSION"


def _history_pk(exclusion_id: str) -> str:
    return f"{PARTITION}#{exclusion_id}"


def to_item(x: Exclusion) -> ExclusionItem:
    return ExclusionItem(
        PARTITION,
        x.exclusion_id,
        version=x.version,
        department=x.department,
        category=x.category,
        terms=list(x.terms) or None,
        service_hi=x.service.hi,
        service_en=x.service.en,
        instead_hi=x.instead.hi,
        instead_en=x.instead.en,
        reason_kind=x.reason_kind,
        reason=x.reason,
        legal_reference=x.legal_reference,
        status=x.status,
        proposed_by=x.proposed_by,
        proposed_at=x.proposed_at,
        decided_by=x.decided_by,
        decided_at=x.decided_at,
        remarks=x.remarks,
    )


def from_item(r: ExclusionItem) -> Exclusion:
    return Exclusion(
        exclusion_id=r.sk,
        version=int(r.version),
        department=r.department,
        category=r.category,
        terms=tuple(str(t) for t in r.terms or ()),
        service=Text(r.service_hi, r.service_en),
        instead=Text(r.instead_hi, r.instead_en),
        reason_kind=r.reason_kind,
        reason=r.reason,
        legal_reference=r.legal_reference,
        status=r.status,
        proposed_by=r.proposed_by,
        proposed_at=r.proposed_at,
        decided_by=r.decided_by,
        decided_at=r.decided_at,
        remarks=r.remarks,
    )


def _entry_item(exclusion_id: str, e: ExclusionEntry) -> ExclusionEntryItem:
    return ExclusionEntryItem(
        _history_pk(exclusion_id),
        f"H#{e.version:06d}",
        version=e.version,
        at=e.at,
        event=e.event,
        actor=e.actor,
        remarks=e.remarks,
    )


def _failed_condition(exc: TransactWriteError) -> bool:
    return any(r is not None and r.code == "ConditionalCheckFailed" for r in exc.cancellation_reasons or [])


class DynamoExclusions:
    """The `ExclusionsStore` port (services.ports)."""

    def create(self, x: Exclusion, first: ExclusionEntry) -> None:
        try:
            with transaction() as tx:
                tx.save(to_item(x), condition=DirectoryRow.pk.does_not_exist())
                tx.save(_entry_item(x.exclusion_id, first), condition=DirectoryRow.pk.does_not_exist())
        except TransactWriteError as exc:
            if _failed_condition(exc):
                raise ReferenceTaken(x.exclusion_id) from exc
            raise

    def get(self, exclusion_id: str) -> Exclusion | None:
        try:
            return from_item(ExclusionItem.get(PARTITION, exclusion_id))
        except DoesNotExist:
            return None

    def history(self, exclusion_id: str) -> list[ExclusionEntry]:
        rows = DirectoryRow.query(_history_pk(exclusion_id), DirectoryRow.sk.startswith("H#"))
        return [
            ExclusionEntry(int(r.version), r.at, r.event, r.actor, r.remarks)
            for r in rows
            if isinstance(r, ExclusionEntryItem)
        ]

    def update(self, before: Exclusion, after: Exclusion, entry: ExclusionEntry) -> None:
        assert after.version == before.version + 1 == entry.version
        try:
            with transaction() as tx:
                tx.save(to_item(after), condition=ExclusionItem.version == before.version)
                tx.save(_entry_item(after.exclusion_id, entry), condition=DirectoryRow.pk.does_not_exist())
        except TransactWriteError as exc:
            if _failed_condition(exc):
                raise VersionConflict() from exc
            raise

    def all(self) -> list[Exclusion]:
        found = [from_item(r) for r in DirectoryRow.query(PARTITION) if isinstance(r, ExclusionItem)]
        return sorted(found, key=lambda x: (x.proposed_at, x.exclusion_id))

    def in_force(self, department: str) -> list[Exclusion]:
        rows = DirectoryRow.query(
            PARTITION, filter_condition=(ExclusionItem.status == ACCEPTED) & (ExclusionItem.department == department)
        )
        return [from_item(r) for r in rows if isinstance(r, ExclusionItem)]
