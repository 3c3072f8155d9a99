from datetime import UTC, datetime, timedelta

import pytest

from motcua.core import clock


def test_frozen_clock_and_tick():
    at = datetime(2026, 2, 16, 23, 30, tzinfo=UTC)
    with clock.frozen(at) as frozen:
        assert clock.now() == at
        assert clock.today().isoformat() == "2026-02-17"  # already the 17th in Hà Nội time
        frozen.tick(timedelta(hours=1))
        assert clock.now() == at + timedelta(hours=1)
    assert clock.now() != at


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError), clock.frozen(datetime(2026, 1, 1)):
        pass
