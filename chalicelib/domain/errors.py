"""Domain errors: what went wrong, in Hindi and English; HTTP codes are chosen at the edge."""

from __future__ import annotations


class DomainError(Exception):
    def __init__(self, hi: str, en: str) -> None:
        super().__init__(f"{hi} / {en}")
        self.hi = hi
        self.en = en


class InvalidInput(DomainError):
    """Bad input; `fields` maps each bad field to its message."""

    def __init__(self, fields: dict[str, str]) -> None:
        detail = "; ".join(f"{k}: {v}" for k, v in fields.items())
        super().__init__("जानकारी सही नहीं है", f"Invalid input — {detail}")
        self.fields = fields


class NotFound(DomainError):
    def __init__(self, what: str = "complaint") -> None:
        super().__init__("नहीं मिला", f"{what} not found")


class Unauthorized(DomainError):
    def __init__(self, en: str = "login required") -> None:
        super().__init__("कृपया पहले सत्यापन/लॉगिन करें", en)


class Forbidden(DomainError):
    pass


class Conflict(DomainError):
    pass


class RateLimited(DomainError):
    pass
