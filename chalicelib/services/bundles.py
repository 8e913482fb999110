"""What each handler family is given: a frozen bundle of the ports its use cases need.

`chalicelib.bootstrap` builds them over its adapters (built once per process, lazily); tests from the
in-memory fakes in `tests/fakes`. Nothing here knows an adapter.
"""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.domain.tokens import SigningKeys
from chalicelib.services.ports import (
    Calendar,
    CallbacksStore,
    ChatContacts,
    Clock,
    ComplaintsStore,
    Directory,
    ExclusionsStore,
    IdentityProvider,
    JobQueue,
    Ledger,
    LinkStore,
    OpsStore,
    SchemesStore,
    SmsSender,
    StaffAccounts,
    Timers,
    VoiceCaller,
    WhatsAppSender,
)
from chalicelib.services.report_ports import AggregatesStore, MonitoringStore


@dataclass(frozen=True)
class Desk:
    """Filing, tracking and acting on complaints: citizens, the call centre, officers."""

    complaints: ComplaintsStore
    directory: Directory
    calendar: Calendar
    clock: Clock
    callbacks: CallbacksStore
    exclusions: ExclusionsStore  # a filing for an excluded service is refused


@dataclass(frozen=True)
class Exclusions:
    """Service exclusions: proposed by a department's state nodal officer, decided by the administrator."""

    exclusions: ExclusionsStore
    directory: Directory
    clock: Clock


@dataclass(frozen=True)
class SchemeDesk:
    """The scheme knowledge base: kept by each department's state nodal officer, read by anyone."""

    schemes: SchemesStore
    directory: Directory
    clock: Clock


@dataclass(frozen=True)
class Access:
    """Citizens' OTPs: the counters and hashed codes, the SMS they go by, the signing key."""

    ops: OpsStore
    sms: SmsSender
    clock: Clock
    secret: str
    otp_per_source_hour: int
    # Keys of a rotation still in overlap: an OTP sent just before it still verifies.
    previous_secrets: tuple[str, ...] = ()


@dataclass(frozen=True)
class SignIn:
    """Staff sign-in: the identity provider, and the failure counters that throttle it."""

    ops: OpsStore
    staff: IdentityProvider
    clock: Clock
    failures_per_source: int


@dataclass(frozen=True)
class Postings:
    """The directory as the nodal officers keep it: postings, the logins that follow them, the
    SMS that carries a temporary password, and where officers sign in (`desk_url`)."""

    directory: Directory
    accounts: StaffAccounts
    sms: SmsSender
    clock: Clock
    desk_url: str


@dataclass(frozen=True)
class Links:
    """Where the SMS links point (the public base URL)."""

    base_url: str


@dataclass(frozen=True)
class OfficerLinks:
    """Resolving an officer's link token: its grant, the directory (does its officer still
    hold the post?), the clock (has it expired?)."""

    links: LinkStore
    directory: Directory
    clock: Clock


@dataclass(frozen=True)
class Reactor:
    """The effects of each history item: notification jobs, timers, callbacks."""

    complaints: ComplaintsStore
    queue: JobQueue
    timers: Timers
    calendar: Calendar
    clock: Clock
    callbacks: CallbacksStore
    links: Links
    satisfaction_survey: bool
    chats: ChatContacts  # a citizen who wrote on WhatsApp also gets its templates


@dataclass(frozen=True)
class Notifier:
    """Delivery of one notification job to its recipients, every attempt in the ledger."""

    directory: Directory
    sms: SmsSender
    voice: VoiceCaller
    ledger: Ledger
    clock: Clock
    links: LinkStore  # officers' link tokens, issued per recipient as their SMS goes out
    public_base_url: str
    whatsapp: WhatsAppSender
    chats: ChatContacts


@dataclass(frozen=True)
class Callbacks:
    """The satisfaction callbacks' dispatcher (automated survey calls)."""

    callbacks: CallbacksStore
    complaints: ComplaintsStore
    voice: VoiceCaller
    calendar: Calendar
    clock: Clock


@dataclass(frozen=True)
class Reports:
    """Dashboards, lists, feedback calls and the weekly pack as read on request."""

    directory: Directory
    aggregates: AggregatesStore
    monitoring: MonitoringStore
    complaints: ComplaintsStore
    clock: Clock
    cursor_key: str | SigningKeys  # seals the lists' page cursors


@dataclass(frozen=True)
class ReportSchedules:
    """The monitoring schedules (daily digest, weekly pack, feedback sampling): the reports,
    the notify queue the digest's SMS jobs go to, and the settings they use."""

    reports: Reports
    queue: JobQueue
    public_base_url: str
    feedback_seed: str


@dataclass(frozen=True)
class Aggregator:
    """The complaints stream's second reader: history items in, counters out."""

    monitoring: MonitoringStore
    aggregates: AggregatesStore
    calendar: Calendar
    clock: Clock


@dataclass(frozen=True)
class Chat:
    """The WhatsApp conversation: the desk it reads complaints from, the numbers that wrote,
    the ledger that answers each message once, the rate counters, the sender, the portal's
    address (how to file) and the scheme knowledge base it searches."""

    desk: Desk
    chats: ChatContacts
    ledger: Ledger
    ops: OpsStore
    whatsapp: WhatsAppSender
    portal: str
    schemes: SchemesStore
