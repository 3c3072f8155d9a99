"""Dossier codes and electronic result codes (domain.md §5): the pure rules."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from motcua.dossiers.codes import (
    MAX_LENGTH,
    MAX_RESULT_NUMBER,
    MAX_SEQUENCE,
    RESULT_MAX_LENGTH,
    DossierCode,
    ResultCode,
    build_dossier_code,
    normalise_code,
    parse_dossier_code,
    parse_result_code,
    result_code,
)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # QCVN 102:2016 order: the level-1 group at the right
        ("000.00.12.H04-250701-0001", DossierCode("000.00.12.H04", date(2025, 7, 1), 1)),
        # Decision 20/2020 order seen in live data: the level-1 group at the left
        ("H15.50.05.13-261008-0975", DossierCode("H15.50.05.13", date(2026, 10, 8), 975)),
        ("000.00.00.H14-240229-9999", DossierCode("000.00.00.H14", date(2024, 2, 29), 9999)),
        ("G15-000101-0010", DossierCode("G15", date(2000, 1, 1), 10)),
        # more than 9,999 in a day: the number widens instead of failing
        ("000.00.12.H04-250701-10000", DossierCode("000.00.12.H04", date(2025, 7, 1), 10_000)),
        ("000.00.12.H04-991231-999999", DossierCode("000.00.12.H04", date(2099, 12, 31), 999_999)),
    ],
)
def test_codes_parse_into_their_parts_and_build_back(text, parts):
    # when
    parsed = parse_dossier_code(text)
    # then
    assert parsed == parts
    assert build_dossier_code(parts.agency_code, parts.received_on, parts.sequence) == text
    assert str(parsed) == text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("000.00.12.H04-250701", id="no number"),
        pytest.param("000.00.12.H04-250701-001", id="three-digit number"),
        pytest.param("000.00.12.H04-250701-0000", id="number zero"),
        pytest.param("000.00.12.H04-250701-00001", id="five digits with a leading zero"),
        pytest.param("000.00.12.H04-250701-1000000", id="seven digits"),
        pytest.param("000.00.12.H04-250631-0001", id="31 June"),
        pytest.param("000.00.12.H04-250229-0001", id="29 February of a common year"),
        pytest.param("000.00.12.H04-251301-0001", id="month 13"),
        pytest.param("000.00.12.H04-250700-0001", id="day 0"),
        pytest.param("000.00.12.H04-20250701-0001", id="four-digit year"),
        pytest.param("000.00.12.h04-250701-0001", id="lower case"),
        pytest.param(" 000.00.12.H04-250701-0001", id="leading space"),
        pytest.param("000.00.12.H04-250701-0001 ", id="trailing space"),
        pytest.param("000.00.12.H04 -250701-0001", id="space inside"),
        pytest.param("000.00.12.H04-250701-0001\n", id="trailing newline"),
        pytest.param("000.00.12.H04-250701-0001\x00", id="NUL byte"),
        pytest.param("000.00.12.H04\x00-250701-0001", id="NUL byte inside"),
        pytest.param("000.00.12.H04-250701-٠٠٠١", id="Arabic-Indic digits"),
        pytest.param("000.00.12.H04-２50701-0001", id="full-width digit"),
        pytest.param("000.H04.12.00-250701-0001", id="level-1 group in the middle"),
        pytest.param("000.00.12.Z04-250701-0001", id="Z is no level-1 letter"),
        pytest.param("000.00.12-250701-0001", id="agency code without level-1 group"),
        pytest.param("000.00.12.H04_250701_0001", id="underscores"),
        pytest.param("000.00.12.H04-250701-0001-KQ1", id="a result code"),
        pytest.param("000.00.12.H04--250701-0001", id="double dash"),
        pytest.param("-250701-0001", id="no agency code"),
        pytest.param("0" * 32 + ".H04-250701-0001", id="agency group of 32 digits"),
    ],
)
def test_junk_is_not_a_dossier_code(text):
    # when / then
    assert parse_dossier_code(text) is None


@pytest.mark.parametrize(
    ("agency_code", "received_on", "sequence", "error"),
    [
        ("000.00.12.h04", date(2025, 7, 1), 1, ValueError),
        ("", date(2025, 7, 1), 1, ValueError),
        ("000.00.12.H04", date(2025, 7, 1), 0, ValueError),
        ("000.00.12.H04", date(2025, 7, 1), -1, ValueError),
        ("000.00.12.H04", date(2025, 7, 1), MAX_SEQUENCE + 1, ValueError),
        ("000.00.12.H04", date(2025, 7, 1), True, ValueError),
        ("000.00.12.H04", date(2025, 7, 1), 1.0, ValueError),
        ("000.00.12.H04", date(1999, 12, 31), 1, ValueError),  # YY would say 2099
        ("000.00.12.H04", date(2100, 1, 1), 1, ValueError),
        ("000.00.12.H04", datetime(2025, 7, 1, 9, 0), 1, TypeError),  # which day, in which zone?
        ("000.00.12.H04", "2025-07-01", 1, TypeError),
    ],
)
def test_build_refuses_parts_no_code_can_carry(agency_code, received_on, sequence, error):
    # when / then
    with pytest.raises(error):
        build_dossier_code(agency_code, received_on, sequence)


def test_the_number_is_zero_padded_to_four_digits():
    # when / then
    assert build_dossier_code("000.00.12.H04", date(2025, 7, 1), 7) == "000.00.12.H04-250701-0007"
    assert build_dossier_code("H15.50.05.13", date(2026, 10, 8), 975) == "H15.50.05.13-261008-0975"


def test_parse_answers_none_for_what_is_not_text():
    # when / then
    assert parse_dossier_code(None) is None  # type: ignore[arg-type]
    assert parse_dossier_code(b"000.00.12.H04-250701-0001") is None  # type: ignore[arg-type]
    assert parse_result_code(None) is None  # type: ignore[arg-type]


def test_result_codes_name_the_dossier_and_the_result_number():
    # when
    code = result_code("000.00.12.H04-250701-0001", 2)
    # then
    assert code == "000.00.12.H04-250701-0001-KQ2"
    assert parse_result_code(code) == ResultCode(DossierCode("000.00.12.H04", date(2025, 7, 1), 1), 2)
    assert str(parse_result_code(code)) == code


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("000.00.12.H04-250701-0001", id="a dossier code"),
        pytest.param("000.00.12.H04-250701-0001-KQ", id="no number"),
        pytest.param("000.00.12.H04-250701-0001-KQ0", id="number zero"),
        pytest.param("000.00.12.H04-250701-0001-KQ01", id="leading zero"),
        pytest.param("000.00.12.H04-250701-0001-KQ1000", id="over the maximum"),
        pytest.param("000.00.12.H04-250701-0001-kq1", id="lower case"),
        pytest.param("000.00.12.H04-250701-0001-KQ1\n", id="trailing newline"),
        pytest.param("000.00.12.H04-250701-0001-KQ1\x00", id="NUL byte"),
        pytest.param("000.00.12.H04-250631-0001-KQ1", id="impossible date in the dossier code"),
        pytest.param("000.00.12.H04-250701-0001KQ1", id="no dash"),
        pytest.param("000.00.12.H04-250701-0001-KQ1-KQ1", id="twice"),
        pytest.param("-KQ1", id="no dossier code"),
    ],
)
def test_junk_is_not_a_result_code(text):
    # when / then
    assert parse_result_code(text) is None


@pytest.mark.parametrize(
    ("dossier_code", "n"),
    [
        ("000.00.12.H04-250701-0001", 0),
        ("000.00.12.H04-250701-0001", MAX_RESULT_NUMBER + 1),
        ("000.00.12.H04-250701-0001", True),
        ("000.00.12.h04-250701-0001", 1),
        ("000.00.12.H04-250631-0001", 1),
    ],
)
def test_result_code_refuses_what_it_cannot_write(dossier_code, n):
    # when / then
    with pytest.raises(ValueError):
        result_code(dossier_code, n)


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("  000.00.12.h04-250701-0001\n", "000.00.12.H04-250701-0001"),
        ("h15.50.05.13-261008-0975-kq1", "H15.50.05.13-261008-0975-KQ1"),
        # Unicode upper-casing would turn the long s into S and make junk valid: left as is.
        ("000.00.12.ſ04-250701-0001", "000.00.12.ſ04-250701-0001"),
        ("000.00.12.H04-250701-0001\x00", "000.00.12.H04-250701-0001\x00"),
    ],
)
def test_normalise_trims_and_upper_cases_ascii_only(typed, normalised):
    # when / then
    assert normalise_code(typed) == normalised


def test_a_normalised_long_s_is_still_junk():
    # when / then
    assert parse_dossier_code(normalise_code("000.00.12.ſ04-250701-0001")) is None


LEVEL1 = st.builds(
    lambda letter, number: f"{letter}{number:02d}",
    st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXY"),
    st.integers(0, 99),
)
LOWER_GROUPS = st.lists(st.integers(0, 999).map(lambda n: f"{n:03d}"), max_size=3) | st.lists(
    st.sampled_from(["00", "12", "50", "05", "13", "1", "999"]), max_size=3
)


@st.composite
def agency_codes(draw: st.DrawFn) -> str:
    """Agency codes in both orders: level-1 group at the right (QCVN) or at the left."""
    level1, groups = draw(LEVEL1), draw(LOWER_GROUPS)
    parts = [*groups, level1] if draw(st.booleans()) else [level1, *groups]
    return ".".join(parts)


DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
SEQUENCES = st.integers(1, MAX_SEQUENCE)


@given(agency_code=agency_codes(), received_on=DAYS, sequence=SEQUENCES)
@example(agency_code="000.00.12.H04", received_on=date(2025, 7, 1), sequence=9999)
@example(agency_code="H15.50.05.13", received_on=date(2026, 10, 8), sequence=10_000)
def test_every_code_built_parses_back_to_its_parts(agency_code, received_on, sequence):
    # when
    code = build_dossier_code(agency_code, received_on, sequence)
    # then
    assert parse_dossier_code(code) == DossierCode(agency_code, received_on, sequence)
    assert len(code) <= MAX_LENGTH
    assert code.count("-") == 2


@given(agency_code=agency_codes(), received_on=DAYS, sequence=SEQUENCES, n=st.integers(1, MAX_RESULT_NUMBER))
def test_every_result_code_built_parses_back_to_its_parts(agency_code, received_on, sequence, n):
    # given
    dossier_code = build_dossier_code(agency_code, received_on, sequence)
    # when
    code = result_code(dossier_code, n)
    # then
    assert parse_result_code(code) == ResultCode(parse_dossier_code(dossier_code), n)
    assert parse_dossier_code(code) is None  # a result code is never taken for a dossier code
    assert len(code) <= RESULT_MAX_LENGTH


@given(
    a=st.tuples(agency_codes(), DAYS, SEQUENCES),
    b=st.tuples(agency_codes(), DAYS, SEQUENCES),
)
def test_different_parts_never_give_the_same_code(a, b):
    # given
    assume(a != b)
    # when / then
    assert build_dossier_code(*a) != build_dossier_code(*b)


CODE_ALPHABET = st.sampled_from("0123456789.-KQHGZhkq ٠２\x00\n")


@given(text=st.text(CODE_ALPHABET, max_size=40) | st.text(max_size=60))
@example(text="000.00.12.H04-250701-0001")
@example(text="000.00.12.H04-250701-0001-KQ1")
def test_parsing_any_text_never_raises_and_is_canonical(text):
    # when
    dossier = parse_dossier_code(text)
    result = parse_result_code(text)
    # then: whatever parses has exactly one spelling, the one it was written in
    if dossier is not None:
        assert str(dossier) == text
    if result is not None:
        assert str(result) == text
    assert dossier is None or result is None
