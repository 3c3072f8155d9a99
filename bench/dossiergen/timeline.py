"""The calendar on an office-time axis: working days laid end to end, minute by minute."""

from __future__ import annotations

import bisect
import random
from datetime import date, datetime, timedelta

from dossiergen.shape import DAY, LOCAL, MORNING, OPENS, REOPENS


class Timeline:
    """Working days as indices; a moment is ``day index * DAY + office minute``."""

    def __init__(self, *, now: datetime, years: int) -> None:
        from motcua.dossiers.calendar import province_calendar

        calendar = province_calendar()
        local_now = now.astimezone(LOCAL)
        today = local_now.date()
        first = today - timedelta(days=round(365.25 * years))
        horizon = today + timedelta(days=2 * 365)  # appointments and late finishes run past today
        self.days: list[date] = []
        day = first
        while day <= horizon:
            if calendar.is_working_day(day):
                self.days.append(day)
            day += timedelta(days=1)
        self.midnights = [datetime(d.year, d.month, d.day, tzinfo=LOCAL) for d in self.days]
        self.today = bisect.bisect_right(self.days, today) - 1  # last working day up to today
        minutes = local_now.hour * 60 + local_now.minute + local_now.second / 60
        elapsed = _office_minutes(minutes) if self.days[self.today] == today else DAY
        self.now = self.today * DAY + elapsed

    def at(self, moment: float) -> datetime:
        day = int(moment // DAY)
        minute = moment - day * DAY
        clock = OPENS + minute if minute < MORNING else REOPENS + (minute - MORNING)
        return self.midnights[day] + timedelta(minutes=clock)

    def day_of(self, moment: float) -> int:
        return int(moment // DAY)


def _office_minutes(clock: float) -> float:
    if clock <= OPENS:
        return 0.0
    if clock <= OPENS + MORNING:
        return clock - OPENS
    if clock <= REOPENS:
        return float(MORNING)
    return min(MORNING + clock - REOPENS, float(DAY))


def daily_counts(timeline: Timeline, count: int, rng: random.Random) -> list[int]:
    """How many dossiers each working day receives: a slow upward trend, busier Mondays,
    quiet weeks around Tết (late January–February), noise; today only up to now."""
    last = timeline.today
    weights = []
    for index in range(last + 1):
        day = timeline.days[index]
        weight = 1.0 + 0.25 * index / max(last, 1)
        weight *= (1.2, 1.05, 1.0, 0.95, 0.85, 0.5, 0.4)[day.weekday()]
        if day.month == 2 or (day.month == 1 and day.day > 20):
            weight *= 0.7
        weight *= rng.lognormvariate(0, 0.15)
        weights.append(weight)
    weights[last] *= (timeline.now - last * DAY) / DAY
    total = sum(weights)
    exact = [count * w / total for w in weights]
    counts = [int(x) for x in exact]
    short = count - sum(counts)
    for index in sorted(range(len(exact)), key=lambda i: counts[i] - exact[i])[:short]:
        counts[index] += 1
    return counts
