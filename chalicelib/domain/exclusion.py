"""Service exclusion (R-EXCLUSION, circular 000 §6.6): a department's state nodal officer proposes
that a service be taken out of the helpline, for a legal provision or an exceptional
circumstance; the Public Service Management department (the administrator) accepts or rejects
it, and may lift an accepted one later. Filings for a service in force as excluded are refused
with where to go instead.

A service is named by its department, optionally one category of filing, and optionally the
words of the subject that name it (matched as whole words, Hindi or English). A proposal names
a category or at least one word: a whole department never leaves the helpline this way.
Corruption complaints are never excluded: they are not a service, and their chain exists so
that no department can turn them away.

Who proposes: a staff login in the `nodal` group that holds the department's state nodal post
(`<DEPARTMENT>:NODAL:STATE`, login `<department>.nodal.state`). Who decides: `admin`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace

from chalicelib.domain.directory import STATE
from chalicelib.domain.errors import Conflict, DomainError, Forbidden
from chalicelib.domain.text import Text

PROPOSED, ACCEPTED, REJECTED, LIFTED = "proposed", "accepted", "rejected", "lifted"
STATUSES = (PROPOSED, ACCEPTED, REJECTED, LIFTED)
REASONS = ("legal", "exceptional")  # a legal provision, or an exceptional circumstance (§6.6)
DECISIONS = {"accept": ACCEPTED, "reject": REJECTED}
NEVER_EXCLUDED = "corruption"
NODAL_GROUP, ADMIN_GROUP = "nodal", "admin"
WORD = re.compile(r"[\w\u0900-\u097f]+")  # Devanagari vowel signs and viramas belong to the word


def proposer_departments(groups: Iterable[str], held: Iterable[str]) -> frozenset[str]:
    """The departments a login may propose exclusions for: those whose state nodal post it holds,
    and only when it is in the `nodal` group."""
    if NODAL_GROUP not in set(groups):
        return frozenset()
    out = set()
    for p in held:
        dept, role, place = (p.split(":") + ["", ""])[:3]
        if role == "NODAL" and place == STATE:
            out.add(dept)
    return frozenset(out)


@dataclass(frozen=True)
class Exclusion:
    exclusion_id: str
    version: int
    department: str
    category: str | None  # None: every category but corruption
    terms: tuple[str, ...]  # words of the subject that name the service; (): the whole category
    service: Text  # the service, as the refusal names it
    instead: Text  # where to go instead
    reason_kind: str  # legal | exceptional
    reason: str  # the provision or circumstance, as the department wrote it
    legal_reference: str | None
    status: str
    proposed_by: str
    proposed_at: str
    decided_by: str | None = None
    decided_at: str | None = None
    remarks: str | None = None

    @property
    def in_force(self) -> bool:
        return self.status == ACCEPTED


@dataclass(frozen=True)
class ExclusionEntry:
    """One step of an exclusion's append-only history."""

    version: int
    at: str
    event: str  # proposed | accepted | rejected | lifted
    actor: str
    remarks: str | None = None


class Excluded(DomainError):
    """A filing for a service excluded from the helpline: refused, saying where to go instead."""

    def __init__(self, x: Exclusion) -> None:
        super().__init__(
            f"यह सेवा सीएम हेल्पलाइन से बाहर रखी गई है: {x.service.hi}। कृपया यहाँ संपर्क करें: {x.instead.hi}",
            f"This service is excluded from CM Helpline 181: {x.service.en}. Please go instead to: {x.instead.en}",
        )
        self.exclusion = x


def words(text: str) -> tuple[str, ...]:
    """`text` as lower-case words (NFC), the way subjects and terms are compared."""
    return tuple(WORD.findall(unicodedata.normalize("NFC", text).casefold()))


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def applies(x: Exclusion, department: str, category: str, subject: str) -> bool:
    """Whether a filing of `category` for `department` with this subject is for the excluded service."""
    if not x.in_force or category == NEVER_EXCLUDED or x.department != department:
        return False
    if x.category is not None and x.category != category:
        return False
    if not x.terms:
        return True
    said = words(subject)
    return any(_contains(said, words(t)) for t in x.terms)


def excluding(exclusions: Iterable[Exclusion], department: str, category: str, subject: str) -> Exclusion | None:
    """The exclusion in force that a filing falls under (the oldest, if several), or None."""
    hits = [x for x in exclusions if applies(x, department, category, subject)]
    return min(hits, key=lambda x: (x.proposed_at, x.exclusion_id)) if hits else None


def check_scope(category: str | None, terms: tuple[str, ...]) -> dict[str, Text]:
    """What is wrong with what a proposal would exclude (field -> message); {} when it is fine."""
    errors: dict[str, Text] = {}
    if category == NEVER_EXCLUDED:
        errors["category"] = Text(
            "भ्रष्टाचार की शिकायतें हेल्पलाइन से बाहर नहीं की जा सकतीं", "corruption complaints cannot be excluded"
        )
    elif category is None and not terms:
        errors["terms"] = Text(
            "श्रेणी या सेवा के शब्द बताएँ: पूरा विभाग बाहर नहीं किया जा सकता",
            "name a category or the service's words: a whole department cannot be excluded",
        )
    if any(not words(t) for t in terms):
        errors["terms"] = Text("हर शब्द में अक्षर हों", "every term needs letters")
    return errors


def may_propose(department: str, groups: Iterable[str], held: Iterable[str]) -> None:
    if department not in proposer_departments(groups, held):
        raise Forbidden(
            "केवल उस विभाग के राज्य नोडल अधिकारी प्रस्ताव भेज सकते हैं",
            "Only the department's state nodal officer may propose excluding its services",
        )


def may_decide(groups: Iterable[str]) -> None:
    if ADMIN_GROUP not in set(groups):
        raise Forbidden(
            "निर्णय लोक सेवा प्रबंधन विभाग (प्रशासक) लेता है", "The Public Service Management department (admin) decides"
        )


def decided(x: Exclusion, decision: str, by: str, at: str, remarks: str) -> tuple[Exclusion, ExclusionEntry]:
    """The administrator's decision on a proposal: accepted (in force at once) or rejected."""
    if x.status != PROPOSED:
        raise Conflict("इस प्रस्ताव पर निर्णय हो चुका है", "This proposal has been decided already")
    status = DECISIONS[decision]
    after = replace(x, version=x.version + 1, status=status, decided_by=by, decided_at=at, remarks=remarks)
    return after, ExclusionEntry(after.version, at, status, by, remarks)


def lifted(x: Exclusion, by: str, at: str, remarks: str) -> tuple[Exclusion, ExclusionEntry]:
    """An accepted exclusion lifted by the administrator: the helpline takes the service again."""
    if x.status != ACCEPTED:
        raise Conflict("केवल लागू अपवर्जन हटाया जा सकता है", "Only an exclusion in force can be lifted")
    after = replace(x, version=x.version + 1, status=LIFTED, remarks=remarks)
    return after, ExclusionEntry(after.version, at, LIFTED, by, remarks)
