"""Typed settings, read from the environment once, on first use (never at import)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

# Resource names are fixed per account: one AWS account per stage keeps stages apart
# and lets Chalice's decorators (which need literals) name the queues.
NOTIFY_QUEUE = "cmh181-notify"
NOTIFY_DLQ = "cmh181-notify-dlq"
# Background jobs that fan out per district (deadline recomputation).
MAINTENANCE_QUEUE = "cmh181-maintenance"
MAINTENANCE_DLQ = "cmh181-maintenance-dlq"
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


@dataclass(frozen=True)
class Settings:
    stage: str
    region: str
    day_seconds: float
    clock_epoch: float | None
    signing_secret: str
    public_base_url: str
    state_machine_arn: str
    user_pool_id: str
    user_pool_client_id: str
    sms_sender_id: str
    dlt_entity_id: str
    dlt_template_ids: str
    voice_backend: str
    connect_instance_id: str
    connect_contact_flow_id: str
    connect_source_phone: str
    notify_backoff_seconds: float
    otp_per_source_hour: int
    signin_failures_per_source: int
    satisfaction_survey: bool

    @property
    def is_local(self) -> bool:
        return self.stage in ("local", "test")


def _env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    epoch = _env("CLOCK_EPOCH")
    return Settings(
        stage=_env("STAGE", "local"),
        region=_env("AWS_DEFAULT_REGION", "ap-south-1"),
        day_seconds=float(_env("DAY_SECONDS", "86400")),
        clock_epoch=float(epoch) if epoch else None,
        signing_secret=_env("SIGNING_SECRET", "local-only-secret-change-me"),
        public_base_url=_env("PUBLIC_BASE_URL", "http://127.0.0.1:8000"),
        state_machine_arn=_env("ESCALATION_STATE_MACHINE_ARN"),
        user_pool_id=_env("USER_POOL_ID"),
        user_pool_client_id=_env("USER_POOL_CLIENT_ID"),
        sms_sender_id=_env("SMS_SENDER_ID", "CMHELP"),
        dlt_entity_id=_env("DLT_ENTITY_ID", "1001000000000000001"),
        dlt_template_ids=_env("DLT_TEMPLATE_IDS", ""),
        voice_backend=_env("VOICE_BACKEND", "local"),
        connect_instance_id=_env("CONNECT_INSTANCE_ID"),
        connect_contact_flow_id=_env("CONNECT_CONTACT_FLOW_ID"),
        connect_source_phone=_env("CONNECT_SOURCE_PHONE", "+911800233018"),
        notify_backoff_seconds=float(_env("NOTIFY_BACKOFF_SECONDS", "10")),
        # Mobile carriers put many users behind one address (CGNAT): tune, don't remove.
        otp_per_source_hour=int(_env("OTP_PER_SOURCE_HOUR", "30")),
        # Failed staff sign-ins per address per 15 minutes (a call centre may sit behind one).
        signin_failures_per_source=int(_env("SIGNIN_FAILURES_PER_SOURCE", "30")),
        # "connect": an automated press-1/press-2 survey call before the call centre.
        satisfaction_survey=_env("SATISFACTION_SURVEY", "") == "connect",
    )
