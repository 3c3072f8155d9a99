from motcua.agencies.models.agency import Agency, AgencyKind, AgencyLevel
from motcua.agencies.models.official import Official, OfficialRole, Role
from motcua.agencies.models.unit import AdminUnit, UnitKind, UnitLevel, UnitSupersession

__all__ = [
    "AdminUnit",
    "Agency",
    "AgencyKind",
    "AgencyLevel",
    "Official",
    "OfficialRole",
    "Role",
    "UnitKind",
    "UnitLevel",
    "UnitSupersession",
]
