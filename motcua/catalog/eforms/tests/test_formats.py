"""Reading what people type: dates, money, phone numbers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.catalog.eforms.formats import (
    format_money,
    is_email,
    is_phone_vn,
    normalise_date,
    normalise_money,
    normalise_phone,
    read_date,
)


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("2024-03-27", "2024-03-27"),
        ("27/03/2024", "2024-03-27"),
        ("7/3/2024", "2024-03-07"),
        ("27.03.2024", "2024-03-27"),
        ("27-03-2024", "2024-03-27"),
        (" 29/02/2024 ", "2024-02-29"),
        ("29/02/2023", None),  # not a leap year
        ("31/04/2024", None),
        ("2024-3-27", None),
        ("03/27/2024", None),  # month-first is not how Vietnam writes dates
        ("27/03/24", None),
        ("hôm nay", None),
    ],
)
def test_dates_are_read_day_first_and_stored_as_iso(text, stored):
    assert normalise_date(text) == stored


def test_only_real_iso_dates_are_read_back():
    assert str(read_date("2024-02-29")) == "2024-02-29"
    assert read_date("2023-02-29") is None
    assert read_date("29/02/2024") is None


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1500000", 1_500_000),
        ("1.500.000", 1_500_000),
        ("1,500,000", 1_500_000),
        ("1 500 000", 1_500_000),
        ("1.500.000 đ", 1_500_000),
        ("50.000 VND", 50_000),
        ("0", 0),
        ("1,5", None),  # the đồng has no decimals: never guess
        ("1.50.000", None),
        ("1.500,000", None),  # mixed separators
        ("-5000", None),
        ("năm trăm", None),
        ("", None),
    ],
)
def test_money_is_read_in_whole_dong(text, amount):
    assert normalise_money(text) == amount


@given(st.integers(min_value=0, max_value=10**15))
def test_money_shown_with_dots_reads_back(amount):
    assert normalise_money(format_money(amount)) == amount


def test_money_is_shown_with_vietnamese_grouping():
    assert format_money(1_500_000) == "1.500.000"
    assert format_money(0) == "0"


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("0912345678", True),
        ("+84912345678", True),
        ("02063852123", True),  # a landline with its area code: 0 + 10 digits
        ("091234567", False),  # 0 + 8 digits
        ("091234567890", False),  # 0 + 11 digits
        ("84912345678", False),  # the country code needs its +
        ("+8491234567a", False),
    ],
)
def test_vietnamese_phone_numbers(text, valid):
    assert is_phone_vn(text) is valid


def test_phone_numbers_lose_spaces_dots_and_dashes():
    assert normalise_phone("0912 345.678") == "0912345678"
    assert normalise_phone("(+84) 912-345-678") == "+84912345678"


def test_email_addresses():
    assert is_email("an.nguyen@example.vn") is True
    assert is_email("an.nguyen@") is False
