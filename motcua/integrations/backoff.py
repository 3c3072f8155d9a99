"""Capped exponential backoff with full jitter; pure arithmetic, property-tested.

Attempt n (1-based) waits a uniformly random time in ``[0, min(cap, base * 2**(n-1))]``
("full jitter"): retries from many messages spread out instead of hitting a recovering
system together.
"""

from __future__ import annotations

from datetime import timedelta

BASE = timedelta(seconds=2)
CAP = timedelta(minutes=10)


def backoff_ceiling(attempt: int, *, base: timedelta = BASE, cap: timedelta = CAP) -> timedelta:
    """The longest wait after failed attempt ``attempt`` (1-based)."""
    if attempt < 1:
        raise ValueError("attempts count from 1")
    exponent = min(attempt - 1, 62)  # 2**62 * base overflows nothing we compare with the cap
    seconds = min(cap.total_seconds(), base.total_seconds() * 2**exponent)
    return timedelta(seconds=seconds)


def backoff_delay(attempt: int, *, draw: float, base: timedelta = BASE, cap: timedelta = CAP) -> timedelta:
    """The wait after failed attempt ``attempt``; ``draw`` is uniform in [0, 1)."""
    if not 0.0 <= draw < 1.0:
        raise ValueError("draw must be in [0, 1)")
    return backoff_ceiling(attempt, base=base, cap=cap) * draw
