"""Prometheus text exposition: per-process request counters plus database gauges.

Request counters live in the process that served the request (each gunicorn worker has
its own); gauges are read from the database at scrape time, so they agree across workers.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterable

_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
_lock = threading.Lock()
_requests: dict[tuple[str, str], int] = defaultdict(int)
_duration_buckets: dict[float, int] = defaultdict(int)
_duration_sum = 0.0
_duration_count = 0

# Providers registered by apps: a name, a help text and a function returning a number.
_gauges: list[tuple[str, str, Callable[[], float | None]]] = []


def register_gauge(name: str, help_text: str, read: Callable[[], float | None]) -> None:
    if all(existing != name for existing, _, _ in _gauges):
        _gauges.append((name, help_text, read))


def observe_request(*, method: str, status: int, seconds: float) -> None:
    global _duration_sum, _duration_count
    with _lock:
        _requests[(method, f"{status // 100}xx")] += 1
        _duration_sum += seconds
        _duration_count += 1
        for bound in _BUCKETS:
            if seconds <= bound:
                _duration_buckets[bound] += 1


def render() -> str:
    lines: list[str] = []
    lines += _family(
        "motcua_http_requests_total",
        "counter",
        "HTTP requests served.",
        ((f'{{method="{m}",status="{s}"}}', n) for (m, s), n in sorted(_requests.items())),
    )
    lines += _histogram()
    for name, help_text, read in _gauges:
        value = _safe(read)
        if value is not None:
            lines += _family(name, "gauge", help_text, [("", value)])
    return "\n".join(lines) + "\n"


def _histogram() -> list[str]:
    name = "motcua_http_request_duration_seconds"
    lines = [f"# HELP {name} Time spent serving HTTP requests.", f"# TYPE {name} histogram"]
    for bound in _BUCKETS:
        lines.append(f'{name}_bucket{{le="{bound}"}} {_duration_buckets[bound]}')
    lines.append(f'{name}_bucket{{le="+Inf"}} {_duration_count}')
    lines.append(f"{name}_sum {_duration_sum:.6f}")
    lines.append(f"{name}_count {_duration_count}")
    return lines


def _family(name: str, kind: str, help_text: str, samples: Iterable[tuple[str, float]]) -> list[str]:
    lines = [f"# HELP {name} {help_text}", f"# TYPE {name} {kind}"]
    lines += [f"{name}{labels} {value}" for labels, value in samples]
    return lines


def _safe(read: Callable[[], float | None]) -> float | None:
    try:
        return read()
    except Exception:  # a broken gauge must not break the scrape
        return None
