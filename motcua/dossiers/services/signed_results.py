"""Signing an electronic result with the PIN of the official's certificate (PAdES).

The signature is made before the action's transaction: a wrong PIN must be counted even
though the action fails, and slow cryptography must not hold the dossier's lock. The
action then stores the signed file; if another official acted meanwhile, the action is
refused (409) and the signed file is discarded.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.files.base import ContentFile

from motcua.agencies import selectors as agency_selectors
from motcua.core import clock
from motcua.dossiers.actors import actor_for
from motcua.dossiers.codes import result_code
from motcua.dossiers.models import DossierResult
from motcua.dossiers.services.acting import ActionContext, check_action, perform
from motcua.dossiers.services.processing import advance
from motcua.dossiers.services.rules import end_processing
from motcua.dossiers.services.slips import for_rendering
from motcua.dossiers.workflow import Action
from motcua.signing import services as signing


def sign_result_with_pin(
    *, dossier: Any, by: Any, pin: str, name: str = "", note: str = "", expected_version: int | None = None
) -> Any:
    target = check_action(
        identifier=dossier, action=Action.SIGN_RESULT, by=by, expected_version=expected_version
    )
    result = _draft_result(for_rendering(target.pk), by=by, name=name)
    signed = _signed_document(result, by=by, pin=pin)

    def rule(ctx: ActionContext) -> None:
        advance(ctx, through="sign")
        result.dossier = ctx.dossier
        result.sha256 = hashlib.sha256(signed).hexdigest()
        result.file.save(f"{result.code}.pdf", ContentFile(signed), save=False)
        result.save()
        ctx.event_data.update(result=result.code, signed_electronically=True)
        end_processing(ctx)

    return perform(
        identifier=target,
        action=Action.SIGN_RESULT,
        by=by,
        rule=rule,
        note=note,
        expected_version=target.version,
    )


def _draft_result(dossier: Any, *, by: Any, name: str) -> DossierResult:
    number = dossier.results.count() + 1
    now = clock.now()
    results = dossier.procedure_revision.snapshot.get("results", [])
    return DossierResult(
        dossier=dossier,
        number=number,
        code=result_code(dossier.code, number),
        name=(name or (results[0]["name"] if results else dossier.procedure.name))[:500],
        issued_at=now,
        signed_at=now,
        signer_name=actor_for(by, dossier).name,
    )


def _signed_document(result: DossierResult, *, by: Any, pin: str) -> bytes:
    from motcua.dossiers.slips import render_result  # WeasyPrint loads only where PDFs are made

    dossier = result.dossier
    seal = signing.qr_signature(result.code, "", result.issued_at)
    pdf = render_result(dossier=dossier, result=result, issued_at=result.issued_at, qr_signature=seal)
    return signing.sign_pdf(
        pdf=pdf,
        agency=dossier.current_agency,
        official=agency_selectors.official_of(by),
        pin=pin,
        reason=f"Ký kết quả {result.code}",
        location=dossier.current_agency.name,
        by=by,
    )
