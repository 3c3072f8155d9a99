"""Working days and deadlines (domain.md §6), on the national calendar; no database."""

from datetime import UTC, date, datetime, time
from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.dossiers.calendar import national_calendar
from motcua.dossiers.deadlines import (
    LOCAL_TIME,
    OfficeHours,
    OutsideCalendar,
    WorkCalendar,
    appointment_date,
    extend,
    outcome,
    receipt_date,
    receipt_moment,
    status_on,
    step_deadlines,
    walk_working_time,
)

CAL = national_calendar(tuple(range(2024, 2031)))
D = Decimal


def at(y, m, d, hh=9, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=LOCAL_TIME)


# --- the national data we rely on --------------------------------------------------------


def test_2026_holidays_from_the_package():
    days_2026 = {day: name for day, name in CAL.days_off.items() if day.year == 2026}
    assert days_2026 == {
        date(2026, 1, 1): "Tết Dương lịch",
        date(2026, 2, 16): "Giao thừa Tết Nguyên Đán",
        date(2026, 2, 17): "Tết Nguyên Đán",
        date(2026, 2, 18): "Mùng hai Tết Nguyên Đán",
        date(2026, 2, 19): "Mùng ba Tết Nguyên Đán",
        date(2026, 2, 20): "Mùng bốn Tết Nguyên Đán",
        date(2026, 4, 26): "Ngày Giỗ Tổ Hùng Vương",
        date(2026, 4, 27): "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)",
        date(2026, 4, 30): "Ngày Chiến thắng",
        date(2026, 5, 1): "Ngày Quốc tế Lao động",
        date(2026, 8, 31): "Ngày nghỉ (thay cho ngày 22/08/2026)",
        date(2026, 9, 1): "Quốc khánh",
        date(2026, 9, 2): "Quốc khánh",
        date(2026, 11, 24): "Ngày Văn hóa Việt Nam",
    }


def test_make_up_saturdays_are_only_those_of_the_calendar_years():
    # The package also lists 2014-12-27 and 2019-01-05 whatever years were asked for.
    assert CAL.extra_working_days == {date(2024, 5, 4), date(2025, 4, 26), date(2026, 8, 22)}


def test_2025_swap_saturday_26_april_worked_friday_2_may_off():
    assert CAL.is_working_day(date(2025, 4, 26)) is True
    assert CAL.is_working_day(date(2025, 5, 2)) is False
    assert CAL.day_off_name(date(2025, 5, 2)) == "Ngày nghỉ (thay cho ngày 26/04/2025)"


def test_culture_day_is_a_holiday_from_2026_only():
    assert CAL.is_working_day(date(2025, 11, 24)) is True  # Monday, before the new holiday
    assert CAL.is_working_day(date(2026, 11, 24)) is False  # Tuesday


# --- WorkCalendar ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # Tết 2026: Mon 16 – Fri 20 Feb off.
        (date(2026, 2, 13), 1, date(2026, 2, 23)),
        (date(2026, 2, 13), 3, date(2026, 2, 25)),
        (date(2026, 2, 12), 1, date(2026, 2, 13)),
        # Hùng Kings on Sunday 26 Apr 2026, observed Monday 27; then 30/4 and 1/5.
        (date(2026, 4, 24), 1, date(2026, 4, 28)),
        (date(2026, 4, 24), 3, date(2026, 5, 4)),
        (date(2026, 4, 29), 1, date(2026, 5, 4)),
        # National Day 2026 with the swap: Sat 22 Aug worked, Sat 29 Aug – Wed 2 Sep off.
        (date(2026, 8, 21), 1, date(2026, 8, 22)),
        (date(2026, 8, 20), 2, date(2026, 8, 22)),
        (date(2026, 8, 28), 1, date(2026, 9, 3)),
        # Vietnam Culture Day, Tuesday 24 Nov 2026.
        (date(2026, 11, 23), 1, date(2026, 11, 25)),
        # n = 0: the day itself if it is a working day, else the next one.
        (date(2026, 2, 13), 0, date(2026, 2, 13)),
        (date(2026, 2, 14), 0, date(2026, 2, 23)),
        (date(2026, 8, 22), 0, date(2026, 8, 22)),
    ],
)
def test_add_working_days(start, n, expected):
    assert CAL.add_working_days(start, n) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (date(2026, 2, 13), date(2026, 2, 25), 3),
        (date(2026, 2, 13), date(2026, 2, 13), 0),
        (date(2026, 2, 25), date(2026, 2, 13), -3),
        # (21 Aug, 4 Sep]: Sat 22, Mon 24 – Fri 28, Thu 3, Fri 4.
        (date(2026, 8, 21), date(2026, 9, 4), 8),
    ],
)
def test_working_days_between(a, b, expected):
    assert CAL.working_days_between(a, b) == expected


