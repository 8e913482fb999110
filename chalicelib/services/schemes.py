"""Scheme information (R-SCHEME-KB): the use cases of the knowledge base. A department's state
nodal officer (or the administrator) adds, amends and ends the department's schemes, every
version kept; anyone reads them; the call centre, the public page, the API and WhatsApp search
them with `search`.

    found = search("pension yojna", store)            # active schemes, best match first
    found = search("पेंशन", store, department="SOCIAL_JUSTICE", limit=3)
"""

from __future__ import annotations

from datetime import date
from typing import Any

from chalicelib.clock import iso
from chalicelib.domain import schemas
from chalicelib.domain.actor import STAFF, Caller
from chalicelib.domain.calendar import ist_date
from chalicelib.domain.errors import Conflict, Forbidden, InvalidInput, NotFound, ReferenceTaken, VersionConflict
from chalicelib.domain.matching import keys_of
from chalicelib.domain.schemes import (
    ACTIVE,
    AMENDED,
    ENDED,
    ENDING,
    NEW,
    SCHEME,
    Scheme,
    Version,
    changed_fields,
    scheme_id_for,
)
from chalicelib.domain.scope import keeps_schemes, viewer
from chalicelib.domain.text import Text
from chalicelib.services.bundles import SchemeDesk
from chalicelib.services.ports import SchemesStore
from chalicelib.services.scheme_search import forget, index_of

NOT_KEEPER = Forbidden(
    "योजना की जानकारी केवल उस विभाग के राज्य नोडल अधिकारी (या प्रशासक) बदल सकते हैं",
    "Only the department's state nodal officer (or an administrator) may change its schemes",
)
CHANGED = Conflict("योजना इस बीच बदल चुकी है, दोबारा खोलें", "The scheme changed meanwhile; reload it")
ALREADY_ENDED = Conflict("यह योजना समाप्त हो चुकी है", "This scheme has ended")
UNKNOWN_DEPARTMENT = Text("विभाग का कोड सही नहीं", "unknown department")


def search(text: str, store: SchemesStore, *, department: str | None = None, limit: int = 5) -> list[Scheme]:
    """The active schemes best matching a few words — Hindi, English, or Hindi in Latin letters,
    spelling slips included — best first; [] when nothing matches. Reads the store only when
    its catalogue changed (one small read at most every few seconds otherwise)."""
    return index_of(store).search(text, department, limit)


def listing(
    store: SchemesStore,
    q: str | None = None,
    department: str | None = None,
    status: str = ACTIVE,
    limit: int = 200,
    offset: int = 0,
) -> list[Scheme]:
    """`GET /v1/schemes`: matches of `q` best first, or (no `q`) by department and name."""
    index = index_of(store)
    if q and q.strip():
        found = index.search(q, department, limit + offset, active_only=status == ACTIVE)
        if status == ENDED:
            found = [s for s in index.search(q, department, 10_000, active_only=False) if not s.active]
    else:
        found = [
            s
            for s in index.schemes
            if (department is None or s.department == department) and (status == "all" or s.status == status)
        ]
    return found[offset : offset + limit]


def _keeper(who: Caller, department: str, deps: SchemeDesk) -> None:
    held = deps.directory.posts_held(who.id) if who.kind == STAFF else []
    if not keeps_schemes(viewer(who, held), department):
        raise NOT_KEEPER


def _scheme(scheme_id: str, department: str, body: schemas.SchemeText, version: int, at: str) -> Scheme:
    name, objective = Text(body.name_hi, body.name_en), Text(body.objective_hi, body.objective_en)
    eligibility = tuple(Text(b.hi, b.en) for b in body.eligibility)
    return Scheme(
        scheme_id, department, name, objective, eligibility, ACTIVE, version, at, keys_of(name, objective, eligibility)
    )


def create(who: Caller, body: Any, deps: SchemeDesk) -> Scheme:
    """A new scheme of the department (`POST /v1/schemes`). The same department and English
    name sent again is the same scheme: refused (409) and nothing written."""
    data = schemas.check(schemas.SchemeBody, body)
    _keeper(who, data.department, deps)
    if deps.directory.department(data.department) is None:
        raise InvalidInput({"department": UNKNOWN_DEPARTMENT})
    at = iso(deps.clock.now())
    scheme = _scheme(scheme_id_for(data.department, data.name_en), data.department, data, 1, at)
    try:
        deps.schemes.create(Version(scheme, NEW, at, who.label, (), data.note))
    except ReferenceTaken:
        raise Conflict(
            f"इस विभाग में इसी नाम की योजना पहले से है ({scheme.scheme_id})",
            f"The department has a scheme of this name already ({scheme.scheme_id})",
        ) from None
    forget(deps.schemes)
    return scheme


