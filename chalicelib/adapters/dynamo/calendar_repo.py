"""The gazette's holiday lists per year, stored in the directory table."""

from __future__ import annotations

import time
from typing import Any

from chalicelib.adapters.dynamo.models import DirectoryRow, HolidaysItem
from chalicelib.domain.calendar import WorkingDayCalendar, YearCalendar

PARTITION = "HOLIDAYS"


def stored_years() -> dict[int, YearCalendar]:
    rows = DirectoryRow.query(PARTITION)
    return {int(r.sk): YearCalendar.from_data(r.days.as_dict()) for r in rows if isinstance(r, HolidaysItem)}


def store_year(cal: YearCalendar) -> None:
    HolidaysItem(PARTITION, str(cal.year), days=cal.to_data()).save()


class StoredCalendar:
    """The working-day calendar as stored, re-read at most every few minutes so that every
    running function learns of a gazette change without a redeploy."""

    MAX_AGE = 300.0

    def __init__(self) -> None:
        self._cal: WorkingDayCalendar | None = None
        self._loaded = 0.0

    def refresh(self) -> None:
        self._cal = None

    def _current(self) -> WorkingDayCalendar:
        if self._cal is None or time.monotonic() - self._loaded > self.MAX_AGE:
            self._cal = WorkingDayCalendar(stored_years())
            self._loaded = time.monotonic()
        return self._cal

    def __getattr__(self, name: str) -> Any:
        return getattr(self._current(), name)
