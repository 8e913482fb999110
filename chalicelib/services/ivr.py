"""What the phone lines answer by keypad: the 181 line's status self-service and the officers'
toll-free line 1800-2330-183 (R-REF, R-OFFICER-CHANNELS, R-LATE-UPDATE).

Nothing here is a rule of its own: status is `tracking.find` and the public status, the
caller's complaints are the store's `by_mobile`, a reference is `domain.reference`'s, the
officer's pending work is `inbox.inbox`, and whether an officer may still act is
`actions.allowed_actions` (a lapsed lower level may, and the lapse is kept). The calling
number is all a phone line knows of its caller: a caller hears a complaint's own details
(its subject) only when calling from the complainant's mobile, and anyone else the public
status, as `GET /v1/complaints/{reference}/status` gives it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from chalicelib.domain.actor import STAFF, Caller
from chalicelib.domain.calendar import WorkingDays, ist_date
from chalicelib.domain.complaint import CLOSED, OPEN, STATE_GOVT, public_status
from chalicelib.domain.directory import Officer
from chalicelib.domain.errors import Conflict, NotFound
from chalicelib.domain.reference import parse_reference
from chalicelib.domain.text import Text
from chalicelib.services import actions, inbox, notify, tracking
from chalicelib.services.bundles import Desk, Reactor
from chalicelib.services.ports import Directory

# A phone line reads a few, not hundreds: enough for the screen pop and the offer.
CALLER_COMPLAINTS = 10
# The officer's pending count reads the inbox page by page; past this many it says "more than".
PENDING_CAP = 500
URGENT = 3


@dataclass(frozen=True)
class CallersComplaints:
    """The complaints filed from the calling number, newest first."""

    references: list[str]
    pending: list[str]  # not yet closed: what an executive should see on answering

    @property
    def latest(self) -> str | None:
        return self.references[0] if self.references else None


def callers_complaints(mobile: str, deps: Desk) -> CallersComplaints:
    refs = deps.complaints.by_mobile(mobile, CALLER_COMPLAINTS)
    found = [c for c in (deps.complaints.get(r) for r in refs) if c is not None]
    return CallersComplaints([c.reference for c in found], [c.reference for c in found if c.status != CLOSED])


@dataclass(frozen=True)
class StatusAnswer:
    """A complaint's status as a caller may hear it: the public status, and its subject only
    for its complainant."""

    status: dict[str, Any]
    department: Text
    own: bool
    subject: str | None


def status_by_reference(entered: str, caller: str, deps: Desk) -> StatusAnswer:
    """Raises InvalidReference (not 10 digits, or a wrong check digit) or NotFound."""
    c = tracking.find(parse_reference(entered), deps.complaints)
    own = bool(caller) and caller == c.mobile
    place = deps.directory.department(c.department)
    department = Text(place.name_hi, place.name_en) if place else Text(c.department, c.department)
    return StatusAnswer(public_status(c), department, own, c.subject if own else None)


@dataclass(frozen=True)
class OfficerCaller:
    officer: Officer
    posts: list[str]


def officer_calling(mobile: str, directory: Directory) -> OfficerCaller | None:
    """The officer calling from `mobile`, if they hold a post today (regular or additional
    charge); an officer with no current posting is not an officer of the line."""
    for o in directory.officers_by_mobile(mobile) if mobile else []:
        posts = directory.posts_held(o.officer_id)
        if posts:
            return OfficerCaller(o, posts)
    return None


@dataclass(frozen=True)
class Waiting:
    reference: str
    subject: str
    due: date
    working_days_left: int  # 0: due today; negative: lapsed (working days since)


@dataclass(frozen=True)
class Pending:
    count: int
    capped: bool  # True: at least `count`
    urgent: list[Waiting]


def working_days_left(today: date, due: date, calendar: WorkingDays) -> int:
    """Working days after today up to the due day (0 when due today, negative once lapsed)."""
    if due >= today:
        n, day = 0, today
        while day < due:
            day = calendar.next_working_day(day)
            if day <= due:
                n += 1
        return n
    n, day = 0, due
    while day < today:
        day = calendar.next_working_day(day)
        if day <= today:
            n += 1
    return -n


# The inbox's page cursors are sealed; here they never leave this process.
IVR_CURSORS = "ivr-pages"


def officer_pending(officer_id: str, deps: Desk) -> Pending:
    """How many complaints wait on the posts the officer holds, and the most urgent three."""
    items: list[dict[str, Any]] = []
    cursor: str | None = None
    while True:
        page = inbox.inbox(officer_id, deps.directory, deps.complaints, cursor, IVR_CURSORS)
        items += page["complaints"]
        cursor = page["next"]
        if not cursor or len(items) >= PENDING_CAP:
            break
    items.sort(key=lambda i: i["due_at"])
    today = ist_date(deps.clock.now())
    urgent = []
    for i in items[:URGENT]:
        due = ist_date(datetime.fromisoformat(i["due_at"]))
        urgent.append(Waiting(i["reference"], i["subject"], due, working_days_left(today, due, deps.calendar)))
    return Pending(len(items), bool(cursor), urgent)


@dataclass(frozen=True)
class OfficerReference:
    """A complaint an officer on the line may record an action on."""

    reference: str
    lapsed: bool  # the officer's level let it lapse: the action will be late, and says so
    level: int


def officer_reference(officer_id: str, entered: str, deps: Desk) -> OfficerReference:
    """The entered complaint, if `actions.allowed_actions` lets this officer record an update
    on it now (the post they hold, or a lower level of theirs that lapsed). Raises
    InvalidReference, NotFound (unknown, or not theirs: the same answer) or Conflict."""
    reference = parse_reference(entered)
    c = deps.complaints.get(reference)
    if c is None:
        raise NotFound()
    who = Caller(STAFF, officer_id, frozenset({"officer"}))
    s = actions.standing(c, who, deps.directory)
    if s is None or s.kind not in ("current", "lower"):
        raise NotFound()
    if not {"resolve", "interim"} & set(actions.allowed_actions(who, c, deps.directory)):
        raise Conflict("यह शिकायत अब लंबित नहीं है", "The complaint is no longer pending")
    return OfficerReference(reference, s.kind == "lower", s.level)


# What "send the link again" did.
LINK_SENT, LINK_NOT_PENDING, LINK_NOT_HOLDER = "sent", "not_pending", "not_holder"


def link_again(reference: str, mobile: str, contact: str, deps: Reactor, directory: Directory) -> str:
    """The officer's notification call: "press 2 for the SMS link again". The number called
    gets the SMS with a fresh link to the complaint's current assignment, once per call, if it
    is a holder's of the post today (or of the district nodal post, when it is vacant): `sent`.
    `not_pending` when the complaint no longer waits on an officer; `not_holder` when the
    number holds neither post (a transfer since the call was placed), and nothing is sent."""
    c = deps.complaints.get(reference)
    if c is None or c.status not in (OPEN, STATE_GOVT):
        return LINK_NOT_PENDING
    template = "officer_new" if c.level == 1 else "officer_escalated"
    (sms,) = notify.officer_jobs(c, c.version, template, deps.clock, deps.calendar, deps.links, call=False)
    sms.update(job=f"{sms['job']}:again:{contact}", to_mobile=mobile)
    # The notifier sends to these same recipients: the number called, if it holds the post.
    if not mobile or not notify.recipients(sms, directory):
        return LINK_NOT_HOLDER
    deps.queue.put([sms])
    return LINK_SENT
