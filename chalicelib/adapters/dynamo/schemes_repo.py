"""The scheme knowledge base in the directory table: each write is one conditional transaction
of the scheme as it now stands, its version item, its item in the day's changes and the
catalogue's stamp; a failed condition becomes the domain's refusal."""

from __future__ import annotations

from typing import Any

from pynamodb.exceptions import DoesNotExist, TransactWriteError

from chalicelib.adapters.dynamo.models import DirectoryRow, SchemeItem, SchemeStampItem, transaction
from chalicelib.domain.calendar import IST
from chalicelib.domain.errors import ReferenceTaken, VersionConflict
from chalicelib.domain.schemes import Scheme, Version
from chalicelib.domain.text import Text

CATALOGUE = "SCHEMES"
STAMP = ("SCHEMESTAMP", "STAMP")


def _day(at: str) -> str:
    from datetime import datetime

    return datetime.fromisoformat(at).astimezone(IST).date().isoformat()


def _item(pk: str, sk: str, s: Scheme, v: Version | None = None) -> SchemeItem:
    item = SchemeItem(
        pk,
        sk,
        scheme_id=s.scheme_id,
        department=s.department,
        version=s.version,
        status=s.status,
        updated_at=s.updated_at,
        name_hi=s.name.hi,
        name_en=s.name.en,
        objective_hi=s.objective.hi,
        objective_en=s.objective.en,
        eligibility=[e.as_dict() for e in s.eligibility],
        keys=dict(s.keys) or None,
    )
    if v is not None:
        item.event, item.by, item.changed, item.note = v.event, v.by, list(v.changed) or None, v.note
    return item


def _scheme(item: SchemeItem) -> Scheme:
    return Scheme(
        item.scheme_id,
        item.department,
        Text(item.name_hi, item.name_en),
        Text(item.objective_hi, item.objective_en),
        tuple(Text(str(e["hi"]), str(e["en"])) for e in (_plain(e) for e in item.eligibility)),
        item.status,
        int(item.version),
        item.updated_at,
        item.keys.as_dict() if item.keys is not None else {},
    )


def _plain(value: Any) -> dict[str, Any]:
    return value.as_dict() if hasattr(value, "as_dict") else dict(value)


def _version(item: SchemeItem) -> Version:
    return Version(
        _scheme(item), item.event or "", item.updated_at, item.by or "", tuple(item.changed or ()), item.note
    )


class DynamoSchemes:
    """The `SchemesStore` port (services.ports)."""

    def _write(self, v: Version, before: Scheme | None) -> None:
        s = v.scheme
        with transaction() as tx:
            current = _item(CATALOGUE, s.scheme_id, s)
            if before is None:
                tx.save(current, condition=DirectoryRow.pk.does_not_exist())
            else:
                tx.save(current, condition=SchemeItem.version == before.version)
            tx.save(
                _item(f"SCHEME#{s.scheme_id}", f"V#{s.version:06d}", s, v), condition=DirectoryRow.pk.does_not_exist()
            )
            day_sk = f"{v.at}#{s.scheme_id}#{s.version:06d}"
            tx.save(_item(f"SCHEMEDAY#{_day(v.at)}", day_sk, s, v), condition=DirectoryRow.pk.does_not_exist())
            tx.update(SchemeStampItem(*STAMP), actions=[SchemeStampItem.writes.add(1)])

    def create(self, first: Version) -> None:
        try:
            self._write(first, None)
        except TransactWriteError as exc:
            raise ReferenceTaken(first.scheme_id) from exc

    def update(self, before: Scheme, after: Version) -> None:
        try:
            self._write(after, before)
        except TransactWriteError as exc:
            raise VersionConflict() from exc

    def get(self, scheme_id: str) -> Scheme | None:
        try:
            item = SchemeItem.get(CATALOGUE, scheme_id)
        except DoesNotExist:
            return None
        return _scheme(item)

    def versions(self, scheme_id: str) -> list[Version]:
        rows = DirectoryRow.query(f"SCHEME#{scheme_id}", DirectoryRow.sk.startswith("V#"))
        return [_version(r) for r in rows if isinstance(r, SchemeItem)]

    def changes(self, day: str) -> list[Version]:
        return [_version(r) for r in DirectoryRow.query(f"SCHEMEDAY#{day}") if isinstance(r, SchemeItem)]

    def catalogue(self) -> list[Scheme]:
        """One query of the catalogue's partition (paged by PynamoDB): never a scan."""
        return [_scheme(r) for r in DirectoryRow.query(CATALOGUE) if isinstance(r, SchemeItem)]

    def stamp(self) -> int:
        try:
            return int(SchemeStampItem.get(*STAMP).writes or 0)
        except DoesNotExist:
            return 0
