"""Setting which provincial agency decides a procedure (admin, seed data)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from motcua.agencies import selectors as agency_selectors
from motcua.catalog import selectors as catalog_selectors
from motcua.core.audit import record_audit
from motcua.dossiers.errors import UnknownAgency
from motcua.dossiers.models import Competence


@transaction.atomic
def assign_competence(*, procedure_code: str, agency_code: str, by: Any) -> Competence:
    procedure = catalog_selectors.get_procedure(code=procedure_code)
    agency = agency_selectors.find_agency(code=agency_code)
    if agency is None:
        raise UnknownAgency(value=agency_code)
    competence, _created = Competence.objects.update_or_create(
        procedure=procedure, defaults={"agency": agency}
    )
    record_audit(
        actor=by,
        action="dossier.competence_set",
        object_type="procedure",
        object_id=procedure.code,
        data={"agency": agency.code},
    )
    return competence
