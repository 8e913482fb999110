"""Typed settings, read from the environment once and validated: a deployed stage fails closed.

Only an explicit `STAGE=local` (the local stack, the tests) may run on local defaults: the
emulated phone, the local voice, localhost URLs, the local signing secret, a short day.
Any other stage, an unset one included, must be given every setting a deployment chooses
(the packaged template passes them from its Parameters); the signing key is never an
environment value there, only the ARN of its secret. A stage with a missing or local value
refuses to serve: `get_settings()` raises `Misconfigured` naming the settings (never their
values), the HTTP routes answer 503 (`chalicelib.guard`) and the event handlers raise, so
their events are retried and kept, not lost.

Validation runs once per process, at the cold start of every function
(`check_at_cold_start`), and costs no AWS call.
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
from collections.abc import Callable, Mapping
from datetime import datetime
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import urlsplit

from chalicelib.domain.messages import LANGS, PUBLIC_HOST_MAX, TEMPLATES

# Resource names are fixed per account: one AWS account per stage keeps stages apart
# and lets Chalice's decorators (which need literals) name the queues.
NOTIFY_QUEUE = "cmh181-notify"
NOTIFY_DLQ = "cmh181-notify-dlq"
# Background jobs that fan out per district (deadline recomputation).
MAINTENANCE_QUEUE = "cmh181-maintenance"
MAINTENANCE_DLQ = "cmh181-maintenance-dlq"
# The messages citizens send on WhatsApp, each answered by the queue's handler.
WHATSAPP_QUEUE = "cmh181-whatsapp"
WHATSAPP_DLQ = "cmh181-whatsapp-dlq"
# How long a notify-queue message stays invisible once received (the queue's VisibilityTimeout:
# `infra` sets it from this number, six times the function's 60 s timeout as AWS advises), and
# the lease of a notification ledger claim, derived from it. A lease outlasts the attempt that
# took it (a handler runs at most 60 s) and runs out before its message can come back by itself:
# a message that returns because its handler died always finds the lease over and is sent.
NOTIFY_VISIBILITY_SECONDS = 360
NOTIFY_LEASE_SECONDS = NOTIFY_VISIBILITY_SECONDS // 3
COMPLAINTS_TABLE = "cmh181-complaints"
DIRECTORY_TABLE = "cmh181-directory"
OPS_TABLE = "cmh181-ops"
# Chalice needs the stream ARN as a literal; `infra/build.py` swaps this marker for
# the table's real StreamArn in the packaged template, and the local stack polls the
# table's stream.
COMPLAINTS_STREAM_MARKER = "arn:aws:dynamodb:ap-south-1:000000000000:table/cmh181-complaints/stream/infra"

LOCAL = "local"
DAY = 86400
# Every SMS the system sends, by DLT template name: a deployed stage needs an id for each.
# Every SMS text needs its DLT registration: one per message kind and language (`kind.lang`).
SMS_TEMPLATES = tuple(t.dlt_key(lang) for t in TEMPLATES.values() for lang in LANGS)

# What STAGE=local runs on when a variable is unset. Nothing else has a default that
# differs between stages, and none of these values is accepted by a deployed stage.
LOCAL_DEFAULTS: dict[str, str] = {
    "SIGNING_SECRET": "local-only-secret-change-me",
    "PUBLIC_BASE_URL": "http://127.0.0.1:8000",
    "SMS_SENDER_ID": "CMHELP",
    "DLT_ENTITY_ID": "1001000000000000001",
    "DLT_TEMPLATE_IDS": "",
    "VOICE_BACKEND": "local",
    "CONNECT_SOURCE_PHONE": "+911800233018",
    # The local stack signs the webhooks it delivers with this app secret (docs/api.md).
    "WHATSAPP_APP_SECRET": "local-whatsapp-secret",
    "WHATSAPP_VERIFY_TOKEN": "local-verify-token",
    "WHATSAPP_PHONE_NUMBER_ID": "100000000000181",
}


class Misconfigured(RuntimeError):
    """The stage may not serve: each problem names a setting, never its value."""

    def __init__(self, problems: tuple[str, ...]) -> None:
        super().__init__("refusing to serve, settings missing or invalid: " + "; ".join(problems))
        self.problems = problems

    @property
    def names(self) -> list[str]:
        return sorted({p.split(":", 1)[0] for p in self.problems})


class Settings(NamedTuple):
    stage: str
    region: str
    day_seconds: float
    clock_epoch: float | None
    clock_start: float | None
    # STAGE=local only; a deployed stage reads its keys from `signing_secret_arn`.
    signing_secret: str
    signing_secret_arn: str
    public_base_url: str
    state_machine_arn: str
    user_pool_id: str
    user_pool_client_id: str
    notify_queue_url: str
    maintenance_queue_url: str
    sms_sender_id: str
    dlt_entity_id: str
    dlt_template_ids: str
    voice_backend: str
    connect_instance_id: str
    connect_contact_flow_id: str
    connect_source_phone: str
    # The instance's Contact Control Panel, embedded in the call-centre console (empty locally:
    # the console answers the emulated calls instead).
    connect_ccp_url: str
    # STAGE=local only; a deployed stage reads them from `whatsapp_secret_arn`.
    whatsapp_app_secret: str
    whatsapp_verify_token: str
    whatsapp_secret_arn: str
    whatsapp_phone_number_id: str
    whatsapp_queue_url: str
    notify_backoff_seconds: float
    otp_per_source_hour: int
    signin_failures_per_source: int
    satisfaction_survey: bool
    # How long a cached copy of the signing keys is trusted (seconds): a rotation reaches
    # every warm function within this long.
    secret_max_age: float

    @property
    def is_local(self) -> bool:
        return self.stage == LOCAL


# ---- rules for a deployed stage ---------------------------------------------------------------
Rule = Callable[[str], str | None]  # value -> what is wrong with it, or None
_LOCAL_HOSTS = {"localhost", "localhost.localdomain"}
# The Contact Control Panel of an instance (its alias), as Connect's console shows it.
CCP_URL = r"https://[a-z0-9][a-z0-9-]{0,61}\.my\.connect\.aws/ccp-v2/"
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _https_public(value: str) -> str | None:
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.hostname:
        return "must be an https:// URL"
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        return "must be a bare origin (https://host), without a path"
    if len(parts.netloc) > PUBLIC_HOST_MAX:
        return f"must be at most {PUBLIC_HOST_MAX} characters after https:// (the SMS budgets count every link)"
    host = parts.hostname
    if host in _LOCAL_HOSTS or host.endswith(".localhost"):
        return "must not point to this machine"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return None if "." in host else "must be a public host name"
    return None if address.is_global else "must not be a private or loopback address"


def _pattern(regex: str, says: str) -> Rule:
    compiled = re.compile(regex)
    return lambda v: None if compiled.fullmatch(v) else says


def _arn(service: str) -> Rule:
    return _pattern(rf"arn:aws[\w-]*:{service}:[a-z0-9-]+:\d{{12}}:.+", f"must be an ARN of {service}")


def _queue_url(value: str) -> str | None:
    parts = urlsplit(value)
    ok = parts.scheme == "https" and (parts.hostname or "").startswith("sqs.") and parts.path.count("/") == 2
    return None if ok else "must be the queue's https://sqs.… URL"


def _templates(value: str) -> str | None:
    try:
        ids = json.loads(value)
    except ValueError:
        return "must be a JSON object of template name -> DLT template id"
    if not isinstance(ids, dict):
        return "must be a JSON object of template name -> DLT template id"
    missing = [t for t in SMS_TEMPLATES if not str(ids.get(t, "")).strip().isdigit()]
    return f"has no DLT template id for {', '.join(missing)}" if missing else None


def _exactly(expected: str, says: str) -> Rule:
    return lambda v: None if v == expected else says


# Setting -> its rule outside STAGE=local; a deployed stage must set every one of them.
DEPLOYED: dict[str, Rule] = {
    "SIGNING_SECRET_ARN": _arn("secretsmanager"),
    "PUBLIC_BASE_URL": _https_public,
    "ESCALATION_STATE_MACHINE_ARN": _arn("states"),
    "USER_POOL_ID": _pattern(r"[\w-]+_[0-9a-zA-Z]+", "must be a Cognito user pool id"),
    "USER_POOL_CLIENT_ID": _pattern(r"[\w+]{1,128}", "must be a Cognito app client id"),
    "NOTIFY_QUEUE_URL": _queue_url,
    "MAINTENANCE_QUEUE_URL": _queue_url,
    # DLT headers are six letters.
    "SMS_SENDER_ID": _pattern(r"[A-Z]{6}", "must be the six-letter DLT sender id (header)"),
    "DLT_ENTITY_ID": _pattern(r"\d{12,20}", "must be the DLT principal entity id (digits)"),
    "DLT_TEMPLATE_IDS": _templates,
    "VOICE_BACKEND": _exactly("connect", "must be 'connect' (the local voice is for STAGE=local only)"),
    "CONNECT_INSTANCE_ID": _pattern(_UUID.pattern[1:-1], "must be the Connect instance id (a UUID)"),
    "CONNECT_CONTACT_FLOW_ID": _pattern(_UUID.pattern[1:-1], "must be the Connect contact flow id (a UUID)"),
    "CONNECT_SOURCE_PHONE": _pattern(r"\+91\d{10}", "must be the Connect instance's +91 number"),
    "CONNECT_CCP_URL": _pattern(CCP_URL, "must be the instance's https://<alias>.my.connect.aws/ccp-v2/"),
    "WHATSAPP_SECRET_ARN": _arn("secretsmanager"),
    "WHATSAPP_PHONE_NUMBER_ID": _pattern(r"\d{5,20}", "must be the WhatsApp Business phone number id (digits)"),
    "WHATSAPP_QUEUE_URL": _queue_url,
}
# Set only by the local stack: a deployed stage refuses to start with any of them.
LOCAL_ONLY = ("SIGNING_SECRET", "CLOCK_EPOCH", "WHATSAPP_APP_SECRET", "WHATSAPP_VERIFY_TOKEN")


def problems(environ: Mapping[str, str]) -> tuple[str, ...]:
    """What keeps this environment from serving ("NAME: what is wrong"); empty when it may."""
    found: list[str] = []
    stage = environ.get("STAGE", "")
    if not stage:
        return ("STAGE: not set (only an explicit STAGE=local runs on local defaults)",)
    found += _numbers(environ)
    if environ.get("SATISFACTION_SURVEY", "") not in ("", "connect"):
        found.append("SATISFACTION_SURVEY: must be empty or 'connect'")
    if stage == LOCAL:
        return tuple(found)
    for name, rule in DEPLOYED.items():
        value = environ.get(name, "")
        if not value:
            found.append(f"{name}: missing")
        elif value == LOCAL_DEFAULTS.get(name):
            found.append(f"{name}: is the local default")
        elif (wrong := rule(value)) is not None:
            found.append(f"{name}: {wrong}")
    for name in LOCAL_ONLY:
        if environ.get(name):
            found.append(f"{name}: is for STAGE=local only")
    if environ.get("DAY_SECONDS", str(DAY)) not in (str(DAY), f"{DAY}.0"):
        found.append(f"DAY_SECONDS: a deployed day is {DAY} seconds")
    return tuple(found)


def _numbers(environ: Mapping[str, str]) -> list[str]:
    wrong = []
    for name, kind, positive in (
        ("DAY_SECONDS", float, True),
        ("CLOCK_EPOCH", float, False),
        ("NOTIFY_BACKOFF_SECONDS", float, False),
        ("OTP_PER_SOURCE_HOUR", int, True),
        ("SIGNIN_FAILURES_PER_SOURCE", int, True),
        ("SECRET_MAX_AGE_SECONDS", float, True),
    ):
        value = environ.get(name)
        if value:
            try:
                number = kind(value)
            except ValueError:
                wrong.append(f"{name}: must be a number")
                continue
            if number < 0 or (positive and number == 0):
                wrong.append(f"{name}: must be {'positive' if positive else 'zero or more'}")
    return wrong


def load(environ: Mapping[str, str]) -> Settings:
    """The settings of `environ`; raises `Misconfigured` when it may not serve."""
    found = problems(environ)
    if found:
        raise Misconfigured(found)
    local = environ["STAGE"] == LOCAL

    def env(name: str, default: str = "") -> str:
        if local and name in LOCAL_DEFAULTS:
            default = LOCAL_DEFAULTS[name]
        return environ.get(name) or default

    epoch = env("CLOCK_EPOCH")
    return Settings(
        stage=environ["STAGE"],
        region=env("AWS_REGION") or env("AWS_DEFAULT_REGION", "ap-south-1"),
        day_seconds=float(env("DAY_SECONDS", str(DAY))),
        clock_epoch=float(epoch) if epoch else None,
        signing_secret=env("SIGNING_SECRET"),
        signing_secret_arn=env("SIGNING_SECRET_ARN"),
        public_base_url=env("PUBLIC_BASE_URL").rstrip("/"),
        state_machine_arn=env("ESCALATION_STATE_MACHINE_ARN"),
        user_pool_id=env("USER_POOL_ID"),
        user_pool_client_id=env("USER_POOL_CLIENT_ID"),
        notify_queue_url=env("NOTIFY_QUEUE_URL"),
        maintenance_queue_url=env("MAINTENANCE_QUEUE_URL"),
        sms_sender_id=env("SMS_SENDER_ID"),
        dlt_entity_id=env("DLT_ENTITY_ID"),
        dlt_template_ids=env("DLT_TEMPLATE_IDS"),
        voice_backend=env("VOICE_BACKEND"),
        connect_instance_id=env("CONNECT_INSTANCE_ID"),
        connect_contact_flow_id=env("CONNECT_CONTACT_FLOW_ID"),
        connect_source_phone=env("CONNECT_SOURCE_PHONE"),
        connect_ccp_url=env("CONNECT_CCP_URL"),
        whatsapp_app_secret=env("WHATSAPP_APP_SECRET"),
        whatsapp_verify_token=env("WHATSAPP_VERIFY_TOKEN"),
        whatsapp_secret_arn=env("WHATSAPP_SECRET_ARN"),
        whatsapp_phone_number_id=env("WHATSAPP_PHONE_NUMBER_ID"),
        whatsapp_queue_url=env("WHATSAPP_QUEUE_URL"),
        notify_backoff_seconds=float(env("NOTIFY_BACKOFF_SECONDS", "10")),
        # Mobile carriers put many users behind one address (CGNAT): tune, don't remove.
        otp_per_source_hour=int(env("OTP_PER_SOURCE_HOUR", "30")),
        # Failed staff sign-ins per address per 15 minutes (a call centre may sit behind one).
        signin_failures_per_source=int(env("SIGNIN_FAILURES_PER_SOURCE", "30")),
        # "connect": an automated press-1/press-2 survey call before the call centre.
        satisfaction_survey=env("SATISFACTION_SURVEY") == "connect",
        secret_max_age=float(env("SECRET_MAX_AGE_SECONDS", "300")),
        # The system time at which the local clock starts (default: the real time at launch).
        clock_start=_instant("CLOCK_START", env("CLOCK_START")),
    )


def _instant(name: str, text: str | None) -> float | None:
    """An ISO 8601 instant with its offset (`2026-12-02T18:15:00Z`) as a timestamp."""
    if not text:
        return None
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{name}={text!r}: an ISO 8601 time with offset, e.g. 2026-12-02T18:15:00Z") from None
    if at.tzinfo is None:
        raise ValueError(f"{name}={text!r}: give the offset (Z or +05:30)")
    return at.timestamp()


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """This process's settings (cached once valid); raises `Misconfigured` on every call while invalid."""
    return load(os.environ)


def current_problems() -> tuple[str, ...]:
    """This process's problems (empty when it may serve), from the same cached validation."""
    try:
        get_settings()
    except Misconfigured as exc:
        return exc.problems
    return ()


def check_at_cold_start(environ: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """Validate once when a function's code loads: log what is wrong (names only) and count it.

    Packaging imports the app as the deployed stage without its settings; outside Lambda
    only the local stage reports, so `make package` stays quiet."""
    environ = os.environ if environ is None else environ
    found = current_problems()
    if found and ("AWS_LAMBDA_FUNCTION_NAME" in environ or environ.get("STAGE") == LOCAL):
        from chalicelib import observe

        observe.refused(found, at="cold_start")
    return found
