"""The dossier's process steps: copied from the template at receipt, then walked."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from motcua.dossiers import deadlines
from motcua.dossiers.models import Dossier, DossierStep

if TYPE_CHECKING:
    from motcua.agencies.models import Agency

DEFAULT_STEPS = (("Thẩm định, xử lý hồ sơ", "assess", "handler"),)


def create_steps(
    dossier: Dossier,
    template_steps: Sequence[Any],
    *,
    agency: Agency,
    start: date | datetime,
    calendar: deadlines.WorkCalendar,
) -> list[DossierStep]:
    """One row per template step with its due date; a procedure without a process gets one step."""
    rows = [(s.name, s.kind, s.role, Decimal(s.days)) for s in template_steps] or [
        (name, kind, role, Decimal(dossier.procedure.time_limit_value)) for name, kind, role in DEFAULT_STEPS
    ]
    due = deadlines.step_deadlines(
        start, [row[3] for row in rows], calendar, not_after=dossier.appointment_on
    )
    return DossierStep.objects.bulk_create(
        DossierStep(
            dossier=dossier,
            position=position,
            name=name,
            kind=kind,
            role=role,
            agency=agency,
            budget_days=budget,
            due_on=due_on,
        )
        for position, ((name, kind, role, budget), due_on) in enumerate(zip(rows, due, strict=True), start=1)
    )


def open_steps(dossier: Dossier) -> list[DossierStep]:
    return list(dossier.steps.filter(finished_at__isnull=True).order_by("position"))


def current_step(dossier: Dossier) -> DossierStep | None:
    return dossier.steps.filter(finished_at__isnull=True).order_by("position").first()


def finish(step: DossierStep, *, at: datetime) -> str:
    """Close the step and say how it went against its due date (the control sheet's column)."""
    step.finished_at = at
    step.outcome = deadlines.outcome(at, step.due_on) if step.due_on else ""
    step.started_at = step.started_at or at
    step.save(update_fields=["finished_at", "outcome", "started_at"])
    return step.outcome


def start(step: DossierStep | None, *, at: datetime, agency_id: int | None = None) -> None:
    if step is None:
        return
    step.started_at = at
    fields = ["started_at"]
    if agency_id is not None:
        step.agency_id = agency_id
        fields.append("agency")
    step.save(update_fields=fields)


def shift_open_steps(dossier: Dossier, *, working_days: int, calendar: deadlines.WorkCalendar) -> None:
    """After a pause, the steps still to do are due that many working days later."""
    if working_days <= 0:
        return
    for step in open_steps(dossier):
        if step.due_on:
            step.due_on = calendar.add_working_days(step.due_on, working_days)
            step.save(update_fields=["due_on"])
