"""The gazette's holiday lists per year, stored in the directory table."""

from __future__ import annotations

import time
from datetime import date, datetime

from chalicelib.adapters.dynamo.models import DirectoryRow, HolidaysItem
from chalicelib.domain.calendar import WORKING_DAYS_PER_LEVEL, WorkingDayCalendar, YearCalendar

PARTITION = "HOLIDAYS"


def stored_years() -> dict[int, YearCalendar]:
    rows = DirectoryRow.query(PARTITION)
    return {int(r.sk): YearCalendar.from_data(r.days.as_dict()) for r in rows if isinstance(r, HolidaysItem)}


class StoredCalendar:
    """The `Calendar` port (services.ports): the working-day calendar as stored, re-read at
    most every few minutes so that every running function learns of a gazette change
    without a redeploy; a year stored here is used at once."""

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

    def deadline(self, reached_at: datetime, working_days: int = WORKING_DAYS_PER_LEVEL) -> datetime:
        return self._current().deadline(reached_at, working_days)

    def is_working_day(self, d: date) -> bool:
        return self._current().is_working_day(d)

    def next_working_day(self, d: date) -> date:
        return self._current().next_working_day(d)

    def year(self, year: int) -> YearCalendar:
        return self._current().year(year)

    def store_year(self, cal: YearCalendar) -> None:
        HolidaysItem(PARTITION, str(cal.year), days=cal.to_data()).save()
        self.refresh()
