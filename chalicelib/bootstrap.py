"""The one composition root: builds every adapter lazily, once per process, and hands
each handler family its typed bundle of ports (`chalicelib.services.bundles`); tests
swap any adapter with `override`.

Nothing here runs at import: a Lambda cold start pays only for what a request uses. Every
adapter is reached through the validated settings, so a misconfigured stage raises
`Misconfigured` before it touches anything (`chalicelib.settings`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, TypeVar

from chalicelib.clock import ScaledClock
from chalicelib.domain.actor import LINK, Caller
from chalicelib.domain.tokens import Claims, SigningKeys, is_link_token, verify
from chalicelib.domain.whatsapp import PlatformKeys
from chalicelib.services.bundles import (
    Access,
    Callbacks,
    Chat,
    Desk,
    Exclusions,
    Links,
    Notifier,
    OfficerLinks,
    Postings,
    Reactor,
    SchemeDesk,
    SignIn,
)
from chalicelib.settings import MAINTENANCE_QUEUE, NOTIFY_QUEUE, WHATSAPP_QUEUE, Misconfigured, get_settings

if TYPE_CHECKING:
    from chalicelib.adapters.dynamo.calendar_repo import StoredCalendar
    from chalicelib.adapters.dynamo.calls_repo import DynamoCalls
    from chalicelib.adapters.phone_calls import PhoneCalls
    from chalicelib.adapters.phone_log import PhoneLog
    from chalicelib.adapters.secrets import SecretsManagerKeys
    from chalicelib.adapters.sqs import SqsJobQueue
    from chalicelib.services.ports import (
        CallbacksStore,
        ChatContacts,
        Clock,
        ComplaintsStore,
        ContactAttributes,
        Directory,
        ExclusionsStore,
        IdentityProvider,
        Ledger,
        LinkStore,
        OpsStore,
        PlatformSecrets,
        SchemesStore,
        SmsSender,
        StaffAccounts,
        Timers,
        VoiceCaller,
        WhatsAppSender,
    )

T = TypeVar("T")
_overrides: dict[str, Any] = {}
_GETTERS: list[Any] = []


def override(**adapters: Any) -> None:
    """Replace adapters by name (e.g. `override(clock=ManualClock(...))`)."""
    _overrides.update(adapters)


def reset() -> None:
    _overrides.clear()
    for getter in _GETTERS:
        getter.cache_clear()
    _client.cache_clear()
    get_settings.cache_clear()


def _lazy(name: str) -> Callable[[Callable[[], T]], Callable[[], T]]:
    def wrap(build: Callable[[], T]) -> Callable[[], T]:
        cached = lru_cache(maxsize=1)(build)
        _GETTERS.append(cached)

        def get() -> T:
            if name in _overrides:
                return _overrides[name]  # type: ignore[no-any-return]
            get_settings()  # a misconfigured stage builds nothing
            return cached()

        get.__name__ = f"get_{name}"
        return get

    return wrap


def client(service: str) -> Any:
    return _client(service)


@cache
def _client(service: str) -> Any:
    import boto3

    return boto3.client(service, region_name=get_settings().region)


@_lazy("clock")
def get_clock() -> Clock:
    s = get_settings()
    return ScaledClock(day_seconds=s.day_seconds, epoch=s.clock_epoch, start=s.clock_start)


@_lazy("directory")
def get_directory() -> Directory:
    from chalicelib.adapters.dynamo.directory_repo import DynamoDirectory

    return DynamoDirectory()


@_lazy("phone_log")
def get_phone_log() -> PhoneLog:
    from chalicelib.adapters.phone_log import PhoneLog

    return PhoneLog(get_clock())


@_lazy("phone_calls")
def get_phone_calls() -> PhoneCalls:
    """The emulated calls to 181 and the officers' line (local stack only)."""
    from chalicelib.adapters.phone_calls import PhoneCalls

    return PhoneCalls()


@_lazy("sms")
def get_sms() -> SmsSender:
    from chalicelib.adapters.sms import SnsSmsSender

    s = get_settings()
    sender = SnsSmsSender(client("sns"), s)
    if s.is_local:
        from chalicelib.adapters.phone_log import LoggedSms

        return LoggedSms(sender, get_phone_log())
    return sender


