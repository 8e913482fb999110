"""The ports: what the use cases need from the world outside, as `typing.Protocol`s.

Adapters (`chalicelib.adapters`) implement them against AWS; `tests/fakes` implements each
in memory, and one contract test per store runs against both. Stores raise the domain's
refusals (`ReferenceTaken`, `IdempotentReplay`, `VersionConflict`), never their own.
Report stores (aggregates, monitoring records) are in `services.report_ports`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, Protocol

from chalicelib.clock import Clock as Clock  # the clock port lives with the clocks
from chalicelib.domain.calendar import WorkingDays, YearCalendar
from chalicelib.domain.callbacks import Callback
from chalicelib.domain.calls import Call
from chalicelib.domain.complaint import Complaint
from chalicelib.domain.directory import Officer, Place, Post, Posting
from chalicelib.domain.exclusion import Exclusion, ExclusionEntry
from chalicelib.domain.history import Entry
from chalicelib.domain.otp import Limit
from chalicelib.domain.postings import Change
from chalicelib.domain.schemes import Scheme, Version
from chalicelib.domain.tokens import LinkGrant
from chalicelib.domain.whatsapp import ChatContact, PlatformKeys, TemplateMessage

Cursor = dict[str, Any]
Job = dict[str, Any]


class Calendar(WorkingDays, Protocol):
    """The working-day calendar (R-7WD): the gazette's holidays per year."""

    def year(self, year: int) -> YearCalendar: ...

    def store_year(self, cal: YearCalendar) -> None:
        """Keeps the year's list; the next deadline uses it."""
        ...


class ComplaintsStore(Protocol):
    """Complaints with their append-only history; every change is conditional."""

    def create(self, c: Complaint, first: Entry, idem: tuple[str, dict[str, Any], datetime] | None) -> None:
        """Raises ReferenceTaken, or IdempotentReplay when `idem`'s key was used before."""
        ...

    def get(self, reference: str) -> Complaint | None: ...

    def history(self, reference: str) -> list[Entry]: ...

    def update(self, before: Complaint, after: Complaint, entry: Entry) -> None:
        """Saves `after` and `entry` only if the stored complaint is still `before.version`,
        else raises VersionConflict (nothing written)."""
        ...

    def append_history(self, reference: str, entry: Entry) -> bool:
        """Adds a history item once; False if that version's item exists."""
        ...

    def inbox(
        self, post_id: str, limit: int = 50, cursor: Cursor | None = None
    ) -> tuple[list[Complaint], Cursor | None]: ...

    def by_mobile(self, mobile: str, limit: int = 50) -> list[str]: ...

    def due_since(self, district: str, since: str) -> list[str]: ...

    def due_before(self, district: str, before: str) -> list[str]: ...

    def listing(
        self, by: str, key: str, categories: tuple[str, ...], cursor: Cursor | None, limit: int = 50
    ) -> tuple[list[Complaint], Cursor | None]: ...


class Directory(Protocol):
    """Places, departments, posts, officers and postings (R-MAPPING, R-POSTINGS)."""

    def divisions(self) -> list[Place]: ...

    def districts(self) -> list[Place]: ...

    def departments(self) -> list[Place]: ...

    def blocks(self, district: str) -> list[Place]: ...

    def district(self, code: str) -> Place | None: ...

    def department(self, code: str) -> Place | None: ...

    def block(self, district: str, code: str) -> Place | None: ...

    def put_places(self, kind: str, places: Iterable[Place]) -> None: ...

    def put_blocks(self, district: str, places: Iterable[Place]) -> None: ...

    def put_posts(self, posts: Iterable[Post]) -> None: ...

    def post(self, post_id: str) -> Post | None: ...

    def existing_posts(self, post_ids: Iterable[str]) -> set[str]: ...

    def put_officers(self, officers: Iterable[Officer]) -> None: ...

    def officer(self, officer_id: str) -> Officer | None: ...

    def officers_by_mobile(self, mobile: str) -> list[Officer]:
        """The officers whose mobile this is (the officers' toll-free line knows its callers by it)."""
        ...

    def postings(self, post_id: str) -> list[Posting]: ...

    def current_holders(self, post_id: str) -> list[Posting]: ...

    def posts_held(self, officer_id: str) -> list[str]: ...

    def start_posting(self, posting: Posting) -> None: ...

    def put_postings(self, postings: Iterable[Posting]) -> None: ...

    def end_posting(self, posting: Posting, end: str, reason: str) -> None: ...

    def officers(self, officer_ids: Iterable[str]) -> dict[str, Officer]:
        """The officers of these ids that exist, by id (one batch read)."""
        ...

    def posting(self, post_id: str, start: str, officer_id: str) -> Posting | None: ...

    def roster(self, key: str) -> tuple[list[Post], list[Posting]]:
        """The posts listed under `key` (`domain.postings.roster_key`: a district, or
        `STATE#<department>`) and their current postings, in one query."""
        ...

    def changes(self, post_id: str) -> list[Change]:
        """The post's append-only directory history, oldest first."""
        ...

    def record_posting(
        self, posting: Posting, post: Post, change: Change, new_officer: Officer | None, lang: str | None = None
    ) -> None:
        """Writes the posting, its history entry and the new officer (if any) together, or
        nothing: PostingConflict when a regular posting meets a current regular one, or the
        posting or officer exists already. `lang`, for an officer already in the directory,
        sets their language in the same write (PostingConflict if they are not there)."""
        ...

    def close_posting(self, posting: Posting, end: str, reason: str, change: Change) -> None:
        """Ends the posting with its history entry, or nothing (PostingConflict if it had ended)."""
        ...

    def record_change(self, change: Change) -> None:
        """Adds a history entry that goes with no posting change (a password sent again)."""
        ...


