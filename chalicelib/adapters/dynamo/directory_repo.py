"""The directory in DynamoDB: each list is one query on its kind's partition."""

from __future__ import annotations

from collections.abc import Iterable

from pynamodb.exceptions import DoesNotExist

from chalicelib.adapters.dynamo.models import (
    DirectoryRow,
    OfficerItem,
    PlaceItem,
    PostingItem,
    PostItem,
    transaction,
)
from chalicelib.domain.directory import Officer, Place, Post, Posting

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
                batch.save(
                    OfficerItem(
                        f"OFFICER#{o.officer_id}",
                        "OFFICER",
                        name=o.name,
                        designation=o.designation,
                        mobile=o.mobile,
                        email=o.email,
                        lang=o.lang,
                        username=o.username,
                    )
                )

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

    def start_posting(self, posting: Posting) -> None:
        PostingItem(
            f"POST#{posting.post_id}",
            f"HOLDER#{posting.start}#{posting.officer_id}",
            officer_id=posting.officer_id,
            charge=posting.charge,
            start=posting.start,
            holder=posting.officer_id,
        ).save(condition=DirectoryRow.sk.does_not_exist())

    def put_postings(self, postings: Iterable[Posting]) -> None:
        """Bulk load (seeding and CSV import) of current postings."""
        with PostingItem.batch_write() as batch:
            for p in postings:
                batch.save(
                    PostingItem(
                        f"POST#{p.post_id}",
                        f"HOLDER#{p.start}#{p.officer_id}",
                        officer_id=p.officer_id,
                        charge=p.charge,
                        start=p.start,
                        holder=p.officer_id,
                    )
                )

    def end_posting(self, posting: Posting, end: str, reason: str) -> None:
        row = PostingItem.get(f"POST#{posting.post_id}", f"HOLDER#{posting.start}#{posting.officer_id}")
        with transaction() as tx:
            tx.update(
                row,
                actions=[PostingItem.end.set(end), PostingItem.end_reason.set(reason), PostingItem.holder.remove()],
                condition=PostingItem.end.does_not_exist(),
            )
