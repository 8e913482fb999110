"""Officers act, citizens confirm (R-OFFICER-CHANNELS, R-TRANSFER, R-SATISFACTION, R-DISPUTE,
R-LATE-UPDATE). Who may do what is checked here, per complaint; every change is one
conditional write with its history item (a stale or repeated submission is a Conflict)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from chalicelib.clock import iso
from chalicelib.domain import actions as a
from chalicelib.domain import history as h
from chalicelib.domain import schemas
from chalicelib.domain.actor import CITIZEN, LINK, STAFF, SURVEY, Caller
from chalicelib.domain.complaint import OPEN, RESOLVED, STATE_GOVT, Complaint
from chalicelib.domain.directory import nodal_post
from chalicelib.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from chalicelib.domain.routing import chain_for, with_mapping
from chalicelib.domain.text import Text
from chalicelib.services import link_holder, tracking
from chalicelib.services.bundles import Desk
from chalicelib.services.ports import Directory

ACTIVE = (OPEN, STATE_GOVT)


@dataclass(frozen=True)
class Standing:
    """How the caller stands to this complaint: `current` holder, a `lower` level whose
    time lapsed (late action), the district `nodal` officer, or only `chain` (a higher
    level: view, and the L3 officer's final decision on a dispute)."""

    kind: str
    level: int
    post: str


def standing(c: Complaint, who: Caller, directory: Directory) -> Standing | None:
    if who.kind == LINK:
        if who.id != c.assignment_id:
            raise Forbidden(
                "यह लिंक पुराना है: शिकायत अब दूसरे स्तर पर है", "This link is no longer valid: the complaint has moved on"
            )
        link_holder.check(who, c, directory)
        return Standing("current", c.level, c.post_id)
    if who.kind != STAFF:
        return None
    v = tracking.looking(who, directory)
    if not tracking.sight_of(c, v, directory).full:
        return None  # out of scope: as if it did not exist
    held = v.held
    if c.post_id in held:
        return Standing("current", c.level, c.post_id)
    levels = [i + 1 for i, p in enumerate(c.chain) if p in held]
    if any(lv < c.level for lv in levels):
        lv = max(x for x in levels if x < c.level)
        return Standing("lower", lv, c.chain[lv - 1])
    if nodal_post(c.district) in held:
        return Standing("nodal", 0, nodal_post(c.district))
    if levels:
        return Standing("chain", max(levels), c.chain[max(levels) - 1])
    return None


def _l3(c: Complaint) -> str | None:
    return c.chain[2] if len(c.chain) >= 3 else None


def allowed_actions(who: Caller, c: Complaint, directory: Directory) -> list[str]:
    """The actions `act` accepts from this caller on this complaint now, final decision
    first; the pages offer exactly these. A link that moved on raises Forbidden."""
    s = standing(c, who, directory)
    if s is None or c.status not in ACTIVE:
        return []
    out = []
    if c.extra.get("disputed") and s.post == _l3(c):
        out.append("final_decision")
    if s.kind in ("current", "lower"):
        out += ["resolve", "interim"]
    if s.kind in ("current", "nodal"):
        out.append("transfer")
    return out


def act(who: Caller, reference: str, body: Any, deps: Desk, recorded: dict[str, str] | None = None) -> Complaint:
    """An officer's action (resolve, interim reply, transfer, final decision), checked
    against the caller's standing on this complaint. `recorded` says who wrote it down for
    the officer, and how (`act_for_officer`)."""
    action = a.parse_action(body)
    c = deps.complaints.get(reference)
    s = standing(c, who, deps.directory) if c is not None else None
    if c is None or s is None:
        raise NotFound(Text("शिकायत", "complaint"))
    if action.version is not None and action.version != c.version:
        raise Conflict("शिकायत इस बीच बदल चुकी है", "The complaint changed since you opened it; reload")
    now = deps.clock.now()
    at, actor = iso(now), who.label
    if action.kind == "final_decision":
        return _final_decision(c, s, action, at, actor, deps)
    if c.status not in ACTIVE:
        raise a.not_open(c)
    if action.kind == "transfer":
        if s.kind not in ("current", "nodal"):
            raise Forbidden("केवल वर्तमान अधिकारी अंतरण कर सकता है", "Only the officer now responsible may transfer")
        return _transfer(c, action, at, actor, deps)
    if s.kind not in ("current", "lower"):
        raise Forbidden("इस स्तर पर कार्रवाई आपकी नहीं है", "You are not responsible for this complaint's level")
    late = s.kind == "lower"
    details = {
        **action.details(),
        "late": late or None,
        "acting_level": s.level,
        "acting_post": s.post,
        **(recorded or {}),
    }
    if action.kind == "interim":
        after = replace(c, version=c.version + 1)
        event = h.INTERIM
    else:
        after = a.resolved(c, at, s.level)
        event = h.RESOLVED
    deps.complaints.update(c, after, a.entry_for(c, after, event, at, actor, **details))
    return after


def act_for_officer(
    executive: Caller, officer_id: str, contact: str, reference: str, body: Any, deps: Desk
) -> Complaint:
    """The officers' toll-free line (R-OFFICER-CHANNELS): the officer, known by the calling
    number, tells a call-centre executive their update, who records it as that officer would
    (the officer's standing; a lapsed lower level acts late and the lapse stays on record,
    R-LATE-UPDATE). The history names the officer as actor and the executive and the call as
    who wrote it down. Only an interim reply or a resolution is taken this way."""
    if executive.kind != STAFF or not executive.in_group("cce"):
        raise Forbidden("केवल कॉल सेंटर", "Only call-centre staff record an officer's update from the toll-free line")
    if not isinstance(body, dict) or body.get("action") not in ("interim", "resolve"):
        raise InvalidInput({"action": Text("अंतरिम उत्तर या निराकरण", "interim or resolve")})
    if not officer_id or not contact:
        raise InvalidInput({"officer": Text("टोल-फ्री कॉल का अधिकारी", "the officer of the toll-free call")})
    officer = Caller(STAFF, officer_id, frozenset({"officer"}))
    return act(officer, reference, body, deps, {"recorded_by": executive.label, "via": "tollfree", "contact": contact})


def _transfer(c: Complaint, action: a.Action, at: str, actor: str, deps: Desk) -> Complaint:
    to = action.to_department or ""
    if deps.directory.department(to) is None or to == c.department:
        raise InvalidInput({"to_department": Text("कोई दूसरा, मौजूद विभाग", "another existing department")})
    district = deps.directory.district(c.district)
    parent = (district.parent if district else None) or ""
    route = chain_for(c.category, to, c.district, parent, c.block or "", c.accused_level)
    route = with_mapping(route, c.district, deps.directory.existing_posts(route.chain))
    due = iso(deps.calendar.deadline(deps.clock.now()))
    after = a.reassigned(c, at, due, 1, route.chain[0], department=to, chain=list(route.chain), chain_kind=route.kind)
    entry = a.entry_for(
        c,
        after,
        h.TRANSFERRED,
        at,
        actor,
        from_department=c.department,
        to_department=to,
        previous_assignment=c.assignment_id,
        due_at=due,
        **action.details(),
    )
    deps.complaints.update(c, after, entry)
    return after


def _final_decision(c: Complaint, s: Standing, action: a.Action, at: str, actor: str, deps: Desk) -> Complaint:
    l3 = _l3(c)
    if l3 is None or s.post != l3:
        raise Forbidden("अंतिम निर्णय केवल स्तर 3 अधिकारी का", "Only the chain's level-3 officer takes the final decision")
    if c.status not in ACTIVE or not c.extra.get("disputed"):
        raise Conflict(
            "अंतिम निर्णय केवल विवादित (असंतुष्ट) शिकायत पर",
            "A final decision is only for a disputed complaint (citizen not satisfied)",
        )
    after = a.closed(c, at, "final_decision")
    deps.complaints.update(
        c, after, a.entry_for(c, after, h.FINAL_DECISION, at, actor, basis=action.remarks, **action.details())
    )
    return after


def record_satisfaction(who: Caller, reference: str, body: Any, deps: Desk) -> Complaint:
    """The citizen's answer after a resolution, from the complainant (web, app), the
    automated survey call (IVR) or a call-centre executive who called them back:
    satisfied closes it; not satisfied sends it to the next senior officer with a fresh
    7-working-day clock (and marks a dispute). Anyone else: 404 for a citizen who is not
    the complainant, 403 for staff outside the call centre."""
    if who.kind == CITIZEN:
        c = deps.complaints.get(reference)
        if c is None or who.id != c.mobile:
            raise NotFound(Text("शिकायत", "complaint"))
        via, actor = "web", "citizen"
    elif who.kind == SURVEY:
        via, actor = "ivr", "citizen:ivr"
    elif who.kind == STAFF and who.in_group("cce"):
        via, actor = "call", who.label
    else:
        raise Forbidden("केवल कॉल सेंटर", "Only call-centre staff record the callback outcome")
    answer = schemas.check(schemas.Satisfaction, {} if body is None else body)
    return _satisfaction(reference, answer.satisfied, answer.remarks, via, actor, deps)


def _satisfaction(reference: str, satisfied: bool, remarks: str | None, via: str, actor: str, deps: Desk) -> Complaint:
    c = deps.complaints.get(reference)
    if c is None:
        raise NotFound(Text("शिकायत", "complaint"))
    if c.status != RESOLVED:
        raise a.not_open(c)
    at = iso(deps.clock.now())
    if satisfied:
        after = a.closed(c, at, "satisfied")
        entry = a.entry_for(c, after, h.CLOSED, at, actor, satisfied=True, via=via, remarks=remarks)
    else:
        level = a.reopen_level(c)
        due = iso(deps.calendar.deadline(deps.clock.now()))
        after = a.reassigned(c, at, due, level, c.chain[level - 1], extra={**c.extra, "disputed": True})
        entry = a.entry_for(
            c,
            after,
            h.REOPENED,
            at,
            actor,
            satisfied=False,
            via=via,
            remarks=remarks,
            previous_assignment=c.assignment_id,
            due_at=due,
        )
    deps.complaints.update(c, after, entry)
    return after
