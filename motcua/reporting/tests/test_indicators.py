"""The formulas of Decision 766 (domain.md §7), by hand and as properties."""

from dataclasses import fields

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.reporting.indicators import DEFINITIONS, Counts, compute_index, points_for


def test_weights_add_up_to_one_hundred_in_six_groups():
    index = compute_index(Counts())
    assert index.max_points == 100
    assert {g.key: g.max_points for g in index.groups} == {
        "transparency": 18,
        "progress": 20,
        "online": 12,
        "payment": 10,
        "satisfaction": 18,
        "digitisation": 22,
    }


def test_an_empty_period_has_no_score_rather_than_zero():
    index = compute_index(Counts())
    assert index.points is None and index.score is None
    assert all(g.points is None for g in index.groups)
    progress = index.indicator("progress.on_time")
    assert (progress.ratio, progress.points, progress.missing_reason) == (None, None, "no data")


def test_on_time_rate_counts_finished_and_open_dossiers():
    # 8 finished of which 6 on time; 4 still open of which 3 within time → (6 + 3) / (8 + 4)
    counts = Counts(finished=8, finished_on_time=6, finished_late=2, open=4, open_within_time=3)
    value = compute_index(counts).indicator("progress.on_time")
    assert (value.numerator, value.denominator) == (9, 12)
    assert value.points == pytest.approx(15.0)


def test_online_share_earns_full_points_at_half():
    index = compute_index(Counts(received=10, received_online=5))
    assert index.indicator("online.dossiers_online").points == 4
    assert compute_index(Counts(received=10, received_online=2)).indicator(
        "online.dossiers_online"
    ).points == (pytest.approx(1.6))


def test_satisfaction_subtracts_unsatisfied_and_late_once():
    # 10 finished: 2 rated not satisfied, 3 late, 1 of them both → bad = 4 → 6 / 10, full at 90 %
    counts = Counts(finished=10, satisfaction_bad=4, rated_unsatisfied=2, finished_late=3)
    value = compute_index(counts).indicator("satisfaction.dossiers")
    assert (value.numerator, value.denominator) == (6, 10)
    assert value.points == pytest.approx(6 * 0.6 / 0.9, abs=1e-3)


def test_payment_and_digitisation_ratios():
    counts = Counts(
        received=20, with_fees=10, paid_online=4, digitised=5, reused=16, from_store=2, from_population=14,
        processed=8, e_results=6,
    )  # fmt: skip
    index = compute_index(counts)
    assert index.indicator("payment.paid_online").points == pytest.approx(2.4)
    assert index.indicator("digitisation.digitised").points == pytest.approx(1.0)
    assert index.indicator("digitisation.reuse").points == 2  # 80 % is full
    assert index.indicator("digitisation.personal_store").points == pytest.approx(0.4)
    assert index.indicator("digitisation.population_db").points == pytest.approx(1.4)
    assert index.indicator("digitisation.e_results").points == pytest.approx(4.5)


def test_missing_indicators_say_why_and_do_not_count_in_the_maximum():
    index = compute_index(Counts(received=4, received_online=4))
    synced = index.indicator("transparency.synced_real_time")
    assert synced.points is None and "national portal" in synced.missing_reason
    transparency = next(g for g in index.groups if g.key == "transparency")
    assert transparency.points is None and transparency.max_available == 0
    # online 4/4 (4 points) + digitisation received-based (0 of 12): 4 of 16 → 25
    assert index.max_available == 16 and index.score == 25.0


def test_weights_are_configuration():
    counts = Counts(finished=10, finished_on_time=5)
    index = compute_index(counts, overrides={"progress.on_time": {"points": 40}})
    assert index.indicator("progress.on_time").points == 20
    assert index.max_points == 120


@given(st.floats(0, 1), st.floats(0.1, 1), st.floats(0, 50))
def test_points_never_exceed_the_maximum_and_grow_with_the_ratio(ratio, full_at, max_points):
    points = points_for(ratio, max_points=max_points, full_at=full_at)
    assert 0 <= points <= max_points + 1e-4
    assert points_for(min(1.0, ratio + 0.1), max_points=max_points, full_at=full_at) >= points - 1e-9
    if ratio >= full_at:
        assert points == pytest.approx(max_points, abs=1e-4)


def _consistent_counts():
    @st.composite
    def build(draw):
        received = draw(st.integers(0, 500))
        finished = draw(st.integers(0, 500))
        on_time = draw(st.integers(0, finished))
        open_ = draw(st.integers(0, 500))
        values = {
            "received": received,
            "received_online": draw(st.integers(0, received)),
            "digitised": draw(st.integers(0, received)),
            "with_fees": (fees := draw(st.integers(0, received))),
            "paid_online": draw(st.integers(0, fees)),
            "finished": finished,
            "finished_on_time": on_time,
            "finished_late": finished - on_time,
            "satisfaction_bad": draw(st.integers(0, finished)),
            "open": open_,
            "open_within_time": draw(st.integers(0, open_)),
        }
        return Counts(**values)

    return build()


@given(_consistent_counts())
def test_every_score_stays_within_its_bounds(counts):
    index = compute_index(counts)
    for group in index.groups:
        for value in group.indicators:
            if value.points is not None:
                assert 0 <= value.ratio <= 1
                assert 0 <= value.points <= value.max_points
            else:
                assert value.ratio is None
    if index.score is not None:
        assert 0 <= index.score <= 100


@given(_consistent_counts(), _consistent_counts())
def test_counts_add_field_by_field(a, b):
    total = a + b
    for field in fields(Counts):
        assert getattr(total, field.name) == getattr(a, field.name) + getattr(b, field.name)


def test_each_indicator_states_its_rule():
    for definition in DEFINITIONS:
        assert definition.numerator and definition.denominator and definition.period_rule
        assert definition.ratio is not None or definition.missing_reason
