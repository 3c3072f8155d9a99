"""Issuing dossier codes (domain.md §5) with no duplicates and no unexplained gaps.

Each receiving agency numbers its dossiers per day of receipt; ``CodeCounter`` holds the
last number issued. ``allocate_dossier_code`` raises it by one inside the caller's
receiving transaction, and the counter row stays locked until that transaction ends:

- **No duplicates.** A second receipt for the same agency and day waits until the first
  commits or rolls back: ``SELECT … FOR UPDATE`` on PostgreSQL; on SQLite the IMMEDIATE
  transaction (``motcua.settings.db``) already holds the database's write lock. The first
  receipt of a day creates the counter; two receipts racing to create it meet on the
  unique (agency, day) constraint and the loser locks the winner's row.
- **No gaps.** A number is consumed only when the receipt commits. If it rolls back, the
  counter rolls back with it and the next receipt gets the same number.

The price: receipts of one agency on one day are serialised from allocation to commit,
so allocate late in the receiving transaction and do no slow work after it. The retry
after a lost race relies on PostgreSQL's default READ COMMITTED isolation (Django's too).

A number that was issued but will never carry a dossier (a receipt cancelled after its
slip was printed, a code handed out by an earlier system) is voided with a reason:
``void_dossier_code``. Voided numbers are never issued again (counters only go up) and
the gap report (``motcua.dossiers.numbering_report``) counts them as explained.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.transaction import TransactionManagementError
from django.utils.translation import gettext_lazy as _

from motcua.core import clock
from motcua.core.audit import record_audit
from motcua.core.errors import Conflict, InvalidInput
from motcua.dossiers.codes import InvalidDossierCode, build_dossier_code, check_code_parts, parse_dossier_code
from motcua.dossiers.models import CodeCounter, VoidedCode

if TYPE_CHECKING:
    from motcua.agencies.models import Agency

__all__ = [
    "DossierCodeAlreadyVoided",
    "DossierCodeNotIssued",
    "VoidReasonMissing",
    "allocate_dossier_code",
    "void_dossier_code",
]


class VoidReasonMissing(InvalidInput):
    code = "dossier_code.void_reason_missing"
    default_message = _("Give the reason why dossier code %(value)s is voided.")


class DossierCodeNotIssued(Conflict):
    code = "dossier_code.not_issued"
    default_message = _("Dossier code %(value)s has not been issued, so it cannot be voided.")


class DossierCodeAlreadyVoided(Conflict):
    code = "dossier_code.already_voided"
    default_message = _("Dossier code %(value)s has already been voided.")


def allocate_dossier_code(*, agency: Agency, received_on: date) -> str:
    """The next dossier code of ``agency`` for ``received_on``, e.g. ``…-250701-0007``.

    Must run inside the receiving transaction (``transaction.atomic``); the number is
    consumed only if that transaction commits.
    """
    if not transaction.get_connection().in_atomic_block:
        raise TransactionManagementError(
            "allocate_dossier_code() must run inside the receiving transaction "
            "(transaction.atomic): otherwise a failed receipt would still use up its number."
        )
    check_code_parts(agency.code, received_on)  # refuse bad input before anything is written
    return _take_next_number(agency=agency, day=received_on, may_retry=True)


def _take_next_number(*, agency: Agency, day: date, may_retry: bool) -> str:
    counter = CodeCounter.objects.select_for_update().filter(agency=agency, day=day).first()
    if counter is not None:
        counter.last += 1
        code = build_dossier_code(agency.code, day, counter.last)  # before the write
        counter.save(update_fields=["last"])
        return code
    code = build_dossier_code(agency.code, day, 1)
    try:
        # A savepoint: losing the race must not spoil the caller's transaction.
        with transaction.atomic():
            CodeCounter.objects.create(agency=agency, day=day, last=1)
    except IntegrityError:
        # Another receipt created the day's counter first and has committed (PostgreSQL
        # made this insert wait for it): lock that row and go on from its number.
        if not may_retry:
            raise
        return _take_next_number(agency=agency, day=day, may_retry=False)
    return code


@transaction.atomic
def void_dossier_code(*, code: str, reason: str, by: AbstractBaseUser | None) -> VoidedCode:
    """Record that an issued code will never carry a dossier; ``by`` None is the system.

    The caller makes sure no dossier holds the code (the dossier services do this).
    """
    parts = parse_dossier_code(code)
    if parts is None:
        raise InvalidDossierCode(value=code)
    reason = (reason or "").strip()
    if not reason:
        raise VoidReasonMissing(value=code)
    agency_id = _issuing_agency_id(parts.agency_code, day=parts.received_on, sequence=parts.sequence)
    if agency_id is None:
        raise DossierCodeNotIssued(value=code)
    if VoidedCode.objects.filter(code=code).exists():
        raise DossierCodeAlreadyVoided(value=code)
    voided = _create_voided(
        code=code, agency_id=agency_id, day=parts.received_on, sequence=parts.sequence, reason=reason, by=by
    )
    record_audit(
        actor=by,
        action="dossier_code.voided",
        object_type="dossier_code",
        object_id=code,
        scope=agency_id,
        data={"reason": reason, "day": parts.received_on, "sequence": parts.sequence},
    )
    return voided


def _issuing_agency_id(agency_code: str, *, day: date, sequence: int) -> int | None:
    """The agency that has issued this number on this day, if one has."""
    issued = CodeCounter.objects.filter(agency__code=agency_code, day=day, last__gte=sequence)
    return issued.values_list("agency_id", flat=True).first()


def _create_voided(
    *, code: str, agency_id: int, day: date, sequence: int, reason: str, by: AbstractBaseUser | None
) -> VoidedCode:
    try:
        with transaction.atomic():  # two officials voiding the same code at once
            return VoidedCode.objects.create(
                code=code,
                agency_id=agency_id,
                day=day,
                sequence=sequence,
                reason=reason,
                voided_at=clock.now(),
                voided_by=by,
            )
    except IntegrityError as error:
        raise DossierCodeAlreadyVoided(value=code) from error
