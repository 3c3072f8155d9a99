"""The dashboards: hand-computed figures, rankings, scope, drill-down, bad input, the demo."""

from urllib.parse import urlencode

import pytest

from motcua.dashboard.tests.conftest import HAND_PERIOD
from motcua.reporting.selectors import Filters, counts_for, default_period, scope_of

pytestmark = pytest.mark.django_db

# Worked out by hand from the rows of the hand_rollups fixture (domain.md §7 weights):
# ward: on time 6/8 → 15/20; procedures online 1/1 → 4; online 4/10 (full at 50 %) → 3.2;
# paid 0/2 → 0/6; satisfaction (8−3)/8 = .625 (full at 90 %) → 4.1667; e-results 4/8 → 3;
# digitised 5/10 → 2; reuse, store, population 0 → 0/2, 0/4, 0/2; full-process: no base.
# 31.3667 points of 58 scorable → 54.08.
WARD_SCORE = 54.08
# mountain: 20 + 4 + 4 + (no fees) + 6 + 6 + 4 + 0 + 0 + 0 = 44 of 52 → 84.62.
MOUNTAIN_SCORE = 84.62


def _get(client, path, **query):
    return client.get(f"{path}?{urlencode(query)}" if query else path)


def test_province_view_figures_and_ranking_match_the_hand_computation(client, admin_user, hand_rollups):
    client.force_login(admin_user)
    response = _get(client, "/dashboard/", **HAND_PERIOD)
    assert response.status_code == 200
    board = response.context["board"]
    figures = {f.key: f for f in board.figures}
    assert (figures["received"].count, figures["online"].count, figures["online"].ratio) == (12, 6, 0.5)
    assert (figures["finished"].count, figures["on_time"].ratio, figures["late"].ratio) == (10, 0.8, 0.2)
    assert figures["paid_online"].ratio == 0.0 and figures["e_results"].ratio == 0.6
    ranked = [(r.code, r.rank, r.score) for r in board.communes[:3]]
    assert ranked[:2] == [("01290", 1, MOUNTAIN_SCORE), ("01273", 2, WARD_SCORE)]
    assert ranked[2][1:] == (None, None)  # a commune without dossiers: unranked, no score (not 0)
    assert len(board.communes) == 56
    assert [m.counts is not None for m in board.months] == [False, False, True, True, False, False]
    assert board.months[2].counts.received == 10 and board.months[2].score == WARD_SCORE


def test_province_view_draws_svg_charts_and_links_figures_to_their_dossiers(client, admin_user, hand_rollups):
    client.force_login(admin_user)
    html = _get(client, "/dashboard/", **HAND_PERIOD).content.decode()
    # score, received, communes; no department has dossiers then, so no bars for them
    assert html.count('<svg class="chart"') == 3
    assert "Service index of communes and wards" in html
    assert "css/dashboard.css" in html
    assert "/dashboard/ho-so/?from=2024-01-01&amp;to=2024-06-30&amp;figure=late" in html
    assert "/dashboard/xuat/communes.xlsx?" in html


def test_commune_view_by_unit_filter(client, admin_user, hand_rollups):
    client.force_login(admin_user)
    board = _get(client, "/dashboard/", unit="01273", **HAND_PERIOD).context["board"]
    assert board.communes is None and board.index.score == WARD_SCORE
    assert board.subject.endswith(hand_rollups["ward"].unit.name)
    assert [a.code for a in board.agencies] == [hand_rollups["ward"].code]


def test_a_commune_leader_sees_only_their_commune(client, ward_leader, hand_rollups):
    client.force_login(ward_leader)
    board = _get(client, "/dashboard/", **HAND_PERIOD).context["board"]
    assert board.communes is None and board.counts.received == 10 and board.index.score == WARD_SCORE
    assert _get(client, "/dashboard/", unit="01290", **HAND_PERIOD).status_code == 404
    assert _get(client, "/dashboard/", agency=hand_rollups["mountain"].code).status_code == 404


