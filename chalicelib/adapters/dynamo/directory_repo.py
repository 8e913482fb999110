"""The directory in DynamoDB: each list is one query on its kind's partition."""

from __future__ import annotations

from collections.abc import Iterable

from pynamodb.exceptions import DoesNotExist, TransactWriteError

from chalicelib.adapters.dynamo.models import (
    ChangeItem,
    DirectoryRow,
    OfficerItem,
    PlaceItem,
    PostingItem,
    PostItem,
    RegularItem,
    transaction,
)
from chalicelib.domain.directory import Officer, Place, Post, Posting
from chalicelib.domain.postings import Change, PostingConflict, roster_key

REGULAR = "REGULAR"

DIVISION, DISTRICT, DEPARTMENT = "DIVISION", "DISTRICT", "DEPARTMENT"


def _block_pk(district: str) -> str:
    return f"BLOCK#{district}"


def _place(row: PlaceItem) -> Place:
    return Place(row.sk, row.name_hi, row.name_en, row.parent)


def _post(row: PostItem) -> Post:
    return Post(
        row.pk.removeprefix("POST#"),
        row.department,
        row.role,
        row.place,
        row.district,
        row.title_hi,
        row.title_en,
    )


def _officer(row: OfficerItem) -> Officer:
    return Officer(
        row.pk.removeprefix("OFFICER#"),
        row.name,
        row.designation,
        row.mobile,
        row.email,
        row.username,
        row.lang or "hi",
    )


def _posting(row: PostingItem) -> Posting:
    return Posting(
        row.pk.removeprefix("POST#"),
        row.officer_id,
        row.charge,
        row.start,
        row.end,
        row.end_reason,
        row.order_no,
        row.order_date,
    )


def _sk(p: Posting) -> str:
    return f"HOLDER#{p.start}#{p.officer_id}"


def _posting_item(p: Posting, post: Post | None) -> PostingItem:
    current = p.end is None
    return PostingItem(
        f"POST#{p.post_id}",
        _sk(p),
        officer_id=p.officer_id,
        charge=p.charge,
        start=p.start,
        end=p.end,
        end_reason=p.end_reason,
        order_no=p.order_no,
        order_date=p.order_date,
        holder=p.officer_id if current else None,
        roster=roster_key(post) if post and current else None,
    )


def _officer_item(o: Officer) -> OfficerItem:
    return OfficerItem(
        f"OFFICER#{o.officer_id}",
        "OFFICER",
        name=o.name,
        designation=o.designation,
        mobile=o.mobile,
        email=o.email,
        lang=o.lang,
        username=o.username,
    )


def _change_item(c: Change) -> ChangeItem:
    return ChangeItem(
        f"POST#{c.post_id}",
        f"CHANGE#{c.at}#{c.event}#{c.officer_id}",
        at=c.at,
        event=c.event,
        officer_id=c.officer_id,
        charge=c.charge,
        by=c.by,
        order_no=c.order_no,
        order_date=c.order_date,
        reason=c.reason,
    )


def _change(row: ChangeItem) -> Change:
    return Change(
        row.at,
        row.event,
        row.pk.removeprefix("POST#"),
        row.officer_id,
        row.charge,
        row.by,
        row.order_no,
        row.order_date,
        row.reason,
    )


