"""One contract per store, run against the in-memory fake (tests/fakes) and the
DynamoDB adapter on moto: the unit tests' fakes behave as the real stores do.

The moto tables are shared by the session, so every case uses keys of its own."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import pytest

from chalicelib.domain.calendar import IST
from chalicelib.domain.callbacks import Callback
from chalicelib.domain.calls import Call
from chalicelib.domain.complaint import CLOSED, OPEN, RESOLVED, Complaint, assignment_id
from chalicelib.domain.directory import Officer, Place, Post, Posting
from chalicelib.domain.errors import IdempotentReplay, ReferenceTaken, VersionConflict
from chalicelib.domain.exclusion import ACCEPTED, LIFTED, PROPOSED, Exclusion, ExclusionEntry, decided, lifted
from chalicelib.domain.history import REGISTERED, Entry
from chalicelib.domain.history import RESOLVED as RESOLVED_EVENT
from chalicelib.domain.otp import Limit
from chalicelib.domain.postings import Change, PostingConflict
from chalicelib.domain.reference import new_reference
from chalicelib.domain.schemes import Scheme, Version
from chalicelib.domain.text import Text
from chalicelib.domain.tokens import LinkGrant, link_digest, new_link_token
from chalicelib.domain.whatsapp import ChatContact
from chalicelib.services.ports import Claim
from chalicelib.settings import NOTIFY_LEASE_SECONDS
from tests.fakes import stores
from tests.fakes.exclusions import FakeExclusions

NOW = datetime.fromisoformat("2026-11-23T05:00:00+00:00")
_n = itertools.count()


def unique(prefix: str) -> str:
    return f"{prefix}{os.getpid() % 1000:03d}{next(_n):05d}"


def adapters() -> dict[str, Callable[[], Any]]:
    from chalicelib.adapters.dynamo.callbacks_repo import DynamoCallbacks
    from chalicelib.adapters.dynamo.calls_repo import DynamoCalls
    from chalicelib.adapters.dynamo.chats_repo import DynamoChats
    from chalicelib.adapters.dynamo.complaints_repo import DynamoComplaints
    from chalicelib.adapters.dynamo.directory_repo import DynamoDirectory
    from chalicelib.adapters.dynamo.exclusions_repo import DynamoExclusions
    from chalicelib.adapters.dynamo.ledger_repo import DynamoLedger
    from chalicelib.adapters.dynamo.links_repo import DynamoLinks
    from chalicelib.adapters.dynamo.ops_repo import DynamoOps
    from chalicelib.adapters.dynamo.schemes_repo import DynamoSchemes

    return {
        "complaints": DynamoComplaints,
        "directory": DynamoDirectory,
        "ops": DynamoOps,
        "callbacks": DynamoCallbacks,
        "ledger": DynamoLedger,
        "calls": DynamoCalls,
        "links": DynamoLinks,
        "exclusions": DynamoExclusions,
        "chats": DynamoChats,
        "schemes": DynamoSchemes,
    }


FAKES: dict[str, Callable[[], Any]] = {
    "complaints": stores.FakeComplaints,
    "directory": stores.FakeDirectory,
    "ops": stores.FakeOps,
    "callbacks": stores.FakeCallbacks,
    "ledger": stores.FakeLedger,
    "calls": stores.FakeCalls,
    "links": stores.FakeLinks,
    "exclusions": FakeExclusions,
    "chats": stores.FakeChats,
    "schemes": stores.FakeSchemes,
}


@pytest.fixture(params=["fake", "dynamo"])
def make(request: pytest.FixtureRequest) -> Callable[[str], Any]:
    if request.param == "fake":
        return lambda name: FAKES[name]()
    request.getfixturevalue("aws")
    built = adapters()
    return lambda name: built[name]()


def complaint(
    district: str = "SEHORE",
    post: str = "REVENUE:L1:SEHORE-BUDHNI",
    hours: int = 0,
    mobile: str | None = None,
    category: str = "complaint",
    department: str = "REVENUE",
) -> Complaint:
    ref = new_reference()
    at = (NOW + timedelta(hours=hours)).isoformat()
    due = (NOW + timedelta(days=10, hours=hours)).isoformat()
    return Complaint(
        reference=ref,
        version=1,
        category=category,
        department=department,
        district=district,
        block="SEHORE-BUDHNI",
        status=OPEN,
        level=1,
        chain=[post, "REVENUE:L2:SEHORE"],
        chain_kind="general",
        post_id=post,
        assignment_id=assignment_id(ref, 1),
        assigned_at=at,
        due_at=due,
        registered_at=at,
        channel="web",
        mobile=mobile or unique("+9197"),
        name="नाम",
        subject="विषय",
        description="विवरण",
        extra={"address": "गाँव"},
    )


def first(c: Complaint) -> Entry:
    return Entry(1, c.registered_at, REGISTERED, 1, c.post_id, c.assignment_id, "citizen", {"channel": "web"})


class TestComplaintsContract:
    def test_create_get_history(self, make: Callable[[str], Any]) -> None:
        store = make("complaints")
        c = replace(complaint(), lang="en")
        store.create(c, first(c), None)
        assert store.get(c.reference) == c
        assert store.history(c.reference) == [first(c)]
        assert store.get(new_reference()) is None

    def test_a_taken_reference_is_refused(self, make: Callable[[str], Any]) -> None:
        store = make("complaints")
        c = complaint()
        store.create(c, first(c), None)
        with pytest.raises(ReferenceTaken):
            store.create(replace(c, subject="दूसरा"), first(c), None)
        assert store.get(c.reference).subject == "विषय"

    def test_an_idempotency_key_replays_its_record(self, make: Callable[[str], Any]) -> None:
        store = make("complaints")
        key = unique("IDEM#citizen#x#")
        c, d = complaint(), complaint()
        store.create(c, first(c), (key, {"body": "h", "reference": c.reference}, NOW + timedelta(days=1)))
        with pytest.raises(IdempotentReplay) as replay:
            store.create(d, first(d), (key, {"body": "h", "reference": d.reference}, NOW + timedelta(days=1)))
        assert replay.value.record == {"body": "h", "reference": c.reference}
        assert store.get(d.reference) is None

    def test_update_is_conditional_on_the_version(self, make: Callable[[str], Any]) -> None:
        store = make("complaints")
        c = complaint()
        store.create(c, first(c), None)
        after = replace(c, version=2, status=RESOLVED)
        entry = Entry(2, c.registered_at, RESOLVED_EVENT, 1, c.post_id, c.assignment_id, "link:x", {"remarks": "r"})
        store.update(c, after, entry)
        assert store.get(c.reference) == after
        with pytest.raises(VersionConflict):
            store.update(c, replace(c, version=2, subject="x"), entry)
        assert store.get(c.reference) == after and [e.version for e in store.history(c.reference)] == [1, 2]

    def test_append_history_writes_once(self, make: Callable[[str], Any]) -> None:
        store = make("complaints")
        c = complaint()
        store.create(c, first(c), None)
        e = Entry(2, c.due_at, "escalated", 2, "REVENUE:L2:SEHORE", f"{c.reference}-2", "system", {"x": "1"})
        assert store.append_history(c.reference, e) is True
        assert store.append_history(c.reference, replace(e, actor="other")) is False
        assert store.history(c.reference)[-1] == e

    def test_the_inbox_holds_waiting_complaints_by_due_date_and_pages(self, make: Callable[[str], Any]) -> None:
        store = make("complaints")
        post = unique("TEST:L1:")
        made = [complaint(post=post, hours=h) for h in (5, 1, 3)]
        for c in made:
            store.create(c, first(c), None)
        done = made[2]
        store.update(
            done,
            replace(done, version=2, status=RESOLVED),
            Entry(2, done.registered_at, RESOLVED_EVENT, 1, post, done.assignment_id, "x", {}),
        )
        rows, cursor = store.inbox(post, limit=1)
        seen = [r.reference for r in rows]
        while cursor:
            rows, cursor = store.inbox(post, 1, cursor)
            seen += [r.reference for r in rows]
        assert seen == [made[1].reference, made[0].reference]

    def test_by_mobile_is_newest_first(self, make: Callable[[str], Any]) -> None:
        store = make("complaints")
        mobile = unique("+9196")
        made = [complaint(mobile=mobile, hours=h) for h in (1, 3, 2)]
        for c in made:
            store.create(c, first(c), None)
        assert store.by_mobile(mobile) == [made[1].reference, made[2].reference, made[0].reference]
        assert store.by_mobile(mobile, limit=1) == [made[1].reference]

    def test_due_since_and_before_read_one_districts_waiting_complaints(self, make: Callable[[str], Any]) -> None:
        store = make("complaints")
        district = unique("D")
        early, late, gone, asked = (complaint(district=district, hours=h) for h in (0, 48, 24, 30))
        for c in (early, late, gone, asked):
            store.create(c, first(c), None)
        store.update(
            gone,
            replace(gone, version=2, status=CLOSED),
            Entry(2, gone.registered_at, "closed", 1, gone.post_id, gone.assignment_id, "x", {}),
        )
        store.update(
            asked,
            replace(asked, version=2, status=RESOLVED),  # with the citizen, not an officer
            Entry(2, asked.registered_at, "resolved", 1, asked.post_id, asked.assignment_id, "x", {}),
        )
        assert store.due_before(district, late.due_at) == [early.reference]
        assert store.due_since(district, early.due_at) == [early.reference, late.reference]
        assert store.due_since(unique("D"), early.due_at) == []

    def test_listing_by_district_or_department_newest_first_by_category(self, make: Callable[[str], Any]) -> None:
        store = make("complaints")
        district, dept = unique("L"), unique("DEPT")
        a = complaint(district=district, hours=1, department=dept)
        b = complaint(district=district, hours=2, category="demand", department=dept)
        c = complaint(district=district, hours=3, department=dept)
        for x in (a, b, c):
            store.create(x, first(x), None)
        rows, _ = store.listing("district", district, ("complaint",), None)
        assert [r.reference for r in rows] == [c.reference, a.reference]
        rows, _ = store.listing("department", dept, ("demand",), None)
        assert [r.reference for r in rows] == [b.reference]


class TestDirectoryContract:
    def test_places_and_blocks(self, make: Callable[[str], Any]) -> None:
        d = make("directory")
        district = unique("ZZ")
        d.put_blocks(district, [Place(f"{district}-B", "ब", "B"), Place(f"{district}-A", "अ", "A")])
        assert [p.code for p in d.blocks(district)] == [f"{district}-A", f"{district}-B"]
        assert d.block(district, f"{district}-A") == Place(f"{district}-A", "अ", "A")
        assert d.block(district, "nope") is None and d.district(district) is None
        d.put_places("DEPARTMENT", [Place(district, "विभाग", "Dept")])
        assert d.department(district) == Place(district, "विभाग", "Dept")
        assert district in {p.code for p in d.departments()}

    def test_posts_officers_postings(self, make: Callable[[str], Any]) -> None:
        d = make("directory")
        post, other, officer = unique("P:L1:"), unique("P:L1:"), unique("officer.")
        d.put_posts([Post(post, "P", "L1", "X", "X", "पद", "Post")])
        assert d.post(post) is not None and d.post(other) is None
        assert d.existing_posts([post, other]) == {post}
        d.put_officers([Officer(officer, "नाम", "पद", "+917000000001")])
        assert d.officer(officer).mobile == "+917000000001"
        mobile = unique("+9196")
        d.put_officers([Officer(f"{officer}.b", "नाम", "पद", mobile)])
        assert d.officers_by_mobile(mobile) == [Officer(f"{officer}.b", "नाम", "पद", mobile)]
        assert d.officers_by_mobile(unique("+9196")) == []
        regular = Posting(post, officer, "regular", "2026-01-01T00:00:00+00:00")
        d.start_posting(regular)
        d.put_postings([Posting(other, officer, "additional", "2026-02-01T00:00:00+00:00")])
        assert sorted(d.posts_held(officer)) == sorted([post, other])
        assert d.current_holders(post) == [regular]
        d.end_posting(regular, "2026-03-01T00:00:00+00:00", "transfer")
        assert d.current_holders(post) == []
        assert d.postings(post) == [replace(regular, end="2026-03-01T00:00:00+00:00", end_reason="transfer")]
        assert d.posts_held(officer) == [other]
        with pytest.raises(Exception):  # noqa: B017 - each store refuses a second end its own way
            d.end_posting(regular, "2026-04-01T00:00:00+00:00", "other")

    def test_postings_with_history_one_regular_holder_and_the_roster(self, make: Callable[[str], Any]) -> None:
        """A posting is written with its history entry (and a new officer) or not at all; a
        second regular posting of a post is refused while one is current; an ended posting
        leaves the roster and the holder's posts; the history keeps both entries."""
        d = make("directory")
        district, officer, second = unique("RR"), unique("o"), unique("o")
        post = Post(f"P:L2:{district}", "P", "L2", district, district, "पद", "Post")
        d.put_posts([post, Post(f"Q:L2:{district}", "Q", "L2", district, district, "पद", "Post")])
        new = Officer(officer, "नाम", "पद", unique("+9197"), username=officer)
        at = "2026-11-23T05:00:00+00:00"
        regular = Posting(post.post_id, officer, "regular", at, order_no="1", order_date="2026-11-20")
        d.record_posting(regular, post, Change(at, "posted", post.post_id, officer, "regular", "staff:n", "1"), new)
        assert d.officer(officer) == new and d.posts_held(officer) == [post.post_id]
        assert d.posting(post.post_id, at, officer) == regular
        other = Posting(post.post_id, second, "regular", "2026-11-24T05:00:00+00:00")
        change = Change(other.start, "posted", post.post_id, second, "regular", "staff:n")
        with pytest.raises(PostingConflict):
            d.record_posting(other, post, change, Officer(second, "दूसरा", "पद", unique("+9197")))
        assert d.officer(second) is None and d.posts_held(second) == []  # nothing written
        charge = Posting(post.post_id, second, "additional", "2026-11-24T05:00:00+00:00")
        d.record_posting(charge, post, change, Officer(second, "दूसरा", "पद", unique("+9197")))
        posts, held = d.roster(district)
        assert {p.post_id for p in posts} == {post.post_id, f"Q:L2:{district}"}
        assert sorted(h.officer_id for h in held) == sorted([officer, second])
        assert set(d.officers([officer, second, "nobody"])) == {officer, second}
        end = Change(
            "2026-11-25T05:00:00+00:00", "ended", post.post_id, officer, "regular", "staff:n", reason="transfer"
        )
        d.close_posting(regular, end.at, "transfer", end)
        with pytest.raises(PostingConflict):
            d.close_posting(regular, end.at, "transfer", replace(end, at="2026-11-26T05:00:00+00:00"))
        assert d.posts_held(officer) == [] and [h.officer_id for h in d.roster(district)[1]] == [second]
        assert [c.event for c in d.changes(post.post_id)] == ["posted", "posted", "ended"]
        third = Posting(post.post_id, officer, "regular", "2026-11-26T05:00:00+00:00")
        d.record_posting(third, post, replace(end, at=third.start, event="posted"), None)  # the slot is free again
        assert d.current_holders(post.post_id)[-1] == third

    def test_a_posting_of_a_known_officer_may_set_their_language_in_the_same_write(
        self, make: Callable[[str], Any]
    ) -> None:
        d = make("directory")
        district, officer = unique("RL"), unique("o")
        post = Post(f"P:L2:{district}", "P", "L2", district, district, "पद", "Post")
        other = Post(f"Q:L2:{district}", "Q", "L2", district, district, "पद", "Post")
        d.put_posts([post, other])
        at = "2026-11-23T05:00:00+00:00"
        first = Posting(post.post_id, officer, "regular", at)
        new = Officer(officer, "नाम", "पद", unique("+9197"), username=officer)
        d.record_posting(first, post, Change(at, "posted", post.post_id, officer, "regular", "staff:n"), new)
        assert d.officer(officer).lang == "hi"
        charge = Posting(other.post_id, officer, "additional", "2026-11-24T05:00:00+00:00")
        d.record_posting(
            charge, other, Change(charge.start, "posted", other.post_id, officer, "additional", "n"), None, "en"
        )
        assert d.officer(officer) == replace(new, lang="en") and sorted(d.posts_held(officer)) == sorted(
            [post.post_id, other.post_id]
        )
        ghost = unique("o")
        stray = Posting(other.post_id, ghost, "additional", "2026-11-25T05:00:00+00:00")
        with pytest.raises(PostingConflict):  # a language for an officer the directory does not have
            d.record_posting(
                stray, other, Change(stray.start, "posted", other.post_id, ghost, "additional", "n"), None, "en"
            )
        assert d.officer(ghost) is None and d.posts_held(ghost) == []


