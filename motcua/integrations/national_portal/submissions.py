"""Dossiers people submitted on the National Public Service Portal, pulled into motcua.

The province pulls (a periodic job, ``integrations.fetch_portal_dossiers``) rather than
waiting for pushes: whichever side was down, the next run asks again from the last
sequence number we hold, so nothing is lost. Each record is kept once per (source, the
portal's dossier id) in ``PortalSubmission``; the unique pair makes a record fetched
twice, or by two runs at once, create one dossier. A record we cannot take in (unknown
procedure or commune, missing fields) is kept as rejected with the reason and the cursor
moves on. The wire names are our assumption (docs/integrations/national-portal.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from motcua.core import clock
from motcua.core.errors import InvalidInput, MotcuaError
from motcua.integrations.base import registry
from motcua.integrations.models import PortalSubmission, SubmissionOutcome

SOURCE = "national_portal"
ACTOR = "national portal"  # the system actor named in the dossier's history
BATCH = 50
MAX_BATCHES = 20  # one run takes at most this many batches; the next run goes on
TIMEOUT = 10.0

# The portal's applicant kinds (assumed codes) → ours.
OWNER_KINDS = {"CONG_DAN": "citizen", "TO_CHUC": "organisation"}


class InvalidSubmission(InvalidInput):
    code = "portal.submission_invalid"
    default_message = _("The dossier from the national portal lacks %(field)s.")


def submission_to_input(record: dict[str, Any]) -> Any:
    """The portal's submitted-dossier record → the dossier engine's input (an online dossier)."""
    from motcua.dossiers.services import ApplicantInput, DossierInput

    owner = record.get("ChuHoSo")
    if not isinstance(owner, dict):
        raise InvalidSubmission(field="ChuHoSo")
    for name, value in (("MaTTHC", record.get("MaTTHC")), ("ChuHoSo.HoTen", owner.get("HoTen"))):
        if not isinstance(value, str) or not value.strip():
            raise InvalidSubmission(field=name)
    kind = owner.get("LoaiChuHoSo") or "CONG_DAN"
    if kind not in OWNER_KINDS:
        raise InvalidSubmission(field=f"ChuHoSo.LoaiChuHoSo ({kind})")
    form_data = record.get("DuLieuBieuMau") or {}
    return DossierInput(
        procedure_code=record["MaTTHC"].strip(),
        channel="online",
        owner=ApplicantInput(
            name=owner["HoTen"],
            kind=OWNER_KINDS[kind],
            id_number=_text(owner, "SoDinhDanh"),
            phone=_text(owner, "SoDienThoai"),
            email=_text(owner, "Email"),
            address=_text(owner, "DiaChi"),
            unit_code=_text(owner, "MaXa"),
        ),
        form_data=form_data if isinstance(form_data, dict) else {},
    )


def _text(values: dict[str, Any], key: str) -> str:
    value = values.get(key)
    return str(value).strip() if value is not None else ""


@dataclass
class FetchReport:
    created: int = 0
    rejected: int = 0
    duplicates: int = 0
    unreadable: int = 0

    def __str__(self) -> str:
        return (
            f"created {self.created}, rejected {self.rejected}, "
            f"already taken {self.duplicates}, unreadable {self.unreadable}"
        )


def portal_cursor() -> int:
    """The portal's sequence number up to which every submitted dossier is taken."""
    return PortalSubmission.objects.filter(source=SOURCE).aggregate(last=Max("sequence"))["last"] or 0


def fetch_portal_submissions(
    *, client: Any = None, limit: int = BATCH, timeout: float = TIMEOUT
) -> FetchReport:
    """Take in what was submitted on the portal since the cursor. A portal that cannot be
    reached raises (the job records the error); what was taken before stays taken."""
    client = client or registry.get(SOURCE).client
    report = FetchReport()
    for _batch in range(MAX_BATCHES):
        cursor = portal_cursor()
        items = client.fetch_submitted(after=cursor, limit=limit, timeout=timeout).get("items")
        items = items if isinstance(items, list) else []
        for record in items:
            outcome = take_submission(record)
            setattr(report, outcome, getattr(report, outcome) + 1)
        if len(items) < limit or portal_cursor() == cursor:
            break
    return report


def take_submission(record: Any) -> str:
    """Keep one record and create its dossier: ``created``, ``rejected``, ``duplicates`` or
    ``unreadable`` (no sequence number: nothing to key it by)."""
    sequence = _sequence(record)
    if sequence is None:
        return "unreadable"
    external_id = _text(record, "MaHoSoQuocGia") or f"#{sequence}"
    try:
        with transaction.atomic():
            submission = PortalSubmission.objects.create(
                source=SOURCE,
                external_id=external_id[:100],
                sequence=sequence,
                outcome=SubmissionOutcome.CREATED,
                procedure_code=_text(record, "MaTTHC")[:60],
                payload=record,
                received_at=clock.now(),
            )
            _create_dossier(submission, record, has_id=external_id != f"#{sequence}")
    except IntegrityError:
        # Taken already (an earlier run, or a run at the same time): its sequence may have
        # moved on the portal's side, so the cursor moves with it.
        PortalSubmission.objects.filter(source=SOURCE, external_id=external_id, sequence__lt=sequence).update(
            sequence=sequence
        )
        return "duplicates"
    return "created" if submission.outcome == SubmissionOutcome.CREATED else "rejected"


def _create_dossier(submission: PortalSubmission, record: dict[str, Any], *, has_id: bool) -> None:
    from motcua.dossiers.services import create_dossier

    try:
        if not has_id:
            raise InvalidSubmission(field="MaHoSoQuocGia")
        with transaction.atomic():  # a refused dossier leaves nothing behind but the record
            dossier = create_dossier(data=submission_to_input(record), by=ACTOR, submit=True, account=None)
    except MotcuaError as error:
        submission.outcome, submission.reason = SubmissionOutcome.REJECTED, f"{error.code}: {error.detail}"
    except (KeyError, TypeError, ValueError) as error:  # odd data must not block the queue behind it
        submission.outcome, submission.reason = SubmissionOutcome.REJECTED, f"{type(error).__name__}: {error}"
    else:
        submission.dossier_reference = dossier.reference
    submission.save(update_fields=["outcome", "reason", "dossier_reference"])


def _sequence(record: Any) -> int | None:
    if not isinstance(record, dict):
        return None
    value = record.get("ThuTu")
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None
