"""Agency electronic ID codes (mã định danh điện tử): the pure validation rule."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.agencies.codes import MAX_LENGTH, is_valid_agency_code, level1_group

LEVEL1_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXY"  # A–Y; Z is not a level-1 letter


@pytest.mark.parametrize(
    ("code", "level1"),
    [
        ("000.00.00.H14", "H14"),  # QCVN 102:2016 order: level-1 group at the right
        ("000.00.12.H04", "H04"),
        ("H15.50.05.13", "H15"),  # Decision 20/2020 order: level-1 group at the left
        ("001.01.50.H14", "H14"),
        ("G22", "G22"),  # a level-1 agency on its own
    ],
)
def test_valid_codes_are_accepted_and_their_level1_group_found(code, level1):
    # when / then
    assert is_valid_agency_code(code) is True
    assert level1_group(code) == level1


@pytest.mark.parametrize(
    "code",
    [
        pytest.param("000.00.00.h14", id="lowercase level-1 letter"),
        pytest.param("h15.50.05.13", id="lowercase level-1 letter at the left"),
        pytest.param("", id="empty"),
        pytest.param("0" * (MAX_LENGTH - 3) + ".H14", id="36 characters"),
        pytest.param("000.00.00.H14" + ".000" * 6, id="longer than 35"),
        pytest.param("000.00.00.14", id="no level-1 group"),
        pytest.param("000.00.00.000", id="digits only"),
        pytest.param("000.H14.00.00", id="level-1 group in the middle"),
        pytest.param("000.00.00.Z01", id="Z as level-1 letter"),
        pytest.param("Z01", id="Z01 alone"),
        pytest.param("000.00.00. H14", id="space inside"),
        pytest.param(" 000.00.00.H14", id="leading space"),
        pytest.param("000.00.00.H14 ", id="trailing space"),
        pytest.param("000..00.H14", id="double dot"),
        pytest.param("000.00.00.H14.", id="trailing dot"),
        pytest.param(".000.00.H14", id="leading dot"),
        pytest.param("000.00.00.00.H14", id="five groups"),
        pytest.param("0000.00.00.H14", id="four-digit group"),
        pytest.param("000.00.00.H1", id="level-1 group with one digit"),
        pytest.param("000.00.00.H144", id="level-1 group with three digits"),
        pytest.param("000-00-00-H14", id="dashes instead of dots"),
        pytest.param("H14.H15", id="two level-1 groups"),
        # Only ASCII digits: `\d` and `$` in a regular expression also accept these.
        pytest.param("000.00\n.00.H14", id="newline inside a group"),
        pytest.param("٠٠٠.00.00.H14", id="Arabic-Indic digits"),
    ],
)
def test_invalid_codes_are_refused(code):
    # when / then
    assert is_valid_agency_code(code) is False


digits3 = st.integers(min_value=0, max_value=999)
digits2 = st.integers(min_value=0, max_value=99)
letter = st.sampled_from(LEVEL1_LETTERS)


@given(a=digits3, b=digits2, c=digits2, m=letter, x=digits2)
def test_any_code_with_level1_at_the_right_is_valid(a, b, c, m, x):
    # given
    code = f"{a:03d}.{b:02d}.{c:02d}.{m}{x:02d}"
    # when / then
    assert is_valid_agency_code(code) is True
    assert level1_group(code) == f"{m}{x:02d}"


@given(a=digits3, b=digits2, c=digits2, m=letter, x=digits2)
def test_any_code_with_level1_at_the_left_is_valid(a, b, c, m, x):
    # given: the same groups in the reversed (Decision 20/2020) order
    code = f"{m}{x:02d}.{c:02d}.{b:02d}.{a:03d}"
    # when / then
    assert is_valid_agency_code(code) is True
    assert level1_group(code) == f"{m}{x:02d}"


@given(a=digits3, b=digits2, c=digits2, x=digits2)
def test_z_is_never_a_level1_letter(a, b, c, x):
    # given
    code = f"{a:03d}.{b:02d}.{c:02d}.Z{x:02d}"
    # when / then
    assert is_valid_agency_code(code) is False
    assert is_valid_agency_code(code.lower()) is False
