"""PynamoDB models: the one definition of every table, used by deployment and locally.

Three tables. `complaints` holds each complaint and its append-only history under one
partition (so a change and its history item are one transaction) and streams both to
the reactor. `directory` holds the administrative structure, posts and postings.
`ops` holds short-lived operational records: OTPs, rate counters, idempotency keys,
the notification ledger, processed-event markers and report aggregates.
"""

from __future__ import annotations

import functools
from typing import Any

from pynamodb.attributes import (
    BooleanAttribute,
    DiscriminatorAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
)
from pynamodb.connection import Connection
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, IncludeProjection
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from chalicelib.settings import COMPLAINTS_TABLE, DIRECTORY_TABLE, OPS_TABLE


class InboxIndex(GlobalSecondaryIndex["ComplaintRow"]):
    """Open complaints of one post, most urgent (earliest due) first: the officer inbox."""

    class Meta:
        index_name = "inbox"
        projection = AllProjection()

    inbox_post = UnicodeAttribute(hash_key=True)
    due_at = UnicodeAttribute(range_key=True)


class MobileIndex(GlobalSecondaryIndex["ComplaintRow"]):
    """A citizen's own complaints, newest first."""

    class Meta:
        index_name = "by_mobile"
        projection = IncludeProjection(["kind"])  # keys + the discriminator

    mobile = UnicodeAttribute(hash_key=True)
    registered_at = UnicodeAttribute(range_key=True)


class DistrictIndex(GlobalSecondaryIndex["ComplaintRow"]):
    """District-wise list (R-LISTED), by registration date."""

    class Meta:
        index_name = "by_district"
        projection = AllProjection()

    district = UnicodeAttribute(hash_key=True)
    registered_at = UnicodeAttribute(range_key=True)


class DepartmentIndex(GlobalSecondaryIndex["ComplaintRow"]):
    """Department-wise list (R-LISTED), by registration date."""

    class Meta:
        index_name = "by_department"
        projection = AllProjection()

    department = UnicodeAttribute(hash_key=True)
    registered_at = UnicodeAttribute(range_key=True)


class OpenIndex(GlobalSecondaryIndex["ComplaintRow"]):
    """Sparse: only complaints waiting for an officer (open or at the State desk), per
    district, oldest first (pendency by age)."""

    class Meta:
        index_name = "open_by_district"
        projection = IncludeProjection(["kind"])  # keys + the discriminator

    open_district = UnicodeAttribute(hash_key=True)
    registered_at = UnicodeAttribute(range_key=True)


class DueIndex(GlobalSecondaryIndex["ComplaintRow"]):
    """Sparse: complaints waiting for an officer, per district, by current deadline (deadline
    recomputation after a holiday change, and the reconciler's lapsed-timer check)."""

    class Meta:
        index_name = "due_by_district"
        projection = IncludeProjection(["kind"])  # keys + the discriminator

    open_district = UnicodeAttribute(hash_key=True)
    due_at = UnicodeAttribute(range_key=True)


class ComplaintRow(Model):
    """Base row of the complaints table; `kind` tells a complaint from a history item."""

    class Meta:
        table_name = COMPLAINTS_TABLE
        billing_mode = "PAY_PER_REQUEST"
        stream_view_type = "NEW_AND_OLD_IMAGES"

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    kind = DiscriminatorAttribute()
    inbox = InboxIndex()
    by_mobile = MobileIndex()
    by_district = DistrictIndex()
    by_department = DepartmentIndex()
    open_by_district = OpenIndex()
    due_by_district = DueIndex()


class ComplaintItem(ComplaintRow, discriminator="complaint"):
    reference = UnicodeAttribute()
    version = NumberAttribute()
    category = UnicodeAttribute()
    department = UnicodeAttribute()
    district = UnicodeAttribute()
    block = UnicodeAttribute(null=True)
    status = UnicodeAttribute()
    level = NumberAttribute()
    chain = ListAttribute(of=UnicodeAttribute)
    chain_kind = UnicodeAttribute()
    post_id = UnicodeAttribute()
    assignment_id = UnicodeAttribute()
    assigned_at = UnicodeAttribute()
    due_at = UnicodeAttribute()
    overdue = BooleanAttribute(default=False)
    registered_at = UnicodeAttribute()
    channel = UnicodeAttribute()
    filed_by = UnicodeAttribute(null=True)
    mobile = UnicodeAttribute()
    name = UnicodeAttribute()
    subject = UnicodeAttribute()
    description = UnicodeAttribute()
    accused_level = UnicodeAttribute(null=True)
    inbox_post = UnicodeAttribute(null=True)
    open_district = UnicodeAttribute(null=True)
    last_reminder_at = UnicodeAttribute(null=True)
    resolved_level = NumberAttribute(null=True)
    extra: MapAttribute[str, Any] = MapAttribute(null=True)
    lang = UnicodeAttribute(null=True)  # None for complaints stored before languages: Hindi