def test_next_working_day_is_strictly_after():
    assert CAL.next_working_day(date(2026, 2, 23)) == date(2026, 2, 24)
    assert CAL.next_working_day(date(2026, 8, 21)) == date(2026, 8, 22)
    assert CAL.roll_forward(date(2026, 4, 25)) == date(2026, 4, 28)


def test_arithmetic_outside_the_calendar_is_refused():
    with pytest.raises(OutsideCalendar):
        CAL.add_working_days(date(2030, 12, 20), 30)
    with pytest.raises(OutsideCalendar):
        CAL.is_working_day(date(2023, 12, 31))


def test_a_day_cannot_be_both_off_and_worked():
    with pytest.raises(ValueError, match="both off and worked"):
        WorkCalendar(days_off={date(2026, 8, 22): "x"}, extra_working_days=frozenset({date(2026, 8, 22)}))


def test_calendar_is_immutable():
    with pytest.raises(TypeError):
        CAL.days_off[date(2026, 3, 3)] = "x"  # type: ignore[index]


# --- receipt -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received_at", "online", "expected"),
    [
        (at(2026, 3, 14, 10), True, date(2026, 3, 16)),  # online on Saturday → Monday
        (at(2026, 3, 13, 17, 30), True, date(2026, 3, 16)),  # online Friday after closing
        (at(2026, 3, 16, 6, 0), True, date(2026, 3, 16)),  # online before opening: same day
        (at(2026, 3, 16, 12, 0), True, date(2026, 3, 16)),  # online at lunch: same day
        (at(2026, 8, 22, 10), True, date(2026, 8, 22)),  # a make-up Saturday is a working day
        (at(2026, 2, 13, 18), True, date(2026, 2, 23)),  # Friday evening before Tết
        (at(2026, 3, 13, 17, 30), False, date(2026, 3, 13)),  # at the desk: the day received
        (at(2026, 3, 14, 9), False, date(2026, 3, 16)),  # desk open on Saturday: rolled
    ],
)
def test_receipt_date(received_at, online, expected):
    assert receipt_date(received_at, online=online, calendar=CAL) == expected


def test_online_receipt_moment_is_the_next_opening():
    moment = receipt_moment(at(2026, 3, 14, 10), online=True, calendar=CAL)
    assert moment == at(2026, 3, 16, 7, 30)
    lunch = receipt_moment(at(2026, 3, 16, 12, 0), online=True, calendar=CAL)
    assert lunch == at(2026, 3, 16, 13, 30)


def test_moments_in_utc_are_read_in_local_time():
    # 18:00 UTC on Monday 16 March is 01:00 on Tuesday 17 March in Hà Nội.
    received = datetime(2026, 3, 16, 18, 0, tzinfo=UTC)
    assert receipt_date(received, online=False, calendar=CAL) == date(2026, 3, 17)
    assert receipt_date(received, online=True, calendar=CAL) == date(2026, 3, 17)


def test_naive_moments_are_refused():
    with pytest.raises(ValueError, match="aware"):
        receipt_date(datetime(2026, 3, 16, 9), online=False, calendar=CAL)