class SchemesStore(Protocol):
    """The scheme knowledge base (R-SCHEME-KB): each scheme's current version, every version
    kept, and the day's changes. Every write is conditional and moves the catalogue's stamp."""

    def create(self, first: Version) -> None:
        """Stores a new scheme and its first version; raises ReferenceTaken if the id exists."""
        ...

    def update(self, before: Scheme, after: Version) -> None:
        """Stores `after` (a new version) only if the stored scheme is still `before.version`,
        else raises VersionConflict (nothing written)."""
        ...

    def get(self, scheme_id: str) -> Scheme | None: ...

    def versions(self, scheme_id: str) -> list[Version]:
        """Every version of the scheme, oldest first."""
        ...

    def changes(self, day: str) -> list[Version]:
        """The versions written on that day (India time, YYYY-MM-DD), in order."""
        ...

    def catalogue(self) -> list[Scheme]:
        """Every scheme as it stands (active and ended): what the search index is built from."""
        ...

    def stamp(self) -> int:
        """The catalogue's change count: a different number means the catalogue changed."""
        ...


class OpsStore(Protocol):
    """Rate-limit counters and OTPs (hashed, short-lived, attempt-limited)."""

    def hit(self, limit: Limit, key: str, now: datetime) -> bool:
        """Counts one event; False when the window's count is used up."""
        ...

    def spent(self, limit: Limit, key: str, now: datetime) -> bool:
        """True when the current window's count is used up; counts nothing."""
        ...

    def put_otp(self, mobile: str, digest: str, expires: datetime) -> None: ...

    def get_otp(self, mobile: str) -> dict[str, Any] | None: ...

    def count_wrong_try(self, mobile: str, max_tries: int) -> bool: ...

    def consume_otp(self, mobile: str, digest: str) -> bool: ...


class LinkStore(Protocol):
    """Officers' link tokens, kept as their digests (`domain.tokens.link_digest`) with what
    each grants; a grant is removed by the store's TTL some time after it expires."""

    def put(self, digest: str, grant: LinkGrant) -> bool:
        """Keeps a new grant; False (nothing written) if that digest is already taken."""
        ...

    def get(self, digest: str) -> LinkGrant | None: ...


class CallsLog(Protocol):
    """Call-centre contacts that are not complaints (scheme information, referrals)."""

    def record(self, call: Call, by: str, now: datetime) -> str: ...

    def monthly(self, month: str) -> dict[str, int]: ...


class CallbacksStore(Protocol):
    """Satisfaction callbacks due per queue ("auto" survey, "cce" executive)."""

    def put(self, cb: Callback, replacing: Callback | None = None) -> None: ...

    def get(self, reference: str) -> Callback | None: ...

    def due(self, now: datetime, queue: str, limit: int = 500) -> list[Callback]: ...

    def remove(self, reference: str) -> None: ...


@dataclass(frozen=True)
class Claim:
    """The ledger's answer to an attempt asking for one job's recipient.

    `won`: this attempt holds the claim until `until` (the lease): send, then finish or fail.
    `sent`: an earlier attempt sent it: nothing to do.
    `leased`: another attempt holds the claim until `until`; if that attempt died, the
    recipient is still unserved, so the job must come back after `until`, not be dropped."""

    status: Literal["won", "sent", "leased"]
    until: datetime | None = None


class Ledger(Protocol):
    """One row per notification job and recipient: claimed before sending, then sent/failed.
    A claim is granted when there is no row, after a failure, or once the previous claim's
    lease has run out (its attempt died between claiming and recording the outcome)."""

    def claim(self, job: str, to: str, kind: str, now: datetime) -> Claim: ...

    def finish(self, job: str, to: str, kind: str, now: datetime, provider_id: str) -> None: ...

    def fail(self, job: str, to: str, kind: str, now: datetime, error: str) -> None: ...

    def attempts(self, job: str) -> list[dict[str, Any]]: ...


