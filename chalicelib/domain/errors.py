"""Domain errors: what went wrong, in Hindi and English; HTTP codes are chosen at the edge.

Store refusals (a reference already taken, an idempotent replay, a version conflict) are
domain errors too: adapters raise them, services decide what they mean."""

from __future__ import annotations

from typing import Any

from chalicelib.domain.text import Text


class DomainError(Exception):
    def __init__(self, hi: str, en: str) -> None:
        super().__init__(en)
        self.text = Text(hi, en)

    @property
    def hi(self) -> str:
        return self.text.hi

    @property
    def en(self) -> str:
        return self.text.en


class InvalidInput(DomainError):
    """Bad input; `fields` maps each bad field to its message in both languages."""

    SHOWN = 5  # fields named in the message
    KEPT = 30  # fields listed in `fields`: an error body stays small whatever the request held

    def __init__(self, fields: dict[str, Text]) -> None:
        shown = list(fields.items())[: self.SHOWN]
        more = " …" if len(fields) > self.SHOWN else ""
        super().__init__(
            "जानकारी सही नहीं है — " + "; ".join(f"{k[:40]}: {t.hi}" for k, t in shown) + more,
            "Invalid input — " + "; ".join(f"{k[:40]}: {t.en}" for k, t in shown) + more,
        )
        self.fields = {k[:40]: t for k, t in list(fields.items())[: self.KEPT]}


class NotFound(DomainError):
    def __init__(self, what: Text | None = None) -> None:
        what = what or Text("शिकायत", "complaint")
        super().__init__(f"{what.hi} नहीं मिला", f"{what.en} not found")
        self.what = what


class Unauthorized(DomainError):
    def __init__(self, hi: str = "कृपया पहले सत्यापन/लॉगिन करें", en: str = "Login required") -> None:
        super().__init__(hi, en)


class Forbidden(DomainError):
    pass


class Conflict(DomainError):
    pass


class VersionConflict(Conflict):
    """The stored complaint is no longer the version the change was made from."""

    def __init__(self) -> None:
        super().__init__("शिकायत इस बीच बदल चुकी है, दोबारा खोलें", "The complaint changed meanwhile; reload it")


class RateLimited(DomainError):
    pass


class ReferenceTaken(Exception):
    """The drawn reference number exists already (draw another)."""


class IdempotentReplay(Exception):
    """The Idempotency-Key was used before; `record` is what the first request stored."""

    def __init__(self, record: dict[str, Any]) -> None:
        super().__init__("idempotent replay")
        self.record = record


COMPLAINT = Text("शिकायत", "complaint")
INVALID_JSON = Text("JSON सही नहीं है", "invalid JSON")
OBJECT_EXPECTED = Text("JSON ऑब्जेक्ट अपेक्षित", "JSON object expected")