class TestOpsContract:
    def test_a_window_counts_to_its_limit_then_refuses(self, make: Callable[[str], Any]) -> None:
        ops = make("ops")
        limit, key = Limit("contract", 2, 60), unique("k")
        assert [ops.hit(limit, key, NOW) for _ in range(3)] == [True, True, False]
        assert ops.hit(limit, key, NOW + timedelta(seconds=61)) is True
        assert ops.hit(limit, unique("k"), NOW) is True

    def test_spent_reads_a_window_without_counting(self, make: Callable[[str], Any]) -> None:
        ops = make("ops")
        limit, key = Limit("contract", 2, 60), unique("k")
        assert not ops.spent(limit, key, NOW)
        assert ops.hit(limit, key, NOW) and not ops.spent(limit, key, NOW) and not ops.spent(limit, key, NOW)
        assert ops.hit(limit, key, NOW) and ops.spent(limit, key, NOW)
        assert not ops.spent(limit, key, NOW + timedelta(seconds=61)) and not ops.spent(limit, unique("k"), NOW)

    def test_an_otp_is_kept_hashed_counted_and_used_once(self, make: Callable[[str], Any]) -> None:
        ops = make("ops")
        mobile = unique("+9195")
        assert ops.get_otp(mobile) is None
        ops.put_otp(mobile, "digest", NOW + timedelta(minutes=10))
        assert ops.get_otp(mobile) == {
            "hash": "digest",
            "expires": (NOW + timedelta(minutes=10)).isoformat(),
            "tries": 0,
        }
        assert ops.count_wrong_try(mobile, 2) and ops.count_wrong_try(mobile, 2)
        assert not ops.count_wrong_try(mobile, 2) and ops.get_otp(mobile)["tries"] == 2
        assert not ops.consume_otp(mobile, "other")
        assert ops.consume_otp(mobile, "digest") and not ops.consume_otp(mobile, "digest")
        assert ops.get_otp(mobile) is None


