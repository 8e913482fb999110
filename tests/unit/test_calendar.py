"""Unit tests for the R-7WD working-day calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from chalicelib.domain.calendar import IST, WorkingDayCalendar, YearCalendar

WEEKEND = frozenset({5, 6})


def plain_year(year: int) -> YearCalendar:
    """Saturdays and Sundays off, no holidays: keeps arithmetic in tests obvious."""
    return YearCalendar(year, WEEKEND, {})


def plain_calendar(*holidays: date) -> WorkingDayCalendar:
    """A weekends-only calendar plus the given holidays."""
    cal = WorkingDayCalendar(default=plain_year)
    for d in holidays:
        cal = cal.with_year(cal.year(d.year).with_holiday(d, "Local holiday"))
    return cal


def ist(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=IST)


def end_of_ist_day(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, 23, 59, 59, tzinfo=IST).astimezone(UTC)


def test_weekly_offs_are_skipped_when_counting_seven_working_days() -> None:
    # Given a complaint reaching a level on Monday 2026-07-06
    cal = plain_calendar()
    # When its deadline is computed
    due = cal.deadline(ist(2026, 7, 6))
    # Then Tue-Fri (4) and Mon-Wed of the next week (3) count, the weekend does not
    assert due == end_of_ist_day(2026, 7, 15)


def test_holiday_in_the_window_pushes_the_deadline_by_one_working_day() -> None:
    # Given Thursday 2026-07-09 is a holiday
    cal = plain_calendar(date(2026, 7, 9))
    # When a complaint reaches the level on Monday 2026-07-06
    due = cal.deadline(ist(2026, 7, 6))
    # Then the deadline moves from Wednesday 15th to Thursday 16th
    assert due == end_of_ist_day(2026, 7, 16)


def test_default_calendar_skips_republic_day_in_the_window() -> None:
    # Given the real 2026 data: Monday 26 January is Republic Day
    cal = WorkingDayCalendar()
    # When a complaint reaches the level on Friday 23 January
    due = cal.deadline(ist(2026, 1, 23))
    # Then 27-30 Jan and 2-4 Feb count: Wednesday 4 February
    assert due == end_of_ist_day(2026, 2, 4)


def test_complaint_received_on_friday_evening_starts_counting_on_monday() -> None:
    cal = plain_calendar()
    # 21:30 IST on Friday 2026-07-10 is still Friday in MP
    due = cal.deadline(ist(2026, 7, 10, 21, 30))
    # Mon 13 .. Fri 17 (5), Mon 20, Tue 21
    assert due == end_of_ist_day(2026, 7, 21)


def test_complaint_received_on_sunday_starts_counting_on_monday() -> None:
    cal = plain_calendar()
    due = cal.deadline(ist(2026, 7, 12))
    # Mon 13 .. Fri 17, Mon 20, Tue 21: same as the Friday before
    assert due == end_of_ist_day(2026, 7, 21)


def test_complaint_received_on_a_holiday_starts_counting_on_the_next_working_day() -> None:
    # Given Wednesday 2026-07-08 is a holiday and a complaint arrives that day
    cal = plain_calendar(date(2026, 7, 8))
    due = cal.deadline(ist(2026, 7, 8, 11))
    # Then Thu 9, Fri 10, Mon 13 .. Fri 17 count: the holiday itself is not day one
    assert due == end_of_ist_day(2026, 7, 17)


def test_year_boundary_consults_both_years_and_uses_the_2027_override() -> None:
    # Given 2026 with 31 Dec off (default factory) and 2027 overridden by the admin,
    # whose data makes 1 Jan a holiday; the default 2027 would have closed 4 Jan instead
    def default(year: int) -> YearCalendar:
        return YearCalendar(year, WEEKEND, {date(year, 12, 31): "Year-end closing", date(year, 1, 4): "Not used"})

    custom_2027 = YearCalendar(2027, WEEKEND, {date(2027, 1, 1): "New Year's Day"})
    cal = WorkingDayCalendar({2027: custom_2027}, default=default)
    # When a complaint reaches the level on Monday 2026-12-28
    due = cal.deadline(ist(2026, 12, 28))
    # Then Tue 29, Wed 30, Mon 4, Tue 5 .. Fri 8 count (31 Dec and 1 Jan are off)
    assert due == end_of_ist_day(2027, 1, 8)


def test_ist_date_not_utc_date_decides_when_counting_starts() -> None:
    # Given 2026-11-23T18:45Z, which is 00:15 on Tuesday 24 November in IST
    cal = plain_calendar()
    reached = datetime(2026, 11, 23, 18, 45, tzinfo=UTC)
    # When the deadline is computed
    due = cal.deadline(reached)
    # Then counting starts on Wed 25 (not Tue 24 as the UTC date would say):
    # 25, 26, 27, 30 Nov, 1, 2, 3 Dec, ending 23:59:59 IST = 18:29:59Z
    assert due == datetime(2026, 12, 3, 18, 29, 59, tzinfo=UTC)
    naive_utc_count = cal.add_working_days(date(2026, 11, 23), 7)
    assert naive_utc_count == date(2026, 12, 2)


def test_deadline_is_returned_in_utc() -> None:
    due = plain_calendar().deadline(ist(2026, 7, 6))
    assert due.utcoffset() == timedelta(0)


def test_holiday_added_while_complaints_wait_moves_their_deadline_later() -> None:
    # Given a complaint waiting with a deadline computed on the old gazette list
    cal = plain_calendar()
    reached = ist(2026, 7, 6)
    before = cal.deadline(reached)
    # When the gazette adds Friday 10 July and the deadline is recomputed
    updated = cal.with_year(cal.year(2026).with_holiday(date(2026, 7, 10), "Added by gazette"))
    after = updated.deadline(reached)
    # Then it moves a working day later, and the old calendar is unchanged
    assert after > before
    assert after == end_of_ist_day(2026, 7, 16)
    assert cal.deadline(reached) == before


def test_holiday_removed_moves_the_deadline_earlier() -> None:
    cal = plain_calendar(date(2026, 7, 9))
    reached = ist(2026, 7, 6)
    updated = cal.with_year(cal.year(2026).without_holiday(date(2026, 7, 9)))
    assert updated.deadline(reached) == end_of_ist_day(2026, 7, 15)
    assert cal.deadline(reached) == end_of_ist_day(2026, 7, 16)


def test_year_calendar_survives_a_round_trip_through_its_data() -> None:
    original = YearCalendar.default(2026)
    data = original.to_data()
    assert YearCalendar.from_data(data) == original
    assert data["weekly_off"] == [5, 6]
    assert data["holidays"]["2026-01-26"] == "Republic Day"


def test_year_calendar_copies_the_holidays_it_is_given() -> None:
    given = {date(2026, 7, 9): "Local holiday"}
    year = YearCalendar(2026, WEEKEND, given)
    given[date(2026, 7, 10)] = "Sneaked in"
    assert date(2026, 7, 10) not in year.holidays


def test_year_calendar_rejects_a_holiday_from_another_year() -> None:
    with pytest.raises(ValueError):
        YearCalendar(2026, WEEKEND, {date(2027, 1, 1): "New Year's Day"})


def test_naive_datetime_raises_value_error() -> None:
    cal = plain_calendar()
    with pytest.raises(ValueError):
        cal.deadline(datetime(2026, 7, 6, 10, 0))
    with pytest.raises(ValueError):
        cal.working_days_between(datetime(2026, 7, 6), ist(2026, 7, 8))


def test_default_year_contains_republic_day_and_independence_day() -> None:
    year = YearCalendar.default(2026)
    assert year.weekly_off == frozenset({5, 6})
    assert year.holidays[date(2026, 1, 26)] == "Republic Day"
    assert year.holidays[date(2026, 8, 15)] == "Independence Day"


def test_default_years_are_built_once() -> None:
    built: list[int] = []

    def default(year: int) -> YearCalendar:
        built.append(year)
        return plain_year(year)

    cal = WorkingDayCalendar(default=default)
    cal.deadline(ist(2026, 12, 28))
    cal.deadline(ist(2026, 12, 29))
    cal.with_year(plain_year(2030)).deadline(ist(2026, 12, 30))
    assert built == [2026, 2027]


def test_next_working_day_skips_weekend_and_holiday() -> None:
    cal = plain_calendar(date(2026, 7, 13))
    assert cal.next_working_day(date(2026, 7, 10)) == date(2026, 7, 14)
    assert cal.is_working_day(date(2026, 7, 14))
    assert not cal.is_working_day(date(2026, 7, 11))


def test_working_days_between_counts_after_start_up_to_end() -> None:
    cal = plain_calendar(date(2026, 7, 9))
    # Mon 6 -> Mon 13: Tue 7, Wed 8, Fri 10, Mon 13 (Thu 9 is a holiday)
    assert cal.working_days_between(ist(2026, 7, 6), ist(2026, 7, 13)) == 4
    assert cal.working_days_between(ist(2026, 7, 6, 9), ist(2026, 7, 6, 18)) == 0
    assert cal.working_days_between(ist(2026, 7, 13), ist(2026, 7, 6)) == 0


def test_working_days_between_a_deadline_and_itself_plus_a_day_is_one() -> None:
    cal = plain_calendar()
    due = cal.deadline(ist(2026, 7, 6))
    # One second past the deadline is the next IST day, Thursday 16 July
    assert cal.working_days_between(due, ist(2026, 7, 16, 0, 0)) == 1


def test_add_working_days_rejects_zero() -> None:
    with pytest.raises(ValueError):
        plain_calendar().add_working_days(date(2026, 7, 6), 0)
