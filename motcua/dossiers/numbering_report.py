"""Which of a day's dossier numbers nobody can account for (a read; writes nothing)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from motcua.dossiers.codes import parse_dossier_code
from motcua.dossiers.models import CodeCounter, VoidedCode

if TYPE_CHECKING:
    from motcua.agencies.models import Agency


def code_gaps(*, agency: Agency, day: date, used_codes: Iterable[str]) -> list[int]:
    """The numbers issued to ``agency`` on ``day`` that no dossier uses and nobody voided.

    Issued means 1 … the day's counter. ``used_codes`` are the codes of the dossiers that
    hold one (the dossier selector will pass them once the Dossier model exists); codes of
    other agencies or days, and text that is no dossier code, cannot be one of the day's
    numbers and are ignored. An empty list: every number issued is accounted for.
    """
    last = CodeCounter.objects.filter(agency=agency, day=day).values_list("last", flat=True).first()
    if not last:
        return []
    used = {
        parts.sequence
        for parts in map(parse_dossier_code, used_codes)
        if parts is not None and parts.agency_code == agency.code and parts.received_on == day
    }
    voided = set(VoidedCode.objects.filter(agency=agency, day=day).values_list("sequence", flat=True))
    return [number for number in range(1, last + 1) if number not in used and number not in voided]