class JobQueue(Protocol):
    """A durable queue (SQS with a DLQ): notification jobs, maintenance jobs."""

    def put(self, jobs: list[Job]) -> None: ...


class Timers(Protocol):
    """The escalation workflow: one timer (execution) per assignment."""

    def start(self, c: Complaint, calendar: Calendar) -> bool: ...

    def stop(self, assignment: str, cause: str) -> None: ...

    def running(self, assignment: str) -> bool: ...


class SmsSender(Protocol):
    def send(self, to: str, text: str, template: str) -> str:
        """Returns the provider's message id; raises when the provider refuses."""
        ...


class OutsideWindow(Exception):
    """The platform refused a free-form message: the number has not written in 24 hours."""


class WhatsAppSender(Protocol):
    """Outbound WhatsApp messages, from the helpline's number."""

    def send_text(self, to: str, text: str) -> str:
        """A free-form reply (only inside the 24-hour window: raises OutsideWindow when the
        platform says it has closed); returns the platform's message id."""
        ...

    def send_template(self, to: str, message: TemplateMessage) -> str:
        """An approved template (any time, to a number that opted in); returns the message id."""
        ...


class ChatContacts(Protocol):
    """The numbers that wrote to the helpline's WhatsApp: last message (window, opt-in),
    language, STOP."""

    def get(self, number: str) -> ChatContact | None: ...

    def inbound(self, number: str, at: datetime) -> None:
        """Records a message from `number` sent at `at`; an earlier one never moves it back."""
        ...

    def set_lang(self, number: str, lang: str) -> None: ...

    def set_opted_out(self, number: str, opted_out: bool) -> None: ...


class PlatformSecrets(Protocol):
    """Where the WhatsApp app secret, verify token and access token come from."""

    def keys(self) -> PlatformKeys: ...

    def refresh(self) -> bool:
        """Read them again (a rotation elsewhere) unless just read; True if read."""
        ...


class VoiceCaller(Protocol):
    def call(self, to: str, script: str, attributes: dict[str, str], token: str) -> str:
        """Places an outbound call reading `script`; `token` makes a retry the same call."""
        ...


class ContactAttributes(Protocol):
    def attributes(self, contact_id: str) -> dict[str, str]:
        """The attributes the contact flows set on a call (Connect's own record of it)."""
        ...


class PhoneLog(Protocol):
    """The emulated phone of the local stack: every SMS and call, newest first."""

    def record(self, to: str, kind: str, text: str, **extra: Any) -> None: ...

    def messages(self, to: str | None = None, limit: int = 200) -> list[dict[str, Any]]: ...


class IdentityProvider(Protocol):
    """Staff logins (Amazon Cognito): password sign-in and token verification."""

    def login(self, username: str, password: str) -> dict[str, Any]:
        """`{"token", "expires_in", …}`; raises Unauthorized."""
        ...

    def verify(self, token: str) -> dict[str, Any]:
        """The token's claims (`username`, `cognito:groups`); raises Unauthorized."""
        ...

    def new_password(self, username: str, session: str, new_password: str) -> dict[str, Any]:
        """Answers the first sign-in's `new_password_required` challenge (`login` gave
        `{"challenge", "session"}`): the login as `login` gives it; raises Unauthorized for a
        session that is not (or no longer) valid, InvalidInput for a password the pool refuses."""
        ...


class StaffAccounts(Protocol):
    """Staff logins administered from the directory: made when an officer is posted, groups
    from the posts held, disabled when no posting is left, temporary passwords."""

    def create(self, username: str, temporary_password: str, groups: frozenset[str]) -> bool:
        """Makes the login (no message from the provider: the password goes by our SMS);
        False when it exists already (nothing changed)."""
        ...

    def set_groups(self, username: str, groups: frozenset[str]) -> None: ...

    def enable(self, username: str) -> None: ...

    def disable(self, username: str) -> None: ...

    def set_temporary_password(self, username: str, password: str) -> None:
        """A new one-time password, to be changed at the next sign-in."""
        ...


class ExclusionsStore(Protocol):
    """Service exclusions (R-EXCLUSION) with their append-only history; every change conditional."""

    def create(self, x: Exclusion, first: ExclusionEntry) -> None:
        """Raises ReferenceTaken when the id exists (nothing written)."""
        ...

    def get(self, exclusion_id: str) -> Exclusion | None: ...

    def history(self, exclusion_id: str) -> list[ExclusionEntry]: ...

    def update(self, before: Exclusion, after: Exclusion, entry: ExclusionEntry) -> None:
        """Saves `after` and `entry` only if the stored exclusion is still `before.version`,
        else raises VersionConflict (nothing written)."""
        ...

    def all(self) -> list[Exclusion]:
        """Every exclusion ever proposed, oldest first (a few dozen over the years)."""
        ...

    def in_force(self, department: str) -> list[Exclusion]:
        """The department's accepted exclusions: what each filing is checked against."""
        ...


PostIds = Sequence[str]
