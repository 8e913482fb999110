"""Service exclusion (R-EXCLUSION): propose, decide, lift, list; and the check every filing passes.

Every step is one conditional write of the exclusion and a new item of its history."""

from __future__ import annotations

import secrets
from typing import Any

from chalicelib.clock import iso
from chalicelib.domain import schemas
from chalicelib.domain.actor import STAFF, Caller
from chalicelib.domain.calendar import IST
from chalicelib.domain.errors import Conflict, Forbidden, InvalidInput, NotFound, ReferenceTaken, VersionConflict
from chalicelib.domain.exclusion import (
    ADMIN_GROUP,
    PROPOSED,
    Excluded,
    Exclusion,
    ExclusionEntry,
    check_scope,
    decided,
    excluding,
    lifted,
    may_decide,
    may_propose,
    proposer_departments,
)
from chalicelib.domain.text import Text
from chalicelib.services.bundles import Exclusions
from chalicelib.services.ports import ExclusionsStore

EXCLUSION = Text("अपवर्जन प्रस्ताव", "exclusion")


def check_filing(department: str, category: str, subject: str, store: ExclusionsStore) -> None:
    """Raises Excluded when the filing is for a service excluded from the helpline."""
    hit = excluding(store.in_force(department), department, category, subject)
    if hit is not None:
        raise Excluded(hit)


def _staff(who: Caller) -> Caller:
    if who.kind != STAFF:
        raise Forbidden("केवल अधिकारी", "Staff only")
    return who


def _new_id(deps: Exclusions) -> str:
    day = deps.clock.now().astimezone(IST).strftime("%Y%m%d")
    return f"EX-{day}-{secrets.token_hex(2).upper()}"


def propose(who: Caller, body: Any, deps: Exclusions) -> Exclusion:
    """The department's state nodal officer's proposal; nothing is excluded until it is accepted."""
    p = schemas.check(schemas.ExclusionProposal, body)
    terms = tuple(dict.fromkeys(t for t in p.terms))
    errors = check_scope(p.category, terms)
    if errors:
        raise InvalidInput(errors)
    held = deps.directory.posts_held(_staff(who).id)
    may_propose(p.department, who.groups, held)
    if deps.directory.department(p.department) is None:
        raise InvalidInput({"department": Text("यह विभाग नहीं मिला", "unknown department")})
    now = iso(deps.clock.now())
    for _ in range(5):
        x = Exclusion(
            exclusion_id=_new_id(deps),
            version=1,
            department=p.department,
            category=p.category,
            terms=terms,
            service=Text(p.service_hi, p.service_en),
            instead=Text(p.instead_hi, p.instead_en),
            reason_kind=p.reason_kind,
            reason=p.reason,
            legal_reference=p.legal_reference,
            status=PROPOSED,
            proposed_by=who.id,
            proposed_at=now,
        )
        try:
            deps.exclusions.create(x, ExclusionEntry(1, now, PROPOSED, who.id, p.reason))
            return x
        except ReferenceTaken:
            continue
    raise RuntimeError("could not draw a free exclusion id")


def _find(exclusion_id: str, deps: Exclusions) -> Exclusion:
    x = deps.exclusions.get(exclusion_id)
    if x is None:
        raise NotFound(EXCLUSION)
    return x


def decide(who: Caller, exclusion_id: str, body: Any, deps: Exclusions) -> Exclusion:
    """The administrator accepts (in force at once) or rejects a proposal, with remarks."""
    may_decide(_staff(who).groups)
    d = schemas.check(schemas.ExclusionDecisionBody, body)
    before = _find(exclusion_id, deps)
    after, entry = decided(before, d.decision, who.id, iso(deps.clock.now()), d.remarks)
    _save(before, after, entry, deps)
    return after


def lift(who: Caller, exclusion_id: str, body: Any, deps: Exclusions) -> Exclusion:
    """The administrator lifts an exclusion in force: filings for the service are taken again."""
    may_decide(_staff(who).groups)
    d = schemas.check(schemas.ExclusionLift, body)
    before = _find(exclusion_id, deps)
    after, entry = lifted(before, who.id, iso(deps.clock.now()), d.remarks)
    _save(before, after, entry, deps)
    return after


def _save(before: Exclusion, after: Exclusion, entry: ExclusionEntry, deps: Exclusions) -> None:
    try:
        deps.exclusions.update(before, after, entry)
    except VersionConflict:
        raise Conflict("यह प्रस्ताव इस बीच बदल चुका है, दोबारा खोलें", "The exclusion changed meanwhile; reload it") from None


def in_force(deps: Exclusions) -> list[Exclusion]:
    """The public list: every exclusion in force, oldest decision first."""
    return sorted((x for x in deps.exclusions.all() if x.in_force), key=lambda x: x.decided_at or "")


def proposals(
    who: Caller, query: schemas.ExclusionsQuery, deps: Exclusions
) -> list[tuple[Exclusion, list[ExclusionEntry]]]:
    """Exclusions with their history: the administrator sees all, a state nodal officer their
    department's; anyone else is refused."""
    _staff(who)
    if who.in_group(ADMIN_GROUP):
        allowed = None
    else:
        allowed = proposer_departments(who.groups, deps.directory.posts_held(who.id))
        if not allowed:
            raise Forbidden("केवल प्रशासक और राज्य नोडल अधिकारी", "Administrators and state nodal officers only")
    out = []
    for x in deps.exclusions.all():
        if allowed is not None and x.department not in allowed:
            continue
        if (query.status and x.status != query.status) or (query.department and x.department != query.department):
            continue
        out.append((x, deps.exclusions.history(x.exclusion_id)))
    return out


def view(x: Exclusion, history: list[ExclusionEntry] | None = None) -> dict[str, Any]:
    """An exclusion as the API answers it (the public list omits who proposed and decided)."""
    out: dict[str, Any] = {
        "exclusion_id": x.exclusion_id,
        "department": x.department,
        "category": x.category,
        "terms": list(x.terms),
        "service": x.service.as_dict(),
        "instead": x.instead.as_dict(),
        "reason_kind": x.reason_kind,
        "reason": x.reason,
        "legal_reference": x.legal_reference,
        "status": x.status,
        "proposed_at": x.proposed_at,
        "decided_at": x.decided_at,
    }
    if history is not None:
        out |= {"proposed_by": x.proposed_by, "decided_by": x.decided_by, "remarks": x.remarks}
        out["history"] = [
            {"version": e.version, "at": e.at, "event": e.event, "actor": e.actor, "remarks": e.remarks}
            for e in history
        ]
    return out
