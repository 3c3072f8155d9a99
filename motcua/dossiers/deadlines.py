"""Working days and dossier deadlines (domain.md §6); pure: no models, no database.

A ``WorkCalendar`` answers "is this a working day?" from data handed to it (the national
holidays and the province's swaps, assembled by ``motcua.dossiers.calendar``); the rest
are the counting rules: when a dossier counts as received, its appointment date
(*ngày hẹn trả*), how pauses push it, the due date of each process step, and whether work
was early, on time or late. Office hours are injected so a province can change them.

Two ways of counting time meet here:

- **Days.** The day of receipt is not counted (Civil Code Art. 147): a limit of N working
  days ends on the N-th working day after the receipt date, whatever the hour of receipt.
- **Hours.** A limit in working hours runs from the moment of receipt through the office
  sessions. A working day is 8 legal hours (the catalog's ``HOURS_PER_DAY``) however long
  the sessions are, so time is walked as a fraction of a working day: 4 hours is half of
  the day's sessions, and a limit written as 8 hours behaves like one written as 1 day.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_CEILING, Decimal
from types import MappingProxyType
from typing import Literal
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _

from motcua.catalog.types import TimeUnit
from motcua.core.errors import InvalidInput

HOURS_PER_DAY = Decimal(8)
LOCAL_TIME = ZoneInfo("Asia/Ho_Chi_Minh")
ONE_DAY = timedelta(days=1)
SATURDAY = 5

OpenStatus = Literal["within_time", "late"]
Outcome = Literal["early", "on_time", "late"]


class OutsideCalendar(InvalidInput):
    # Beyond the years the calendar was built for we do not know the holidays; a silent
    # "no holidays" answer would give a wrong appointment date, so we refuse instead.
    code = "calendar.out_of_range"
    default_message = _("%(value)s is outside the working-day calendar, which covers %(first)s to %(last)s.")


@dataclass(frozen=True)
class WorkCalendar:
    """Monday–Friday minus ``days_off``, plus ``extra_working_days`` (make-up weekend days).

    ``days_off`` maps a date to the name of the holiday (in Vietnamese, for the slips);
    it may contain weekend dates (a holiday on a Sunday), which changes nothing. The
    calendar knows the holidays only from ``first`` to ``last``.
    """

    days_off: Mapping[date, str] = field(default_factory=dict, hash=False)
    extra_working_days: frozenset[date] = frozenset()
    first: date = date.min
    last: date = date.max

    def __post_init__(self) -> None:
        # Frozen means frozen: nobody may add a holiday to a calendar others share.
        object.__setattr__(self, "days_off", MappingProxyType(dict(self.days_off)))
        object.__setattr__(self, "extra_working_days", frozenset(self.extra_working_days))
        both = self.extra_working_days & self.days_off.keys()
        if both:
            raise ValueError(f"days both off and worked: {sorted(both)}")

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last

    def is_working_day(self, day: date) -> bool:
        self._check(day)
        if day in self.extra_working_days:
            return True
        return day.weekday() < SATURDAY and day not in self.days_off

    def day_off_name(self, day: date) -> str | None:
        """The holiday's name, or None (a plain weekend has no name)."""
        return self.days_off.get(day)

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        return self.roll_forward(self._step(day))

    def roll_forward(self, day: date) -> date:
        """``day`` itself when it is a working day, else the next working day."""
        while not self.is_working_day(day):
            day = self._step(day)
        return day

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after ``start`` (``start`` itself not counted).

        n = 0 gives ``start`` if it is a working day, else the next working day: a date
        that is "0 working days away" must still be one on which an office is open.
        """
        if n < 0:
            raise ValueError("n must be zero or more")
        day = self.roll_forward(start)
        if n == 0:
            return day
        if day == start:
            day = self.next_working_day(day)
        for _counted in range(n - 1):
            day = self.next_working_day(day)
        return day

    def working_days_between(self, a: date, b: date) -> int:
        """Working days in (a, b]: a not counted, b counted; negative when b is before a."""
        if b < a:
            return -self.working_days_between(b, a)
        return sum(1 for day in _dates(a + ONE_DAY, b) if self.is_working_day(day))

    def _step(self, day: date) -> date:
        if day >= self.last:
            raise OutsideCalendar(value=day + ONE_DAY, first=self.first, last=self.last)
        return day + ONE_DAY

    def _check(self, day: date) -> None:
        if not self.covers(day):
            raise OutsideCalendar(value=day, first=self.first, last=self.last)


@dataclass(frozen=True)
class OfficeHours:
    """When the offices receive (local time), and the "within the day" cut-off."""

    sessions: tuple[tuple[time, time], ...] = ((time(7, 30), time(11, 30)), (time(13, 30), time(17, 0)))
    same_day_cutoff: time = time(15, 0)
    timezone: ZoneInfo = LOCAL_TIME

    def __post_init__(self) -> None:
        bounds = [moment for session in self.sessions for moment in session]
        if not self.sessions or bounds != sorted(bounds) or len(set(bounds)) != len(bounds):
            raise ValueError("sessions must be non-empty, ordered and not overlapping")

    def day_length(self) -> timedelta:
        return sum((_on(date.min, end) - _on(date.min, start) for start, end in self.sessions), timedelta())

    def local(self, moment: datetime) -> datetime:
        if moment.tzinfo is None:
            raise ValueError("a moment of receipt must be an aware datetime")
        return moment.astimezone(self.timezone)

    def windows(self, day: date) -> Iterator[tuple[datetime, datetime]]:
        for start, end in self.sessions:
            yield _on(day, start, self.timezone), _on(day, end, self.timezone)


OFFICE_HOURS = OfficeHours()


def receipt_moment(
    received_at: datetime, *, online: bool, calendar: WorkCalendar, hours: OfficeHours = OFFICE_HOURS
) -> datetime:
    """When the clock starts (local time).

    At the desk it is the moment the official received the dossier. Online, a submission
    outside office hours waits for the next opening: after closing or on a day off that is
    the next working day; before opening (or at lunch) it is later the same working day.
    """
    moment = hours.local(received_at)
    if not online:
        return moment
    return _next_open_moment(moment, calendar, hours)


def receipt_date(
    received_at: datetime, *, online: bool, calendar: WorkCalendar, hours: OfficeHours = OFFICE_HOURS
) -> date:
    """The date of receipt: the day not counted. A desk receipt on a day off rolls forward."""
    moment = receipt_moment(received_at, online=online, calendar=calendar, hours=hours)
    return calendar.roll_forward(moment.date())


def appointment_date(
    received_at: datetime,
    time_limit_value: Decimal | int | float,
    time_limit_unit: str,
    *,
    online: bool,
    calendar: WorkCalendar,
    hours: OfficeHours = OFFICE_HOURS,
) -> date:
    """The appointment date (ngày hẹn trả) for a complete dossier received at ``received_at``."""
    value = Decimal(str(time_limit_value))  # str: a float 0.1 must not become 0.1000000000000000055
    if value < 0:
        raise ValueError("a time limit cannot be negative")
    moment = receipt_moment(received_at, online=online, calendar=calendar, hours=hours)
    if time_limit_unit == TimeUnit.WITHIN_DAY:
        return _within_day(moment, calendar, hours)
    if time_limit_unit == TimeUnit.HOURS:
        return walk_working_time(moment, value / HOURS_PER_DAY, calendar=calendar, hours=hours).date()
    if time_limit_unit == TimeUnit.WORKING_DAYS:
        # A fractional limit (2.5 days) ends inside its third day, so it is due that day:
        # the same rule as the process steps, whose budgets add up to the limit.
        return calendar.add_working_days(calendar.roll_forward(moment.date()), math.ceil(value))
    raise ValueError(f"unknown time limit unit {time_limit_unit!r}")


def _within_day(moment: datetime, calendar: WorkCalendar, hours: OfficeHours) -> date:
    # Received before the cut-off on a working day: due that day; otherwise the next one.
    day = moment.date()
    if calendar.is_working_day(day) and moment.time() < hours.same_day_cutoff:
        return day
    return calendar.next_working_day(day)


def walk_working_time(
    start: datetime, days: Decimal, *, calendar: WorkCalendar, hours: OfficeHours = OFFICE_HOURS
) -> datetime:
    """The moment ``days`` working days (fractions allowed) after ``start``, through office hours.

    Time ending exactly at a session's close stays there (17:00), rather than jumping to
    the next opening, so a whole day from 07:30 ends the same evening.
    """
    if days < 0:
        raise ValueError("days must be zero or more")
    moment = hours.local(start)
    remaining = _microseconds(hours.day_length()) * days
    left = timedelta(microseconds=int(remaining.to_integral_value(rounding=ROUND_CEILING)))
    if not left:
        return moment
    day = moment.date()
    while True:
        if calendar.is_working_day(day):
            for opens, closes in hours.windows(day):
                begin = max(opens, moment)
                if begin >= closes:
                    continue
                if left <= closes - begin:
                    return begin + left
                left -= closes - begin
        day = calendar.next_working_day(day)


def _next_open_moment(moment: datetime, calendar: WorkCalendar, hours: OfficeHours) -> datetime:
    day = moment.date()
    if calendar.is_working_day(day):
        for opens, closes in hours.windows(day):
            if moment < closes:
                return max(opens, moment)
    opens, _closes = next(hours.windows(calendar.next_working_day(day)))
    return opens


def extend(appointment: date, *, pauses: Sequence[tuple[date, date]], calendar: WorkCalendar) -> date:
    """The appointment pushed by the pauses (supplement requested, suspended).

    A pause from ``a`` to ``b`` takes the working days in (a, b] off the clock, the same
    "first day not counted" rule as everywhere else, so a pause requested and answered the
    same day costs nothing. Overlapping pauses are merged: a day is only paused once.
    A Form 04 extension is not a pause: it sets a new date, which the caller passes as
    ``appointment`` together with the pauses that came after it.
    """
    paused = sum(calendar.working_days_between(a, b) for a, b in _merged(pauses))
    if not paused:
        return appointment
    return calendar.add_working_days(appointment, paused)


def _merged(pauses: Iterable[tuple[date, date]]) -> list[tuple[date, date]]:
    merged: list[tuple[date, date]] = []
    for begin, end in sorted(pauses):
        if end < begin:
            raise ValueError(f"a pause cannot end before it starts: {begin} → {end}")
        if merged and begin <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((begin, end))
    return merged


def step_deadlines(
    start: date | datetime,
    budgets_in_days: Sequence[Decimal | int | float],
    calendar: WorkCalendar,
    *,
    hours: OfficeHours = OFFICE_HOURS,
    not_after: date | None = None,
) -> list[date]:
    """The due date of each process step, the budgets taken one after the other.

    From a receipt *date* (limits in days), the steps share the working days after it: a
    step whose running total ends inside day k (0.25 = 2 hours into it) is due on day k, so
    when the budgets add up to the time limit the last step is due on the appointment date.
    From a receipt *moment* (limits in hours) the running totals are walked through office
    hours. ``not_after`` caps every step at the dossier's appointment ("within the day").
    """
    due: list[date] = []
    total = Decimal(0)
    for budget in budgets_in_days:
        if budget < 0:
            raise ValueError("a step's budget cannot be negative")
        total += Decimal(str(budget))
        if isinstance(start, datetime):
            day = walk_working_time(start, total, calendar=calendar, hours=hours).date()
        else:
            day = calendar.add_working_days(start, math.ceil(total))
        due.append(min(day, not_after) if not_after else day)
    return due


def status_on(when: date | datetime, due: date, *, hours: OfficeHours = OFFICE_HOURS) -> OpenStatus:
    """For open work: late once the due date has passed, within time until its end."""
    return "late" if _local_date(when, hours) > due else "within_time"


def outcome(finished_on: date | datetime, due: date, *, hours: OfficeHours = OFFICE_HOURS) -> Outcome:
    """Finished before the appointment date: early; on it: on time; after it: late."""
    day = _local_date(finished_on, hours)
    if day < due:
        return "early"
    return "on_time" if day == due else "late"


def _local_date(when: date | datetime, hours: OfficeHours) -> date:
    # A datetime is a date only once we know where: 23:30 UTC is already tomorrow in Hà Nội.
    return hours.local(when).date() if isinstance(when, datetime) else when


def _on(day: date, at: time, tz: ZoneInfo | None = None) -> datetime:
    return datetime.combine(day, at, tzinfo=tz)


def _microseconds(delta: timedelta) -> Decimal:
    return Decimal(delta // timedelta(microseconds=1))


def _dates(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += ONE_DAY