@_lazy("voice")
def get_voice() -> VoiceCaller:
    s = get_settings()
    if s.voice_backend == "connect":
        from chalicelib.adapters.voice import ConnectVoiceCaller

        return ConnectVoiceCaller(client("connect"), s)
    if not s.is_local:  # settings refuse this already; the emulated phone never rings in a deployment
        raise Misconfigured(("VOICE_BACKEND: must be 'connect'",))
    from chalicelib.adapters.phone_log import LoggedVoice

    return LoggedVoice(get_phone_log())


@_lazy("contacts")
def get_contacts() -> ContactAttributes:
    """Connect's record of a call's attributes (a deployed stage's console)."""
    from chalicelib.adapters.voice import ConnectContacts

    return ConnectContacts(client("connect"), get_settings())


@_lazy("whatsapp")
def get_whatsapp() -> WhatsAppSender:
    """The Cloud API in a deployed stage; the emulated phone locally."""
    s = get_settings()
    if s.is_local:
        from chalicelib.adapters.phone_log import LoggedWhatsApp

        return LoggedWhatsApp(get_phone_log(), get_chats(), get_clock())  # local stack only
    from chalicelib.adapters.whatsapp import CloudApiWhatsApp

    return CloudApiWhatsApp(s.whatsapp_phone_number_id, lambda: whatsapp_keys().access_token)


@_lazy("chats")
def get_chats() -> ChatContacts:
    from chalicelib.adapters.dynamo.chats_repo import DynamoChats

    return DynamoChats()


class LocalPlatformKeys:
    """STAGE=local: the app secret and verify token of the settings (docs/api.md, local only)."""

    def __init__(self, keys: PlatformKeys) -> None:
        self._keys = keys

    def keys(self) -> PlatformKeys:
        return self._keys

    def refresh(self) -> bool:
        return False


@_lazy("whatsapp_secrets")
def get_whatsapp_secrets() -> PlatformSecrets:
    """The WhatsApp secrets' source: Secrets Manager (every deployed stage), or the local values."""
    s = get_settings()
    if not s.whatsapp_secret_arn:  # STAGE=local only: settings refuse it elsewhere
        return LocalPlatformKeys(PlatformKeys((s.whatsapp_app_secret,), s.whatsapp_verify_token, "local"))
    from chalicelib.adapters.secrets import SecretsManagerWhatsApp

    return SecretsManagerWhatsApp(client("secretsmanager"), s.whatsapp_secret_arn, max_age=s.secret_max_age)


def whatsapp_keys() -> PlatformKeys:
    return get_whatsapp_secrets().keys()


@_lazy("whatsapp_queue")
def get_whatsapp_queue() -> SqsJobQueue:
    return _queue(get_settings().whatsapp_queue_url, WHATSAPP_QUEUE)


@_lazy("complaints")
def get_complaints() -> ComplaintsStore:
    from chalicelib.adapters.dynamo.complaints_repo import DynamoComplaints

    return DynamoComplaints()


@_lazy("ops")
def get_ops() -> OpsStore:
    from chalicelib.adapters.dynamo.ops_repo import DynamoOps

    return DynamoOps()


@_lazy("calendar")
def get_calendar() -> StoredCalendar:
    """The working-day calendar: the holidays package's MP list, overridden by any year
    the state's gazette list was stored for (one query)."""
    from chalicelib.adapters.dynamo.calendar_repo import StoredCalendar

    return StoredCalendar()


@_lazy("staff_auth")
def get_staff_auth() -> IdentityProvider:
    import os

    from chalicelib.adapters.cognito import CognitoStaffAuth

    s = get_settings()
    return CognitoStaffAuth(
        client("cognito-idp"), s.user_pool_id, s.user_pool_client_id, s.region, os.environ.get("AWS_ENDPOINT_URL")
    )


@_lazy("staff_accounts")
def get_staff_accounts() -> StaffAccounts:
    from chalicelib.adapters.cognito import CognitoAccounts

    return CognitoAccounts(client("cognito-idp"), get_settings().user_pool_id)


