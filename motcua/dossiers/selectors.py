"""Reads of the dossiers app for other apps and the edges."""

from __future__ import annotations

from motcua.agencies import selectors as agency_selectors
from motcua.dossiers.calendar import province_calendar
from motcua.dossiers.deadlines import WorkCalendar


def calendar_for(*, unit_code: str | None) -> WorkCalendar:
    """The working-day calendar that applies to a unit (a province or a commune code).

    One province per deployment, so every unit shares the province's calendar; the code
    is still checked, so a typo answers 404 rather than a plausible-looking date.
    """
    if unit_code is not None:
        agency_selectors.get_admin_unit(code=unit_code)  # raises UnknownAdminUnit
    return province_calendar()
