"""Agency electronic ID codes (mã định danh điện tử); pure.

QCVN 102:2016 writes the level-1 group at the right (``000.00.00.H14``); live data under
Decision 20/2020 also puts it at the left (``H15.50.05.13``). Both are accepted and the
code is kept in the order it was received. Groups are separated by dots, at most 35
characters, digits and upper-case letters only; exactly one group is the level-1 code
``MX1X2`` (M in A–Y, then two digits), at one end.
"""

from __future__ import annotations

import re

MAX_LENGTH = 35
# ASCII only and whole-string matches: \d would accept other scripts' digits and "$" a
# trailing newline.
_LEVEL1 = re.compile(r"[A-Y][0-9]{2}")
_DIGITS = re.compile(r"[0-9]{1,3}")


def is_valid_agency_code(code: str) -> bool:
    if not code or len(code) > MAX_LENGTH or code != code.strip():
        return False
    groups = code.split(".")
    if not 1 <= len(groups) <= 4:
        return False
    if _LEVEL1.fullmatch(groups[-1]):
        rest = groups[:-1]
    elif _LEVEL1.fullmatch(groups[0]):
        rest = groups[1:]
    else:
        return False
    return all(_DIGITS.fullmatch(group) for group in rest)


def level1_group(code: str) -> str:
    """The level-1 group (e.g. ``H14``) of a valid code."""
    groups = code.split(".")
    return groups[-1] if _LEVEL1.fullmatch(groups[-1]) else groups[0]


def validate_agency_code(value: str) -> None:
    """Django field validator (used by model forms such as the admin's)."""
    from django.core.exceptions import ValidationError

    from motcua.agencies.errors import InvalidAgencyCode

    if not is_valid_agency_code(value):
        raise ValidationError(InvalidAgencyCode(value=value).detail, code="invalid")
