"""Calls that create no complaint (R-TYPES, R-REFER-OUT): scheme information, a status
enquiry, or a referral to the line that owns the matter."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chalicelib.domain import schemas
from chalicelib.domain.errors import InvalidInput

KINDS = schemas.CALL_KINDS
REFERRALS = {
    "kisan": ("किसान कॉल सेंटर 1800-180-1551", "Kisan Call Centre 1800-180-1551"),
    "women_1090": ("महिला हेल्पलाइन 1090", "Women helpline 1090"),
    "fire": ("फायर ब्रिगेड 101", "Fire brigade 101"),
    "ambulance_108": ("एम्बुलेंस 108", "Ambulance 108"),
    "dial_100": ("डायल-100 पुलिस", "Dial-100 police"),
}


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
    """Validates a call through `schemas.CallBody`; a referral names the line it went to,
    a scheme-information call the scheme."""
    call, errors = schemas.attempt(schemas.CallBody, body)
    if not isinstance(body, dict):
        raise InvalidInput(errors)
    kind: Any = body.get("kind")
    if kind == "referral" and body.get("referred_to") is None:
        errors["referred_to"] = schemas.one_of(list(REFERRALS))
    if kind == "scheme_information" and body.get("scheme") is None:
        errors["scheme"] = schemas.CallBody.REQUIRED_TEXT["scheme"]
    if errors or call is None:
        raise InvalidInput(errors)
    return Call(call.kind, call.district, call.referred_to, call.scheme, call.reference, call.notes, call.mobile)
