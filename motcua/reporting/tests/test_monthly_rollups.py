"""Month rows: always the day rows summed by month, and periods read across both give the raw figures."""

from collections import defaultdict
from datetime import date, timedelta

import pytest

from motcua.core import clock
from motcua.dossiers import services as dossier_services
from motcua.dossiers.models import Dossier
from motcua.reporting import rollups
from motcua.reporting.models import DAILY_COUNTS, DailyRollup, MonthlyAgencyRollup, MonthlyRollup
from motcua.reporting.selectors import Filters, counts_by, counts_for, province_scope
from motcua.reporting.sums import whole_months
from motcua.reporting.tests.test_rollups import _admin, raw_counts

pytestmark = pytest.mark.django_db

KEY = ("agency_id", "unit_id", "procedure_id", "channel", "online_level")
AGENCY_KEY = ("agency_id", "unit_id", "channel", "online_level")


def _daily_by_month(keep: tuple[str, ...] = KEY) -> dict[tuple, list[int]]:
    months: dict[tuple, list[int]] = defaultdict(lambda: [0] * len(DAILY_COUNTS))
    for row in DailyRollup.objects.values("day", *keep, *DAILY_COUNTS):
        target = months[(row["day"].replace(day=1), *(row[name] for name in keep))]
        for position, name in enumerate(DAILY_COUNTS):
            target[position] += row[name]
    return {key: counts for key, counts in months.items() if any(counts)}


def _monthly() -> dict[tuple, list[int]]:
    return {
        (row["month"], *(row[name] for name in KEY)): [row[name] for name in DAILY_COUNTS]
        for row in MonthlyRollup.objects.values("month", *KEY, *DAILY_COUNTS)
    }


def _by_agency() -> dict[tuple, list[int]]:
    return {
        (row["month"], *(row[name] for name in AGENCY_KEY)): [row[name] for name in DAILY_COUNTS]
        for row in MonthlyAgencyRollup.objects.values("month", *AGENCY_KEY, *DAILY_COUNTS)
    }


def test_month_rows_are_the_day_rows_summed_after_the_job_and_after_a_rebuild(demo):
    rollups.process_new_events(limit=100)
    assert MonthlyRollup.objects.count() > 5
    assert _monthly() == _daily_by_month()
    assert _by_agency() == _daily_by_month(keep=AGENCY_KEY)
    dossier = Dossier.objects.filter(status="processing", supplement_requests=0).order_by("id").first()
    dossier_services.withdraw_dossier(dossier=dossier, by=_admin(), reason="Người nộp rút hồ sơ")
    rollups.process_new_events()
    assert _monthly() == _daily_by_month()
    assert _by_agency() == _daily_by_month(keep=AGENCY_KEY)
    rollups.rebuild()
    assert _monthly() == _daily_by_month()
    assert _by_agency() == _daily_by_month(keep=AGENCY_KEY)


def test_periods_cut_inside_months_read_months_and_edge_days_like_the_raw_figures(demo):
    rollups.rebuild()
    today = clock.today()
    start, end = today - timedelta(days=200), today - timedelta(days=3)
    assert start.day != 1 and whole_months(start, end) is not None  # edges on both sides
    assert counts_for(Filters(start=start, end=end), province_scope()) == raw_counts(start, end)
    by_unit = counts_by(Filters(start=start, end=end), province_scope(), by="unit")
    assert by_unit
    for unit_id, counts in by_unit.items():
        assert counts == raw_counts(start, end, competent_agency__unit_id=unit_id)


def test_each_month_reads_the_same_from_month_rows_or_from_day_rows(demo):
    rollups.rebuild()
    today = clock.today()
    start = (today - timedelta(days=150)).replace(day=10)
    by_month = counts_by(Filters(start=start, end=today), province_scope(), by="month")
    assert start.replace(day=1) in by_month and today.replace(day=1) in by_month
    for month, counts in by_month.items():
        first, last = max(month, start), min(_month_end(month), today)
        assert counts == raw_counts(first, last), month


def _month_end(first: date) -> date:
    return (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


@pytest.mark.parametrize(
    ("start", "end", "whole"),
    [
        (date(2025, 7, 1), date(2025, 7, 31), (date(2025, 7, 1), date(2025, 7, 1))),
        (date(2025, 7, 2), date(2025, 8, 31), (date(2025, 8, 1), date(2025, 8, 1))),
        (date(2025, 7, 15), date(2025, 8, 14), None),
        (date(2025, 7, 1), date(2025, 7, 30), None),
        (date(2025, 12, 1), date(2026, 1, 31), (date(2025, 12, 1), date(2026, 1, 1))),
        (date(2025, 11, 2), date(2026, 2, 27), (date(2025, 12, 1), date(2026, 1, 1))),
        (date(2024, 2, 1), date(2024, 2, 29), (date(2024, 2, 1), date(2024, 2, 1))),
    ],
)
def test_whole_months_of_a_period_with_later_days_in_its_last_month(start, end, whole):
    _day_row(end + timedelta(days=1) if (end + timedelta(days=1)).day != 1 else end)
    assert whole_months(start, end) == whole


def test_the_last_month_is_whole_up_to_its_last_day_with_rows():
    """This month so far: nothing is dated after today, so its month rows are the period's."""
    assert whole_months(date(2025, 7, 1), date(2025, 8, 14)) == (date(2025, 7, 1), date(2025, 8, 1))
    assert whole_months(date(2025, 8, 2), date(2025, 8, 14)) is None
    _day_row(date(2025, 8, 20))  # a dossier received on a later day (an online one received next Monday)
    assert whole_months(date(2025, 7, 1), date(2025, 8, 14)) == (date(2025, 7, 1), date(2025, 7, 1))


def _day_row(day: date) -> None:
    DailyRollup.objects.create(day=day, agency_id=1, unit_id=1, procedure_id=1, channel="desk", received=1)
