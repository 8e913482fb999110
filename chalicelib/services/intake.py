"""Registration (R-REALTIME, R-REF, R-CORRUPTION routing): a filing becomes a complaint
owned by the first post of its chain, with a 7-working-day deadline, in one transaction."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from chalicelib.clock import iso
from chalicelib.domain.actor import CITIZEN, STAFF, Caller
from chalicelib.domain.complaint import OPEN, STATE_GOVT, Complaint, Filing, assignment_id, parse_filing
from chalicelib.domain.errors import Conflict, Forbidden, IdempotentReplay, InvalidInput, ReferenceTaken
from chalicelib.domain.history import REGISTERED, Entry
from chalicelib.domain.reference import new_reference
from chalicelib.domain.routing import STATE_DESK, chain_for, with_mapping
from chalicelib.domain.text import Text
from chalicelib.services.bundles import Desk
from chalicelib.services.exclusions import check_filing
from chalicelib.services.ports import Directory

IDEMPOTENCY_HOURS = 24


@dataclass(frozen=True)
class Actor:
    """Who files: a citizen (their own mobile) or a call-centre executive."""

    kind: str  # "citizen" | "cce"
    id: str


def file_complaint(who: Caller, body: Any, idempotency_key: str | None, deps: Desk) -> tuple[Complaint, bool]:
    """The one way a complaint is filed, whatever the channel. A citizen files for the
    mobile they verified (a different `mobile` in the body is refused), on the web/app
    channel; a call-centre executive files for the caller's mobile, on the call-centre
    channel; nobody else files. Returns (complaint, created) as `register` does."""
    if who.kind == CITIZEN:
        if isinstance(body, dict) and "mobile" in body and body["mobile"] != who.id:
            raise InvalidInput({"mobile": Text("सत्यापित मोबाइल से ही", "must be the verified mobile")})
        mobile: Any = who.id
        actor, channel = Actor("citizen", who.id), "web"
        if isinstance(body, dict):
            body = {k: v for k, v in body.items() if k != "mobile"}
    elif who.kind == STAFF and who.in_group("cce"):
        mobile = body.get("mobile") if isinstance(body, dict) else None
        actor, channel = Actor("cce", who.id), "call_centre"
    else:
        raise Forbidden("शिकायत दर्ज करने की अनुमति नहीं", "Only citizens and call-centre staff file complaints")
    if idempotency_key is not None and not (0 < len(idempotency_key) <= 100):
        raise InvalidInput({"Idempotency-Key": Text("1–100 अक्षर", "1–100 characters")})
    filing = parse_filing(body, mobile if isinstance(mobile, str) else None)
    return register(filing, channel, actor, idempotency_key, deps)


def route(filing: Filing, directory: Directory) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    district = directory.district(filing.district)
    errors = {}
    if district is None:
        errors["district"] = Text("यह जिला नहीं मिला", "unknown district")
    if directory.department(filing.department) is None:
        errors["department"] = Text("यह विभाग नहीं मिला", "unknown department")
    if district is not None:
        blocks = directory.blocks(filing.district)
        # Districts whose blocks are not yet in the directory still take complaints:
        # the unmapped L1 post falls to the district nodal officer.
        if blocks and filing.block not in {b.code for b in blocks}:
            errors["block"] = Text("यह ब्लॉक इस जिले में नहीं है", "unknown block for this district")
    if errors:
        raise InvalidInput(errors)
    assert district is not None
    r = chain_for(
        filing.category, filing.department, filing.district, district.parent or "", filing.block, filing.accused_level
    )
    r = with_mapping(r, filing.district, directory.existing_posts(r.chain))
    return r.kind, r.chain, r.unmapped


def register(
    filing: Filing, channel: str, actor: Actor, idempotency_key: str | None, deps: Desk
) -> tuple[Complaint, bool]:
    """Returns (complaint, created). A retry with the same Idempotency-Key returns the
    first complaint and creates nothing; the same key with another body is a Conflict. A filing
    for a service excluded from the helpline is refused (Excluded), whatever the channel."""
    complaints, calendar = deps.complaints, deps.calendar
    kind, chain, unmapped = route(filing, deps.directory)
    check_filing(filing.department, filing.category, filing.subject, deps.exclusions)
    now = deps.clock.now()
    body_hash = hashlib.sha256(json.dumps(filing.__dict__, sort_keys=True).encode()).hexdigest()
    idem = None
    if idempotency_key:
        key = f"IDEM#{actor.kind}#{actor.id}#{idempotency_key}"
        idem = (key, {"body": body_hash}, now + timedelta(hours=IDEMPOTENCY_HOURS))
    for _ in range(5):
        reference = new_reference()
        c = Complaint(
            reference=reference,
            version=1,
            category=filing.category,
            department=filing.department,
            district=filing.district,
            block=filing.block,
            status=STATE_GOVT if kind == STATE_DESK else OPEN,
            level=4 if kind == STATE_DESK else 1,
            chain=list(chain),
            chain_kind=kind,
            post_id=chain[0],
            assignment_id=assignment_id(reference, 1),
            assigned_at=iso(now),
            due_at=iso(calendar.deadline(now)),
            registered_at=iso(now),
            channel=channel,
            mobile=filing.mobile,
            name=filing.name,
            subject=filing.subject,
            description=filing.description,
            accused_level=filing.accused_level,
            filed_by=actor.id if actor.kind == "cce" else None,
            extra={"address": filing.address} if filing.address else {},
            lang=filing.lang,
        )
        details: dict[str, Any] = {"channel": channel}
        if unmapped:
            details["unmapped_posts"] = list(unmapped)
        first = Entry(
            1,
            c.registered_at,
            REGISTERED,
            c.level,
            c.post_id,
            c.assignment_id,
            actor.id if actor.kind == "cce" else "citizen",
            details,
        )
        if idem is not None:
            idem[1]["reference"] = reference
        try:
            complaints.create(c, first, idem)
            return c, True
        except ReferenceTaken:
            continue
        except IdempotentReplay as replay:
            if replay.record.get("body") != body_hash:
                raise Conflict(
                    "यह Idempotency-Key किसी दूसरी शिकायत के लिए उपयोग हो चुकी है",
                    "This Idempotency-Key was used for a different request",
                ) from None
            existing = complaints.get(replay.record["reference"])
            if existing is None:
                raise RuntimeError("an idempotency record names a complaint that does not exist") from None
            return existing, False
    raise RuntimeError("could not draw a free reference number")
