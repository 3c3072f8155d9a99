from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from motcua.catalog.interchange import budget_days, canonical, check_record
from motcua.catalog.tests.records import birth_registration


def _paths(record) -> list[str]:
    with translation.override("en"):
        return [problem.path for problem in check_record(record)]


def _messages(record) -> list[str]:
    with translation.override("en"):
        return [problem.message for problem in check_record(record)]


def test_a_complete_record_has_no_problems():
    assert check_record(birth_registration()) == []


@pytest.mark.parametrize(
    ("overrides", "path", "message"),
    [
        ({"code": "1001193"}, "code", "is not a procedure code"),
        ({"name": "  "}, "name", "This field is required."),
        ({"levels": []}, "levels", "Give at least one level"),
        ({"levels": ["district"]}, "levels[0]", "“district” is not one of"),
        ({"fees": [{"name": "Lệ phí", "amount": -1}]}, "fees[0].amount", "A fee cannot be below zero."),
        ({"fees": [{"name": "Lệ phí", "amount": 1.5}]}, "fees[0].amount", "whole number of đồng"),
        ({"components": [{"kind": "copy"}]}, "components[0].name", "This field is required."),
        ({"components": [{"name": "Bản sao", "count": -2}]}, "components[0].count", "whole number"),
        ({"time_limit": {"value": 0, "unit": "working_days"}}, "time_limit.value", "greater than zero"),
        ({"time_limit": {"value": 3, "unit": "weeks"}}, "time_limit.unit", "“weeks” is not one of"),
        ({"life_events": ["wedding"]}, "life_events[0]", "is not one of"),
        (
            {"process": [{"name": "Nhận", "kind": "receive", "role": "desk_officer", "days": 0.125}]},
            "process[0].days",
            "at most two decimals",
        ),
        ({"colour": "red"}, "colour", "Unknown column or key “colour”."),
    ],
)
def test_each_bad_field_is_named(overrides, path, message):
    record = birth_registration(**overrides)
    problems = {p: m for p, m in zip(_paths(record), _messages(record), strict=True)}
    assert path in problems, problems
    assert message in problems[path]


def test_steps_that_do_not_add_up_are_refused():
    record = birth_registration(time_limit={"value": 3, "unit": "working_days"})
    assert _paths(record) == ["process"]
    assert "add up to 1 working days but the time limit is 3 working days" in _messages(record)[0]


def test_vietnamese_messages():
    with translation.override("vi"):
        problems = check_record(birth_registration(fees=[{"name": "Lệ phí", "amount": -5}]))
    assert problems and problems[0].message != "A fee cannot be below zero."


@pytest.mark.parametrize(
    ("time_limit", "days"),
    [
        ({"value": 3, "unit": "working_days"}, Decimal(3)),
        ({"value": 4, "unit": "hours"}, Decimal("0.5")),
        ({"value": 1, "unit": "within_day"}, Decimal(1)),
    ],
)
def test_budget_in_working_days(time_limit, days):
    assert budget_days(time_limit) == days


@given(st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=6))
def test_steps_adding_up_in_quarter_days_are_accepted(quarters):
    steps = [
        {"name": f"Bước {i}", "kind": "assess", "role": "handler", "days": q / 4}
        for i, q in enumerate(quarters)
    ]
    total = sum(quarters) / 4
    record = birth_registration(
        time_limit={"value": total or 1, "unit": "working_days"}, process=steps if total else []
    )
    assert check_record(record) == []


def test_canonical_is_idempotent_and_fills_defaults():
    record = birth_registration(applicants=None, fees=[{"name": "Phí", "amount": 2000}])
    once = canonical(record)
    assert canonical(once) == once
    assert once["applicants"] == ["citizen"]
    assert once["fees"] == [{"name": "Phí", "amount": 2000, "unit": "dossier", "group": "", "note": ""}]
    assert once["time_limit"]["value"] == 1 and isinstance(once["time_limit"]["value"], int)
