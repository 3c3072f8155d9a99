"""The citizen ID number's structure (Circular 07/2016/TT-BCA)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.catalog.eforms.citizen_id import PROVINCE_OF_BIRTH_CODES, parse_citizen_id


@pytest.mark.parametrize(
    ("number", "province", "female", "year"),
    [
        ("001090012345", "001", False, 1990),  # Hà Nội, male, 1990
        ("004185000123", "004", True, 1985),  # Cao Bằng, female, 1985
        ("079203004567", "079", False, 2003),  # Hồ Chí Minh, male, 2003
        ("096399999999", "096", True, 2099),  # Cà Mau, the last province code, female, 2099
        ("042400000001", "042", False, 2100),  # Hà Tĩnh, male, 22nd century
        ("051900000001", "051", True, 2300),  # Quảng Ngãi, the last century digit
    ],
)
def test_the_parts_of_a_valid_number_are_read(number, province, female, year):
    # when
    parts = parse_citizen_id(number)
    # then
    assert parts is not None
    assert (parts.province_code, parts.has_known_province, parts.is_female, parts.birth_year) == (
        province,
        True,
        female,
        year,
    )


@pytest.mark.parametrize(
    "number",
    [
        pytest.param("00109001234", id="11 digits"),
        pytest.param("0010900123456", id="13 digits"),
        pytest.param("00109001234a", id="a letter"),
        pytest.param("001 90012345", id="a space inside"),
        pytest.param("٠٠١٠٩٠٠١٢٣٤٥", id="Arabic-Indic digits"),
        pytest.param("001090012345\n", id="trailing newline"),
        pytest.param("", id="empty"),
    ],
)
def test_anything_but_twelve_ascii_digits_is_not_a_number(number):
    assert parse_citizen_id(number) is None


@pytest.mark.parametrize("province", ["000", "003", "097", "099", "100", "999"])
def test_province_codes_outside_the_circular_are_unknown(province):
    # when
    parts = parse_citizen_id(f"{province}090012345")
    # then
    assert parts is not None and parts.has_known_province is False


def test_the_circular_lists_63_provinces_from_001_to_096():
    assert len(PROVINCE_OF_BIRTH_CODES) == 63
    assert min(PROVINCE_OF_BIRTH_CODES) == "001" and max(PROVINCE_OF_BIRTH_CODES) == "096"


def test_the_year_must_agree_with_the_date_of_birth():
    parts = parse_citizen_id("001090012345")
    assert parts.agrees_with(date(1990, 12, 31)) is True
    assert parts.agrees_with(date(2090, 1, 1)) is False  # same two digits, other century
    assert parts.agrees_with(date(1991, 1, 1)) is False


@given(
    province=st.sampled_from(sorted(PROVINCE_OF_BIRTH_CODES)),
    born=st.dates(min_value=date(1900, 1, 1), max_value=date(2399, 12, 31)),
    female=st.booleans(),
    serial=st.integers(min_value=0, max_value=999_999),
)
def test_a_number_built_from_its_parts_reads_back(province, born, female, serial):
    # given: century digit = 2 × (centuries since 1900) + 1 for women
    century_sex = 2 * ((born.year - 1900) // 100) + int(female)
    number = f"{province}{century_sex}{born.year % 100:02d}{serial:06d}"
    # when
    parts = parse_citizen_id(number)
    # then
    assert parts is not None
    assert parts.has_known_province and parts.is_female is female and parts.agrees_with(born)
