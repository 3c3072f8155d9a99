from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.integrations.backoff import BASE, CAP, backoff_ceiling, backoff_delay

attempts = st.integers(min_value=1, max_value=10_000)
draws = st.floats(min_value=0.0, max_value=1.0, exclude_max=True)


def test_schedule_doubles_from_two_seconds_to_ten_minutes():
    ceilings = [backoff_ceiling(n).total_seconds() for n in range(1, 11)]
    assert ceilings == [2, 4, 8, 16, 32, 64, 128, 256, 512, 600]


@given(attempts, draws)
def test_never_above_the_cap_nor_below_zero(attempt, draw):
    delay = backoff_delay(attempt, draw=draw)
    assert timedelta(0) <= delay <= CAP


@given(attempts, draws)
def test_jitter_stays_within_the_ceiling_of_its_attempt(attempt, draw):
    assert backoff_delay(attempt, draw=draw) <= backoff_ceiling(attempt)
    assert backoff_delay(attempt, draw=draw) == backoff_ceiling(attempt) * draw


@given(attempts)
def test_the_ceiling_grows_until_the_cap(attempt):
    assert backoff_ceiling(attempt + 1) >= backoff_ceiling(attempt)
    assert backoff_ceiling(attempt) == min(CAP, BASE * 2 ** min(attempt - 1, 20))


@pytest.mark.parametrize(("attempt", "draw"), [(0, 0.5), (1, 1.0), (1, -0.1)])
def test_refuses_nonsense(attempt, draw):
    with pytest.raises(ValueError):
        backoff_delay(attempt, draw=draw)
