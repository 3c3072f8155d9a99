"""The SVG charts: one mark per value, none for missing data, everything escaped."""

import re

from motcua.dashboard.charts import Point, bar_chart, column_chart, line_chart


def test_a_bar_chart_draws_one_bar_per_value_and_says_no_data_for_the_missing():
    svg = bar_chart(
        [Point("Xã A", 80, "/a"), Point("Xã B", 40), Point("Xã C", None)], title="Score", maximum=100
    )
    assert svg.startswith('<svg class="chart"') and svg.endswith("</svg>")
    assert "<title>Score</title>" in svg and 'role="img"' in svg
    widths = [float(w) for w in re.findall(r'<rect class="bar" [^>]*width="([0-9.]+)"', svg)]
    assert widths == [288.0, 144.0]  # 360 px for 100
    assert svg.count("no data") == 1 and '<a href="/a">' in svg


def test_labels_are_escaped():
    svg = bar_chart([Point('<script>alert("x")</script>', 1)], title="<b>t</b>")
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&lt;b&gt;t&lt;/b&gt;" in svg


def test_a_column_chart_shows_a_dash_for_a_month_without_data():
    svg = column_chart([Point("01/26", 10), Point("02/26", None), Point("03/26", 5)], title="Received")
    assert svg.count('<rect class="bar"') == 2
    assert svg.count('class="missing"') == 1


def test_a_line_breaks_where_a_month_has_no_data():
    points = [Point("1", 50), Point("2", 60), Point("3", None), Point("4", 70), Point("5", 80)]
    svg = line_chart(points, title="Score", maximum=100)
    assert svg.count("<polyline") == 2 and svg.count("<circle") == 4


def test_all_missing_draws_no_mark_rather_than_zeros():
    svg = line_chart([Point("1", None), Point("2", None)], title="Score", maximum=100)
    assert "<polyline" not in svg and "<circle" not in svg and svg.count('class="missing"') == 2