@_lazy("notify_queue")
def get_notify_queue() -> SqsJobQueue:
    return _queue(get_settings().notify_queue_url, NOTIFY_QUEUE)


def _queue(url: str, name: str) -> SqsJobQueue:
    """A deployed stage is given its queues' URLs; only the local stack looks one up by name."""
    from chalicelib.adapters.sqs import SqsJobQueue

    sqs = client("sqs")
    if not url:
        if not get_settings().is_local:
            raise Misconfigured((f"{name}: no queue URL",))
        url = sqs.get_queue_url(QueueName=name)["QueueUrl"]  # local stack only
    return SqsJobQueue(sqs, url)


@_lazy("timers")
def get_timers() -> Timers:
    from chalicelib.adapters.workflow import StepFunctionsTimers

    return StepFunctionsTimers(client("stepfunctions"), get_settings().state_machine_arn, get_clock())


@_lazy("ledger")
def get_ledger() -> Ledger:
    from chalicelib.adapters.dynamo.ledger_repo import DynamoLedger

    return DynamoLedger()


@_lazy("link_store")
def get_link_store() -> LinkStore:
    from chalicelib.adapters.dynamo.links_repo import DynamoLinks

    return DynamoLinks()


@_lazy("calls")
def get_calls() -> DynamoCalls:
    from chalicelib.adapters.dynamo.calls_repo import DynamoCalls

    return DynamoCalls()


@_lazy("maintenance_queue")
def get_maintenance_queue() -> SqsJobQueue:
    return _queue(get_settings().maintenance_queue_url, MAINTENANCE_QUEUE)


def reset_calendar() -> None:
    """The calendar changed: the next deadline uses the stored years as they are now."""
    get_calendar().refresh()


@_lazy("callbacks")
def get_callbacks() -> CallbacksStore:
    from chalicelib.adapters.dynamo.callbacks_repo import DynamoCallbacks

    return DynamoCallbacks()


@_lazy("schemes")
def get_schemes() -> SchemesStore:
    """The scheme knowledge base (one adapter per process: its search index is kept with it)."""
    from chalicelib.adapters.dynamo.schemes_repo import DynamoSchemes

    return DynamoSchemes()


# The bundles: cheap views over the cached adapters, built per invocation so that an
# `override` takes effect at once.


def desk() -> Desk:
    """Filing, tracking and acting: the API routes, the pages, the survey's answer."""
    return Desk(get_complaints(), get_directory(), get_calendar(), get_clock(), get_callbacks(), get_exclusions())


@_lazy("exclusions")
def get_exclusions() -> ExclusionsStore:
    from chalicelib.adapters.dynamo.exclusions_repo import DynamoExclusions

    return DynamoExclusions()


def exclusions() -> Exclusions:
    """Service exclusions: the routes and pages that propose, decide and list them."""
    return Exclusions(get_exclusions(), get_directory(), get_clock())


def scheme_desk() -> SchemeDesk:
    """The scheme knowledge base: its routes, the console's and the public page."""
    return SchemeDesk(get_schemes(), get_directory(), get_clock())


@_lazy("secrets")
def get_secrets() -> SecretsManagerKeys | SigningKeys:
    """The signing keys' source: Secrets Manager (every deployed stage), or the local secret."""
    s = get_settings()
    if not s.signing_secret_arn:
        return SigningKeys(s.signing_secret)  # STAGE=local only: settings refuse it elsewhere
    from chalicelib.adapters.secrets import SecretsManagerKeys

    return SecretsManagerKeys(client("secretsmanager"), s.signing_secret_arn, max_age=s.secret_max_age)


def signing_keys() -> SigningKeys:
    """The current key (signs) and the previous one (still accepted during a rotation)."""
    source = get_secrets()
    return source if isinstance(source, SigningKeys) else source.keys()


def verify_token(token: str, kind: str, now: Any) -> Claims:
    """`domain.tokens.verify` with this stage's keys; a token no cached key matches makes a warm
    function read the keys again once (a rotation elsewhere), then it is checked again."""
    from chalicelib.domain.errors import Unauthorized

    try:
        return verify(token, kind, signing_keys(), now)
    except Unauthorized:
        source = get_secrets()
        if isinstance(source, SigningKeys) or not source.refresh():
            raise
        return verify(token, kind, source.keys(), now)


