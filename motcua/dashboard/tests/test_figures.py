"""Headline figures and months, as pure functions over counts."""

from datetime import date

from motcua.dashboard.figures import headlines, months_between
from motcua.reporting.indicators import Counts


def test_months_cross_the_new_year():
    assert months_between(date(2025, 12, 15), date(2026, 2, 1)) == [
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]


def test_headline_shares_and_missing_bases():
    counts = Counts(received=20, received_online=5, finished=10, finished_on_time=7, finished_late=3,
                    satisfaction_bad=4, processed=0, e_results=0)  # fmt: skip
    found = {f.key: f for f in headlines(counts)}
    assert (found["online"].count, found["online"].ratio) == (5, 0.25)
    assert (found["on_time"].ratio, found["late"].ratio) == (0.7, 0.3)
    assert (found["satisfaction"].count, found["satisfaction"].ratio) == (6, 0.6)
    assert found["e_results"].ratio is None  # no result issued: missing, not 0 %
    assert found["received"].base is None and found["received"].ratio is None
