"""Deciding and handing back: approve, sign the result (…-KQ<n>), return it."""

from __future__ import annotations

import hashlib
from typing import Any

from motcua.datastore import services as datastore
from motcua.dossiers.codes import result_code
from motcua.dossiers.files import check_upload
from motcua.dossiers.models import DossierResult
from motcua.dossiers.services.acting import ActionContext, perform
from motcua.dossiers.services.processing import advance
from motcua.dossiers.services.rules import end_processing
from motcua.dossiers.services.signed_results import sign_result_with_pin
from motcua.dossiers.workflow import Action

Target = Any


def approve_dossier(*, dossier: Target, by: Any, note: str = "", expected_version: int | None = None) -> Any:
    def rule(ctx: ActionContext) -> None:
        advance(ctx, through="approve")

    return perform(
        identifier=dossier,
        action=Action.APPROVE,
        by=by,
        rule=rule,
        note=note,
        expected_version=expected_version,
    )


def sign_result(
    *,
    dossier: Target,
    by: Any,
    name: str = "",
    file: Any = None,
    pin: str = "",
    note: str = "",
    expected_version: int | None = None,
) -> Any:
    """Issue the electronic result ``<code>-KQ<n>``; processing ends here (the outcome is set).

    With ``pin`` the result document is generated and signed (PAdES) with the official's and
    the agency's certificates. Without it, a document signed elsewhere (a USB token) may be
    attached as ``file``; it is kept with its hash as it is.
    """
    if pin:
        return sign_result_with_pin(
            dossier=dossier, by=by, pin=pin, name=name, note=note, expected_version=expected_version
        )

    def rule(ctx: ActionContext) -> None:
        d = ctx.dossier
        advance(ctx, through="sign")
        number = d.results.count() + 1
        result = DossierResult(
            dossier=d,
            number=number,
            code=result_code(d.code, number),
            name=(name or _default_result_name(d))[:500],
            issued_at=ctx.now,
            signed_at=ctx.now,
            signer_name=ctx.actor.name,
        )
        if file is not None:
            file.seek(0)
            checked = check_upload(getattr(file, "name", ""), file.read(16), file.size)
            file.seek(0)
            result.sha256 = hashlib.sha256(file.read()).hexdigest()
            file.seek(0)
            result.file.save(checked.name, file, save=False)
        result.save()
        ctx.event_data["result"] = result.code
        end_processing(ctx)

    return perform(
        identifier=dossier,
        action=Action.SIGN_RESULT,
        by=by,
        rule=rule,
        note=note,
        expected_version=expected_version,
    )


def return_result(
    *, dossier: Target, by: Any, delivery: str = "", note: str = "", expected_version: int | None = None
) -> Any:
    """The result was handed over (at the desk, by post or online); the remaining steps close."""

    def rule(ctx: ActionContext) -> None:
        d = ctx.dossier
        advance(ctx, through="return")
        d.returned_at = ctx.now
        if delivery:
            d.result_delivery = delivery
        if d.finished_at is None:
            end_processing(ctx)
        # The applicant's personal data store gets the e-results and digitised documents.
        datastore.collect_from_dossier(dossier=d)

    return perform(
        identifier=dossier,
        action=Action.RETURN_RESULT,
        by=by,
        rule=rule,
        note=note,
        expected_version=expected_version,
    )


def _default_result_name(dossier: Any) -> str:
    results = dossier.procedure_revision.snapshot.get("results", [])
    return results[0]["name"] if results else dossier.procedure.name
