"""The one clock: system time, optionally running faster than real time (DAY_SECONDS).

Every part of the system asks a `Clock` for "now". Locally a day can last a few real
seconds; Step Functions Wait states run on real time, so a deadline in system time is
turned into the real instant at which it falls with `to_real`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol

DAY = 86400.0


class Clock(Protocol):
    def now(self) -> datetime:
        """System time: deadlines, history, reports."""

    def wall(self) -> datetime:
        """Human time for security windows (OTP life, token expiry, rate limits): a person
        types an OTP in real minutes even when the local stack's days last seconds."""

    def to_real(self, at: datetime) -> datetime: ...

    def span(self, real: timedelta) -> timedelta:
        """How much system time passes in `real` (equal, except on a fast local stack)."""


class ScaledClock:
    """System time = start + (real elapsed since epoch) x (86400 / day_seconds).

    `start` (the system time at `epoch`) is the real time of `epoch` unless given: the
    local stack can start its clock at a chosen moment (`CLOCK_START`), e.g. late in
    the evening to hear the 181 line's after-hours message."""

    def __init__(
        self,
        day_seconds: float = DAY,
        epoch: float | None = None,
        real: Callable[[], float] = time.time,
        start: float | None = None,
    ) -> None:
        self._speed = DAY / day_seconds
        self._real = real
        self._epoch = real() if epoch is None else epoch
        self._start = self._epoch if start is None else start

    def now(self) -> datetime:
        system = self._start + (self._real() - self._epoch) * self._speed
        return datetime.fromtimestamp(system, tz=UTC)

    def wall(self) -> datetime:
        return datetime.fromtimestamp(self._real(), tz=UTC)

    def to_real(self, at: datetime) -> datetime:
        real = self._epoch + (at.timestamp() - self._start) / self._speed
        return datetime.fromtimestamp(real, tz=UTC)

    def span(self, real: timedelta) -> timedelta:
        return real * self._speed


class ManualClock:
    """A clock a test moves by hand; `to_real` maps system time onto real time at
    `speed`, so a deadline days away in system time can fall seconds away in real time."""

    def __init__(self, start: datetime, speed: float = 1.0) -> None:
        self._now = start
        self._speed = speed
        self._anchor_system = start
        self._anchor_real = datetime.now(UTC)

    def now(self) -> datetime:
        return self._now

    def wall(self) -> datetime:
        return self._now

    def advance(self, **delta: float) -> datetime:
        self._now = self._now + timedelta(**delta)
        return self._now

    def set(self, at: datetime) -> None:
        self._now = at

    def to_real(self, at: datetime) -> datetime:
        return self._anchor_real + (at - self._anchor_system) / self._speed

    def span(self, real: timedelta) -> timedelta:
        return real * self._speed


def iso(at: datetime) -> str:
    """ISO 8601 with offset, seconds precision, as the API promises."""
    return at.astimezone(UTC).isoformat(timespec="seconds")


def iso_z(at: datetime) -> str:
    """The `…Z` form that Step Functions' TimestampPath accepts."""
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