class TestCallbacksContract:
    def test_one_per_complaint_due_ones_oldest_first_per_queue(self, make: Callable[[str], Any]) -> None:
        cbs = make("callbacks")
        far = NOW + timedelta(days=3650 + next(_n))  # later than any other case's
        a, b = new_reference(), new_reference()
        cbs.put(Callback(a, "auto", (far + timedelta(hours=2)).isoformat(), 0))
        cbs.put(Callback(b, "auto", (far + timedelta(hours=1)).isoformat(), 1))
        due = [cb for cb in cbs.due(far + timedelta(hours=3), "auto") if cb.reference in (a, b)]
        assert [cb.reference for cb in due] == [b, a]
        assert [cb for cb in cbs.due(far + timedelta(hours=1, minutes=30), "cce") if cb.reference in (a, b)] == []
        moved = Callback(a, "cce", (far + timedelta(hours=2)).isoformat(), 3)
        cbs.put(moved, replacing=cbs.get(a))
        assert cbs.get(a) == moved
        assert a not in {cb.reference for cb in cbs.due(far + timedelta(hours=3), "auto")}
        cbs.remove(a)
        cbs.remove(a)
        assert cbs.get(a) is None and cbs.get(b) is not None


class TestLedgerContract:
    def test_a_claim_is_once_until_it_fails_or_its_lease_runs_out(self, make: Callable[[str], Any]) -> None:
        ledger = make("ledger")
        job, to = unique("job:"), "+917000000002"
        lease = timedelta(seconds=NOTIFY_LEASE_SECONDS)
        assert ledger.claim(job, to, "sms", NOW) == Claim("won", NOW + lease)
        # Another attempt meanwhile is told until when the first one holds it.
        assert ledger.claim(job, to, "sms", NOW + timedelta(seconds=10)) == Claim("leased", NOW + lease)
        later = NOW + lease + timedelta(seconds=1)
        assert ledger.claim(job, to, "sms", later) == Claim("won", later + lease)  # the holder died
        ledger.fail(job, to, "sms", NOW, "down")
        assert ledger.claim(job, to, "sms", later + timedelta(seconds=1)).status == "won"
        ledger.finish(job, to, "sms", NOW, "provider-1")
        assert ledger.claim(job, to, "sms", NOW + timedelta(days=1)) == Claim("sent")
        [row] = ledger.attempts(job)
        assert (row["to"], row["status"], row["attempts"], row["provider_id"]) == (to, "sent", 3, "provider-1")


