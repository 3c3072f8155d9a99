"""The public working-day calendar API: the same arithmetic the deadlines use."""

from datetime import date
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.api.tests.helpers import assert_json_error
from motcua.dossiers.calendar import province_calendar
from motcua.dossiers.models import CalendarDay, CalendarDayKind

pytestmark = pytest.mark.django_db

ADD = "/api/v1/calendar/add-working-days/"
COUNT = "/api/v1/calendar/working-days/"


def get(client, url, **params):
    return client.get(url, params, HTTP_ACCEPT_LANGUAGE="en")


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        ("2026-02-13", 3, "2026-02-25"),  # over Tết
        ("2026-04-24", 3, "2026-05-04"),  # Hùng Kings observed Mon 27 Apr, then 30/4 and 1/5
        ("2026-08-21", 1, "2026-08-22"),  # make-up Saturday
        ("2026-08-28", 1, "2026-09-03"),  # 31 Aug swapped off, National Day 1–2 Sep
        ("2026-11-23", 1, "2026-11-25"),  # Vietnam Culture Day
        ("2026-02-14", 0, "2026-02-23"),  # 0 days from a day off: the next working day
        ("2026-02-13", 0, "2026-02-13"),
    ],
)
def test_add_working_days(client, start, days, expected):
    response = get(client, ADD, start=start, days=days, unit="04")
    assert response.status_code == 200
    assert response.json() == {"date": expected}


def test_the_unit_is_optional_and_may_be_a_commune(client):
    assert get(client, ADD, start="2026-02-13", days=3).json() == {"date": "2026-02-25"}
    assert get(client, ADD, start="2026-02-13", days=3, unit="01273").json() == {"date": "2026-02-25"}


def test_the_contract_path_without_slash_redirects_keeping_the_query(client):
    response = client.get("/api/v1/calendar/add-working-days?start=2026-02-13&days=3&unit=04", follow=True)
    assert response.status_code == 200
    assert response.json() == {"date": "2026-02-25"}


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2026-02-13", "2026-02-25", 3),
        ("2026-02-13", "2026-02-13", 0),
        ("2026-08-21", "2026-09-04", 8),
        # 261 weekdays, 13 of them holidays, plus the make-up Saturday 22 Aug.
        ("2026-01-01", "2026-12-31", 249),
    ],
)
def test_working_days(client, start, end, expected):
    response = client.get(COUNT, {"from": start, "to": end, "unit": "04"})
    assert response.status_code == 200
    assert response.json() == {"days": expected}


def test_a_province_row_changes_the_answer(client):
    CalendarDay.objects.create(date=date(2026, 3, 3), kind=CalendarDayKind.DAY_OFF, name="Nghỉ lễ tỉnh")
    assert get(client, ADD, start="2026-03-02", days=1, unit="04").json() == {"date": "2026-03-04"}
    assert client.get(COUNT, {"from": "2026-03-02", "to": "2026-03-06"}).json() == {"days": 3}


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"start": "13/02/2026", "days": "3"}, "start", "Enter a date in ISO format: YYYY-MM-DD."),
        ({"start": "2026-02-30", "days": "3"}, "start", "Enter a date in ISO format: YYYY-MM-DD."),
        ({"days": "3"}, "start", "Enter a date in ISO format: YYYY-MM-DD."),
        (
            {"start": "2026-02-13", "days": "-1"},
            "days",
            "Enter a whole number of working days from 0 to 3650.",
        ),
        (
            {"start": "2026-02-13", "days": "3651"},
            "days",
            "Enter a whole number of working days from 0 to 3650.",
        ),
        (
            {"start": "2026-02-13", "days": "1.5"},
            "days",
            "Enter a whole number of working days from 0 to 3650.",
        ),
        (
            {"start": "2026-02-13", "days": "ba"},
            "days",
            "Enter a whole number of working days from 0 to 3650.",
        ),
        ({"start": "2026-02-13"}, "days", "Enter a whole number of working days from 0 to 3650."),
    ],
)
def test_bad_input_to_add_working_days_is_a_400(client, params, field, message):
    body = assert_json_error(client.get(ADD, params, HTTP_ACCEPT_LANGUAGE="en"), 400, "invalid")
    assert body["fields"] == {field: [message]}


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"from": "2026-02-25", "to": "2026-02-13"}, "to", "The end date must not be before the start date."),
        ({"from": "2026/02/13", "to": "2026-02-25"}, "from", "Enter a date in ISO format: YYYY-MM-DD."),
        ({"to": "2026-02-25"}, "from", "Enter a date in ISO format: YYYY-MM-DD."),
        ({"from": "2026-02-13", "to": "tomorrow"}, "to", "Enter a date in ISO format: YYYY-MM-DD."),
    ],
)
def test_bad_input_to_working_days_is_a_400(client, params, field, message):
    body = assert_json_error(client.get(COUNT, params, HTTP_ACCEPT_LANGUAGE="en"), 400, "invalid")
    assert body["fields"] == {field: [message]}


def test_dates_outside_the_calendar_are_a_400(client):
    body = assert_json_error(get(client, ADD, start="1999-12-31", days=1), 400, "calendar.out_of_range")
    assert (
        body["detail"]
        == "1999-12-31 is outside the working-day calendar, which covers 2000-01-01 to 2100-12-31."
    )
    assert_json_error(get(client, ADD, start="2100-12-01", days=3650), 400, "calendar.out_of_range")
    assert_json_error(
        client.get(COUNT, {"from": "2026-01-01", "to": "2101-01-01"}), 400, "calendar.out_of_range"
    )


@pytest.mark.parametrize("unit", ["99", "00000", "abc", "01273x"])
def test_an_unknown_unit_is_a_404(client, unit):
    assert_json_error(get(client, ADD, start="2026-02-13", days=3, unit=unit), 404, "admin_unit.not_found")
    assert_json_error(
        client.get(COUNT, {"from": "2026-02-13", "to": "2026-02-25", "unit": unit}),
        404,
        "admin_unit.not_found",
    )


dates = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=dates, days=st.integers(0, 3650))
def test_add_agrees_with_the_deadline_arithmetic(client, start, days):
    response = client.get(ADD, {"start": start.isoformat(), "days": days, "unit": "04"})
    expected = province_calendar().add_working_days(start, days)
    assert response.json() == {"date": expected.isoformat()}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=dates, b=dates)
def test_count_agrees_with_the_deadline_arithmetic(client, a, b):
    start, end = min(a, b), max(a, b)
    response = client.get(COUNT, {"from": start.isoformat(), "to": end.isoformat()})
    assert response.json() == {"days": province_calendar().working_days_between(start, end)}
    days = response.json()["days"]
    if days:
        later = client.get(ADD, {"start": start.isoformat(), "days": days}).json()["date"]
        assert later <= end.isoformat()


junk = st.text(alphabet=st.characters(codec="utf-8"), max_size=20)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.dictionaries(st.sampled_from(["start", "days", "unit", "from", "to"]), junk, max_size=4))
def test_any_query_answers_json(client, params):
    for url in (ADD, COUNT):
        response = client.get(f"{url}?{urlencode(params)}")
        assert response.status_code in (200, 400, 404), (params, response.content[:300])
        assert response["Content-Type"] == "application/json"
