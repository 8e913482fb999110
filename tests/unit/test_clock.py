"""The one clock: system time against real time, and the reconciler's grace that depends on it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from chalicelib.clock import ManualClock, ScaledClock, iso
from chalicelib.services.deadlines import reconcile_district

START = datetime(2026, 11, 23, 5, 0, tzinfo=UTC)


def test_a_fast_clock_turns_real_seconds_into_system_days() -> None:
    real = [1_000_000.0]
    clock = ScaledClock(day_seconds=2, epoch=real[0], real=lambda: real[0])
    real[0] += 3
    assert clock.now() - datetime.fromtimestamp(1_000_000, tz=UTC) == timedelta(days=1.5)
    assert clock.span(timedelta(seconds=30)) == timedelta(days=15)
    assert ScaledClock(real=lambda: 0.0).span(timedelta(seconds=30)) == timedelta(seconds=30)


def _cutoff(clock: Any) -> str:
    from tests.fakes.outside import FakeTimers
    from tests.fakes.stores import FakeComplaints

    asked: list[str] = []

    class Asked(FakeComplaints):
        def due_before(self, district: str, before: str) -> list[str]:
            asked.append(before)
            return []

    assert reconcile_district("SEHORE", Asked(), FakeTimers(), clock) == {"lapsed": 0, "repaired": 0}
    return asked[0]


def test_the_reconciler_waits_an_hour_of_system_time_and_30_real_seconds() -> None:
    # Real speed: the hour decides. A day of 2 s: 30 real seconds are 15 system days, so a
    # stream record still on its way is not taken for a lost timer.
    assert _cutoff(ManualClock(START)) == iso(START - timedelta(hours=1))
    assert _cutoff(ManualClock(START, speed=43_200)) == iso(START - timedelta(days=15))
