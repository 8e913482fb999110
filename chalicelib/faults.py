"""Fault injection at the botocore level, for the local stack and the tests only.

Every AWS client made after `install()` (boto3's and PynamoDB's alike: both come from
`botocore.session.Session.create_client`) gets a `before-send` hook that, at the rate set for
its service, answers instead of AWS with one of the faults production sees:

- `throttle`: 400 with the service's throttling code (DynamoDB's
  ProvisionedThroughputExceededException, SNS's Throttling, …);
- `server`: 500 InternalServerError;
- `timeout`: the connection times out before the request left (nothing happened);
- `lost_reply`: the request reaches AWS and is applied, and its reply is lost (a read
  timeout). Only for the calls whose retry the system recognises as its own: every
  DynamoDB call (conditional writes compare what is stored with what they wrote), SQS sends
  and deletes (consumers are idempotent), Step Functions start and stop (named executions).
  Never for SNS Publish: an SMS has no idempotency key, so a lost reply there repeats the
  SMS on AWS too; that one repeat is the documented at-worst case of notifications.

botocore retries each fault as it retries the real ones (throttling, 5xx and timeouts are
all retryable), so the code under test meets what production meets: mostly absorbed
retries, sometimes an error that outlives them. Clients made by moto itself (its Step
Functions interpreter calling services) are left alone: they stand for AWS's inside.

The emulated phone is no AWS service; what it records is read through `exempt()`.
"""

from __future__ import annotations

import contextlib
import json
import random
import sys
import threading
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

SERVICES = ("dynamodb", "dynamodbstreams", "sqs", "sns", "stepfunctions", "cognito-idp")
KINDS = ("throttle", "server", "timeout", "lost_reply")

_THROTTLE_CODE = {
    "dynamodb": "ProvisionedThroughputExceededException",
    "dynamodbstreams": "ThrottlingException",
    "sqs": "RequestThrottled",
    "sns": "Throttling",
    "stepfunctions": "ThrottlingException",
    "cognito-idp": "TooManyRequestsException",
}
# The calls whose lost reply the system recognises when botocore retries them.
_REPLAYABLE = {
    "dynamodb": None,  # every operation
    "dynamodbstreams": None,
    "sqs": {"SendMessage", "SendMessageBatch", "DeleteMessage", "DeleteMessageBatch", "ChangeMessageVisibility"},
    "stepfunctions": {"StartExecution", "StopExecution"},
}


