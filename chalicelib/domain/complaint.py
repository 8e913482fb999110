"""A complaint's filing and lifecycle (R-TYPES, R-CALLER-DATA, R-LEVELS, R-REF)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.text import Text

CATEGORIES = ("complaint", "demand", "suggestion", "corruption")
ACCUSED_LEVELS = ("below_district_head", "district_head_or_above")
OPEN, RESOLVED, CLOSED, STATE_GOVT = "open", "resolved", "closed", "state_government"
MOBILE = re.compile(r"\+91[6-9][0-9]{9}\Z")  # ASCII digits only; `$` would let a trailing newline in
FILING_FIELDS = {
    "category",
    "department",
    "district",
    "block",
    "name",
    "subject",
    "description",
    "accused_level",
    "mobile",
    "address",
    "lang",
}
LANGS = ("hi", "en")  # the complainant's language for SMS and calls: Hindi unless English is chosen
LIMITS = {"name": 100, "subject": 200, "description": 4000, "address": 300}


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
    """Validates a filing. Unknown fields are refused (no one sets status or level by
    sending them); every problem is reported at once, field by field."""
    if not isinstance(body, dict):
        raise InvalidInput({"body": Text("JSON ऑब्जेक्ट अपेक्षित", "JSON object expected")})
    errors: dict[str, Text] = {}
    for extra in sorted(set(body) - FILING_FIELDS):
        errors[extra] = Text("अज्ञात फ़ील्ड", "unknown field")
    text: dict[str, Any] = {k: body.get(k) for k in FILING_FIELDS}
    for k in ("category", "department", "district", "block", "name", "subject", "description"):
        v = text[k]
        if not isinstance(v, str) or not v.strip():
            errors[k] = Text("आवश्यक है", "required")
    for k, limit in LIMITS.items():
        v = text[k]
        if isinstance(v, str) and len(v) > limit:
            errors[k] = Text(f"अधिकतम {limit} अक्षर", f"at most {limit} characters")
    if isinstance(text["category"], str) and text["category"] not in CATEGORIES:
        errors["category"] = Text(f"इनमें से एक: {', '.join(CATEGORIES)}", f"one of {', '.join(CATEGORIES)}")
    accused = text["accused_level"]
    if text["category"] == "corruption":
        if accused not in ACCUSED_LEVELS:
            errors["accused_level"] = Text(
                f"भ्रष्टाचार शिकायत में आवश्यक: {', '.join(ACCUSED_LEVELS)}",
                f"required for corruption: {', '.join(ACCUSED_LEVELS)}",
            )
    elif accused is not None:
        errors["accused_level"] = Text("केवल भ्रष्टाचार शिकायत में", "only for corruption")
    if text["lang"] is not None and text["lang"] not in LANGS:
        errors["lang"] = Text("hi या en", "hi or en")
    if mobile is None or not MOBILE.match(mobile):
        errors["mobile"] = Text("+91 से शुरू 10 अंकों का मोबाइल नंबर", "a +91 Indian mobile number")
    if errors:
        raise InvalidInput(errors)
    return Filing(
        category=text["category"],
        department=text["department"].strip(),
        district=text["district"].strip(),
        block=text["block"].strip(),
        name=text["name"].strip(),
        subject=text["subject"].strip(),
        description=text["description"].strip(),
        mobile=mobile or "",
        accused_level=accused,
        address=(text["address"] or None),
        lang=text["lang"] or "hi",
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
