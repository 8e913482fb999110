"""Postings (R-POSTINGS, R-MAPPING, R-SUPPORT, R-ADMIN): who may change which post, the groups
a login gets from the posts held, the ids and masks the API shows, and the directory's
append-only history of changes.

Who manages what: the district nodal officer (`NODAL:DISTRICT:<district>`) the district's
posts; a department's state nodal officer (`<DEPT>:NODAL:STATE`) that department's
divisional and state posts; the administrator (the `admin` group, or `SPSA:ADMIN:STATE`)
every post.
"""

from __future__ import annotations

import base64
import binascii
import re
import secrets
import string
from collections.abc import Iterable
from dataclasses import dataclass

from chalicelib.domain.directory import ADMIN_POST, STATE, Post, Posting
from chalicelib.domain.errors import Conflict

# The API's words for a charge, and the stored ones.
KINDS = {"regular": "regular", "additional_charge": "additional"}
API_KIND = {stored: word for word, stored in KINDS.items()}
POSTED, ENDED, PASSWORD_RESET = "posted", "ended", "password_reset"


def parts(post: str) -> tuple[str, str, str]:
    dept, role, place = (post.split(":") + ["", ""])[:3]
    return dept, role, place


def groups_for(posts: Iterable[str]) -> frozenset[str]:
    """The login's groups, from the posts held: every post makes an officer; the monitoring
    tiers (Collector, Divisional Commissioner, HoD, Secretary) monitor; the nodal officers
    keep the directory; the administrator's post administers. No post, no group."""
    out: set[str] = set()
    for post in posts:
        dept, role, _ = parts(post)
        if post == ADMIN_POST:
            out |= {"admin", "officer"}
        elif role == "NODAL":
            out |= {"nodal", "officer"}
        elif dept in ("COLLECTOR", "COMMISSIONER") or role in ("L4", "SECRETARY"):
            out |= {"monitor", "officer"}
        else:
            out.add("officer")
    return frozenset(out)


@dataclass(frozen=True)
class Manager:
    """What one caller may change in the directory."""

    everything: bool = False
    districts: frozenset[str] = frozenset()
    departments: frozenset[str] = frozenset()

    @property
    def any(self) -> bool:
        return self.everything or bool(self.districts or self.departments)

    def manages(self, post: Post) -> bool:
        if self.everything:
            return True
        if post.district:
            return post.district in self.districts
        return post.department in self.departments

    def district(self, code: str) -> bool:
        return self.everything or code in self.districts

    def department(self, code: str) -> bool:
        return self.everything or code in self.departments


def manager_of(held: Iterable[str], groups: Iterable[str]) -> Manager:
    """From the posts the caller holds now (and the `admin` group of a login with no post)."""
    held = list(held)
    if "admin" in set(groups) or ADMIN_POST in held:
        return Manager(everything=True)
    districts, departments = set(), set()
    for post in held:
        dept, role, place = parts(post)
        if dept == "NODAL" and role == "DISTRICT":
            districts.add(place)
        elif role == "NODAL" and place == STATE:
            departments.add(dept)
    return Manager(False, frozenset(districts), frozenset(departments))


def roster_key(post: Post) -> str:
    """The posts listed together: a district's, or a department's divisional and state posts."""
    return post.district or f"{STATE}#{post.department}"


def posting_id(p: Posting) -> str:
    """An opaque, URL-safe id naming one posting (its post, start and officer)."""
    raw = f"{p.post_id}|{p.start}|{p.officer_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def parse_posting_id(text: str) -> tuple[str, str, str] | None:
    """(post, start, officer) of a posting id, or None for anything that is not one."""
    if not re.fullmatch(r"[A-Za-z0-9_-]{8,400}", text or ""):
        return None
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    pieces = raw.split("|")
    if len(pieces) != 3 or not all(pieces):
        return None
    return pieces[0], pieces[1], pieces[2]


def masked(mobile: str) -> str:
    """A mobile as lists show it: the last four digits only."""
    return ("*" * max(len(mobile) - 4, 0)) + mobile[-4:]


def same_person(a: str, b: str) -> bool:
    """Two names as typed are one person's (case and spacing aside)."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def new_username() -> str:
    """A new officer's login: `o` and eight digits (easy to say on the phone, to type on one)."""
    return f"o{secrets.randbelow(10**8):08d}"


def temporary_password() -> str:
    """A one-time password meeting the staff pool's policy (12+, upper, lower, digit, symbol),
    without look-alike characters, to be changed at the first sign-in."""
    letters = [c for c in string.ascii_letters if c not in "lIO"]
    digits = "23456789"
    body = [secrets.choice(letters) for _ in range(8)] + [secrets.choice(digits) for _ in range(3)]
    body += [secrets.choice(string.ascii_uppercase.replace("O", "").replace("I", ""))]
    body += [secrets.choice(string.ascii_lowercase.replace("l", ""))]
    secrets.SystemRandom().shuffle(body)
    return "".join(body[:6]) + "@" + "".join(body[6:])


@dataclass(frozen=True)
class Change:
    """One entry of the directory's append-only history: who changed which posting, when, by
    which order."""

    at: str
    event: str  # POSTED | ENDED | PASSWORD_RESET
    post_id: str
    officer_id: str
    charge: str
    by: str
    order_no: str | None = None
    order_date: str | None = None
    reason: str | None = None


class PostingConflict(Conflict):
    """The store refused a posting change: the post has a regular holder already, the posting
    exists or has ended meanwhile."""
