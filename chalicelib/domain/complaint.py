"""A complaint's filing and lifecycle (R-TYPES, R-CALLER-DATA, R-LEVELS, R-REF)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from chalicelib.domain import schemas
from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.schemas import ACCUSED_LEVELS, CATEGORIES
from chalicelib.domain.text import Text

__all__ = ["ACCUSED_LEVELS", "CATEGORIES", "Complaint", "Filing", "parse_filing", "public_status"]

OPEN, RESOLVED, CLOSED, STATE_GOVT = "open", "resolved", "closed", "state_government"
LIMITS = schemas.FILING_LIMITS
LANGS = ("hi", "en")  # the complainant's language for SMS and calls: Hindi unless English is chosen


@dataclass(frozen=True)
class Filing:
    """What a citizen or a call-centre executive submits; checked, nothing more."""

    category: str
    department: str
    district: str
    block: str
    name: str
    subject: str
    description: str
    mobile: str
    accused_level: str | None = None
    address: str | None = None
    lang: str = "hi"


def parse_filing(body: Any, mobile: str | None) -> Filing:
    """Validates a filing through `schemas.FilingBody`: unknown fields are refused (no one
    sets status or level by sending them), every text capped; every problem is reported at
    once, field by field. `mobile` is the complainant's: a verified citizen's, or the
    caller's a call-centre executive typed."""
    filing, errors = schemas.attempt(schemas.FilingBody, body)
    if not isinstance(body, dict):
        raise InvalidInput(errors)
    accused, category = body.get("accused_level"), body.get("category")
    if category == "corruption":
        if accused not in ACCUSED_LEVELS:
            errors["accused_level"] = Text(
                f"भ्रष्टाचार शिकायत में आवश्यक: {', '.join(ACCUSED_LEVELS)}",
                f"required for corruption: {', '.join(ACCUSED_LEVELS)}",
            )
    elif accused is not None and "category" not in errors:
        errors["accused_level"] = Text("केवल भ्रष्टाचार शिकायत में", "only for corruption")
    canonical = schemas.canonical_mobile(mobile)
    if canonical is None:
        errors["mobile"] = schemas.MOBILE_TEXT
    if errors or filing is None or canonical is None:
        raise InvalidInput(errors)
    return Filing(
        category=filing.category,
        department=filing.department,
        district=filing.district,
        block=filing.block,
        name=filing.name,
        subject=filing.subject,
        description=filing.description,
        mobile=canonical,
        accused_level=filing.accused_level,
        address=filing.address,
        lang=filing.lang,
    )


@dataclass
class Complaint:
    """The complaint as the domain sees it (mirrors the stored item)."""

    reference: str
    version: int
    category: str
    department: str
    district: str
    block: str | None
    status: str
    level: int
    chain: list[str]
    chain_kind: str
    post_id: str
    assignment_id: str
    assigned_at: str
    due_at: str
    registered_at: str
    channel: str
    mobile: str
    name: str
    subject: str
    description: str
    accused_level: str | None = None
    overdue: bool = False
    filed_by: str | None = None
    last_reminder_at: str | None = None
    resolved_level: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    lang: str = "hi"

    @property
    def is_open(self) -> bool:
        return self.status == OPEN


def assignment_id(reference: str, n: int) -> str:
    """Assignments are numbered per complaint; the id names the escalation execution."""
    return f"{reference}-{n}"


def assignment_number(assignment: str) -> int:
    return int(assignment.rsplit("-", 1)[1])


def public_status(c: Complaint) -> dict[str, Any]:
    """What anyone with the reference may see: no name, mobile or text (R-REF)."""
    return {
        "reference": c.reference,
        "status": c.status,
        "level": c.level,
        "department": c.department,
        "district": c.district,
        "registered_at": c.registered_at,
        "due_at": c.due_at if c.status == OPEN else None,
        "overdue": c.overdue,
    }