class HistoryItem(ComplaintRow, discriminator="history"):
    reference = UnicodeAttribute()
    version = NumberAttribute()
    at = UnicodeAttribute()
    event = UnicodeAttribute()
    level = NumberAttribute()
    post_id = UnicodeAttribute()
    assignment_id = UnicodeAttribute()
    actor = UnicodeAttribute(null=True)
    details: MapAttribute[str, Any] = MapAttribute(null=True)


class HolderIndex(GlobalSecondaryIndex["DirectoryRow"]):
    """Posts an officer currently holds (regular or additional charge)."""

    class Meta:
        index_name = "by_holder"
        projection = AllProjection()

    holder = UnicodeAttribute(hash_key=True)
    pk = UnicodeAttribute(range_key=True)


class OfficerMobileIndex(GlobalSecondaryIndex["DirectoryRow"]):
    """Officers by mobile (sparse: only officer items carry one): who calls the toll-free line."""

    class Meta:
        index_name = "officer_by_mobile"
        projection = IncludeProjection(["kind"])  # keys + the discriminator

    mobile = UnicodeAttribute(hash_key=True)
    pk = UnicodeAttribute(range_key=True)


class RosterIndex(GlobalSecondaryIndex["DirectoryRow"]):
    """A district's posts (or a department's divisional and state posts) with their current
    postings, in one query: posts always carry `roster`, postings only while current."""

    class Meta:
        index_name = "by_roster"
        projection = AllProjection()

    roster = UnicodeAttribute(hash_key=True)
    pk = UnicodeAttribute(range_key=True)


class DirectoryRow(Model):
    """Directory: partitions by kind so every list is one query.

    pk `DIVISION` / `DISTRICT` / `DEPARTMENT` / `BLOCK#<district>` sk `<code>`;
    pk `POST#<post>` sk `POST` (the post), `HOLDER#<from>#<officer>` (postings), `REGULAR`
    (whose regular posting it is: one at a time, by condition) or `CHANGE#<at>#<n>` (the
    post's append-only history of postings); pk `OFFICER#<id>` sk `OFFICER`;
    pk `HOLIDAYS` sk `<year>`;
    pk `EXCLUSION` sk `<id>` (service exclusions), pk `EXCLUSION#<id>` sk `H#<version>` (their history).
    schemes: pk `SCHEMES` sk `<scheme>` (each scheme as it stands: the catalogue is one query),
    pk `SCHEME#<scheme>` sk `V#<version>` (every version), pk `SCHEMEDAY#<date>` sk
    `<at>#<scheme>#<version>` (the day's changes), pk `SCHEMESTAMP` sk `STAMP` (a counter
    every write moves).
    """

    class Meta:
        table_name = DIRECTORY_TABLE
        billing_mode = "PAY_PER_REQUEST"

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    kind = DiscriminatorAttribute()
    holder = UnicodeAttribute(null=True)
    mobile = UnicodeAttribute(null=True)  # officers only (required there)
    roster = UnicodeAttribute(null=True)  # posts, and postings while current
    by_holder = HolderIndex()
    officer_by_mobile = OfficerMobileIndex()
    by_roster = RosterIndex()


class PlaceItem(DirectoryRow, discriminator="place"):
    """A division, district, block or department: a code with Hindi and English names."""

    name_hi = UnicodeAttribute()
    name_en = UnicodeAttribute()
    parent = UnicodeAttribute(null=True)


class PostItem(DirectoryRow, discriminator="post"):
    """A post (department x level x place); complaints belong to posts, not people."""

    department = UnicodeAttribute()
    role = UnicodeAttribute()
    place = UnicodeAttribute()
    district = UnicodeAttribute(null=True)
    title_hi = UnicodeAttribute()
    title_en = UnicodeAttribute()


class OfficerItem(DirectoryRow, discriminator="officer"):
    name = UnicodeAttribute()
    designation = UnicodeAttribute()
    mobile = UnicodeAttribute()
    email = UnicodeAttribute(null=True)
    username = UnicodeAttribute(null=True)
    lang = UnicodeAttribute(null=True)