class TestCallsContract:
    def test_each_call_is_counted_by_month_kind_line_and_district(self, make: Callable[[str], Any]) -> None:
        calls = make("calls")
        district = unique("C")
        month = (NOW + timedelta(days=31 * (next(_n) % 1000 + 100))).strftime("%Y-%m")
        at = datetime.fromisoformat(f"{month}-10T06:00:00+00:00")
        for kind, line in (("scheme_info", None), ("referral", "108"), ("referral", "108")):
            calls.record(Call(kind, district, line, None, None, None, None), "cce1", at)
        assert calls.monthly(month) == {f"scheme_info#{district}": 1, f"referral#108#{district}": 2}


class TestLinksContract:
    def test_a_grant_is_kept_under_its_digest_once_and_read_back_whole(self, make: Callable[[str], Any]) -> None:
        links = make("links")
        token = new_link_token()
        grant = LinkGrant(f"{new_reference()}-2", "REVENUE:L1:SEHORE-BUDHNI", unique("o."), NOW + timedelta(days=9))
        assert links.get(link_digest(token)) is None
        assert links.put(link_digest(token), grant) is True
        assert links.get(link_digest(token)) == grant
        other = grant._replace(officer_id=unique("o."))
        assert links.put(link_digest(token), other) is False  # a digest is never given twice
        assert links.get(link_digest(token)) == grant
        assert links.get(link_digest(new_link_token())) is None

    def test_the_dynamo_item_holds_the_digest_not_the_token_and_expires_by_ttl(self, aws: Any) -> None:
        from chalicelib.adapters.dynamo.links_repo import DynamoLinks
        from chalicelib.adapters.dynamo.models import OpsRow

        token, expires = new_link_token(), NOW + timedelta(days=9)
        DynamoLinks().put(link_digest(token), LinkGrant("1234567897-1", "P", unique("o."), expires))
        row = OpsRow.get(f"LINK#{link_digest(token)}", "LINK")
        assert token not in repr(row.attribute_values) and row.expires == expires


