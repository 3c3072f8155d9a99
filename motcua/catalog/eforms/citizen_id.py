"""The structure of a citizen ID number (số định danh cá nhân, Circular 07/2016/TT-BCA); pure.

Twelve digits: the province where the birth was registered (3), century and sex (1), the
last two digits of the year of birth (2), then six serial digits. There is no check digit,
so this catches typing mistakes, not forgeries; the population database is the authority.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# Appendix 1 of Circular 07/2016/TT-BCA: the 63 provinces before the 2025 mergers. Numbers
# already issued keep their code, and the 2025 provinces reuse codes from this list.
PROVINCE_OF_BIRTH_CODES = frozenset(
    {
        "001",
        "002",
        "004",
        "006",
        "008",
        "010",
        "011",
        "012",
        "014",
        "015",
        "017",
        "019",
        "020",
        "022",
        "024",
        "025",
        "026",
        "027",
        "030",
        "031",
        "033",
        "034",
        "035",
        "036",
        "037",
        "038",
        "040",
        "042",
        "044",
        "045",
        "046",
        "048",
        "049",
        "051",
        "052",
        "054",
        "056",
        "058",
        "060",
        "062",
        "064",
        "066",
        "067",
        "068",
        "070",
        "072",
        "074",
        "075",
        "077",
        "079",
        "080",
        "082",
        "083",
        "084",
        "086",
        "087",
        "089",
        "091",
        "092",
        "093",
        "094",
        "095",
        "096",
    }
)
_TWELVE_DIGITS = re.compile(r"[0-9]{12}")  # ASCII only: \d would accept other scripts' digits


@dataclass(frozen=True)
class CitizenId:
    number: str

    @property
    def province_code(self) -> str:
        return self.number[:3]

    @property
    def has_known_province(self) -> bool:
        return self.province_code in PROVINCE_OF_BIRTH_CODES

    @property
    def is_female(self) -> bool:
        # 0/1 = born 1900–1999 male/female, 2/3 = 2000–2099, … up to 8/9 = 2300–2399.
        return int(self.number[3]) % 2 == 1

    @property
    def birth_year(self) -> int:
        century = 1900 + 100 * (int(self.number[3]) // 2)
        return century + int(self.number[4:6])

    def agrees_with(self, date_of_birth: date) -> bool:
        return self.birth_year == date_of_birth.year


def parse_citizen_id(value: str) -> CitizenId | None:
    """The parts of a 12-digit number, or None when it is not 12 digits."""
    if not isinstance(value, str) or not _TWELVE_DIGITS.fullmatch(value):
        return None
    return CitizenId(value)