def test_a_commune_leader_cannot_drill_into_another_commune(client, ward_leader, mountain_leader, board):
    client.force_login(ward_leader)
    assert _get(client, "/dashboard/ho-so/", figure="received", unit="01290").status_code == 404
    mine = _get(client, "/dashboard/ho-so/", figure="received").context["page"].paginator.object_list
    scope = scope_of(ward_leader)
    assert mine.exists() and all(d.competent_agency_id in scope.agency_ids for d in mine)
    client.force_login(mountain_leader)
    theirs = _get(client, "/dashboard/ho-so/", figure="received").context["page"].paginator.object_list
    assert not set(mine.values_list("pk", flat=True)) & set(theirs.values_list("pk", flat=True))


def test_the_drilldown_lists_exactly_the_dossiers_counted(client, ward_leader, board):
    client.force_login(ward_leader)
    start, end = default_period()
    expected = counts_for(Filters(start=start, end=end), scope_of(ward_leader))
    response = _get(client, "/dashboard/ho-so/", figure="received")
    page = response.context["page"]
    assert page.paginator.count == expected.received > 0
    assert len(page.object_list) == min(50, expected.received)
    assert f"/backoffice/ho-so/{page.object_list[0].identifier}/" in response.content.decode()
    finished = _get(client, "/dashboard/ho-so/", figure="finished").context["page"].paginator.count
    assert finished == expected.finished


def test_drilldown_needs_a_login_and_a_known_figure(client, admin_user, board):
    assert _get(client, "/dashboard/ho-so/", figure="received").status_code == 302
    client.force_login(admin_user)
    assert _get(client, "/dashboard/ho-so/", figure="everything").status_code == 404
    assert _get(client, "/dashboard/ho-so/").status_code == 404


def test_the_public_summary_needs_no_login_and_links_no_dossier(client, hand_rollups):
    response = _get(client, "/dashboard/")
    assert response.status_code == 302 and response["Location"] == "/dashboard/cong-khai/"
    response = _get(client, "/dashboard/cong-khai/", **HAND_PERIOD)
    assert response.status_code == 200
    assert response.context["board"].communes[0].score == MOUNTAIN_SCORE
    html = response.content.decode()
    assert "/dashboard/ho-so/" not in html and "/backoffice/ho-so/" not in html
    assert "/dashboard/cong-khai/?from=2024-01-01&amp;to=2024-06-30&amp;unit=01290" in html


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ({"from": "2024-13-01"}, "YYYY-MM-DD"),
        ({"from": "2024-05-01", "to": "2024-04-01"}, "before"),
        ({"channel": "fax"}, "fax"),
        ({"unit": "abc"}, "5-digit"),
        ({"procedure": "9.999999"}, "9.999999"),
        ({"from": "2010-01-01", "to": "2024-01-01"}, "three years"),
    ],
)
def test_an_invalid_filter_gives_a_clear_message(client, admin_user, board, query, words):
    client.force_login(admin_user)
    response = _get(client, "/dashboard/", **query)
    assert response.status_code == 400
    assert words in response.context["error"]
    assert words.replace("&", "&amp;") in response.content.decode()


def test_a_period_without_data_says_no_data_rather_than_zero(client, admin_user, board):
    client.force_login(admin_user)
    response = _get(client, "/dashboard/", **{"from": "2020-01-01", "to": "2020-03-31"})
    assert response.status_code == 200 and not response.context["board"].has_data
    html = response.content.decode()
    assert "No data" in html and "0 %" not in html and "<svg" not in html


def test_missing_figures_are_shown_as_missing(client, admin_user, hand_rollups):
    client.force_login(admin_user)
    board = _get(client, "/dashboard/", unit="01290", **HAND_PERIOD).context["board"]
    paid = next(f for f in board.figures if f.key == "paid_online")
    assert (paid.count, paid.base, paid.ratio) == (0, 0, None)


def test_the_demo_shows_realistic_figures_for_cao_bang(client, admin_user, board):
    client.force_login(admin_user)
    board = client.get("/dashboard/").context["board"]
    assert board.subject.endswith("Cao Bằng")
    assert board.counts.received > 50 and board.index.score is not None
    assert sum(r.score is not None for r in board.communes) >= 2
    assert sum(m.counts is not None for m in board.months) >= 6
