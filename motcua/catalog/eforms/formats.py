"""Reading and checking the values people type: dates, money, phone numbers, e-mail; pure.

The ``normalise_*`` functions accept the ways Vietnamese users write a value and return
the stored form, or None when the text cannot be read (the raw text is then kept, so the
validator can say what is wrong and the page can show what was typed).
"""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator

_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_DMY_DATE = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})")
# "1.500.000", "1,500,000", "1 500 000" or plain digits; never decimals: the đồng has none.
_GROUPED = re.compile(r"[0-9]{1,3}([.,\u00a0 ])[0-9]{3}(?:\1[0-9]{3})*")
_PLAIN = re.compile(r"[0-9]+")
_CURRENCY = re.compile(r"\s*(?:đ|₫|vnđ|vnd|đồng)\s*$", re.IGNORECASE)
_PHONE = re.compile(r"(?:0|\+84)[0-9]{9,10}")
_PHONE_NOISE = re.compile(r"[\s.()-]")
_email = EmailValidator()


def normalise_date(text: str) -> str | None:
    """ISO ``YYYY-MM-DD`` from ISO or ``dd/mm/yyyy`` (also with dots or dashes)."""
    text = text.strip()
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = match.groups()
    elif match := _DMY_DATE.fullmatch(text):
        day, month, year = match.groups()
    else:
        return None
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def read_date(value: str) -> date | None:
    """The date of an ISO string as stored; None for anything else."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def normalise_money(text: str) -> int | None:
    text = _CURRENCY.sub("", text.strip())
    if _PLAIN.fullmatch(text) or _GROUPED.fullmatch(text):
        return int(re.sub(r"[^0-9]", "", text))
    return None


def format_money(amount: int) -> str:
    """Vietnamese grouping with dots: 1500000 → ``1.500.000``."""
    return f"{amount:,}".replace(",", ".")


def normalise_phone(text: str) -> str:
    return _PHONE_NOISE.sub("", text)


def is_phone_vn(value: str) -> bool:
    return isinstance(value, str) and bool(_PHONE.fullmatch(value))


def is_email(value: str) -> bool:
    try:
        _email(value)
    except ValidationError:
        return False
    return True