def link_caller(token: str) -> Caller:
    """Who an officer's link token stands for (`services.officer_links.resolve`); a link
    signed before the short links is still accepted until its own expiry."""
    if is_link_token(token):
        from chalicelib.services import officer_links

        return officer_links.resolve(token, OfficerLinks(get_link_store(), get_directory(), get_clock()))
    return Caller(LINK, verify_token(token, "link", get_clock().wall()).subject)


def access() -> Access:
    s, keys = get_settings(), signing_keys()
    return Access(get_ops(), get_sms(), get_clock(), keys.current, s.otp_per_source_hour, keys.previous)


def sign_in() -> SignIn:
    """Staff sign-in, the JSON API's and the pages' alike."""
    return SignIn(get_ops(), get_staff_auth(), get_clock(), get_settings().signin_failures_per_source)


def postings() -> Postings:
    """The directory as the nodal officers keep it: postings and the logins that follow them."""
    return Postings(
        get_directory(), get_staff_accounts(), get_sms(), get_clock(), f"{get_settings().public_base_url}/officer"
    )


def links() -> Links:
    return Links(get_settings().public_base_url)


def reactor() -> Reactor:
    """The complaints stream's handler."""
    return Reactor(
        get_complaints(),
        get_notify_queue(),
        get_timers(),
        get_calendar(),
        get_clock(),
        get_callbacks(),
        links(),
        get_settings().satisfaction_survey,
        get_chats(),
    )


def notifier() -> Notifier:
    """The notify queue's handler."""
    return Notifier(
        get_directory(),
        get_sms(),
        get_voice(),
        get_ledger(),
        get_clock(),
        get_link_store(),
        get_settings().public_base_url,
        get_whatsapp(),
        get_chats(),
    )


def chat() -> Chat:
    """The WhatsApp queue's handler: the conversation."""
    return Chat(
        desk(), get_chats(), get_ledger(), get_ops(), get_whatsapp(), get_settings().public_base_url, get_schemes()
    )


def callbacks() -> Callbacks:
    """The satisfaction callbacks' dispatcher."""
    return Callbacks(get_callbacks(), get_complaints(), get_voice(), get_calendar(), get_clock())


# ---- reports ---------------------------------------------------------------------------
if TYPE_CHECKING:  # the ports, for the annotations only (a cold start imports them on use)
    from chalicelib.services.bundles import Aggregator, Reports, ReportSchedules
    from chalicelib.services.report_ports import AggregatesStore, MonitoringStore


@_lazy("aggregates")
def get_aggregates() -> AggregatesStore:
    from chalicelib.adapters.dynamo.aggregates_repo import DynamoAggregates

    return DynamoAggregates()


@_lazy("monitoring")
def get_monitoring() -> MonitoringStore:
    from chalicelib.adapters.dynamo.monitoring_repo import DynamoMonitoring

    return DynamoMonitoring(client("dynamodb"))


def reports() -> Reports:
    """Dashboards, lists, feedback calls, the weekly pack (built anew: overrides apply)."""
    from chalicelib.services.bundles import Reports

    return Reports(
        directory=get_directory(),
        aggregates=get_aggregates(),
        monitoring=get_monitoring(),
        complaints=get_complaints(),
        clock=get_clock(),
        cursor_key=signing_keys(),
    )


def report_schedules() -> ReportSchedules:
    """The daily digest, the weekly pack and the feedback sampling."""
    import os

    from chalicelib.services.bundles import ReportSchedules

    return ReportSchedules(
        reports=reports(),
        queue=get_notify_queue(),
        public_base_url=get_settings().public_base_url,
        feedback_seed=os.environ.get("FEEDBACK_SEED", ""),
    )


def aggregator() -> Aggregator:
    """The complaints stream's reader that keeps the report counters."""
    from chalicelib.services.bundles import Aggregator

    return Aggregator(
        monitoring=get_monitoring(), aggregates=get_aggregates(), calendar=get_calendar(), clock=get_clock()
    )
