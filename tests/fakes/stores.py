"""The stores in memory: complaints, directory, ops (rate limits, OTPs), callbacks,
the notification ledger, the call-centre call log, the scheme knowledge base and the numbers
that wrote on WhatsApp."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import asdict, replace
from datetime import datetime, timedelta
from typing import Any

from chalicelib.domain.calendar import IST
from chalicelib.domain.callbacks import Callback
from chalicelib.domain.calls import Call
from chalicelib.domain.complaint import OPEN, STATE_GOVT, Complaint
from chalicelib.domain.directory import Officer, Place, Post, Posting
from chalicelib.domain.errors import IdempotentReplay, ReferenceTaken, VersionConflict
from chalicelib.domain.history import Entry
from chalicelib.domain.otp import Limit
from chalicelib.domain.postings import Change, PostingConflict, roster_key
from chalicelib.domain.schemes import Scheme, Version
from chalicelib.domain.tokens import LinkGrant
from chalicelib.domain.whatsapp import ChatContact
from chalicelib.services.ports import Claim
from chalicelib.settings import NOTIFY_LEASE_SECONDS

Cursor = dict[str, Any]


def _page(rows: list[Complaint], limit: int, cursor: Cursor | None, key: str) -> tuple[list[Complaint], Cursor | None]:
    start = int((cursor or {}).get("offset", 0))
    chunk = rows[start : start + limit]
    more = start + limit < len(rows)
    return chunk, ({"offset": start + limit, "key": key} if more else None)


class FakeComplaints:
    """As `DynamoComplaints`: one atomic write per change, refused unless conditions hold."""

    def __init__(self) -> None:
        self.items: dict[str, Complaint] = {}
        self.entries: dict[str, dict[int, Entry]] = {}
        self.idem: dict[str, dict[str, Any]] = {}
        self.writes = 0

    def create(self, c: Complaint, first: Entry, idem: tuple[str, dict[str, Any], datetime] | None) -> None:
        if idem is not None and idem[0] in self.idem:
            raise IdempotentReplay(dict(self.idem[idem[0]]))
        if c.reference in self.items:
            raise ReferenceTaken(c.reference)
        self.items[c.reference] = c
        self.entries[c.reference] = {first.version: first}
        if idem is not None:
            self.idem[idem[0]] = dict(idem[1])
        self.writes += 1

    def get(self, reference: str) -> Complaint | None:
        return self.items.get(reference)

    def history(self, reference: str) -> list[Entry]:
        return [e for _, e in sorted(self.entries.get(reference, {}).items())]

    def update(self, before: Complaint, after: Complaint, entry: Entry) -> None:
        assert after.version == before.version + 1 == entry.version
        stored = self.items.get(before.reference)
        if stored is None or stored.version != before.version or entry.version in self.entries[before.reference]:
            raise VersionConflict()
        self.items[after.reference] = after
        self.entries[after.reference][entry.version] = entry
        self.writes += 1

    def append_history(self, reference: str, entry: Entry) -> bool:
        log = self.entries.setdefault(reference, {})
        if entry.version in log:
            return False
        log[entry.version] = entry
        return True

    # The workflow's own write (Step Functions updates the item directly): for tests.
    def move(self, c: Complaint) -> None:
        self.items[c.reference] = c

    def inbox(
        self, post_id: str, limit: int = 50, cursor: Cursor | None = None
    ) -> tuple[list[Complaint], Cursor | None]:
        rows = sorted(
            (c for c in self.items.values() if c.status in (OPEN, STATE_GOVT) and c.post_id == post_id),
            key=lambda c: (c.due_at, c.reference),
        )
        return _page(rows, limit, cursor, post_id)

    def by_mobile(self, mobile: str, limit: int = 50) -> list[str]:
        rows = sorted(
            (c for c in self.items.values() if c.mobile == mobile), key=lambda c: c.registered_at, reverse=True
        )
        return [c.reference for c in rows[:limit]]

    def _open_in(self, district: str) -> list[Complaint]:
        return sorted(
            (c for c in self.items.values() if c.district == district and c.status in (OPEN, STATE_GOVT)),
            key=lambda c: c.due_at,
        )

    def due_since(self, district: str, since: str) -> list[str]:
        return [c.reference for c in self._open_in(district) if c.due_at >= since]

    def due_before(self, district: str, before: str) -> list[str]:
        return [c.reference for c in self._open_in(district) if c.due_at < before]

    def listing(
        self, by: str, key: str, categories: tuple[str, ...], cursor: Cursor | None, limit: int = 50
    ) -> tuple[list[Complaint], Cursor | None]:
        rows = sorted(
            (
                c
                for c in self.items.values()
                if (c.district if by == "district" else c.department) == key and c.category in categories
            ),
            key=lambda c: c.registered_at,
            reverse=True,
        )
        return _page(rows, limit, cursor, key)


class FakeDirectory:
    """As `DynamoDirectory`: places by kind, posts, officers, postings (current = no end)."""

    def __init__(self) -> None:
        self.places: dict[str, dict[str, Place]] = {}
        self.posts: dict[str, Post] = {}
        self.officers_: dict[str, Officer] = {}
        self.holds: dict[str, dict[str, Posting]] = {}  # post -> sk -> posting
        self.regular: dict[str, str] = {}  # post -> the sk of its regular posting
        self.history: dict[str, list[Change]] = {}  # post -> its changes

    def _list(self, pk: str) -> list[Place]:
        return [p for _, p in sorted(self.places.get(pk, {}).items())]

    def divisions(self) -> list[Place]:
        return self._list("DIVISION")

    def districts(self) -> list[Place]:
        return self._list("DISTRICT")

    def departments(self) -> list[Place]:
        return self._list("DEPARTMENT")

    def blocks(self, district: str) -> list[Place]:
        return self._list(f"BLOCK#{district}")

    def district(self, code: str) -> Place | None:
        return self.places.get("DISTRICT", {}).get(code)

    def department(self, code: str) -> Place | None:
        return self.places.get("DEPARTMENT", {}).get(code)

    def block(self, district: str, code: str) -> Place | None:
        return self.places.get(f"BLOCK#{district}", {}).get(code)

    def put_places(self, kind: str, places: Iterable[Place]) -> None:
        self.places.setdefault(kind, {}).update({p.code: p for p in places})

    def put_blocks(self, district: str, places: Iterable[Place]) -> None:
        self.put_places(f"BLOCK#{district}", places)

    def put_posts(self, posts: Iterable[Post]) -> None:
        self.posts.update({p.post_id: p for p in posts})

    def post(self, post_id: str) -> Post | None:
        return self.posts.get(post_id)

    def existing_posts(self, post_ids: Iterable[str]) -> set[str]:
        return {p for p in post_ids if p in self.posts}

    def put_officers(self, officers: Iterable[Officer]) -> None:
        self.officers_.update({o.officer_id: o for o in officers})

    def officer(self, officer_id: str) -> Officer | None:
        return self.officers_.get(officer_id)

    def officers_by_mobile(self, mobile: str) -> list[Officer]:
        return [o for _, o in sorted(self.officers_.items()) if o.mobile == mobile]

    def postings(self, post_id: str) -> list[Posting]:
        return [p for _, p in sorted(self.holds.get(post_id, {}).items())]

    def current_holders(self, post_id: str) -> list[Posting]:
        return [p for p in self.postings(post_id) if p.current]

    def posts_held(self, officer_id: str) -> list[str]:
        return sorted(
            post
            for post, rows in self.holds.items()
            if any(p.officer_id == officer_id and p.current for p in rows.values())
        )

    def start_posting(self, posting: Posting) -> None:
        sk = f"HOLDER#{posting.start}#{posting.officer_id}"
        rows = self.holds.setdefault(posting.post_id, {})
        if sk in rows:
            raise ValueError(f"posting exists: {posting}")
        rows[sk] = posting

    def put_postings(self, postings: Iterable[Posting]) -> None:
        for p in postings:
            sk = f"HOLDER#{p.start}#{p.officer_id}"
            self.holds.setdefault(p.post_id, {})[sk] = p
            if p.charge == "regular" and p.end is None:
                self.regular[p.post_id] = sk

    def end_posting(self, posting: Posting, end: str, reason: str) -> None:
        sk = f"HOLDER#{posting.start}#{posting.officer_id}"
        row = self.holds[posting.post_id][sk]
        if row.end is not None:
            raise ValueError(f"posting already ended: {row}")
        self.holds[posting.post_id][sk] = replace(row, end=end, end_reason=reason)
        if self.regular.get(posting.post_id) == sk:
            del self.regular[posting.post_id]

    def officers(self, officer_ids: Iterable[str]) -> dict[str, Officer]:
        return {o: self.officers_[o] for o in set(officer_ids) if o in self.officers_}

    def posting(self, post_id: str, start: str, officer_id: str) -> Posting | None:
        return self.holds.get(post_id, {}).get(f"HOLDER#{start}#{officer_id}")

    def roster(self, key: str) -> tuple[list[Post], list[Posting]]:
        posts = [p for _, p in sorted(self.posts.items()) if roster_key(p) == key]
        return posts, [h for p in posts for h in self.current_holders(p.post_id)]

    def changes(self, post_id: str) -> list[Change]:
        return list(self.history.get(post_id, []))

    def record_posting(
        self, posting: Posting, post: Post, change: Change, new_officer: Officer | None, lang: str | None = None
    ) -> None:
        sk = f"HOLDER#{posting.start}#{posting.officer_id}"
        taken = new_officer is not None and new_officer.officer_id in self.officers_
        unknown = new_officer is None and lang is not None and posting.officer_id not in self.officers_
        if (
            taken
            or unknown
            or sk in self.holds.get(posting.post_id, {})
            or (posting.charge == "regular" and posting.post_id in self.regular)
        ):
            raise PostingConflict("पदस्थापना बदल चुकी", "posting changed")
        if new_officer is not None:
            self.officers_[new_officer.officer_id] = new_officer
        elif lang is not None:
            self.officers_[posting.officer_id] = replace(self.officers_[posting.officer_id], lang=lang)
        self.put_postings([posting])
        self.record_change(change)

    def close_posting(self, posting: Posting, end: str, reason: str, change: Change) -> None:
        row = self.posting(posting.post_id, posting.start, posting.officer_id)
        if row is None or row.end is not None:
            raise PostingConflict("पदस्थापना बदल चुकी", "posting changed")
        self.end_posting(row, end, reason)
        self.record_change(change)

    def record_change(self, change: Change) -> None:
        self.history.setdefault(change.post_id, []).append(change)


class FakeOps:
    """As `DynamoOps`: fixed windows counted per key; OTPs hashed, single use, try-limited."""

    def __init__(self) -> None:
        self.tally: dict[tuple[str, int], int] = {}
        self.otps: dict[str, dict[str, Any]] = {}

    def hit(self, limit: Limit, key: str, now: datetime) -> bool:
        window = (f"{limit.name}#{key}", int(now.timestamp()) // limit.seconds)
        if self.tally.get(window, 0) >= limit.count:
            return False
        self.tally[window] = self.tally.get(window, 0) + 1
        return True

    def spent(self, limit: Limit, key: str, now: datetime) -> bool:
        return self.tally.get((f"{limit.name}#{key}", int(now.timestamp()) // limit.seconds), 0) >= limit.count

    def put_otp(self, mobile: str, digest: str, expires: datetime) -> None:
        self.otps[mobile] = {"hash": digest, "expires": expires.isoformat(), "tries": 0}

    def get_otp(self, mobile: str) -> dict[str, Any] | None:
        row = self.otps.get(mobile)
        return dict(row) if row else None

    def count_wrong_try(self, mobile: str, max_tries: int) -> bool:
        row = self.otps.get(mobile)
        if row is None or row["tries"] >= max_tries:
            return False
        row["tries"] += 1
        return True

    def consume_otp(self, mobile: str, digest: str) -> bool:
        row = self.otps.get(mobile)
        if row is None or row["hash"] != digest:
            return False
        del self.otps[mobile]
        return True


class FakeLinks:
    """As `DynamoLinks`: grants by digest, a digest taken once."""

    def __init__(self) -> None:
        self.grants: dict[str, LinkGrant] = {}

    def put(self, digest: str, grant: LinkGrant) -> bool:
        if digest in self.grants:
            return False
        self.grants[digest] = grant
        return True

    def get(self, digest: str) -> LinkGrant | None:
        return self.grants.get(digest)


class FakeCallbacks:
    """As `DynamoCallbacks`: one pending callback per complaint, due ones oldest first."""

    def __init__(self) -> None:
        self.pending: dict[str, Callback] = {}

    def put(self, cb: Callback, replacing: Callback | None = None) -> None:
        if replacing is not None:
            self.pending.pop(replacing.reference, None)
        self.pending[cb.reference] = cb

    def get(self, reference: str) -> Callback | None:
        return self.pending.get(reference)

    def due(self, now: datetime, queue: str, limit: int = 500) -> list[Callback]:
        rows = [cb for cb in self.pending.values() if cb.queue == queue and cb.due <= now.isoformat() + "~"]
        return sorted(rows, key=lambda c: c.due)[:limit]

    def remove(self, reference: str) -> None:
        self.pending.pop(reference, None)


class StoreDown(Exception):
    """What a fake store raises for a call it was told to refuse (the table unreachable)."""


class FakeLedger:
    """As `DynamoLedger`: a claim is refused while sent (`sent`), or while another attempt's
    lease runs (`leased`, until when); granted after a failure or once the lease is over.
    `refuse[method] = n`: the next n calls of that method raise `StoreDown`."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], dict[str, Any]] = {}
        self.refuse: dict[str, int] = {}

    def _refused(self, method: str) -> None:
        if self.refuse.get(method, 0) > 0:
            self.refuse[method] -= 1
            raise StoreDown(f"ledger {method} refused")

    def claim(self, job: str, to: str, kind: str, now: datetime) -> Claim:
        self._refused("claim")
        row = self.rows.get((job, to))
        if row is not None and row["status"] == "sent":
            return Claim("sent")
        if row is not None and row["status"] == "sending" and row["lease"] >= now.isoformat():
            return Claim("leased", datetime.fromisoformat(row["lease"]))
        tries = (row or {}).get("attempts", 0) + 1
        lease = now + timedelta(seconds=NOTIFY_LEASE_SECONDS)
        self.rows[(job, to)] = {
            "status": "sending",
            "kind": kind,
            "at": now.isoformat(),
            "attempts": tries,
            "lease": lease.isoformat(),
        }
        return Claim("won", lease)

    def finish(self, job: str, to: str, kind: str, now: datetime, provider_id: str) -> None:
        self._refused("finish")
        tries = self.rows.get((job, to), {}).get("attempts", 0)
        self.rows[(job, to)] = {
            "status": "sent",
            "kind": kind,
            "provider_id": provider_id,
            "at": now.isoformat(),
            "attempts": tries,
        }

    def fail(self, job: str, to: str, kind: str, now: datetime, error: str) -> None:
        self._refused("fail")
        tries = self.rows.get((job, to), {}).get("attempts", 0)
        self.rows[(job, to)] = {
            "status": "failed",
            "kind": kind,
            "error": error[:500],
            "at": now.isoformat(),
            "attempts": tries,
        }

    def attempts(self, job: str) -> list[dict[str, Any]]:
        return [{"to": to, **row} for (j, to), row in sorted(self.rows.items()) if j == job]


