"""The gazette's holiday lists per year, stored in the directory table."""

from __future__ import annotations

from chalicelib.adapters.dynamo.models import DirectoryRow, HolidaysItem
from chalicelib.domain.calendar import YearCalendar

PARTITION = "HOLIDAYS"


def stored_years() -> dict[int, YearCalendar]:
    rows = DirectoryRow.query(PARTITION)
    return {int(r.sk): YearCalendar.from_data(r.days.as_dict()) for r in rows if isinstance(r, HolidaysItem)}


def store_year(cal: YearCalendar) -> None:
    HolidaysItem(PARTITION, str(cal.year), days=cal.to_data()).save()
