"""How the slips write dates, times, money, time limits and identifiers in Vietnamese; pure."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from motcua.dossiers.slips.text import (
    date_text,
    mask_identifier,
    money_text,
    number_text,
    place_date,
    short_date,
    time_limit_text,
    time_text,
)


def test_dates_and_times_in_vietnamese():
    assert date_text(date(2026, 1, 5)) == "ngày 05 tháng 01 năm 2026"
    assert date_text(None) == "ngày …… tháng …… năm ……"
    # 20:30 UTC on the 4th is 03:30 on the 5th in Vietnam.
    assert date_text(datetime(2026, 1, 4, 20, 30, tzinfo=UTC)) == "ngày 05 tháng 01 năm 2026"
    assert time_text(datetime(2026, 1, 4, 20, 30, tzinfo=UTC)) == "03 giờ 30 phút, ngày 05 tháng 01 năm 2026"
    assert short_date(datetime(2026, 12, 31, 17, 0, tzinfo=UTC)) == "01/01/2027"
    assert short_date(None) == ""
    assert place_date("Cao Bằng", date(2025, 7, 1)) == "Cao Bằng, ngày 01 tháng 07 năm 2025"
    with pytest.raises(ValueError, match="aware"):
        time_text(datetime(2026, 1, 5, 9, 0))


def test_money_in_vietnamese():
    assert money_text(1250000) == "1.250.000 đồng"
    assert money_text(75000) == "75.000 đồng"
    assert money_text(500) == "500 đồng"
    assert money_text(0) == "Không thu"
    assert number_text(Decimal("1234567.5")) == "1.234.567,5"


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (Decimal("15.00"), "working_days", "15 ngày làm việc"),
        (Decimal("1.5"), "working_days", "1,5 ngày làm việc"),
        (Decimal("4"), "hours", "4 giờ làm việc"),
        (Decimal("1"), "within_day", "Trong ngày"),
        (None, "working_days", "……"),
    ],
)
def test_time_limits_in_vietnamese(value, unit, text):
    assert time_limit_text(value, unit) == text


def test_identifiers_are_masked_but_the_last_four():
    assert mask_identifier("004190012345") == "********2345"
    assert mask_identifier("0101234567") == "******4567"
    assert mask_identifier(" 0041 9001 2345 ") == "********2345"
    assert mask_identifier("123") == "***"
    assert mask_identifier("") == ""
