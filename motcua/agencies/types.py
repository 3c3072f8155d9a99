"""Enumerations other apps may use (the models themselves stay behind services/selectors)."""

from motcua.agencies.models import AgencyKind, AgencyLevel, Role, UnitKind, UnitLevel

__all__ = ["AgencyKind", "AgencyLevel", "Role", "UnitKind", "UnitLevel"]
