"""A whole world of fakes: the MP structure loaded into an in-memory directory, every
store and provider in memory, a clock the test moves, and the bundles the handlers get."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from chalicelib.clock import ManualClock
from chalicelib.domain.directory import Officer, Place, Post, Posting
from chalicelib.services.bundles import (
    Access,
    Callbacks,
    Chat,
    Desk,
    Exclusions,
    Links,
    Notifier,
    OfficerLinks,
    Reactor,
    SchemeDesk,
    SignIn,
)
from chalicelib.services.structure import mp_data, standard_posts
from tests.fakes.exclusions import FakeExclusions
from tests.fakes.outside import (
    FakeCalendar,
    FakeQueue,
    FakeSms,
    FakeStaffAuth,
    FakeTimers,
    FakeVoice,
    FakeWhatsApp,
)
from tests.fakes.stores import (
    FakeCallbacks,
    FakeCalls,
    FakeChats,
    FakeComplaints,
    FakeDirectory,
    FakeLedger,
    FakeLinks,
    FakeOps,
    FakeSchemes,
)

MONDAY = datetime.fromisoformat("2026-11-23T05:00:00+00:00")  # 10:30 IST
SECRET = "unit-test-secret"
BASE = "https://181.example.in"


@cache
def _structure() -> tuple[dict[str, list[Place]], tuple[Post, ...]]:
    data = mp_data()

    def places(rows: list[dict[str, str]], parent: str | None = None) -> list[Place]:
        return [Place(r["code"], r["name_hi"], r["name_en"], r.get(parent) if parent else None) for r in rows]

    out = {
        "DIVISION": places(data["divisions"]),
        "DISTRICT": places(data["districts"], "division"),
        "DEPARTMENT": places(data["departments"]),
    }
    for district, blocks in data["blocks"].items():
        out[f"BLOCK#{district}"] = places(blocks)
    return out, tuple(standard_posts(data))


def officer_id(post: str) -> str:
    return post.lower().replace(":", ".").replace("_", "-")


def officer_mobile(post: str) -> str:
    return "+917" + f"{zlib.crc32(post.encode()) % 10**9:09d}"


@dataclass
class World:
    clock: ManualClock = field(default_factory=lambda: ManualClock(MONDAY))
    complaints: FakeComplaints = field(default_factory=FakeComplaints)
    directory: FakeDirectory = field(default_factory=FakeDirectory)
    calendar: FakeCalendar = field(default_factory=FakeCalendar)
    callbacks_store: FakeCallbacks = field(default_factory=FakeCallbacks)
    ops: FakeOps = field(default_factory=FakeOps)
    ledger: FakeLedger = field(default_factory=FakeLedger)
    link_store: FakeLinks = field(default_factory=FakeLinks)
    calls: FakeCalls = field(default_factory=FakeCalls)
    schemes: FakeSchemes = field(default_factory=FakeSchemes)
    sms: FakeSms = field(default_factory=FakeSms)
    voice: FakeVoice = field(default_factory=FakeVoice)
    queue: FakeQueue = field(default_factory=FakeQueue)
    timers: FakeTimers = field(default_factory=FakeTimers)
    staff_auth: FakeStaffAuth = field(default_factory=FakeStaffAuth)
    exclusions_store: FakeExclusions = field(default_factory=FakeExclusions)
    whatsapp: FakeWhatsApp = field(default_factory=FakeWhatsApp)
    chats: FakeChats = field(default_factory=FakeChats)
    survey: bool = False

    def __post_init__(self) -> None:
        places, posts = _structure()
        for kind, rows in places.items():
            self.directory.put_places(kind, rows)
        self.directory.put_posts(posts)

    def post_officer(self, post: str, officer: str | None = None, charge: str = "regular") -> Officer:
        """Puts an officer in `post` (one per post unless named)."""
        o = Officer(officer or officer_id(post), f"अधिकारी {post}", "अधिकारी", officer_mobile(officer or post))
        if self.directory.officer(o.officer_id) is None:
            self.directory.put_officers([o])
        self.directory.put_postings([Posting(post, o.officer_id, charge, "2026-01-01T00:00:00+00:00")])
        return self.directory.officer(o.officer_id) or o

    def staff_all(self, posts: list[str]) -> None:
        for p in posts:
            self.post_officer(p)

    def desk(self) -> Desk:
        return Desk(
            self.complaints, self.directory, self.calendar, self.clock, self.callbacks_store, self.exclusions_store
        )

    def exclusions(self) -> Exclusions:
        return Exclusions(self.exclusions_store, self.directory, self.clock)

    def scheme_desk(self) -> SchemeDesk:
        return SchemeDesk(self.schemes, self.directory, self.clock)

    def access(self, per_source_hour: int = 100_000) -> Access:
        return Access(self.ops, self.sms, self.clock, SECRET, per_source_hour)

    def sign_in(self, failures_per_source: int = 100_000) -> SignIn:
        return SignIn(self.ops, self.staff_auth, self.clock, failures_per_source)

    def links(self) -> Links:
        return Links(BASE)

    def officer_links(self) -> OfficerLinks:
        return OfficerLinks(self.link_store, self.directory, self.clock)

    def reactor(self) -> Reactor:
        return Reactor(
            self.complaints,
            self.queue,
            self.timers,
            self.calendar,
            self.clock,
            self.callbacks_store,
            self.links(),
            self.survey,
            self.chats,
        )

    def notifier(self) -> Notifier:
        return Notifier(
            self.directory,
            self.sms,
            self.voice,
            self.ledger,
            self.clock,
            self.link_store,
            BASE,
            self.whatsapp,
            self.chats,
        )

    def chat(self) -> Chat:
        return Chat(self.desk(), self.chats, self.ledger, self.ops, self.whatsapp, BASE, self.schemes)

    def callback_desk(self) -> Callbacks:
        return Callbacks(self.callbacks_store, self.complaints, self.voice, self.calendar, self.clock)

    def react_all(self) -> list[dict[str, Any]]:
        """What the stream does: every history item not yet reacted to, in order."""
        from chalicelib.services import reactions

        jobs: list[dict[str, Any]] = []
        seen: set[tuple[str, int]] = getattr(self, "_seen", set())
        for ref in list(self.complaints.items):
            for e in self.complaints.history(ref):
                if (ref, e.version) not in seen:
                    seen.add((ref, e.version))
                    jobs += reactions.on_history(e, ref, self.reactor())
        self._seen = seen
        return jobs

    def deliver_all(self) -> int:
        """What the notifier does with the queued jobs."""
        from chalicelib.services.notify import deliver

        return sum(deliver(j, self.notifier()) for j in self.queue.take())
