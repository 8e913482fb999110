"""Service exclusions in memory, as `DynamoExclusions`: one atomic write per change, refused
unless its condition holds."""

from __future__ import annotations

from chalicelib.domain.errors import ReferenceTaken, VersionConflict
from chalicelib.domain.exclusion import Exclusion, ExclusionEntry


class FakeExclusions:
    def __init__(self) -> None:
        self.items: dict[str, Exclusion] = {}
        self.entries: dict[str, dict[int, ExclusionEntry]] = {}

    def create(self, x: Exclusion, first: ExclusionEntry) -> None:
        if x.exclusion_id in self.items or x.exclusion_id in self.entries:
            raise ReferenceTaken(x.exclusion_id)
        self.items[x.exclusion_id] = x
        self.entries[x.exclusion_id] = {first.version: first}

    def get(self, exclusion_id: str) -> Exclusion | None:
        return self.items.get(exclusion_id)

    def history(self, exclusion_id: str) -> list[ExclusionEntry]:
        return [e for _, e in sorted(self.entries.get(exclusion_id, {}).items())]

    def update(self, before: Exclusion, after: Exclusion, entry: ExclusionEntry) -> None:
        assert after.version == before.version + 1 == entry.version
        stored = self.items.get(before.exclusion_id)
        if stored is None or stored.version != before.version or entry.version in self.entries[before.exclusion_id]:
            raise VersionConflict()
        self.items[after.exclusion_id] = after
        self.entries[after.exclusion_id][entry.version] = entry

    def all(self) -> list[Exclusion]:
        return sorted(self.items.values(), key=lambda x: (x.proposed_at, x.exclusion_id))

    def in_force(self, department: str) -> list[Exclusion]:
        return [x for x in self.items.values() if x.in_force and x.department == department]
