"""The population back-fill: dossiers taken in while the National Population Database was down.

A desk never waits for the database: when it does not answer, the dossier is taken in with
what the applicant declared and marked ``population_data_pending``. The periodic job
``dossiers.population_backfill`` retries those dossiers in small batches. For each one the
database answers, it fills the owner's fields that were left empty, notes on the timeline
every field that differs from the database (for the official to check with the applicant;
nothing typed at the desk is overwritten), and clears the flag. This is not a lifecycle
action: the status does not change. While the database stays down, nothing changes.
"""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from motcua.agencies import selectors as agency_selectors
from motcua.core import clock
from motcua.core.errors import NotFound
from motcua.dossiers.actors import actor_for
from motcua.dossiers.models import Dossier
from motcua.dossiers.services.acting import ActionContext, append_event, audit_action, lock_dossier
from motcua.integrations.services import lookup_citizen
from motcua.integrations.types import CitizenLookup, LookupPurpose, PersonRecord

logger = logging.getLogger(__name__)

POPULATION_CHECK = "population-check"  # not a lifecycle action: the timeline records it
JOB_ACTOR = "population-backfill"  # who the audit trail says looked the citizens up
BATCH = 20


@dataclass
class BackfillReport:
    checked: int = 0
    filled: int = 0  # dossiers where an empty field was completed
    with_differences: int = 0
    not_found: int = 0
    still_pending: int = 0
    unavailable: bool = False
    references: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        text = (
            f"checked {self.checked}, filled {self.filled}, differences {self.with_differences}, "
            f"not found {self.not_found}, still pending {self.still_pending}"
        )
        return text + (" (population database unavailable)" if self.unavailable else "")


def backfill_population(*, limit: int = BATCH) -> BackfillReport:
    """Check up to ``limit`` pending dossiers against the database; stop at the first outage."""
    report = BackfillReport()
    pending = list(
        Dossier.objects.filter(population_data_pending=True)
        .order_by("id")
        .values_list("id", "owner_id_number")[:limit]
    )
    for dossier_id, citizen_id in pending:
        lookup = _lookup(citizen_id)
        if lookup is not None and lookup.unavailable:
            report.unavailable = True
            break
        applied = apply_population_lookup(dossier_id=dossier_id, lookup=lookup)
        if applied is None:  # cleared meanwhile
            continue
        dossier, data = applied
        report.checked += 1
        report.references.append(dossier.identifier)
        report.filled += bool(data.get("filled"))
        report.with_differences += bool(data.get("differences"))
        report.not_found += data.get("outcome") == "not_found"
    report.still_pending = Dossier.objects.filter(population_data_pending=True).count()
    return report


def _lookup(citizen_id: str) -> CitizenLookup | None:
    """None when there is nothing to look up (no or a malformed ID): the flag is cleared with a note."""
    if len(citizen_id) != 12 or not citizen_id.isdigit() or not citizen_id.isascii():
        return None
    return lookup_citizen(citizen_id=citizen_id, by=JOB_ACTOR, purpose=LookupPurpose.BACKFILL)


def apply_population_lookup(
    *, dossier_id: int, lookup: CitizenLookup | None
) -> tuple[Dossier, dict[str, Any]] | None:
    """Fill, compare, record and clear, in one transaction: the dossier and what the event says.

    None when the dossier is no longer pending (another run got there first).
    """
    with transaction.atomic():
        dossier = lock_dossier(Dossier(pk=dossier_id), by=None)
        if not dossier.population_data_pending:
            return None
        if lookup is None:
            outcome, filled, differences = "no_citizen_id", [], []
        elif lookup.record is None:
            outcome, filled, differences = "not_found", [], []
        else:
            outcome = "found"
            filled, differences = _reconcile(dossier, lookup.record)
        now = clock.now()
        dossier.population_data_pending = False
        dossier.version += 1
        dossier.updated_at = now
        dossier.save(
            update_fields=["population_data_pending", "owner_address", "owner_unit", "version", "updated_at"]
        )
        data = {"outcome": outcome, "filled": filled, "differences": differences}
        context = ActionContext(
            dossier, actor_for(None, dossier), POPULATION_CHECK, now, {}, note=_note(data), event_data=data
        )
        audit_action(context, append_event(context, from_status=dossier.status))
    return dossier, data


def _reconcile(dossier: Dossier, record: PersonRecord) -> tuple[list[str], list[dict[str, str]]]:
    """Fill the owner's empty fields from the record; list those that differ. Never overwrite."""
    filled, differences = [], []
    residence = record.residence
    if not _same(dossier.owner_name, record.full_name):
        differences.append(_difference("owner_name", dossier.owner_name, record.full_name))
    if residence.address:
        if not dossier.owner_address.strip():
            dossier.owner_address = residence.address[:300]
            filled.append("owner_address")
        elif not _same(dossier.owner_address, residence.address):
            differences.append(_difference("owner_address", dossier.owner_address, residence.address))
    if residence.commune_code:
        if dossier.owner_unit is None:
            unit = _unit(residence.commune_code)
            if unit is not None:
                dossier.owner_unit = unit
                filled.append("owner_unit")
        elif dossier.owner_unit.code != residence.commune_code:
            differences.append(_difference("owner_unit", dossier.owner_unit.code, residence.commune_code))
    return filled, differences


def _unit(code: str) -> Any:
    try:
        return agency_selectors.get_admin_unit(code=code)
    except NotFound:
        logger.warning("population record names an unknown commune %s", code)
        return None


def _difference(name: str, declared: str, population: str) -> dict[str, str]:
    return {"field": name, "declared": declared, "population": population}


def _same(left: str, right: str) -> bool:
    def normal(text: str) -> str:
        return " ".join(unicodedata.normalize("NFC", text).casefold().replace(",", " ").split())

    return normal(left) == normal(right)


def _note(data: dict[str, Any]) -> str:
    """The timeline's note, in the site's language (the job has no request)."""
    with translation.override(settings.LANGUAGE_CODE):
        labels = {
            "owner_name": _("full name"),
            "owner_address": _("address"),
            "owner_unit": _("commune of residence"),
        }
        if data["outcome"] == "no_citizen_id":
            return _("No citizen ID to look up in the National Population Database; check by hand.")
        if data["outcome"] == "not_found":
            return _(
                "The National Population Database does not know this citizen ID; "
                "check the number with the applicant."
            )
        parts = []
        if data["filled"]:
            filled = ", ".join(str(labels[name]) for name in data["filled"])
            parts.append(
                _("Filled in from the National Population Database: %(fields)s.") % {"fields": filled}
            )
        if data["differences"]:
            found = "; ".join(
                _("%(field)s — declared “%(declared)s”, database “%(population)s”")
                % {"field": labels[d["field"]], "declared": d["declared"], "population": d["population"]}
                for d in data["differences"]
            )
            parts.append(
                _("Differs from the National Population Database, check with the applicant: %(list)s.")
                % {"list": found}
            )
        return " ".join(parts) or _("Checked against the National Population Database: the details match.")