class FakeCalls:
    """As `DynamoCalls`: one record per call and a monthly counter per kind/line/district."""

    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = []
        self.stats: dict[str, dict[str, int]] = {}

    def record(self, call: Call, by: str, now: datetime) -> str:
        call_id = str(uuid.uuid4())
        month = now.astimezone(IST).strftime("%Y-%m")
        key = "#".join(x for x in (call.kind, call.referred_to or "", call.district or "ALL") if x)
        self.records.append({**{k: v for k, v in asdict(call).items() if v}, "by": by, "id": call_id})
        counts = self.stats.setdefault(month, {})
        counts[key] = counts.get(key, 0) + 1
        return call_id

    def monthly(self, month: str) -> dict[str, int]:
        return dict(self.stats.get(month, {}))


class FakeChats:
    """As `DynamoChats`: the last message of each number (never moved back), its language, its STOP."""

    def __init__(self) -> None:
        self.contacts: dict[str, ChatContact] = {}

    def get(self, number: str) -> ChatContact | None:
        return self.contacts.get(number)

    def inbound(self, number: str, at: datetime) -> None:
        c = self.contacts.get(number) or ChatContact(number)
        if c.last_inbound_at is None or c.last_inbound_at < at:
            self.contacts[number] = replace(c, last_inbound_at=at)

    def set_lang(self, number: str, lang: str) -> None:
        self.contacts[number] = replace(self.contacts.get(number) or ChatContact(number), lang=lang)

    def set_opted_out(self, number: str, opted_out: bool) -> None:
        self.contacts[number] = replace(self.contacts.get(number) or ChatContact(number), opted_out=opted_out)