# --- appointment -------------------------------------------------------------------------


def test_three_working_days_over_tet():
    assert appointment_date(at(2026, 2, 13, 9), 3, "working_days", online=False, calendar=CAL) == date(
        2026, 2, 25
    )


def test_day_of_receipt_is_not_counted_whatever_the_hour():
    for hour in (7, 9, 16, 20):
        received = at(2026, 3, 16, hour)
        assert appointment_date(received, 1, "working_days", online=False, calendar=CAL) == date(2026, 3, 17)


def test_online_on_saturday_counts_from_monday():
    assert appointment_date(at(2026, 3, 14, 10), 1, "working_days", online=True, calendar=CAL) == date(
        2026, 3, 17
    )


def test_online_after_closing_counts_from_the_next_working_day():
    received = at(2026, 3, 16, 17, 30)
    assert appointment_date(received, 2, "working_days", online=True, calendar=CAL) == date(2026, 3, 19)
    assert appointment_date(received, 2, "working_days", online=False, calendar=CAL) == date(2026, 3, 18)


@pytest.mark.parametrize(
    ("received_at", "online", "expected"),
    [
        (at(2026, 3, 16, 14, 59), False, date(2026, 3, 16)),
        (at(2026, 3, 16, 15, 0), False, date(2026, 3, 17)),
        (at(2026, 3, 16, 16, 0), False, date(2026, 3, 17)),
        (at(2026, 2, 13, 16, 0), False, date(2026, 2, 23)),  # Friday before Tết
        (at(2026, 3, 14, 9, 0), False, date(2026, 3, 16)),  # desk open on Saturday
        (at(2026, 3, 14, 9, 0), True, date(2026, 3, 16)),
        (at(2026, 3, 16, 18, 0), True, date(2026, 3, 17)),  # online evening → next morning
    ],
)
def test_within_the_day(received_at, online, expected):
    assert appointment_date(received_at, 1, "within_day", online=online, calendar=CAL) == expected


@pytest.mark.parametrize(
    ("received_at", "hours", "expected"),
    [
        (at(2026, 3, 16, 9), 4, date(2026, 3, 16)),  # 4 h = half the day's 7.5 h: 14:45
        (at(2026, 3, 16, 9), 8, date(2026, 3, 17)),  # 8 h = one working day
        (at(2026, 3, 16, 16, 30), 4, date(2026, 3, 17)),
        (at(2026, 3, 13, 16, 30), 4, date(2026, 3, 16)),  # Friday → Monday
        (at(2026, 2, 13, 16, 30), 16, date(2026, 2, 24)),  # over Tết
        (at(2026, 3, 14, 9), 4, date(2026, 3, 16)),  # desk on Saturday: from Monday's opening
    ],
)
def test_limits_in_hours_walk_office_hours(received_at, hours, expected):
    assert appointment_date(received_at, hours, "hours", online=False, calendar=CAL) == expected


def test_fractional_days_end_inside_the_last_day():
    received = at(2026, 3, 16, 9)
    assert appointment_date(received, D("2.5"), "working_days", online=False, calendar=CAL) == date(
        2026, 3, 19
    )


def test_unknown_unit_is_refused():
    with pytest.raises(ValueError, match="unit"):
        appointment_date(at(2026, 3, 16), 1, "weeks", online=False, calendar=CAL)


def test_walk_ends_at_closing_time_not_next_opening():
    assert walk_working_time(at(2026, 3, 16, 7, 30), D(1), calendar=CAL) == at(2026, 3, 16, 17)
    assert walk_working_time(at(2026, 3, 16, 9), D("0.5"), calendar=CAL) == at(2026, 3, 16, 14, 45)
    assert walk_working_time(at(2026, 3, 16, 9), D(0), calendar=CAL) == at(2026, 3, 16, 9)