class _Body:
    """The raw body botocore reads an answer from."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self._data

    def read(self, *_: Any) -> bytes:
        return self._data


def parse_rates(text: str) -> dict[str, float]:
    """`0.2` (every service) or `dynamodb=0.2,sns=0.1`; each rate between 0 and 1."""
    rates: dict[str, float] = {}
    for part in (p.strip() for p in text.split(",") if p.strip()):
        name, eq, value = part.rpartition("=")
        names = [name] if eq else list(SERVICES)
        if eq and name not in SERVICES:
            raise ValueError(f"unknown service {name!r}: one of {', '.join(SERVICES)}")
        rate = float(value)
        if not 0 <= rate <= 1:
            raise ValueError(f"rate {value!r} is not between 0 and 1")
        rates.update(dict.fromkeys(names, rate))
    return rates


class Injector:
    def __init__(
        self, rates: Mapping[str, float] | None = None, seed: int | None = None, kinds: tuple[str, ...] = KINDS
    ) -> None:
        if not set(kinds) <= set(KINDS):
            raise ValueError(f"unknown fault kind(s): {set(kinds) - set(KINDS)}")
        self.kinds = kinds
        self._lock = threading.Lock()
        self._random = random.Random(seed)
        self.rates: dict[str, float] = dict.fromkeys(SERVICES, 0.0)
        self.injected: Counter[tuple[str, str]] = Counter()
        self._next: dict[tuple[str, str], list[str]] = {}
        self._local = threading.local()
        self.set_rates(rates or {})

    # ---- configuration ------------------------------------------------------------
    def set_rates(self, rates: Mapping[str, float]) -> None:
        unknown = set(rates) - set(SERVICES)
        if unknown:
            raise ValueError(f"unknown service(s): {', '.join(sorted(unknown))}")
        with self._lock:
            self.rates.update({k: float(v) for k, v in rates.items()})

    def once(self, service: str, operation: str, kind: str) -> None:
        """The next `operation` call of `service` meets `kind` (whatever the rates say)."""
        if service not in SERVICES or kind not in KINDS:
            raise ValueError(f"unknown service or kind: {service} {kind}")
        with self._lock:
            self._next.setdefault((service, operation), []).append(kind)

    def status(self) -> dict[str, Any]:
        with self._lock:
            by_service: Counter[str] = Counter()
            for (service, _), n in self.injected.items():
                by_service[service] += n
            return {
                "rates": dict(self.rates),
                "injected": sum(self.injected.values()),
                "by_service": dict(by_service),
                "by_kind": {k: sum(n for (_, kind), n in self.injected.items() if kind == k) for k in KINDS},
            }

    @contextlib.contextmanager
    def exempt(self) -> Iterator[None]:
        """AWS calls made inside this block get no faults (on this thread)."""
        depth = getattr(self._local, "depth", 0)
        self._local.depth = depth + 1
        try:
            yield
        finally:
            self._local.depth = depth

    # ---- the hook -------------------------------------------------------------------
    def attach(self, client: Any) -> None:
        service = client.meta.service_model.service_name
        if service not in SERVICES:
            return
        protocol = client.meta.service_model.protocol

        def before_send(request: Any, **kwargs: Any) -> Any:
            operation = kwargs.get("event_name", "").rsplit(".", 1)[-1]
            return self._maybe_fault(service, protocol, operation, request)

        client.meta.events.register("before-send", before_send)

    def _draw(self, service: str, operation: str) -> str | None:
        if getattr(self._local, "depth", 0):
            return None
        with self._lock:
            scripted = self._next.get((service, operation))
            if scripted:
                kind = scripted.pop(0)
                self.injected[(service, kind)] += 1
                return kind
            rate = self.rates.get(service, 0.0)
            if rate <= 0 or self._random.random() >= rate:
                return None
            allowed = _REPLAYABLE.get(service, set())
            kinds = [k for k in self.kinds if k != "lost_reply" or allowed is None or operation in allowed]
            if not kinds:
                return None
            kind = self._random.choice(kinds)
            self.injected[(service, kind)] += 1
            return kind

    def _maybe_fault(self, service: str, protocol: str, operation: str, request: Any) -> Any:
        from botocore.awsrequest import AWSResponse
        from botocore.exceptions import ConnectTimeoutError, ReadTimeoutError

        kind = self._draw(service, operation)
        if kind is None:
            return None
        if kind == "timeout":
            raise ConnectTimeoutError(endpoint_url=request.url)
        if kind == "lost_reply":
            _send(request)  # AWS applies it; the answer never arrives
            raise ReadTimeoutError(endpoint_url=request.url)
        status, code = (400, _THROTTLE_CODE[service]) if kind == "throttle" else (500, "InternalServerError")
        message = f"injected fault: {kind}"
        if protocol == "query":
            body = (
                f"<ErrorResponse><Error><Type>{'Sender' if status == 400 else 'Receiver'}</Type>"
                f"<Code>{code}</Code><Message>{message}</Message></Error>"
                "<RequestId>injected</RequestId></ErrorResponse>"
            ).encode()
            headers = {"Content-Type": "text/xml"}
        else:
            body = json.dumps({"__type": code, "message": message}).encode()
            headers = {"Content-Type": "application/x-amz-json-1.0", "x-amzn-RequestId": "injected"}
        return AWSResponse(request.url, status, headers, _Body(body))


_SESSION: Any = None


def _send(request: Any) -> Any:
    global _SESSION
    from botocore.httpsession import URLLib3Session

    if _SESSION is None:
        _SESSION = URLLib3Session()
    return _SESSION.send(request)


_INJECTOR: Injector | None = None
_ORIGINAL: Any = None


def _made_by_moto() -> bool:
    frame = sys._getframe(2)
    while frame is not None:
        if frame.f_globals.get("__name__", "").startswith("moto."):
            return True
        frame = frame.f_back  # type: ignore[assignment]
    return False


def install(rates: Mapping[str, float] | None = None, seed: int | None = None) -> Injector:
    """Hooks every AWS client made from now on. Local stages only: a deployed stage refuses."""
    global _INJECTOR, _ORIGINAL
    from chalicelib.settings import LOCAL, get_settings

    if get_settings().stage != LOCAL:
        raise RuntimeError("fault injection runs on the local stack only")
    if _INJECTOR is not None:
        _INJECTOR.set_rates(rates or {})
        return _INJECTOR
    import botocore.session

    injector = Injector(rates, seed)
    original = botocore.session.Session.create_client

    def create_client(self: Any, *args: Any, **kwargs: Any) -> Any:
        made = original(self, *args, **kwargs)
        if not _made_by_moto():
            injector.attach(made)
        return made

    _ORIGINAL = original
    botocore.session.Session.create_client = create_client  # type: ignore[method-assign]
    _INJECTOR = injector
    return injector


def uninstall() -> None:
    """Clients made later get no hook; those made meanwhile keep theirs at rate 0."""
    global _INJECTOR, _ORIGINAL
    if _INJECTOR is None:
        return
    import botocore.session

    _INJECTOR.set_rates(dict.fromkeys(SERVICES, 0.0))
    botocore.session.Session.create_client = _ORIGINAL  # type: ignore[method-assign]
    _INJECTOR = _ORIGINAL = None


def current() -> Injector | None:
    return _INJECTOR


@contextlib.contextmanager
def exempt() -> Iterator[None]:
    """No faults for the AWS calls in this block (the emulated phone's own records)."""
    if _INJECTOR is None:
        yield
        return
    with _INJECTOR.exempt():
        yield