class DynamoDirectory:
    # ---- places -------------------------------------------------------------
    def _places(self, pk: str) -> list[Place]:
        return [_place(r) for r in PlaceItem.query(pk) if isinstance(r, PlaceItem)]

    def divisions(self) -> list[Place]:
        return self._places(DIVISION)

    def districts(self) -> list[Place]:
        return self._places(DISTRICT)

    def departments(self) -> list[Place]:
        return self._places(DEPARTMENT)

    def blocks(self, district: str) -> list[Place]:
        return self._places(_block_pk(district))

    def _get_place(self, pk: str, code: str) -> Place | None:
        try:
            return _place(PlaceItem.get(pk, code))
        except DoesNotExist:
            return None

    def district(self, code: str) -> Place | None:
        return self._get_place(DISTRICT, code)

    def department(self, code: str) -> Place | None:
        return self._get_place(DEPARTMENT, code)

    def block(self, district: str, code: str) -> Place | None:
        return self._get_place(_block_pk(district), code)

    def put_places(self, kind: str, places: Iterable[Place]) -> None:
        """`kind` is DIVISION, DISTRICT or DEPARTMENT."""
        self._put(kind, places)

    def put_blocks(self, district: str, places: Iterable[Place]) -> None:
        self._put(_block_pk(district), places)

    def _put(self, pk: str, places: Iterable[Place]) -> None:
        with PlaceItem.batch_write() as batch:
            for p in places:
                batch.save(PlaceItem(pk, p.code, name_hi=p.name_hi, name_en=p.name_en, parent=p.parent))

    # ---- posts, officers, postings -------------------------------------------
    def put_posts(self, posts: Iterable[Post]) -> None:
        with PostItem.batch_write() as batch:
            for p in posts:
                batch.save(
                    PostItem(
                        f"POST#{p.post_id}",
                        "POST",
                        department=p.department,
                        role=p.role,
                        place=p.place,
                        district=p.district,
                        title_hi=p.title_hi,
                        title_en=p.title_en,
                        roster=roster_key(p),
                    )
                )

    def post(self, post_id: str) -> Post | None:
        try:
            return _post(PostItem.get(f"POST#{post_id}", "POST"))
        except DoesNotExist:
            return None

    def existing_posts(self, post_ids: Iterable[str]) -> set[str]:
        keys = [(f"POST#{p}", "POST") for p in set(post_ids)]
        return {r.pk.removeprefix("POST#") for r in DirectoryRow.batch_get(keys)}

    def put_officers(self, officers: Iterable[Officer]) -> None:
        with OfficerItem.batch_write() as batch:
            for o in officers:
                batch.save(_officer_item(o))

    def officers(self, officer_ids: Iterable[str]) -> dict[str, Officer]:
        keys = [(f"OFFICER#{o}", "OFFICER") for o in set(officer_ids)]
        found = (_officer(r) for r in OfficerItem.batch_get(keys) if isinstance(r, OfficerItem))
        return {o.officer_id: o for o in found}

    def officer(self, officer_id: str) -> Officer | None:
        try:
            return _officer(OfficerItem.get(f"OFFICER#{officer_id}", "OFFICER"))
        except DoesNotExist:
            return None

    def officers_by_mobile(self, mobile: str) -> list[Officer]:
        rows = DirectoryRow.officer_by_mobile.query(mobile)
        found = [self.officer(r.pk.removeprefix("OFFICER#")) for r in rows]
        return [o for o in found if o is not None]

    def postings(self, post_id: str) -> list[Posting]:
        rows = DirectoryRow.query(f"POST#{post_id}", DirectoryRow.sk.startswith("HOLDER#"))
        return [_posting(r) for r in rows if isinstance(r, PostingItem)]

    def current_holders(self, post_id: str) -> list[Posting]:
        return [p for p in self.postings(post_id) if p.current]

    def posts_held(self, officer_id: str) -> list[str]:
        rows = DirectoryRow.by_holder.query(officer_id)
        return [r.pk.removeprefix("POST#") for r in rows]

    def posting(self, post_id: str, start: str, officer_id: str) -> Posting | None:
        try:
            row = PostingItem.get(f"POST#{post_id}", f"HOLDER#{start}#{officer_id}")
        except DoesNotExist:
            return None
        return _posting(row) if isinstance(row, PostingItem) else None

    def roster(self, key: str) -> tuple[list[Post], list[Posting]]:
        """The posts listed under `key` (`domain.postings.roster_key`) and their current postings."""
        posts, postings = [], []
        for row in DirectoryRow.by_roster.query(key):
            if isinstance(row, PostItem):
                posts.append(_post(row))
            elif isinstance(row, PostingItem):
                postings.append(_posting(row))
        return posts, postings

    def changes(self, post_id: str) -> list[Change]:
        rows = DirectoryRow.query(f"POST#{post_id}", DirectoryRow.sk.startswith("CHANGE#"))
        return [_change(r) for r in rows if isinstance(r, ChangeItem)]

    def record_posting(
        self, posting: Posting, post: Post, change: Change, new_officer: Officer | None, lang: str | None = None
    ) -> None:
        """One transaction: the new officer (if any; else, with `lang`, the known officer's new
        language), the posting, the post's regular slot for a regular posting, and the history
        entry. Raises PostingConflict if the post already has a regular holder, the posting or
        the new officer exists, or the known officer does not."""
        with _refused(), transaction() as tx:
            if new_officer is not None:
                tx.save(_officer_item(new_officer), condition=DirectoryRow.pk.does_not_exist())
            elif lang is not None:
                known = OfficerItem(f"OFFICER#{posting.officer_id}", "OFFICER")
                tx.update(known, actions=[OfficerItem.lang.set(lang)], condition=DirectoryRow.pk.exists())
            tx.save(_posting_item(posting, post), condition=DirectoryRow.sk.does_not_exist())
            if posting.charge == "regular":
                slot = RegularItem(f"POST#{posting.post_id}", REGULAR, posting=_sk(posting))
                tx.save(slot, condition=DirectoryRow.sk.does_not_exist())
            tx.save(_change_item(change), condition=DirectoryRow.sk.does_not_exist())

    def close_posting(self, posting: Posting, end: str, reason: str, change: Change) -> None:
        """One transaction: the posting ends (it leaves the holder's and the roster's indexes),
        a regular one frees the post's slot, and the history entry. Raises PostingConflict if
        it had ended already."""
        row = PostingItem(f"POST#{posting.post_id}", _sk(posting))
        with _refused(), transaction() as tx:
            tx.update(
                row,
                actions=[
                    PostingItem.end.set(end),
                    PostingItem.end_reason.set(reason),
                    PostingItem.holder.remove(),
                    PostingItem.roster.remove(),
                ],
                condition=DirectoryRow.sk.exists() & PostingItem.end.does_not_exist(),
            )
            if posting.charge == "regular":
                tx.delete(
                    RegularItem(f"POST#{posting.post_id}", REGULAR),
                    condition=RegularItem.posting == _sk(posting),
                )
            tx.save(_change_item(change), condition=DirectoryRow.sk.does_not_exist())

    def record_change(self, change: Change) -> None:
        with _refused():
            _change_item(change).save(condition=DirectoryRow.sk.does_not_exist())

    def start_posting(self, posting: Posting) -> None:
        """A posting without a history entry or a regular slot (seeding, tests); see `record_posting`."""
        _posting_item(posting, self.post(posting.post_id)).save(condition=DirectoryRow.sk.does_not_exist())

    def put_postings(self, postings: Iterable[Posting]) -> None:
        """Bulk load (seeding) of current postings, with the regular posts' slots; no history."""
        postings = list(postings)
        posts = {p.post_id: self.post(p.post_id) for p in {q.post_id: q for q in postings}.values()}
        with PostingItem.batch_write() as batch:
            for p in postings:
                batch.save(_posting_item(p, posts.get(p.post_id)))
                if p.charge == "regular" and p.end is None:
                    batch.save(RegularItem(f"POST#{p.post_id}", REGULAR, posting=_sk(p)))

    def end_posting(self, posting: Posting, end: str, reason: str) -> None:
        """Ends a posting without a history entry (tests and seeding); see `close_posting`."""
        row = PostingItem.get(f"POST#{posting.post_id}", _sk(posting))
        with transaction() as tx:
            tx.update(
                row,
                actions=[
                    PostingItem.end.set(end),
                    PostingItem.end_reason.set(reason),
                    PostingItem.holder.remove(),
                    PostingItem.roster.remove(),
                ],
                condition=PostingItem.end.does_not_exist(),
            )
            slot = self._slot(posting.post_id)
            if slot is not None and slot.posting == _sk(posting):
                tx.delete(slot, condition=RegularItem.posting == _sk(posting))

    def _slot(self, post_id: str) -> RegularItem | None:
        try:
            row = RegularItem.get(f"POST#{post_id}", REGULAR)
        except DoesNotExist:
            return None
        return row if isinstance(row, RegularItem) else None


class _refused:
    """A refused conditional write or transaction as the domain's PostingConflict."""

    def __enter__(self) -> _refused:
        return self

    def __exit__(self, kind: object, exc: BaseException | None, tb: object) -> None:
        refused = isinstance(exc, TransactWriteError) and "ConditionalCheckFailed" in [
            r.code if r else None for r in (exc.cancellation_reasons or [])
        ]
        refused = refused or getattr(exc, "cause_response_code", "") == "ConditionalCheckFailedException"
        if refused:
            raise PostingConflict(
                "पदस्थापना इस बीच बदल चुकी है या पद पर नियमित अधिकारी है",
                "The posting changed meanwhile, or the post already has a regular holder",
            ) from exc
