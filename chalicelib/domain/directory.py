"""The directory (R-MAPPING, R-POSTINGS, R-5TIER, R-ADMIN): places, departments, posts,
officers, postings.

Complaints belong to posts (department x level x place); a posting says who holds a
post, on regular or additional charge, from when until when. The posts, as the circular
names them: L1-L4 of each department and place; the Collector (`COLLECTOR:L2:<district>`)
and the Divisional Commissioner (`COMMISSIONER:L3:<division>`); the district nodal officer,
the District Public Service Manager (`NODAL:DISTRICT:<district>`); each department's state
nodal officer (`<DEPT>:NODAL:STATE`) and its Secretary / Principal Secretary / Additional
Chief Secretary, the fifth monitoring tier (`<DEPT>:SECRETARY:STATE`); the State government's
corruption desk; and the State Public Service Agency's administrator (`SPSA:ADMIN:STATE`).
"""

from __future__ import annotations

from dataclasses import dataclass

STATE = "STATE"
LEVEL_ROLES = ("L1", "L2", "L3", "L4")
CHARGES = ("regular", "additional")
END_REASONS = ("transfer", "retirement", "suspension", "resignation", "charge_withdrawn", "death", "other")


@dataclass(frozen=True)
class Place:
    """A division, district, block or department."""

    code: str
    name_hi: str
    name_en: str
    parent: str | None = None


@dataclass(frozen=True)
class Post:
    post_id: str
    department: str
    role: str
    place: str
    district: str | None
    title_hi: str
    title_en: str


@dataclass(frozen=True)
class Officer:
    officer_id: str
    name: str
    designation: str
    mobile: str
    email: str | None = None
    username: str | None = None
    lang: str = "hi"  # SMS and calls in this language


@dataclass(frozen=True)
class Posting:
    post_id: str
    officer_id: str
    charge: str
    start: str
    end: str | None = None
    end_reason: str | None = None
    order_no: str | None = None
    order_date: str | None = None

    @property
    def current(self) -> bool:
        return self.end is None


def post_id(department: str, role: str, place: str) -> str:
    """`REVENUE:L1:BHOPAL-BERASIA`; special posts use their role as department."""
    return f"{department}:{role}:{place}"


def collector_post(district: str) -> str:
    return post_id("COLLECTOR", "L2", district)


def commissioner_post(division: str) -> str:
    return post_id("COMMISSIONER", "L3", division)


def nodal_post(district: str) -> str:
    return post_id("NODAL", "DISTRICT", district)


STATE_DESK_POST = post_id("STATE_DESK", "L4", STATE)


def state_nodal_post(department: str) -> str:
    """The department's state nodal officer for the CM Helpline (circular §6.1–6.2): manages its
    divisional and state posts, keeps its scheme information, proposes service exclusions;
    login `<department>.nodal.state`."""
    return post_id(department, "NODAL", STATE)


def secretary_post(department: str) -> str:
    """The department's Secretary / PS / ACS: the fifth tier, the department state-wide."""
    return post_id(department, "SECRETARY", STATE)


ADMIN_POST = post_id("SPSA", "ADMIN", STATE)
"""The State Public Service Agency's Executive Director, the helpline's administrator (R-ADMIN)."""
