"""Small SVG charts rendered on the server: readable without JavaScript, printable.

Each chart is an ``<svg role="img">`` with a ``<title>`` and, per mark, a ``<title>``
tooltip; the page always shows the same figures in a table next to it. A missing value
(no data) draws no mark and says "no data": it is never drawn as a zero.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

__all__ = ["Point", "bar_chart", "column_chart", "line_chart"]

Formatter = Callable[[float], str]
FONT = 12
LABEL_WIDTH = 190
ROW = 20
PLOT_WIDTH = 360
HEIGHT = 180
LEFT, BOTTOM, TOP = 44, 36, 14


@dataclass(frozen=True)
class Point:
    label: str
    value: float | None  # None: no data
    href: str = ""


def _f(value: float) -> str:
    return f"{value:.1f}"


def _number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def _svg(width: int, height: int, title: str, body: list[str]) -> SafeString:
    head = format_html(
        '<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {} {}" '
        'width="{}" height="{}" font-size="{}"><title>{}</title>',
        width,
        height,
        width,
        height,
        FONT,
        title,
    )
    return mark_safe(head + "".join(body) + "</svg>")  # every part is escaped above


def _linked(mark: str, href: str) -> str:
    return format_html('<a href="{}">{}</a>', href, mark_safe(mark)) if href else mark


def _scale(points: Sequence[Point], maximum: float | None) -> float:
    values = [p.value for p in points if p.value is not None]
    return maximum or max(values, default=0) or 1


def bar_chart(
    points: Sequence[Point], *, title: str, maximum: float | None = None, fmt: Formatter = _number
) -> SafeString:
    """Horizontal bars, one row per point (rankings): label, bar, value or "no data"."""
    top = _scale(points, maximum)
    body = []
    for row, point in enumerate(points):
        y = row * ROW
        text = format_html(
            '<text x="{}" y="{}" text-anchor="end" class="label">{}</text>',
            LABEL_WIDTH - 6,
            y + 14,
            point.label[:32],
        )
        if point.value is None:
            mark = format_html(
                '<text x="{}" y="{}" class="missing">{}</text>', LABEL_WIDTH + 4, y + 14, _("no data")
            )
        else:
            width = max(1.0, PLOT_WIDTH * point.value / top)
            mark = format_html(
                '<rect class="bar" x="{}" y="{}" width="{}" height="{}"><title>{}: {}</title></rect>'
                '<text x="{}" y="{}" class="value">{}</text>',
                LABEL_WIDTH,
                y + 3,
                _f(width),
                ROW - 6,
                point.label,
                fmt(point.value),
                _f(LABEL_WIDTH + width + 4),
                y + 14,
                fmt(point.value),
            )
        body.append(_linked(text + mark, point.href))
    return _svg(LABEL_WIDTH + PLOT_WIDTH + 60, max(ROW, ROW * len(points)) + 4, title, body)


def _frame(count: int, top: float, fmt: Formatter) -> tuple[list[str], float]:
    """Axes and gridlines of a vertical chart; the width of one slot."""
    width = max(PLOT_WIDTH, 44 * count)
    plot_height = HEIGHT - TOP - BOTTOM
    body = []
    for step in range(5):
        value = top * step / 4
        y = TOP + plot_height * (1 - step / 4)
        body.append(
            format_html(
                '<line class="grid" x1="{}" x2="{}" y1="{}" y2="{}"/>'
                '<text x="{}" y="{}" text-anchor="end" class="axis">{}</text>',
                LEFT,
                LEFT + width,
                _f(y),
                _f(y),
                LEFT - 4,
                _f(y + 4),
                fmt(value),
            )
        )
    return body, width / max(count, 1)


def _y(value: float, top: float) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / top)


def _x_label(index: int, slot: float, label: str) -> str:
    return format_html(
        '<text x="{}" y="{}" text-anchor="middle" class="axis">{}</text>',
        _f(LEFT + slot * (index + 0.5)),
        HEIGHT - BOTTOM + 16,
        label,
    )


def _missing(index: int, slot: float) -> str:
    return format_html(
        '<text x="{}" y="{}" text-anchor="middle" class="missing"><title>{}</title>–</text>',
        _f(LEFT + slot * (index + 0.5)),
        HEIGHT - BOTTOM - 4,
        _("no data"),
    )


def column_chart(
    points: Sequence[Point], *, title: str, maximum: float | None = None, fmt: Formatter = _number
) -> SafeString:
    """Vertical bars over time (monthly counts); a month without data shows a dash."""
    top = _scale(points, maximum)
    body, slot = _frame(len(points), top, fmt)
    for index, point in enumerate(points):
        body.append(_x_label(index, slot, point.label))
        if point.value is None:
            body.append(_missing(index, slot))
            continue
        y = _y(point.value, top)
        body.append(
            _linked(
                format_html(
                    '<rect class="bar" x="{}" y="{}" width="{}" height="{}"><title>{}: {}</title></rect>',
                    _f(LEFT + slot * index + slot * 0.15),
                    _f(y),
                    _f(slot * 0.7),
                    _f(HEIGHT - BOTTOM - y),
                    point.label,
                    fmt(point.value),
                ),
                point.href,
            )
        )
    return _svg(int(LEFT + slot * len(points) + 10), HEIGHT, title, body)


def line_chart(
    points: Sequence[Point], *, title: str, maximum: float | None = None, fmt: Formatter = _number
) -> SafeString:
    """A line over time (monthly score); the line breaks where a month has no data."""
    top = _scale(points, maximum)
    body, slot = _frame(len(points), top, fmt)
    segments: list[list[str]] = [[]]
    for index, point in enumerate(points):
        body.append(_x_label(index, slot, point.label))
        if point.value is None:
            body.append(_missing(index, slot))
            segments.append([])
            continue
        x, y = LEFT + slot * (index + 0.5), _y(point.value, top)
        segments[-1].append(f"{x:.1f},{y:.1f}")
        body.append(
            format_html(
                '<circle class="dot" cx="{}" cy="{}" r="3.5"><title>{}: {}</title></circle>',
                _f(x),
                _f(y),
                point.label,
                fmt(point.value),
            )
        )
    lines = [f'<polyline class="line" points="{escape(" ".join(s))}"/>' for s in segments if len(s) > 1]
    return _svg(int(LEFT + slot * len(points) + 10), HEIGHT, title, lines + body)
