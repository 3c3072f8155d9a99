"""The demo's people, known to the simulated National Population Database.

Every owner and every submitter or representative of the planned demo dossiers is
registered with the simulator, so a desk official who looks up a demo person's citizen ID
finds them as the dossiers name them. The database holds what the ID encodes (sex, year of
birth); the day of birth is derived from the number, so it is the same on every run.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date

from motcua.catalog.eforms.citizen_id import parse_citizen_id
from motcua.demo.dossiers.plan import Plan
from motcua.integrations.services import register_simulated_citizens
from motcua.integrations.types import PersonRecord, Residence


def register_demo_people(plans: Iterable[Plan]) -> int:
    """Register the people of ``plans``; how many citizens the simulated database now knows."""
    people: dict[str, PersonRecord] = {}
    for plan in plans:
        home = Residence(commune_code=plan.owner.unit_code, address=plan.owner.address)
        named = [(plan.owner.name, plan.owner.id_number)] + [(p.name, p.id_number) for p in plan.parties]
        for name, number in named:
            record = demo_person(number, name, home)
            if record is not None:
                people.setdefault(number, record)
    return register_simulated_citizens(list(people.values()))


def demo_person(number: str, name: str, home: Residence) -> PersonRecord | None:
    parsed = parse_citizen_id(number)
    if parsed is None:
        return None
    digest = hashlib.sha256(number.encode()).digest()
    born = date(parsed.birth_year, 1 + digest[0] % 12, 1 + digest[1] % 28)
    return PersonRecord(
        citizen_id=number,
        full_name=name,
        date_of_birth=born,
        sex="female" if parsed.is_female else "male",
        permanent_residence=home,
        current_residence=home,
    )