def test_office_hours_are_configurable():
    hours = OfficeHours(sessions=((time(8), time(12)), (time(13), time(17))), same_day_cutoff=time(16))
    received = at(2026, 3, 16, 15, 30)
    assert appointment_date(received, 1, "within_day", online=False, calendar=CAL, hours=hours) == date(
        2026, 3, 16
    )
    assert walk_working_time(at(2026, 3, 16, 8), D("0.25"), calendar=CAL, hours=hours) == at(2026, 3, 16, 10)


def test_office_sessions_must_be_ordered():
    with pytest.raises(ValueError, match="sessions"):
        OfficeHours(sessions=((time(13), time(17)), (time(8), time(12))))


# --- pauses and extension ----------------------------------------------------------------


def test_a_pause_pushes_the_appointment_by_its_working_days():
    # Supplement requested Mon 23 Feb, supplied Wed 25 Feb: Tue and Wed off the clock.
    pauses = [(date(2026, 2, 23), date(2026, 2, 25))]
    assert extend(date(2026, 2, 25), pauses=pauses, calendar=CAL) == date(2026, 2, 27)


def test_a_pause_over_holidays_costs_only_its_working_days():
    pauses = [(date(2026, 2, 13), date(2026, 2, 23))]  # Tết inside: only Mon 23 counts
    assert extend(date(2026, 2, 25), pauses=pauses, calendar=CAL) == date(2026, 2, 26)


def test_a_same_day_pause_costs_nothing():
    assert extend(date(2026, 2, 25), pauses=[(date(2026, 2, 24), date(2026, 2, 24))], calendar=CAL) == date(
        2026, 2, 25
    )


def test_overlapping_pauses_count_each_day_once():
    pauses = [(date(2026, 3, 2), date(2026, 3, 4)), (date(2026, 3, 3), date(2026, 3, 5))]
    assert extend(date(2026, 3, 10), pauses=pauses, calendar=CAL) == date(2026, 3, 13)


def test_several_pauses_add_up():
    pauses = [(date(2026, 3, 2), date(2026, 3, 3)), (date(2026, 3, 9), date(2026, 3, 11))]
    assert extend(date(2026, 3, 20), pauses=pauses, calendar=CAL) == date(2026, 3, 25)


def test_a_pause_cannot_end_before_it_starts():
    with pytest.raises(ValueError, match="pause"):
        extend(date(2026, 3, 20), pauses=[(date(2026, 3, 5), date(2026, 3, 4))], calendar=CAL)


# --- process steps -----------------------------------------------------------------------


def test_steps_share_the_working_days_after_receipt():
    budgets = [D("0.25"), D("1.5"), D(1), D("0.25")]
    assert step_deadlines(date(2026, 2, 13), budgets, CAL) == [
        date(2026, 2, 23),
        date(2026, 2, 24),
        date(2026, 2, 25),
        date(2026, 2, 25),
    ]


def test_steps_of_an_hours_limit_walk_from_the_moment_of_receipt():
    received = at(2026, 3, 2, 9)
    due = step_deadlines(received, [D("0.125"), D("0.25"), D("0.125")], CAL)
    assert due == [date(2026, 3, 2)] * 3
    assert due[-1] == appointment_date(received, 4, "hours", online=False, calendar=CAL)


def test_steps_of_a_within_the_day_procedure_are_capped_at_its_appointment():
    received = at(2026, 2, 13, 9)
    appointment = appointment_date(received, 1, "within_day", online=False, calendar=CAL)
    due = step_deadlines(date(2026, 2, 13), [D("0.5"), D("0.5")], CAL, not_after=appointment)
    assert due == [date(2026, 2, 13), date(2026, 2, 13)]


# --- status and outcome ------------------------------------------------------------------


def test_status_of_open_work():
    due = date(2026, 2, 25)
    assert status_on(date(2026, 2, 25), due) == "within_time"
    assert status_on(date(2026, 2, 26), due) == "late"
    assert status_on(at(2026, 2, 25, 23, 59), due) == "within_time"


