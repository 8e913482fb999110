"""The one clock: system time against real time, and the reconciler's grace that depends on it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

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


def test_a_clock_started_at_a_chosen_time_runs_from_it_and_maps_back_to_real_time(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from chalicelib.settings import get_settings

    real = [1_000_000.0]
    late = datetime(2026, 12, 2, 18, 15, tzinfo=UTC)  # 23:45 IST
    clock = ScaledClock(day_seconds=86400, epoch=real[0], real=lambda: real[0], start=late.timestamp())
    assert clock.now() == late
    real[0] += 600
    assert clock.now() == late + timedelta(minutes=10)
    assert clock.to_real(late + timedelta(minutes=20)).timestamp() == 1_000_000.0 + 1200
    monkeypatch.setenv("CLOCK_START", "2026-12-02T18:15:00Z")
    get_settings.cache_clear()
    assert get_settings().clock_start == late.timestamp()
    monkeypatch.setenv("CLOCK_START", "2026-12-02 23:45")
    get_settings.cache_clear()
    with pytest.raises(ValueError, match="CLOCK_START"):
        get_settings()
    monkeypatch.delenv("CLOCK_START")
    get_settings.cache_clear()
