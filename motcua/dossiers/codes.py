"""Dossier codes and electronic result codes (domain.md §5); pure: no models, no database.

A dossier code is ``<receiving unit's agency code>-<YYMMDD of receipt>-<sequence of the
day>`` (Circular 01/2018 Art. 19, carried into Circular 03/2025), for example
``000.00.12.H04-250701-0001``. Live data also writes the agency code level-1 group first
(``H15.50.05.13-261008-0975``); both orders are accepted, as
``motcua.agencies.codes`` accepts them, and the agency code is kept as written. An
electronic result is stored under ``<dossier code>-KQ<n>``.

A code is an identifier, so each has exactly one spelling: the parsers accept only what
the builders write (ASCII upper case, no spaces, a real date, no superfluous leading
zeros) and ``build(parse(text)) == text`` whenever parsing succeeds. What a person types
goes through ``normalise_code`` first.

The sequence has four digits, zero-padded, as the circular writes it. A receiving unit
that takes more than 9,999 dossiers in one day gets ``…-10000`` and up rather than a
refused receipt; the width is capped at six digits (``MAX_SEQUENCE``) so that a code
always fits ``MAX_LENGTH``. ``YY`` is read as ``20YY``: receipt dates run from 2000 to 2099.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext_lazy as _

from motcua.agencies.codes import MAX_LENGTH as MAX_AGENCY_CODE_LENGTH
from motcua.agencies.codes import is_valid_agency_code
from motcua.core.errors import InvalidInput

SEQUENCE_WIDTH = 4
MAX_SEQUENCE = 999_999
MAX_RESULT_NUMBER = 999
FIRST_YEAR, LAST_YEAR = 2000, 2099
# <agency>-<YYMMDD>-<sequence>: 35 + 1 + 6 + 1 + 6 = 49 characters at most.
MAX_LENGTH = MAX_AGENCY_CODE_LENGTH + 1 + 6 + 1 + len(str(MAX_SEQUENCE))
RESULT_MAX_LENGTH = MAX_LENGTH + len("-KQ") + len(str(MAX_RESULT_NUMBER))

# ASCII classes and fullmatch only: \d would accept other scripts' digits and "$" a
# trailing newline. A sequence is four digits (zero-padded) or 5–6 digits without a
# leading zero, so "0001" has no second spelling "00001".
_DOSSIER_CODE = re.compile(r"([0-9A-Z.]+)-([0-9]{2})([0-9]{2})([0-9]{2})-([0-9]{4}|[1-9][0-9]{4,5})")
_RESULT_SUFFIX = re.compile(r"-KQ([1-9][0-9]{0,2})")


class InvalidDossierCode(InvalidInput):
    code = "dossier_code.invalid"
    default_message = _(
        "“%(value)s” is not a dossier code: it is the receiving agency's code, the date of "
        "receipt and a number, for example 000.00.12.H04-250701-0001."
    )


@dataclass(frozen=True, slots=True)
class DossierCode:
    agency_code: str
    received_on: date
    sequence: int

    def __str__(self) -> str:
        return build_dossier_code(self.agency_code, self.received_on, self.sequence)


@dataclass(frozen=True, slots=True)
class ResultCode:
    dossier_code: DossierCode
    number: int

    def __str__(self) -> str:
        return result_code(str(self.dossier_code), self.number)


def build_dossier_code(agency_code: str, received_on: date, sequence: int) -> str:
    """``<agency code>-<YYMMDD>-<NNNN>``; ValueError or TypeError on parts it cannot write."""
    check_code_parts(agency_code, received_on)
    if not _is_int(sequence) or not 1 <= sequence <= MAX_SEQUENCE:
        raise ValueError(f"a dossier sequence number runs from 1 to {MAX_SEQUENCE}, not {sequence!r}")
    return f"{agency_code}-{received_on:%y%m%d}-{sequence:0{SEQUENCE_WIDTH}d}"


def check_code_parts(agency_code: str, received_on: date) -> None:
    """Refuse an agency code or a day that no dossier code can carry (before numbering)."""
    if not isinstance(agency_code, str) or not is_valid_agency_code(agency_code):
        raise ValueError(f"not an agency electronic ID code: {agency_code!r}")
    # A datetime is a date too, but its day depends on the time zone: the caller decides.
    if isinstance(received_on, datetime) or not isinstance(received_on, date):
        raise TypeError(f"the day of receipt must be a date, not {type(received_on).__name__}")
    if not FIRST_YEAR <= received_on.year <= LAST_YEAR:
        raise ValueError(f"YYMMDD only writes days from {FIRST_YEAR} to {LAST_YEAR}: {received_on}")


def parse_dossier_code(text: str) -> DossierCode | None:
    """The parts of a dossier code, or None when ``text`` is not one (never raises)."""
    if not isinstance(text, str) or len(text) > MAX_LENGTH:
        return None
    match = _DOSSIER_CODE.fullmatch(text)
    if match is None:
        return None
    agency_code, yy, mm, dd, sequence = match.groups()
    if not is_valid_agency_code(agency_code) or int(sequence) == 0:
        return None
    try:
        received_on = date(2000 + int(yy), int(mm), int(dd))
    except ValueError:  # 31 June, 29 February of a common year, month 13 …
        return None
    return DossierCode(agency_code=agency_code, received_on=received_on, sequence=int(sequence))


def result_code(dossier_code: str, n: int) -> str:
    """``<dossier code>-KQ<n>``: the code of a dossier's n-th electronic result (n ≥ 1)."""
    if parse_dossier_code(dossier_code) is None:
        raise ValueError(f"not a dossier code: {dossier_code!r}")
    if not _is_int(n) or not 1 <= n <= MAX_RESULT_NUMBER:
        raise ValueError(f"a result number runs from 1 to {MAX_RESULT_NUMBER}, not {n!r}")
    return f"{dossier_code}-KQ{n}"


def parse_result_code(text: str) -> ResultCode | None:
    """The dossier code and result number of ``<dossier code>-KQ<n>``, or None."""
    if not isinstance(text, str) or len(text) > RESULT_MAX_LENGTH:
        return None
    head, dash, tail = text.rpartition("-")
    match = _RESULT_SUFFIX.fullmatch(dash + tail)
    dossier = parse_dossier_code(head) if match else None
    if match is None or dossier is None:
        return None
    return ResultCode(dossier_code=dossier, number=int(match.group(1)))


def normalise_code(text: str) -> str:
    """What a person typed, made comparable: surrounding spaces trimmed, ASCII upper-cased.

    Only ASCII text is upper-cased, because Unicode case mapping turns some other
    letters into ASCII ones (``"ſ".upper() == "S"``) and junk must stay junk.
    """
    text = text.strip()
    return text.upper() if text.isascii() else text


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