@pytest.mark.parametrize(
    ("finished", "expected"),
    [
        (date(2026, 2, 24), "early"),
        (date(2026, 2, 25), "on_time"),
        (date(2026, 2, 26), "late"),
        (at(2026, 2, 25, 23, 59), "on_time"),
    ],
)
def test_outcome(finished, expected):
    assert outcome(finished, date(2026, 2, 25)) == expected


def test_outcome_reads_a_utc_moment_in_local_time():
    # 17:30 UTC on the 25th is 00:30 on the 26th in Hà Nội.
    assert outcome(datetime(2026, 2, 25, 17, 30, tzinfo=UTC), date(2026, 2, 25)) == "late"
    assert outcome(datetime(2026, 2, 25, 16, 59, tzinfo=UTC), date(2026, 2, 25)) == "on_time"


# --- properties --------------------------------------------------------------------------

days_in_calendar = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31))
moments = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2027, 12, 31)).map(
    lambda naive: naive.replace(tzinfo=LOCAL_TIME)
)


@settings(max_examples=300)
@given(start=days_in_calendar, n=st.integers(min_value=1, max_value=400))
def test_add_working_days_lands_on_a_working_day_n_working_days_later(start, n):
    result = CAL.add_working_days(start, n)
    assert CAL.is_working_day(result)
    assert CAL.working_days_between(start, result) == n


@settings(max_examples=200)
@given(start=days_in_calendar, n=st.integers(min_value=1, max_value=300))
def test_add_working_days_is_strictly_increasing(start, n):
    assert start < CAL.add_working_days(start, n) < CAL.add_working_days(start, n + 1)


@given(start=days_in_calendar)
def test_zero_days_is_the_first_working_day_from_start(start):
    # On a day off, 0 and 1 working days meet on the same next working day.
    zero = CAL.add_working_days(start, 0)
    assert start <= zero <= CAL.add_working_days(start, 1)
    assert CAL.is_working_day(zero)
    assert (zero == start) is CAL.is_working_day(start)


@given(a=days_in_calendar, b=days_in_calendar, c=days_in_calendar)
def test_working_days_between_adds_up(a, b, c):
    assert CAL.working_days_between(a, b) + CAL.working_days_between(b, c) == CAL.working_days_between(a, c)


@st.composite
def split(draw, total_units: int) -> list[int]:
    """``total_units`` cut into a few non-negative parts, in order."""
    cuts = sorted(draw(st.lists(st.integers(0, total_units), max_size=5)))
    bounds = [0, *cuts, total_units]
    return [b - a for a, b in pairwise(bounds)]


@settings(max_examples=200)
@given(data=st.data(), received_at=moments, online=st.booleans(), limit=st.integers(1, 60))
def test_steps_in_quarter_days_end_on_the_appointment(data, received_at, online, limit):
    budgets = [D(quarters) / 4 for quarters in data.draw(split(limit * 4))]
    start = receipt_date(received_at, online=online, calendar=CAL)
    due = step_deadlines(start, budgets, CAL)
    assert due == sorted(due)
    assert due[-1] == appointment_date(received_at, limit, "working_days", online=online, calendar=CAL)


@settings(max_examples=200)
@given(data=st.data(), received_at=moments, online=st.booleans(), limit=st.integers(1, 40))
def test_steps_in_hours_end_on_the_appointment(data, received_at, online, limit):
    budgets = [D(hours) / 8 for hours in data.draw(split(limit))]
    start = receipt_moment(received_at, online=online, calendar=CAL)
    due = step_deadlines(start, budgets, CAL)
    assert due == sorted(due)
    assert due[-1] == appointment_date(received_at, limit, "hours", online=online, calendar=CAL)


@given(received_at=moments, online=st.booleans(), limit=st.integers(0, 60))
def test_the_appointment_is_a_working_day_not_before_receipt(received_at, online, limit):
    received = receipt_date(received_at, online=online, calendar=CAL)
    appointment = appointment_date(received_at, limit, "working_days", online=online, calendar=CAL)
    assert CAL.is_working_day(appointment)
    assert CAL.working_days_between(received, appointment) == limit
