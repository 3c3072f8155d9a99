"""GET /api/v1/indicators/: the service index and its parts (hand-computed), scope and bad input."""
# ruff: noqa: F811 - the fixtures are the dashboard tests' (imported), then requested by name

from urllib.parse import urlencode

import pytest

from motcua.api.tests.helpers import assert_json_error
from motcua.dashboard.tests.conftest import (  # noqa: F401
    HAND_PERIOD,
    _demo,
    _english,
    _no_rollup_lag,
    _rolled_up,
    board,
    hand_rollups,
    ward_leader,
)
from motcua.dashboard.tests.test_pages import MOUNTAIN_SCORE, WARD_SCORE

pytestmark = pytest.mark.django_db


def _get(client, **query):
    return client.get(f"/api/v1/indicators/?{urlencode(query)}", HTTP_ACCEPT_LANGUAGE="en")


def test_anyone_gets_the_province_index_and_its_parts(client, hand_rollups):
    body = _get(client, **HAND_PERIOD).json()
    assert (body["from"], body["to"], body["unit"], body["agency"]) == (
        "2024-01-01",
        "2024-06-30",
        None,
        None,
    )
    assert body["counts"]["received"] == 12 and body["counts"]["received_online"] == 6
    assert body["max_points"] == 100
    groups = {g["key"]: g for g in body["groups"]}
    on_time = next(i for i in groups["progress"]["indicators"] if i["key"] == "progress.on_time")
    assert (on_time["numerator"], on_time["denominator"], on_time["ratio"], on_time["points"]) == (
        8,
        10,
        0.8,
        16.0,
    )
    synced = next(
        i for i in groups["transparency"]["indicators"] if i["key"] == "transparency.synced_real_time"
    )
    assert synced["points"] is None and synced["available"] is False and synced["missing_reason"]
    assert [(m["month"], m["received"]) for m in body["months"]] == [("2024-03-01", 10), ("2024-04-01", 2)]
    assert [m["score"] for m in body["months"]] == [WARD_SCORE, MOUNTAIN_SCORE]


def test_a_commune_and_an_agency(client, hand_rollups):
    assert _get(client, unit="01273", **HAND_PERIOD).json()["score"] == WARD_SCORE
    body = _get(client, agency=hand_rollups["mountain"].code, **HAND_PERIOD).json()
    assert body["score"] == MOUNTAIN_SCORE and body["agency"] == hand_rollups["mountain"].code


def test_a_period_without_data_has_no_score_rather_than_zero(client, board):
    body = _get(client, **{"from": "2020-01-01", "to": "2020-01-31"}).json()
    assert body["score"] is None and body["points"] is None and body["months"] == []
    assert all(i["ratio"] is None for g in body["groups"] for i in g["indicators"])


@pytest.mark.parametrize(
    ("query", "status", "code"),
    [
        ({"from": "2024-02-30"}, 400, "indicators.invalid_filter"),
        ({"from": "2024-03-01", "to": "2024-02-01"}, 400, "indicators.invalid_filter"),
        ({"channel": "fax"}, 400, "indicators.invalid_filter"),
        ({"unit": "1"}, 400, "indicators.invalid_filter"),
        ({"unit": "99999"}, 404, "admin_unit.not_found"),
        ({"unit": "01"}, 404, "admin_unit.not_found"),  # Hà Nội: another province
    ],
)
def test_bad_filters_answer_with_a_code(client, board, query, status, code):
    assert_json_error(_get(client, **query), status, code)


def test_an_official_gets_their_own_scope(client, ward_leader, hand_rollups):
    client.force_login(ward_leader)
    body = _get(client, **HAND_PERIOD).json()
    assert body["counts"]["received"] == 10 and body["score"] == WARD_SCORE
    assert_json_error(_get(client, unit="01290", **HAND_PERIOD), 404, "admin_unit.not_found")