def proposal(department: str, at: str = "2026-11-23T05:00:00+00:00") -> Exclusion:
    return Exclusion(
        unique("EX-"),
        1,
        department,
        None,
        ("न्यायालय में लंबित", "court case"),
        Text("सेवा", "a service"),
        Text("तहसील", "the Tehsil"),
        "legal",
        "धारा 57",
        None,
        PROPOSED,
        "revenue.nodal.state",
        at,
    )


class TestExclusionsContract:
    def test_create_get_history_and_a_second_create_of_the_same_id_refused(self, make: Callable[[str], Any]) -> None:
        store = make("exclusions")
        x = proposal(unique("DEPT"))
        store.create(x, ExclusionEntry(1, x.proposed_at, PROPOSED, x.proposed_by, x.reason))
        assert store.get(x.exclusion_id) == x and store.get(unique("EX-")) is None
        with pytest.raises(ReferenceTaken):
            store.create(replace(x, reason="other"), ExclusionEntry(1, x.proposed_at, PROPOSED, "someone"))
        assert store.get(x.exclusion_id) == x
        assert store.history(x.exclusion_id) == [ExclusionEntry(1, x.proposed_at, PROPOSED, x.proposed_by, x.reason)]

    def test_updates_are_conditional_on_the_version_and_append_history(self, make: Callable[[str], Any]) -> None:
        store = make("exclusions")
        dept = unique("DEPT")
        x, other = proposal(dept), proposal(dept, "2026-11-24T05:00:00+00:00")
        for y in (x, other):
            store.create(y, ExclusionEntry(1, y.proposed_at, PROPOSED, y.proposed_by))
        assert store.in_force(dept) == []
        accepted, entry = decided(x, "accept", "admin", "2026-11-25T05:00:00+00:00", "ठीक")
        store.update(x, accepted, entry)
        assert store.in_force(dept) == [accepted] and store.in_force(unique("DEPT")) == []
        with pytest.raises(VersionConflict):  # a second decision made from the same version
            store.update(x, *decided(x, "reject", "admin", "2026-11-25T06:00:00+00:00", "नहीं"))
        assert store.get(x.exclusion_id) == accepted and store.get(x.exclusion_id).status == ACCEPTED
        gone, step = lifted(accepted, "admin", "2026-12-01T05:00:00+00:00", "हटाया")
        store.update(accepted, gone, step)
        assert store.in_force(dept) == [] and store.get(x.exclusion_id).status == LIFTED
        assert [e.event for e in store.history(x.exclusion_id)] == [PROPOSED, ACCEPTED, LIFTED]
        mine = [y for y in store.all() if y.department == dept]
        assert [y.exclusion_id for y in mine] == [x.exclusion_id, other.exclusion_id]  # oldest first


