"""Who sees what (R-5TIER, R-CORRUPTION, R-MAPPING): the monitoring scope that follows from the
posts held, and `sight`, the one rule deciding what a caller may see of one complaint.

Monitoring scope (dashboards, lists): Secretary/PS/ACS (`<DEPT>:SECRETARY:STATE`) and HoD
(`<DEPT>:L4:STATE`): the department state-wide; Divisional Commissioner
(`COMMISSIONER:L3:<division>`): the division's districts; Collector (`COLLECTOR:L2:<district>`):
the district; district office head (`<DEPT>:L2:<district>`): that office. `admin`: all. Only in
the `monitor` group (or `admin`).

One complaint (`sight`):
- the complainant (their own verified mobile): all of it, name and mobile included;
- an SMS link: the complaint of its own assignment;
- an officer: the complaints whose chain (any of its four levels, or the post it is with)
  holds one of their posts; never a corruption complaint when they hold a post of the
  accused's own general chain that the corruption chain leaves out (below the district office
  head: the block's L1 and the divisional L3; above it: all four);
- the district nodal officer (`NODAL:DISTRICT:<district>`): every complaint of that district,
  and of no other;
- the call centre (`cce`): every complaint (callbacks); the administrator (`admin`): every one;
- a complaint with the State desk (corruption against the district office head or above):
  only the State desk's post holders, the complainant, the call centre and the administrator.
  District and department views count it but never list or describe it.
A corruption complainant's name and mobile are shown only to the complainant and the call
centre. Monitoring officers see, besides, the line of each complaint in their scope in the
district and department lists (no name or mobile), State-desk complaints excepted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from chalicelib.domain.actor import CITIZEN, LINK, STAFF, Caller
from chalicelib.domain.complaint import STATE_GOVT, Complaint
from chalicelib.domain.directory import STATE, nodal_post, post_id, state_nodal_post
from chalicelib.domain.routing import STATE_DESK

GROUPS = ("monitor", "admin")
SPECIAL = ("COLLECTOR", "COMMISSIONER", "NODAL", "STATE_DESK", "SPSA")


@dataclass(frozen=True)
class Scope:
    everything: bool = False
    districts: frozenset[str] = field(default_factory=frozenset)
    divisions: frozenset[str] = field(default_factory=frozenset)
    departments: frozenset[str] = field(default_factory=frozenset)
    offices: frozenset[tuple[str, str]] = field(default_factory=frozenset)

    @property
    def empty(self) -> bool:
        return not (self.everything or self.districts or self.divisions or self.departments or self.offices)

    def whole_district(self, district: str, division: str | None) -> bool:
        return self.everything or district in self.districts or (division or "") in self.divisions

    def district_departments(self, district: str, division: str | None) -> frozenset[str] | None:
        """Departments visible in the district: None = all of them, empty = the district is out of scope."""
        if self.whole_district(district, division):
            return None
        return self.departments | {dept for d, dept in self.offices if d == district}

    def department(self, code: str) -> bool:
        return self.everything or code in self.departments

    def division(self, code: str) -> bool:
        return self.everything or code in self.divisions

    @property
    def state(self) -> bool:
        """The state-wide review (ranking pack): admin and state-level officers."""
        return self.everything or bool(self.departments)


def scope_of(posts: Iterable[str], groups: frozenset[str] | set[str]) -> Scope:
    if "admin" in groups:
        return Scope(everything=True)
    if "monitor" not in groups:
        return Scope()
    districts, divisions, departments, offices = set(), set(), set(), set()
    for post in posts:
        dept, role, place = (post.split(":") + ["", ""])[:3]
        if dept == "COLLECTOR" and role == "L2":
            districts.add(place)
        elif dept == "COMMISSIONER" and role == "L3":
            divisions.add(place)
        elif dept not in SPECIAL and role in ("L4", "SECRETARY") and place == STATE:
            departments.add(dept)
        elif dept not in SPECIAL and role == "L2":
            offices.add((place, dept))
    return Scope(False, frozenset(districts), frozenset(divisions), frozenset(departments), frozenset(offices))


@dataclass(frozen=True)
class Viewer:
    """A caller with the posts they hold now and the monitoring scope that follows from them."""

    caller: Caller
    held: frozenset[str] = frozenset()
    scope: Scope = field(default_factory=Scope)


def viewer(caller: Caller, held: Iterable[str] = ()) -> Viewer:
    """The viewer a caller is; only staff hold posts."""
    posts = frozenset(held) if caller.kind == STAFF else frozenset()
    return Viewer(caller, posts, scope_of(sorted(posts), caller.groups))


@dataclass(frozen=True)
class Sight:
    """What one caller may see of one complaint: `full` the complaint and its history (the full
    view, the officer's page; acting needs more, see services.actions.standing), `personal` with
    the complainant's name and mobile, `listed` its line in district and department lists.
    `basis` says why, for the reader of a test or a log."""

    full: bool = False
    personal: bool = False
    listed: bool = False
    basis: str = ""


NOTHING = Sight()
Divisions = Callable[[str], str | None]
"""district -> its division (None when unknown); asked only when the answer depends on it."""


def with_state_desk(c: Complaint) -> bool:
    """A corruption complaint against the district office head or above, with the State government."""
    return c.chain_kind == STATE_DESK or c.status == STATE_GOVT


def accused_chain(c: Complaint, division: str | None) -> frozenset[str]:
    """The posts of the general chain the accused works in (block L1 up to HoD) that this
    corruption complaint's chain does not hold: they never see it."""
    if c.category != "corruption":
        return frozenset()
    general = {post_id(c.department, "L1", c.block or ""), post_id(c.department, "L2", c.district)}
    general.add(post_id(c.department, "L4", STATE))
    if division:
        general.add(post_id(c.department, "L3", division))
    return frozenset(general - set(c.chain))


def _listed(v: Viewer, c: Complaint, division_of: Divisions) -> bool:
    s = v.scope
    if with_state_desk(c) or s.empty:
        return False
    if s.everything or c.district in s.districts or c.department in s.departments:
        return True
    if (c.district, c.department) in s.offices:
        return True
    return bool(s.divisions) and (division_of(c.district) or "") in s.divisions


def sight(v: Viewer, c: Complaint, division_of: Divisions = lambda _: None) -> Sight:
    """The one answer to "may this caller see this complaint, and whose name and mobile"."""
    who = v.caller
    anonymous = c.category == "corruption"
    if who.kind == CITIZEN:
        return Sight(True, True, False, "complainant") if who.id == c.mobile else NOTHING
    if who.kind == LINK:
        return Sight(True, not anonymous, False, "link") if who.id == c.assignment_id else NOTHING
    if who.kind != STAFF:
        return NOTHING
    if who.in_group("admin"):
        return Sight(True, not anonymous, _listed(v, c, division_of), "admin")
    if who.in_group("cce"):
        return Sight(True, True, False, "call_centre")
    if anonymous and v.held & _accused(c, v.held, division_of):
        return NOTHING
    listed = _listed(v, c, division_of)
    if v.held & ({c.post_id} | set(c.chain)):
        return Sight(True, not anonymous, listed, "state_desk" if with_state_desk(c) else "chain")
    if nodal_post(c.district) in v.held and not with_state_desk(c):
        return Sight(True, not anonymous, listed, "nodal")
    return Sight(False, False, True, "monitor") if listed else NOTHING


def _accused(c: Complaint, held: frozenset[str], division_of: Divisions) -> frozenset[str]:
    """`accused_chain`, asking for the division only when a divisional post of the department is held."""
    needs_division = any(p.startswith(f"{c.department}:L3:") for p in held)
    return accused_chain(c, division_of(c.district) if needs_division else None)


def keeps_schemes(v: Viewer, department: str) -> bool:
    """R-SCHEME-KB: a department's scheme information is kept by that department's state nodal
    officer (a current holder of `<department>:NODAL:STATE`, regular or additional charge) and
    the administrator; no one else writes it. Anyone may read it."""
    if v.caller.kind != STAFF:
        return False
    return v.caller.in_group("admin") or state_nodal_post(department) in v.held
