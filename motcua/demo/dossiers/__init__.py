"""Demo dossiers of Cao Bằng in every lifecycle state, driven through the real services.

Every dossier is a short *script* (``scripts``): a generator that yields the moment of its
next action (an office hour of a working day, or an evening for an online submission).
The runner (``story``) resumes the scripts in time order with ``clock.now()`` frozen at that
moment, so codes, appointment dates, pauses, outcomes, events, slips and the audit trail are
the engine's own, and a day's codes follow the order of receipt. The plan (``plan``: who
asks for what, where, when, and how it should go) comes from one ``random.Random(SEED)`` and
``clock.today()``: a rerun on the same day plans the same dossiers; the people, places and
what they write are in ``casting``. The dates run from 1 July 2025 (the two-level local
government) to the last working day before today.

The demo has officials in two communes (Phường Thục Phán, Xã Bảo Lâm), at the provincial
center's desk and in one department (Sở Tư pháp). Provincial procedures of departments
without demo officials (Finance, Agriculture and Environment) are received and handed
over by a commune desk and stay open there.
"""

from __future__ import annotations

import time as timer

from motcua.core import clock
from motcua.demo.dossiers.casting import PROVINCE, SEED
from motcua.demo.dossiers.people import register_demo_people
from motcua.demo.dossiers.plan import (
    DossierCounts,
    build_site,
    demo_procedures,
    last_working_day_before,
    plan_dossiers,
)
from motcua.demo.dossiers.story import World, demo_officials, run_plans
from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers.types import Status

__all__ = ["SEED", "DossierCounts", "build_site", "demo_procedures", "plan_dossiers", "seed_dossiers"]


def seed_dossiers(*, province_code: str, level1: str, seed: int = SEED) -> DossierCounts:
    """The demo dossiers, unless the database has dossiers already (then: their counts)."""
    started = timer.perf_counter()
    if province_code != PROVINCE or dossier_selectors.count_by_status():
        return _counted(DossierCounts(), started)
    calendar = dossier_selectors.calendar_for(unit_code=None)
    end = last_working_day_before(clock.today(), calendar)
    site = build_site(level1)
    procedures = demo_procedures()
    plans = plan_dossiers(seed=seed, site=site, procedures=procedures, calendar=calendar, end=end)
    register_demo_people(plans)  # the simulated population database knows them
    world = World(calendar=calendar, end=end, site=site, procedures=procedures, users=demo_officials(site))
    counts = _counted(DossierCounts(failed=run_plans(plans, world=world, seed=seed)), started)
    counts.created = counts.total
    return counts


def _counted(counts: DossierCounts, started: float) -> DossierCounts:
    found = dossier_selectors.count_by_status()
    counts.by_status = {status: found[status] for status in Status.values if status in found}
    counts.total = sum(found.values())
    counts.seconds = timer.perf_counter() - started
    return counts