class TestChatsContract:
    def test_the_last_message_never_moves_back_and_language_and_stop_are_kept(self, make: Callable[[str], Any]) -> None:
        chats = make("chats")
        number = unique("+9176")
        assert chats.get(number) is None
        chats.inbound(number, NOW)
        assert chats.get(number) == ChatContact(number, NOW, None, False)
        chats.inbound(number, NOW - timedelta(hours=1))  # an older message answered late
        assert chats.get(number).last_inbound_at == NOW
        chats.inbound(number, NOW + timedelta(minutes=5))
        chats.set_lang(number, "en")
        chats.set_opted_out(number, True)
        assert chats.get(number) == ChatContact(number, NOW + timedelta(minutes=5), "en", True)
        chats.set_opted_out(number, False)
        assert chats.get(number).opted_out is False
        other = unique("+9176")
        chats.set_lang(other, "hi")  # a language without a message: no opt-in
        assert chats.get(other) == ChatContact(other, None, "hi", False)


def scheme(version: int = 1, at: datetime = NOW, scheme_id: str | None = None, **kw: Any) -> Scheme:
    return Scheme(
        scheme_id or unique("test-scheme-"),
        "REVENUE",
        Text("परीक्षण योजना", "Test Scheme"),
        Text("पहली पंक्ति\nदूसरी पंक्ति", "First line\nsecond line"),
        (Text("शर्त एक", "Condition one"), Text("शर्त दो", "Condition two")),
        kw.pop("status", "active"),
        version,
        at.isoformat(),
        {"name": "parikshan परिक्षण", "text": "sart शर्त"},
    )


