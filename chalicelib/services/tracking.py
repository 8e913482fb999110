"""Tracking (R-REF): status by reference, the full view for those entitled, reminders."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import datetime
from typing import Any

from chalicelib.clock import iso
from chalicelib.domain.actor import CITIZEN, LINK, Caller
from chalicelib.domain.calendar import ist_date
from chalicelib.domain.complaint import OPEN, Complaint
from chalicelib.domain.errors import Conflict, NotFound, RateLimited
from chalicelib.domain.history import REMINDER, Entry
from chalicelib.domain.text import Text
from chalicelib.services.ports import Clock, ComplaintsStore, Directory

PERSONAL = ("mobile", "name", "extra")
STAFF_VIEWERS = ("cce", "admin", "nodal")


def find(reference: str, complaints: ComplaintsStore) -> Complaint:
    c = complaints.get(reference)
    if c is None:
        raise NotFound(Text("शिकायत", "complaint"))
    return c


def _may_view(c: Complaint, who: Caller, directory: Directory) -> bool:
    if who.kind == CITIZEN:
        return bool(who.id == c.mobile)
    if who.kind == LINK:
        return bool(who.id == c.assignment_id)
    if who.in_group(*STAFF_VIEWERS):
        return True
    held = set(directory.posts_held(who.id))
    return bool(held & (set(c.chain) | {c.post_id}))


def full_view(reference: str, who: Caller, complaints: ComplaintsStore, directory: Directory) -> dict[str, Any]:
    """The complaint with its history, for the complainant or an officer in scope. Anyone
    else gets 404, as if it did not exist. A corruption complainant's identity is shown
    only to the complainant and the call centre (R-CORRUPTION anonymity)."""
    c = complaints.get(reference)
    if c is None or not _may_view(c, who, directory):
        raise NotFound(Text("शिकायत", "complaint"))
    out = asdict(c)
    hide = c.category == "corruption" and who.kind != CITIZEN and not who.in_group("cce")
    for k in PERSONAL:
        if hide:
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
