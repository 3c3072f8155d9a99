"""Rules several actions share: reasons, pauses and the end of processing."""

from __future__ import annotations

from motcua.dossiers import deadlines, steps
from motcua.dossiers.calendar import province_calendar
from motcua.dossiers.errors import ReasonMissing
from motcua.dossiers.models import DossierPause
from motcua.dossiers.services.acting import ActionContext


def require_reason(reason: str) -> None:
    if not (reason or "").strip():
        raise ReasonMissing()


def start_pause(ctx: ActionContext, *, kind: str, reason: str) -> None:
    DossierPause.objects.create(dossier=ctx.dossier, kind=kind, reason=reason, started_at=ctx.now)


def end_pause(ctx: ActionContext, *, kind: str) -> None:
    """Close the open pause; the appointment and the steps still to do move by its working days."""
    pause = ctx.dossier.pauses.filter(kind=kind, ended_at__isnull=True).order_by("-started_at").first()
    if pause is None:
        return
    pause.ended_at = ctx.now
    pause.save(update_fields=["ended_at"])
    calendar = province_calendar()
    local = deadlines.OFFICE_HOURS.local
    paused = calendar.working_days_between(local(pause.started_at).date(), local(ctx.now).date())
    dossier = ctx.dossier
    if dossier.appointment_on and paused > 0:
        dossier.appointment_on = calendar.add_working_days(dossier.appointment_on, paused)
        steps.shift_open_steps(dossier, working_days=paused, calendar=calendar)
    ctx.event_data["paused_working_days"] = max(paused, 0)


def end_processing(ctx: ActionContext) -> None:
    """The dossier's processing ends now: early / on time / late against the appointment."""
    dossier = ctx.dossier
    dossier.finished_at = ctx.now
    if dossier.appointment_on:
        dossier.outcome = deadlines.outcome(ctx.now, dossier.appointment_on)
    ctx.dossier.assignee = None