class TestSchemesContract:
    def test_create_amend_keep_every_version_and_the_days_changes(self, make: Callable[[str], Any]) -> None:
        store = make("schemes")
        day = NOW + timedelta(days=next(_n) % 1000 + 400)  # a day of its own
        first = scheme(at=day)
        stamp = store.stamp()
        store.create(Version(first, "new", first.updated_at, "staff:revenue.nodal.state"))
        assert store.get(first.scheme_id) == first and store.get(first.scheme_id).keys == first.keys
        assert store.stamp() != stamp
        with pytest.raises(ReferenceTaken):  # the same id again: nothing written
            store.create(Version(replace(first, name=Text("दूसरी", "Other")), "new", first.updated_at, "x"))
        assert store.get(first.scheme_id) == first

        later = day + timedelta(hours=3)
        second = replace(first, version=2, updated_at=later.isoformat(), eligibility=first.eligibility[:1])
        store.update(
            first, Version(second, "amended", second.updated_at, "staff:admin", ("eligibility",), "एक शर्त हटाई")
        )
        with pytest.raises(VersionConflict):  # made from version 1, which is gone
            store.update(first, Version(replace(second, status="ended"), "ended", second.updated_at, "x"))
        assert store.get(first.scheme_id) == second

        versions = store.versions(first.scheme_id)
        assert [(v.version, v.event, v.changed, v.note) for v in versions] == [
            (1, "new", (), None),
            (2, "amended", ("eligibility",), "एक शर्त हटाई"),
        ]
        assert versions[0].scheme == first and versions[1].by == "staff:admin"
        today = [v for v in store.changes(day.astimezone(IST).date().isoformat()) if v.scheme_id == first.scheme_id]
        assert [v.version for v in today] == [1, 2]
        assert store.versions("test-scheme-none") == [] and store.get("test-scheme-none") is None

    def test_the_catalogue_holds_every_scheme_as_it_stands(self, make: Callable[[str], Any]) -> None:
        store = make("schemes")
        a, b = scheme(), scheme()
        store.create(Version(a, "new", a.updated_at, "x"))
        store.create(Version(b, "new", b.updated_at, "x"))
        ended = replace(b, version=2, status="ended")
        store.update(b, Version(ended, "ended", b.updated_at, "x", ("status",)))
        mine = {s.scheme_id: s for s in store.catalogue() if s.scheme_id in (a.scheme_id, b.scheme_id)}
        assert mine == {a.scheme_id: a, b.scheme_id: ended}
