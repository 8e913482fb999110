"""Structured logs and metrics: one JSON object per line, with the correlation id of the work in
hand (a complaint reference or an assignment id), mobiles, OTPs and tokens masked; metrics in
CloudWatch's embedded metric format (EMF), which Lambda turns into metrics from the log.

Plain `logging` underneath: any module's `logging.getLogger(__name__)` goes through it once
`install()` ran, which app.py and the event handlers' package do at cold start. Outside
Lambda (`make run`, the tests) the log configuration is left alone and metrics go to the
`cmh181.metrics` logger at DEBUG, so nothing prints EMF into a terminal.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import logging
import os
import re
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from typing import IO, Any

NAMESPACE = "CMH181"
_correlation: contextvars.ContextVar[str] = contextvars.ContextVar("correlation_id", default="")
log = logging.getLogger("cmh181.ops")
metrics_log = logging.getLogger("cmh181.metrics")

# What never reaches a log in clear, and what it becomes.
_MASKS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    # a citizen token (its subject is the mobile)
    (re.compile(r"citizen~[^\s\"'&,;]+"), lambda m: "citizen~***"),
    # an officer's link token: <reference>-<n>.<expiry>.<mac>; the assignment id stays
    (re.compile(r"\b(\d{10}-\d+)\.[0-9a-z]+\.[A-Za-z0-9_-]{8,}"), lambda m: f"{m[1]}.***"),
    # a bearer token (Cognito JWTs)
    (re.compile(r"\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*"), lambda m: "jwt:***"),
    # an Indian mobile, +91 or 91 and ten digits: the last four stay (bare ten-digit numbers
    # are complaint references and stay as they are)
    (re.compile(r"(?<![\d+])\+?91[ -]?([6-9]\d{5})(\d{4})(?!\d)"), lambda m: f"+91******{m[2]}"),
    # an OTP in an SMS text
    (re.compile(r"(OTP\D{0,12})\d{6}(?!\d)"), lambda m: f"{m[1]}******"),
)


def mask(text: str) -> str:
    """`text` with mobiles, OTPs and tokens masked."""
    for pattern, replace in _MASKS:
        text = pattern.sub(replace, text)
    return text


def _masked(value: Any) -> Any:
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, Mapping):
        return {k: _masked(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_masked(v) for v in value]
    return value


def correlation_id() -> str:
    return _correlation.get()


@contextlib.contextmanager
def correlated(cid: str | None) -> Iterator[None]:
    """Every log line and metric within carries `cid` (a complaint reference, an assignment id)."""
    token = _correlation.set(cid or _correlation.get())
    try:
        yield
    finally:
        _correlation.reset(token)


_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message, correlation id, extras; masked."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": mask(record.getMessage()),
        }
        if cid := _correlation.get():
            entry["correlation_id"] = cid
        if fn := os.environ.get("AWS_LAMBDA_FUNCTION_NAME"):
            entry["function"] = fn
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = _masked(value)
        if record.exc_info:
            entry["exception"] = mask(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False, default=str)


_installed = False


def install(environ: Mapping[str, str] | None = None, stream: IO[str] | None = None) -> bool:
    """JSON logs for the process when it runs in Lambda (or when given a stream); True if installed.

    Lambda's runtime puts its own handler on the root logger: it keeps it and gives it the
    JSON format, so lines stay tied to their request in CloudWatch."""
    global _installed
    environ = os.environ if environ is None else environ
    if _installed or (stream is None and "AWS_LAMBDA_FUNCTION_NAME" not in environ):
        return False
    root = logging.getLogger()
    handlers: list[logging.Handler] = list(root.handlers) if stream is None else []
    if not handlers:
        handlers = [logging.StreamHandler(stream or sys.stdout)]
        root.addHandler(handlers[0])
    for handler in handlers:
        handler.setFormatter(JsonFormatter())
    root.setLevel(environ.get("LOG_LEVEL", "INFO"))
    _installed = True
    return True


# ---- metrics (EMF) -------------------------------------------------------------------------------
# The metric names the alarms and the dashboard use (infra/observability.py reads this list).
METRICS = (
    "ComplaintsRegistered",
    "Escalations",
    "SmsSent",
    "SmsFailed",
    "CallsPlaced",
    "CallsFailed",
    "TimerRepairs",
    "Misconfigured",
    "WhatsAppSent",
    "WhatsAppFailed",
    "WhatsAppReplied",
    "WhatsAppDuplicate",
    "WhatsAppLate",
    "WhatsAppLimited",
)


def _emit(record: dict[str, Any]) -> None:
    line = json.dumps(record, ensure_ascii=False)
    if "AWS_LAMBDA_FUNCTION_NAME" in os.environ:
        print(line, file=sys.stdout, flush=True)
    else:
        metrics_log.debug(line)


def metric(name: str, value: float = 1, unit: str = "Count") -> dict[str, Any]:
    """Record one value of `name` (one of METRICS) as an EMF line; returns the record."""
    if name not in METRICS:
        raise ValueError(f"unknown metric {name}: add it to observe.METRICS")
    record: dict[str, Any] = {
        "_aws": {
            "Timestamp": int(time.time() * 1000),
            "CloudWatchMetrics": [
                {"Namespace": NAMESPACE, "Dimensions": [[]], "Metrics": [{"Name": name, "Unit": unit}]}
            ],
        },
        name: value,
    }
    if cid := _correlation.get():
        record["correlation_id"] = cid
    _emit(record)
    return record


def refused(problems: tuple[str, ...], at: str) -> None:
    """The stage refused to serve: the log names the settings (never their values), a metric alarms."""
    names = sorted({p.split(":", 1)[0] for p in problems})
    log.error(
        "refusing to serve: settings missing or invalid: %s",
        ", ".join(names),
        extra={"problems": list(problems), "at": at},
    )
    metric("Misconfigured")
