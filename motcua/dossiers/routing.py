"""Routing by competence (Decree 118/2025 Art. 14): any center receives, the law decides who decides.

A commune-level procedure goes to the People's Committee (or other agency of the kind
the procedure names) of the applicant's commune of residence, or of the commune whose
center served them when residence is unknown. A provincial procedure goes to the agency
the province set for it (``Competence``), whichever center received it. The receiving
unit is the center that served the person; online, the center of the competent agency.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from motcua.agencies import selectors as agency_selectors
from motcua.agencies.types import AgencyLevel, UnitLevel
from motcua.dossiers.errors import NoCompetentAgency
from motcua.dossiers.models import Competence

if TYPE_CHECKING:
    from motcua.agencies.models import AdminUnit, Agency
    from motcua.catalog.models import Procedure


@dataclass(frozen=True)
class Route:
    competent: Agency
    receiving: Agency


def route(*, procedure: Procedure, served_at: Agency | None, residence: AdminUnit | None) -> Route:
    competent = competent_agency(procedure=procedure, served_at=served_at, residence=residence)
    receiving = served_at or agency_selectors.service_center_for(competent) or competent
    return Route(competent=competent, receiving=receiving)


def competent_agency(
    *, procedure: Procedure, served_at: Agency | None, residence: AdminUnit | None
) -> Agency:
    commune = _commune(residence) or (_commune(served_at.unit) if served_at else None)
    if procedure.at_commune and commune is not None:
        for kind in procedure.agency_kind_list or ["peoples_committee"]:
            found = agency_selectors.agency_at(unit_id=commune.pk, kind=kind)
            if found is not None:
                return found
    configured = Competence.objects.select_related("agency__unit").filter(procedure=procedure).first()
    if configured is not None and configured.agency.is_active:
        return configured.agency
    if procedure.at_commune and commune is None and not procedure.at_province:
        raise NoCompetentAgency(procedure=procedure.code, where=_(" (the applicant's commune is not known)"))
    raise NoCompetentAgency(procedure=procedure.code, where="")


def _commune(unit: AdminUnit | None) -> AdminUnit | None:
    return unit if unit is not None and unit.level == UnitLevel.COMMUNE else None


def is_province_level(agency: Agency) -> bool:
    return agency.level == AgencyLevel.PROVINCE