def _kept(who: Caller, scheme_id: str, version: int | None, deps: SchemeDesk) -> Scheme:
    """The stored scheme if the caller keeps it (404, 403), then at the version they saw (409):
    another department's officer learns nothing of its versions."""
    s = deps.schemes.get(scheme_id)
    if s is None:
        raise NotFound(SCHEME)
    _keeper(who, s.department, deps)
    if version is not None and version != s.version:
        raise CHANGED
    return s


def _write(before: Scheme, after: Version, deps: SchemeDesk) -> Scheme:
    try:
        deps.schemes.update(before, after)
    except VersionConflict:
        raise CHANGED from None
    forget(deps.schemes)
    return after.scheme


def amend(who: Caller, scheme_id: str, body: Any, deps: SchemeDesk) -> Scheme:
    """An amendment (`PUT /v1/schemes/{scheme_id}`): the scheme as it now reads becomes its next
    version, with the fields that changed. The same text again changes nothing (no version)."""
    data = schemas.check(schemas.SchemeText, body)
    before = _kept(who, scheme_id, data.version, deps)
    if not before.active:
        raise ALREADY_ENDED
    at = iso(deps.clock.now())
    after = _scheme(scheme_id, before.department, data, before.version + 1, at)
    changed = changed_fields(before, after)
    if not changed:
        return before
    return _write(before, Version(after, AMENDED, at, who.label, changed, data.note), deps)


def end(who: Caller, scheme_id: str, body: Any, deps: SchemeDesk) -> Scheme:
    """The scheme has ended (`POST /v1/schemes/{scheme_id}/end`): a last version, status ended;
    it leaves the search. Ending it again changes nothing."""
    data = schemas.check(schemas.SchemeEnd, {} if body is None else body)
    before = _kept(who, scheme_id, data.version, deps)
    if not before.active:
        return before
    at = iso(deps.clock.now())
    after = Scheme(
        before.scheme_id,
        before.department,
        before.name,
        before.objective,
        before.eligibility,
        ENDED,
        before.version + 1,
        at,
        before.keys,
    )
    return _write(before, Version(after, ENDING, at, who.label, ("status",), data.note), deps)


def kept_departments(who: Caller, deps: SchemeDesk) -> list[str]:
    """The departments whose schemes the caller keeps (`keeps_schemes`): a state nodal
    officer's own, every department for the administrator, none for anyone else."""
    held = deps.directory.posts_held(who.id) if who.kind == STAFF else []
    v = viewer(who, held)
    return sorted(d.code for d in deps.directory.departments() if keeps_schemes(v, d.code))


def kept(who: Caller, department: str, deps: SchemeDesk) -> list[Scheme]:
    """The department's schemes, active and ended, by English name, for the one who keeps them
    (403 for anyone else): the keeper's list, read from the store, not the search index."""
    _keeper(who, department, deps)
    found = [s for s in deps.schemes.catalogue() if s.department == department]
    return sorted(found, key=lambda s: (not s.active, s.name.en.lower(), s.scheme_id))


def for_keeper(who: Caller, scheme_id: str, deps: SchemeDesk) -> Scheme:
    """The scheme as it now stands, for the one who keeps it (what an amendment starts from):
    404 for an unknown scheme, 403 for another department's."""
    return _kept(who, scheme_id, None, deps)


def versions(scheme_id: str, store: SchemesStore) -> list[Version]:
    """Every version of a scheme, oldest first (404 for an unknown scheme)."""
    found = store.versions(scheme_id)
    if not found:
        raise NotFound(SCHEME)
    return found


def changes(deps: SchemeDesk, day: date | None = None) -> list[Version]:
    """The day's new, amended and ended schemes (today, India time, unless given), newest first:
    what the call centre is told at once."""
    when = day or ist_date(deps.clock.now())
    return list(reversed(deps.schemes.changes(when.isoformat())))
