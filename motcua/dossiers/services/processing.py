"""Processing inside and between agencies: assign, complete or return a step, transfer."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from motcua.agencies import selectors as agency_selectors
from motcua.dossiers import steps
from motcua.dossiers.errors import NoProcessStep, UnknownAgency, UnknownAssignee
from motcua.dossiers.services.acting import ActionContext, perform
from motcua.dossiers.services.rules import require_reason
from motcua.dossiers.workflow import Action, Status

Target = Any


def assign_dossier(
    *, dossier: Target, by: Any, assignee: str = "", note: str = "", expected_version: int | None = None
) -> Any:
    """Hand the dossier to processing (from the desk) or to a named official of the agency."""

    def rule(ctx: ActionContext) -> None:
        d = ctx.dossier
        official = _assignee(assignee, agency_id=d.current_agency_id) if assignee else None
        step = steps.current_step(d)
        if d.status == Status.RECEIVED:
            steps.start(step, at=ctx.now)
        if step is not None and official is not None:
            step.assignee = official
            step.save(update_fields=["assignee"])
        d.assignee = official
        _mark_step(ctx, step)
        ctx.event_data["assignee"] = official.get_username() if official else ""

    return perform(
        identifier=dossier,
        action=Action.ASSIGN,
        by=by,
        rule=rule,
        note=note,
        expected_version=expected_version,
    )


def complete_step(*, dossier: Target, by: Any, note: str = "", expected_version: int | None = None) -> Any:
    """The current step is done; the next one starts (a row of the control sheet)."""

    def rule(ctx: ActionContext) -> None:
        advance(ctx)

    return perform(
        identifier=dossier,
        action=Action.COMPLETE_STEP,
        by=by,
        rule=rule,
        note=note,
        expected_version=expected_version,
    )


def return_step(*, dossier: Target, by: Any, note: str, expected_version: int | None = None) -> Any:
    """Send the work back to the previous step, saying why (approval refused, a check failed)."""

    def rule(ctx: ActionContext) -> None:
        require_reason(note)
        d = ctx.dossier
        previous = (
            d.steps.filter(finished_at__isnull=False, kind__in=REWORKABLE).order_by("-position").first()
        )
        if previous is None:
            raise NoProcessStep(detail=_("no earlier step to send it back to"))
        current = steps.current_step(d)
        if current is not None:
            current.started_at = None
            current.save(update_fields=["started_at"])
        previous.finished_at, previous.outcome, previous.started_at = None, "", ctx.now
        previous.save(update_fields=["finished_at", "outcome", "started_at"])
        _mark_step(ctx, previous)

    return perform(
        identifier=dossier,
        action=Action.RETURN_STEP,
        by=by,
        rule=rule,
        note=note,
        expected_version=expected_version,
    )


def transfer_dossier(
    *, dossier: Target, by: Any, to_agency: str, note: str = "", expected_version: int | None = None
) -> Any:
    """Inter-agency (liên thông): the work moves to another agency of the province."""

    def rule(ctx: ActionContext) -> None:
        d = ctx.dossier
        target = agency_selectors.find_agency(code=to_agency)
        if target is None or target.pk == d.current_agency_id or not _same_province(target, d.current_agency):
            raise UnknownAgency(value=to_agency)
        ctx.event_fields.update(from_agency=d.current_agency, to_agency=target)
        step = steps.current_step(d)
        if step is not None:
            steps.start(step, at=ctx.now, agency_id=target.pk)
            _mark_step(ctx, step)
        d.current_agency, d.assignee = target, None

    return perform(
        identifier=dossier,
        action=Action.TRANSFER,
        by=by,
        rule=rule,
        note=note,
        expected_version=expected_version,
    )


# Steps a leader or signer may send work back to (not the desk's receipt).
REWORKABLE = ("assess", "approve", "transfer", "sign")


def advance(ctx: ActionContext, *, through: str = "") -> None:
    """Finish the current step, or (``through`` a step kind) every step up to and including it.

    A decision never closes work that comes after it in the process: approving finishes the
    assessment and the approval but not the signature, signing never closes the return to
    the applicant, whether or not the process has a step of that very kind.
    """
    open_steps = steps.open_steps(ctx.dossier)
    if not through:
        if not open_steps:
            raise NoProcessStep(detail=_("every step is already done"))
        open_steps = open_steps[:1]
    for step in open_steps:
        if through and STAGE.get(step.kind, 1) > STAGE[through]:
            break
        ctx.event_fields["deadline_status"] = steps.finish(step, at=ctx.now)
        _mark_step(ctx, step)
    steps.start(steps.current_step(ctx.dossier), at=ctx.now)


# Where each kind of step stands in a process; work of a later stage waits for its action.
STAGE = {"receive": 0, "assess": 1, "transfer": 1, "approve": 2, "sign": 3, "return": 4}


def _mark_step(ctx: ActionContext, step: Any) -> None:
    if step is not None:
        ctx.event_fields.update(step_position=step.position, step_name=step.name)


def _assignee(username: str, *, agency_id: int) -> Any:
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    official = agency_selectors.official_of(user) if user else None
    held = {r.agency_id for r in agency_selectors.roles_of(user)} if official else set()
    if official is None or (official.agency_id != agency_id and agency_id not in held):
        raise UnknownAssignee(value=username)
    return user


def _same_province(a: Any, b: Any) -> bool:
    return agency_selectors.province_id_of(a) == agency_selectors.province_id_of(b)
