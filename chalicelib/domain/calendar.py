"""The working-day calendar of R-7WD: seven working days per level, year data not code."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone
from types import MappingProxyType
from typing import Any, Protocol

import holidays as holidays_package

# India Standard Time: UTC+05:30 all year (no summer time since 1945), so a fixed offset is
# exact for every date the system keeps, and needs no time-zone database on the Lambda host.
IST = timezone(timedelta(hours=5, minutes=30), "IST")
WORKING_DAYS_PER_LEVEL = 7
END_OF_DAY = time(23, 59, 59)
# MP government offices work a five-day week; a year whose Saturdays differ is
# stored as data (weekly_off {6} plus the non-working Saturdays as holidays).
FIVE_DAY_WEEK = frozenset({5, 6})


class WorkingDays(Protocol):
    """What the domain's rules ask of a calendar (`WorkingDayCalendar` and the stored one)."""

    def deadline(self, reached_at: datetime, working_days: int = ...) -> datetime: ...

    def is_working_day(self, d: date) -> bool: ...

    def next_working_day(self, d: date) -> date: ...


@dataclass(frozen=True)
class YearCalendar:
    """One year's weekly offs and gazetted holidays, as the admin API stores it."""

    year: int
    weekly_off: frozenset[int]
    # Excluded from the hash because a mapping is not hashable; equality still compares it.
    holidays: Mapping[date, str] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        # Frozen means frozen: copy the caller's mapping so later edits to it cannot
        # silently move deadlines.
        object.__setattr__(self, "weekly_off", frozenset(self.weekly_off))
        object.__setattr__(self, "holidays", MappingProxyType(dict(self.holidays)))
        if not self.weekly_off <= frozenset(range(7)):
            raise ValueError(f"weekly_off must be weekday numbers 0-6, got {sorted(self.weekly_off)}")
        stray = sorted(d for d in self.holidays if d.year != self.year)
        if stray:
            raise ValueError(f"holidays outside {self.year}: {[d.isoformat() for d in stray]}")

    @classmethod
    def default(cls, year: int) -> YearCalendar:
        """Five-day week plus the `holidays` package's public holidays for India/MP.

        MP is a supported subdivision in holidays 0.108; only the default "public"
        category is taken, because optional/restricted holidays do not close offices.
        """
        listed = holidays_package.country_holidays("IN", subdiv="MP", years=year)
        return cls(year=year, weekly_off=FIVE_DAY_WEEK, holidays=dict(listed.items()))

    def is_working_day(self, d: date) -> bool:
        if d.year != self.year:
            raise ValueError(f"{d.isoformat()} is not in {self.year}")
        return d.weekday() not in self.weekly_off and d not in self.holidays

    def with_holiday(self, d: date, name: str) -> YearCalendar:
        return YearCalendar(self.year, self.weekly_off, {**self.holidays, d: name})

    def without_holiday(self, d: date) -> YearCalendar:
        return YearCalendar(self.year, self.weekly_off, {k: v for k, v in self.holidays.items() if k != d})

    def to_data(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "weekly_off": sorted(self.weekly_off),
            "holidays": {d.isoformat(): name for d, name in sorted(self.holidays.items())},
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> YearCalendar:
        return cls(
            year=int(data["year"]),
            weekly_off=frozenset(int(w) for w in data["weekly_off"]),
            holidays={date.fromisoformat(k): str(v) for k, v in data["holidays"].items()},
        )


def ist_date(at: datetime) -> date:
    """The calendar date in Madhya Pradesh at instant `at` (which must be tz-aware)."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"datetime must be timezone-aware, got naive {at.isoformat()}")
    return at.astimezone(IST).date()


class WorkingDayCalendar:
    """Working days across years; years not given fall back to `default(year)`."""

    def __init__(
        self,
        years: Mapping[int, YearCalendar] | None = None,
        default: Callable[[int], YearCalendar] = YearCalendar.default,
    ) -> None:
        self._years = dict(years or {})
        for year, cal in self._years.items():
            if cal.year != year:
                raise ValueError(f"calendar for {cal.year} given as year {year}")
        self._default = default
        self._defaults: dict[int, YearCalendar] = {}

    def year(self, year: int) -> YearCalendar:
        if year in self._years:
            return self._years[year]
        if year not in self._defaults:
            self._defaults[year] = self._default(year)
        return self._defaults[year]

    def with_year(self, cal: YearCalendar) -> WorkingDayCalendar:
        """A new calendar with `cal` replacing its year, e.g. after a gazette change."""
        changed = WorkingDayCalendar({**self._years, cal.year: cal}, self._default)
        # The default years already built are still right; don't rebuild them.
        changed._defaults = dict(self._defaults)
        return changed

    def is_working_day(self, d: date) -> bool:
        return self.year(d.year).is_working_day(d)

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after `d`."""
        return self.add_working_days(d, 1)

    def add_working_days(self, d: date, n: int) -> date:
        """The n-th working day strictly after `d` (n >= 1)."""
        if n < 1:
            raise ValueError(f"n must be at least 1, got {n}")
        day = d
        # A year with every day off would loop forever; one without a working day in
        # 366 consecutive days is bad data, not a deadline.
        idle = 0
        while n:
            day += timedelta(days=1)
            if self.is_working_day(day):
                n -= 1
                idle = 0
            else:
                idle += 1
                if idle > 366:
                    raise ValueError(f"no working day in the year after {d.isoformat()}")
        return day

    def deadline(self, reached_at: datetime, working_days: int = WORKING_DAYS_PER_LEVEL) -> datetime:
        """23:59:59 IST of the n-th working day after the IST date reached_at fell on, in UTC."""
        last_day = self.add_working_days(ist_date(reached_at), working_days)
        return datetime.combine(last_day, END_OF_DAY, tzinfo=IST).astimezone(UTC)

    def working_days_between(self, start: datetime, end: datetime) -> int:
        """Working days after start's IST date up to and including end's IST date."""
        first, last = ist_date(start), ist_date(end)
        if end <= start:
            return 0
        return sum(self.is_working_day(first + timedelta(days=i)) for i in range(1, (last - first).days + 1))