class FakeSchemes:
    """As `DynamoSchemes`: the current version per scheme, every version, the day's changes and
    the catalogue's stamp, each write refused unless its condition holds."""

    def __init__(self) -> None:
        self.current: dict[str, Scheme] = {}
        self.history: dict[str, list[Version]] = {}
        self.days: dict[str, list[Version]] = {}
        self.changes_count = 0
        self.catalogue_reads = 0

    def _log(self, v: Version) -> None:
        self.current[v.scheme_id] = v.scheme
        self.history.setdefault(v.scheme_id, []).append(v)
        day = datetime.fromisoformat(v.at).astimezone(IST).date().isoformat()
        self.days.setdefault(day, []).append(v)
        self.changes_count += 1

    def create(self, first: Version) -> None:
        if first.scheme_id in self.current:
            raise ReferenceTaken(first.scheme_id)
        self._log(first)

    def update(self, before: Scheme, after: Version) -> None:
        assert after.version == before.version + 1
        stored = self.current.get(before.scheme_id)
        if stored is None or stored.version != before.version:
            raise VersionConflict()
        self._log(after)

    def get(self, scheme_id: str) -> Scheme | None:
        return self.current.get(scheme_id)

    def versions(self, scheme_id: str) -> list[Version]:
        return list(self.history.get(scheme_id, []))

    def changes(self, day: str) -> list[Version]:
        return sorted(self.days.get(day, []), key=lambda v: (v.at, v.scheme_id, v.version))

    def catalogue(self) -> list[Scheme]:
        self.catalogue_reads += 1
        return list(self.current.values())

    def stamp(self) -> int:
        return self.changes_count
