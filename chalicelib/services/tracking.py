"""Tracking (R-REF): status by reference, the full view for those entitled, reminders."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import datetime
from typing import Any

from chalicelib.clock import iso
from chalicelib.domain.actor import CITIZEN, STAFF, Caller
from chalicelib.domain.calendar import ist_date
from chalicelib.domain.complaint import OPEN, Complaint
from chalicelib.domain.errors import Conflict, NotFound, RateLimited
from chalicelib.domain.history import REMINDER, Entry
from chalicelib.domain.scope import Divisions, Sight, Viewer, sight, viewer
from chalicelib.domain.text import Text
from chalicelib.services.ports import Clock, ComplaintsStore, Directory

PERSONAL = ("mobile", "name", "extra")


def find(reference: str, complaints: ComplaintsStore) -> Complaint:
    c = complaints.get(reference)
    if c is None:
        raise NotFound(Text("शिकायत", "complaint"))
    return c


def looking(who: Caller, directory: Directory) -> Viewer:
    """The caller with the posts they hold now (staff only)."""
    return viewer(who, directory.posts_held(who.id) if who.kind == STAFF else ())


def divisions(directory: Directory) -> Divisions:
    """district -> division, read from the directory once per district asked."""
    known: dict[str, str | None] = {}

    def of(district: str) -> str | None:
        if district not in known:
            place = directory.district(district)
            known[district] = place.parent if place else None
        return known[district]

    return of


def sight_of(c: Complaint, who: Caller | Viewer, directory: Directory) -> Sight:
    """`domain.scope.sight` with what it needs from the directory."""
    v = who if isinstance(who, Viewer) else looking(who, directory)
    return sight(v, c, divisions(directory))


def full_view(reference: str, who: Caller, complaints: ComplaintsStore, directory: Directory) -> dict[str, Any]:
    """The complaint with its history, for those `domain.scope.sight` lets see it (the
    complainant, an officer of its chain, the district's nodal officer, the call centre, the
    administrator; a State-desk complaint only the State desk besides). Anyone else gets 404,
    as if it did not exist. A corruption complainant's identity is shown only to the
    complainant and the call centre (R-CORRUPTION anonymity)."""
    c = complaints.get(reference)
    seen = sight_of(c, who, directory) if c is not None else None
    if c is None or seen is None or not seen.full:
        raise NotFound(Text("शिकायत", "complaint"))
    from chalicelib.services import link_holder

    link_holder.check(who, c, directory)
    out = asdict(c)
    if not seen.personal:
        for k in PERSONAL:
            out.pop(k, None)
    out["history"] = [e.public() for e in complaints.history(reference)]
    return out


def remind(reference: str, who: Caller, complaints: ComplaintsStore, clock: Clock) -> Entry:
    """The complainant reminds the officer; at most one reminder a (IST) day."""
    c = complaints.get(reference)
    if c is None or who.kind != CITIZEN or who.id != c.mobile:
        raise NotFound(Text("शिकायत", "complaint"))
    if c.status != OPEN:
        raise Conflict("यह शिकायत अभी अधिकारी के पास लंबित नहीं है", "The complaint is not pending with an officer")
    now = clock.now()
    if c.last_reminder_at and ist_date(datetime.fromisoformat(c.last_reminder_at)) == ist_date(now):
        raise RateLimited("आज का स्मरण पत्र पहले ही भेजा जा चुका है", "A reminder was already sent today")
    entry = Entry(c.version + 1, iso(now), REMINDER, c.level, c.post_id, c.assignment_id, "citizen")
    complaints.update(c, replace(c, version=c.version + 1, last_reminder_at=entry.at), entry)
    return entry
