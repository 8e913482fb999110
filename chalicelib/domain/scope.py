"""Who sees which reports (R-5TIER): the monitoring scope that follows from the posts held.

Secretary/HoD (`<DEPT>:L4:STATE`): the department state-wide; Divisional Commissioner
(`COMMISSIONER:L3:<division>`): the division's districts; Collector (`COLLECTOR:L2:<district>`):
the district; district office head (`<DEPT>:L2:<district>`): that office. `admin`: all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chalicelib.domain.directory import STATE

GROUPS = ("monitor", "admin")
SPECIAL = ("COLLECTOR", "COMMISSIONER", "NODAL", "STATE_DESK")


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


def scope_of(posts: list[str], groups: frozenset[str] | set[str]) -> Scope:
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
        elif dept not in SPECIAL and role == "L4" and place == STATE:
            departments.add(dept)
        elif dept not in SPECIAL and role == "L2":
            offices.add((place, dept))
    return Scope(False, frozenset(districts), frozenset(divisions), frozenset(departments), frozenset(offices))
