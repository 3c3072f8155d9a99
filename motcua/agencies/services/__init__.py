"""Every write to administrative units, agencies and officials; each one atomic."""

from motcua.agencies.services.agencies import upsert_agency
from motcua.agencies.services.officials import grant_role, upsert_official
from motcua.agencies.services.units import LoadReport, load_admin_units, record_unit_merger

__all__ = [
    "LoadReport",
    "grant_role",
    "load_admin_units",
    "record_unit_merger",
    "upsert_agency",
    "upsert_official",
]
