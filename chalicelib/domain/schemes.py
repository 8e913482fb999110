"""The scheme knowledge base (R-SCHEME-KB; circular §3.2, §6.2 b): each department's schemes in
the circular's own format — department, scheme name, main objective (at most two lines), key
eligibility conditions (short bullets) — in Hindi and English, active or ended.

Every change is a new version and every version is kept: a new scheme, an amendment, an ending
("reported at once": the call-centre console shows the day's changes). `keys` are the scheme's
search keys (`domain.matching.keys_of`), made when the version is written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from chalicelib.domain.text import Text

ACTIVE, ENDED = "active", "ended"
STATUSES = (ACTIVE, ENDED)
# What a version did: the circular's "नवीन", "आंशिक संशोधन", "समाप्त".
NEW, AMENDED, ENDING = "new", "amended", "ended"
EVENTS = (NEW, AMENDED, ENDING)
FIELDS = ("name", "objective", "eligibility")
ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,79}$"
SCHEME = Text("योजना", "scheme")


@dataclass(frozen=True)
class Scheme:
    scheme_id: str
    department: str
    name: Text
    objective: Text
    eligibility: tuple[Text, ...]
    status: str = ACTIVE
    version: int = 1
    updated_at: str = ""
    keys: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def active(self) -> bool:
        return self.status == ACTIVE

    def public(self) -> dict[str, Any]:
        """As `GET /v1/schemes` answers (docs/api.md)."""
        return {
            "scheme_id": self.scheme_id,
            "department": self.department,
            "name_hi": self.name.hi,
            "name_en": self.name.en,
            "objective_hi": self.objective.hi,
            "objective_en": self.objective.en,
            "eligibility": [e.as_dict() for e in self.eligibility],
            "status": self.status,
            "version": self.version,
            "updated_at": self.updated_at,
        }


@dataclass(frozen=True)
class Version:
    """One version of a scheme as it was written: what it did, when, by whom, which of the
    circular's fields it changed, and the scheme as it then stood."""

    scheme: Scheme
    event: str
    at: str
    by: str
    changed: tuple[str, ...] = ()
    note: str | None = None

    @property
    def scheme_id(self) -> str:
        return self.scheme.scheme_id

    @property
    def version(self) -> int:
        return self.scheme.version

    def public(self) -> dict[str, Any]:
        """A version as the API shows it: the scheme then, and what this version did (the
        officer who wrote it is kept, not shown)."""
        return self.scheme.public() | {
            "event": self.event,
            "at": self.at,
            "changed": list(self.changed),
            "note": self.note,
        }


def scheme_id_for(department: str, name_en: str) -> str:
    """The scheme's id: its department and English name as a slug (`revenue-bhu-adhikar-yojana`),
    so that the same scheme sent twice is the same scheme."""
    slug = re.sub(r"[^a-z0-9]+", "-", name_en.lower()).strip("-") or "scheme"
    dept = re.sub(r"[^a-z0-9]+", "-", department.lower()).strip("-")
    return f"{dept}-{slug}"[:80].rstrip("-")


def changed_fields(before: Scheme, after: Scheme) -> tuple[str, ...]:
    """Which of the circular's fields differ between two versions."""
    return tuple(f for f in FIELDS if getattr(before, f) != getattr(after, f))
