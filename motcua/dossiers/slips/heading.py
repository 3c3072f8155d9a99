"""The heading block of every slip (forms-and-agencies.md §1.4): who issues it, and where.

Left: the parent body's name in capitals, under it the issuing unit's name in bold
capitals. Right: the national name and motto, then "<place>, ngày … tháng … năm …". The
2025 wording of the agency lines is not confirmed, so both come from the agency data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from motcua.dossiers.slips.text import nfc, place_date

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True)
class Heading:
    parent: str  # upper case, may be empty
    agency: str  # upper case
    place_date: str
    nation: str = NATION
    motto: str = MOTTO


def heading_for(agency: Any, issued_at: datetime) -> Heading:
    parent = agency.parent.name if agency.parent_id else ""
    return Heading(
        parent=nfc(parent).upper(),
        agency=nfc(agency.name).upper(),
        place_date=place_date(place_of(agency), issued_at),
    )


def place_of(agency: Any) -> str:
    """The province's name as the place line writes it: "Cao Bằng", "Hà Nội"."""
    unit = agency.unit
    province = unit if unit.parent_id is None else unit.parent
    name = nfc(province.name)
    for prefix in ("Thành phố ", "Tỉnh "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name
