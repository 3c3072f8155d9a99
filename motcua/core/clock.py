"""The one place the application asks for the current time.

Services call ``clock.now()`` instead of ``timezone.now()`` so that tests (and the demo
seeding, which builds history) can freeze or move time without patching Django.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta

from django.utils import timezone

_source: Callable[[], datetime] = timezone.now


def now() -> datetime:
    return _source()


def today() -> date:
    return timezone.localdate(now())


@contextmanager
def frozen(at: datetime) -> Iterator[FrozenClock]:
    """Freeze ``now()`` at an aware datetime; ``tick()`` moves it forward."""
    global _source
    if timezone.is_naive(at):
        raise ValueError("frozen() needs an aware datetime")
    fake = FrozenClock(at)
    previous, _source = _source, fake
    try:
        yield fake
    finally:
        _source = previous


class FrozenClock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at

    def tick(self, delta: timedelta) -> None:
        self.at = self.at + delta