class PostingItem(DirectoryRow, discriminator="posting"):
    """Who holds a post from when; `holder` is set only while the posting is current."""

    officer_id = UnicodeAttribute()
    charge = UnicodeAttribute()
    start = UnicodeAttribute()
    end = UnicodeAttribute(null=True)
    end_reason = UnicodeAttribute(null=True)
    order_no = UnicodeAttribute(null=True)
    order_date = UnicodeAttribute(null=True)


class RegularItem(DirectoryRow, discriminator="regular"):
    """The post's one regular posting (its sk): created only if absent, so two regular
    postings of one post cannot overlap; deleted when that posting ends."""

    posting = UnicodeAttribute()


class ChangeItem(DirectoryRow, discriminator="change"):
    """One entry of the directory's append-only history (never updated)."""

    at = UnicodeAttribute()
    event = UnicodeAttribute()
    officer_id = UnicodeAttribute()
    charge = UnicodeAttribute()
    by = UnicodeAttribute()
    order_no = UnicodeAttribute(null=True)
    order_date = UnicodeAttribute(null=True)
    reason = UnicodeAttribute(null=True)


class HolidaysItem(DirectoryRow, discriminator="holidays"):
    """A year's non-working days (the gazette list), overriding the package default."""

    days: MapAttribute[str, Any] = MapAttribute()


class ExclusionItem(DirectoryRow, discriminator="exclusion"):
    """A service exclusion (R-EXCLUSION): pk `EXCLUSION` sk its id. All of them share one small
    partition, so the public list and each filing's check are one query."""

    version = NumberAttribute()
    department = UnicodeAttribute()
    category = UnicodeAttribute(null=True)
    terms = ListAttribute(of=UnicodeAttribute, null=True)
    service_hi = UnicodeAttribute()
    service_en = UnicodeAttribute()
    instead_hi = UnicodeAttribute()
    instead_en = UnicodeAttribute()
    reason_kind = UnicodeAttribute()
    reason = UnicodeAttribute()
    legal_reference = UnicodeAttribute(null=True)
    status = UnicodeAttribute()
    proposed_by = UnicodeAttribute()
    proposed_at = UnicodeAttribute()
    decided_by = UnicodeAttribute(null=True)
    decided_at = UnicodeAttribute(null=True)
    remarks = UnicodeAttribute(null=True)


class ExclusionEntryItem(DirectoryRow, discriminator="exclusion_entry"):
    """One step of an exclusion's append-only history: pk `EXCLUSION#<id>` sk `H#<version>`."""

    version = NumberAttribute()
    at = UnicodeAttribute()
    event = UnicodeAttribute()
    actor = UnicodeAttribute()
    remarks = UnicodeAttribute(null=True)


class SchemeItem(DirectoryRow, discriminator="scheme"):
    """A scheme version (as it stands, in the history, or in the day's changes)."""

    scheme_id = UnicodeAttribute()
    department = UnicodeAttribute()
    version = NumberAttribute()
    status = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    name_hi = UnicodeAttribute()
    name_en = UnicodeAttribute()
    objective_hi = UnicodeAttribute()
    objective_en = UnicodeAttribute()
    eligibility = ListAttribute(of=MapAttribute)
    keys: MapAttribute[str, Any] = MapAttribute(null=True)
    # A version's own facts (history and day items): what it did, by whom, what changed.
    event = UnicodeAttribute(null=True)
    by = UnicodeAttribute(null=True)
    changed = ListAttribute(of=UnicodeAttribute, null=True)
    note = UnicodeAttribute(null=True)


class SchemeStampItem(DirectoryRow, discriminator="scheme_stamp"):
    """How many scheme versions were written: a search index built at another count is stale."""

    writes = NumberAttribute(default=0)


class OpsRow(Model):
    """Short-lived operational records; `expires` is the table's TTL attribute."""

    class Meta:
        table_name = OPS_TABLE
        billing_mode = "PAY_PER_REQUEST"

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    expires = TTLAttribute(null=True)
    data: MapAttribute[str, Any] = MapAttribute(null=True)
    # Not `count`: that name is Model.count(); the stored attribute keeps the short name.
    tally = NumberAttribute(null=True, attr_name="count")


TABLES: tuple[type[Model], ...] = (ComplaintRow, DirectoryRow, OpsRow)


def transaction() -> TransactWrite:
    """A TransactWriteItems across the tables (all in the app's region)."""
    from chalicelib.settings import get_settings

    return TransactWrite(connection=_connection(get_settings().region))


@functools.lru_cache(maxsize=4)
def _connection(region: str) -> Connection:
    """One connection per region for the life of the process, as the models keep theirs: a new
    one builds a new botocore client (loads its endpoint and service JSON), which cost more
    than the transaction itself (py-spy: a third of the local stack's CPU under load)."""
    return Connection(region=region)
