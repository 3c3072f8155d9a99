"""Stopping the clock and moving the date: pause, resume, extend (Form 04), stop (Form 05)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import InvalidInput
from motcua.dossiers import deadlines
from motcua.dossiers.calendar import province_calendar
from motcua.dossiers.errors import ExtensionTooLate
from motcua.dossiers.models import PauseKind
from motcua.dossiers.services.acting import ActionContext, perform
from motcua.dossiers.services.rules import end_pause, end_processing, require_reason, start_pause
from motcua.dossiers.workflow import Action

Target = Any


def pause_dossier(*, dossier: Target, by: Any, reason: str, expected_version: int | None = None) -> Any:
    def rule(ctx: ActionContext) -> None:
        require_reason(reason)
        start_pause(ctx, kind=PauseKind.SUSPENSION, reason=reason)

    return perform(
        identifier=dossier,
        action=Action.PAUSE,
        by=by,
        rule=rule,
        note=reason,
        expected_version=expected_version,
    )


def resume_dossier(*, dossier: Target, by: Any, note: str = "", expected_version: int | None = None) -> Any:
    def rule(ctx: ActionContext) -> None:
        end_pause(ctx, kind=PauseKind.SUSPENSION)

    return perform(
        identifier=dossier,
        action=Action.RESUME,
        by=by,
        rule=rule,
        note=note,
        expected_version=expected_version,
    )


class BadExtensionDate(InvalidInput):
    code = "dossier.extension_date"
    default_message = _("The new appointment date must be a working day after %(appointment)s.")


def extend_dossier(
    *, dossier: Target, by: Any, reason: str, new_appointment: date, expected_version: int | None = None
) -> Any:
    """Apologise and ask to extend before the appointment passes (Form 04); the date moves."""

    def rule(ctx: ActionContext) -> None:
        require_reason(reason)
        d = ctx.dossier
        today = deadlines.OFFICE_HOURS.local(ctx.now).date()
        if d.appointment_on is None or today > d.appointment_on:
            raise ExtensionTooLate(appointment=d.appointment_on)
        calendar = province_calendar()
        if new_appointment <= d.appointment_on or not calendar.is_working_day(new_appointment):
            raise BadExtensionDate(appointment=d.appointment_on)
        ctx.slip_details.update(
            reason=reason,
            old_appointment=d.appointment_on.isoformat(),
            new_appointment=new_appointment.isoformat(),
        )
        ctx.event_data.update(
            old_appointment=d.appointment_on.isoformat(), new_appointment=new_appointment.isoformat()
        )
        d.appointment_on = new_appointment
        d.extensions += 1

    return perform(
        identifier=dossier,
        action=Action.EXTEND,
        by=by,
        rule=rule,
        note=reason,
        expected_version=expected_version,
    )


def stop_dossier(*, dossier: Target, by: Any, reason: str, expected_version: int | None = None) -> Any:
    """Stop processing at the applicant's request or when the law says so (Form 05)."""

    def rule(ctx: ActionContext) -> None:
        require_reason(reason)
        ctx.slip_details["reason"] = reason
        for kind in PauseKind.values:
            end_pause(ctx, kind=kind)
        end_processing(ctx)

    return perform(
        identifier=dossier,
        action=Action.STOP,
        by=by,
        rule=rule,
        note=reason,
        expected_version=expected_version,
    )
