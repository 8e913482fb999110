"""Calls that create no complaint (R-TYPES, R-REFER-OUT): scheme information, a status
enquiry, or a referral to the line that owns the matter."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.text import Text

KINDS = ("scheme_information", "status_enquiry", "referral")
REFERRALS = {
    "kisan": ("किसान कॉल सेंटर 1800-180-1551", "Kisan Call Centre 1800-180-1551"),
    "women_1090": ("महिला हेल्पलाइन 1090", "Women helpline 1090"),
    "fire": ("फायर ब्रिगेड 101", "Fire brigade 101"),
    "ambulance_108": ("एम्बुलेंस 108", "Ambulance 108"),
    "dial_100": ("डायल-100 पुलिस", "Dial-100 police"),
}
FIELDS = {"kind", "referred_to", "district", "scheme", "reference", "notes", "mobile"}


@dataclass(frozen=True)
class Call:
    kind: str
    district: str | None
    referred_to: str | None
    scheme: str | None
    reference: str | None
    notes: str | None
    mobile: str | None


def parse_call(body: Any) -> Call:
    if not isinstance(body, dict):
        raise InvalidInput({"body": Text("JSON ऑब्जेक्ट अपेक्षित", "JSON object expected")})
    errors = {k: Text("अज्ञात फ़ील्ड", "unknown field") for k in sorted(set(body) - FIELDS)}
    kind: Any = body.get("kind")
    if kind not in KINDS:
        errors["kind"] = Text(f"इनमें से एक: {', '.join(KINDS)}", f"one of {', '.join(KINDS)}")
    if kind == "referral" and body.get("referred_to") not in REFERRALS:
        errors["referred_to"] = Text(f"इनमें से एक: {', '.join(REFERRALS)}", f"one of {', '.join(REFERRALS)}")
    if kind == "scheme_information" and not body.get("scheme"):
        errors["scheme"] = Text("योजना का नाम आवश्यक", "scheme required")
    notes = body.get("notes")
    if notes is not None and (not isinstance(notes, str) or len(notes) > 1000):
        errors["notes"] = Text("अधिकतम 1000 अक्षर", "at most 1000 characters")
    if errors:
        raise InvalidInput(errors)
    return Call(
        kind,
        body.get("district"),
        body.get("referred_to"),
        body.get("scheme"),
        body.get("reference"),
        notes,
        body.get("mobile"),
    )
