"""Receipt and the applicant's own actions: submit, receive, supplement, refuse, withdraw, rate."""

from __future__ import annotations

from typing import Any

from motcua.catalog import selectors as catalog_selectors
from motcua.dossiers import deadlines, steps
from motcua.dossiers.calendar import province_calendar
from motcua.dossiers.errors import AlreadyRated
from motcua.dossiers.models import ActorKind, Channel, PauseKind, Satisfaction
from motcua.dossiers.services.acting import ActionContext, perform
from motcua.dossiers.services.components import ComponentInput, attach_components, require_components
from motcua.dossiers.services.numbering import allocate_dossier_code
from motcua.dossiers.services.rules import end_pause, end_processing, require_reason, start_pause
from motcua.dossiers.workflow import Action, Status

Target = Any  # a Dossier, its code or its reference


def submit_dossier(*, dossier: Target, by: Any, expected_version: int | None = None) -> Any:
    """Hand the dossier in. Online the applicant must attach every required document; at the
    desk the official's receipt check decides (receive, Form 02 or Form 03)."""

    def rule(ctx: ActionContext) -> None:
        if ctx.actor.kind == ActorKind.APPLICANT:
            require_components(ctx.dossier)
        ctx.dossier.submitted_at = ctx.now

    return perform(
        identifier=dossier, action=Action.SUBMIT, by=by, rule=rule, expected_version=expected_version
    )


def receive_dossier(*, dossier: Target, by: Any, note: str = "", expected_version: int | None = None) -> Any:
    """The receipt check passed: the dossier gets its code, appointment date and steps (Form 01)."""

    def rule(ctx: ActionContext) -> None:
        d = ctx.dossier
        require_components(d)
        calendar = province_calendar()
        online = d.channel == Channel.ONLINE
        procedure = d.procedure
        d.received_at = ctx.now
        d.received_on = deadlines.receipt_date(ctx.now, online=online, calendar=calendar)
        d.appointment_on = deadlines.appointment_date(
            ctx.now, procedure.time_limit_value, procedure.time_limit_unit, online=online, calendar=calendar
        )
        d.original_appointment_on = d.appointment_on
        d.submitted_at = d.submitted_at or ctx.now
        template = catalog_selectors.process_steps_for(procedure, agency_id=d.competent_agency_id)
        hourly = procedure.time_limit_unit == "hours"
        start = (
            deadlines.receipt_moment(ctx.now, online=online, calendar=calendar) if hourly else d.received_on
        )
        created = steps.create_steps(d, template, agency=d.competent_agency, start=start, calendar=calendar)
        if created and created[0].kind == "receive":  # the desk's own step ends with the receipt
            steps.start(created[0], at=ctx.now)
            ctx.event_fields["deadline_status"] = steps.finish(created[0], at=ctx.now)
        ctx.event_fields["to_agency"] = d.competent_agency
        ctx.event_fields["from_agency"] = d.receiving_agency
        # Last: the code's counter stays locked from here until the transaction commits.
        d.code = allocate_dossier_code(agency=d.receiving_agency, received_on=d.received_on)

    return perform(
        identifier=dossier,
        action=Action.RECEIVE,
        by=by,
        rule=rule,
        note=note,
        expected_version=expected_version,
    )


def request_supplement(
    *,
    dossier: Target,
    by: Any,
    reason: str,
    missing: list[str] | None = None,
    expected_version: int | None = None,
) -> Any:
    """Guide the applicant once, in writing (Form 02); during processing the clock stops."""

    def rule(ctx: ActionContext) -> None:
        require_reason(reason)
        ctx.slip_details.update(reason=reason, missing=list(missing or []))
        ctx.event_data["missing"] = list(missing or [])
        if ctx.dossier.status == Status.PROCESSING:
            ctx.dossier.supplement_requests += 1
            start_pause(ctx, kind=PauseKind.SUPPLEMENT, reason=reason)

    return perform(
        identifier=dossier,
        action=Action.REQUEST_SUPPLEMENT,
        by=by,
        rule=rule,
        note=reason,
        expected_version=expected_version,
    )


def supply_supplement(
    *,
    dossier: Target,
    by: Any,
    components: list[ComponentInput] | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> Any:
    """What was missing arrives; during processing the clock resumes and the dates move."""

    def rule(ctx: ActionContext) -> None:
        attach_components(ctx.dossier, components or [])
        if ctx.dossier.status == Status.AWAITING_SUPPLEMENT:
            end_pause(ctx, kind=PauseKind.SUPPLEMENT)

    return perform(
        identifier=dossier,
        action=Action.SUPPLEMENT,
        by=by,
        rule=rule,
        note=note,
        expected_version=expected_version,
    )


def refuse_dossier(*, dossier: Target, by: Any, reason: str, expected_version: int | None = None) -> Any:
    """Not eligible (Form 03): at receipt by the desk, or later by the deciding leader."""

    def rule(ctx: ActionContext) -> None:
        require_reason(reason)
        ctx.slip_details["reason"] = reason
        end_processing(ctx)

    return perform(
        identifier=dossier,
        action=Action.REFUSE,
        by=by,
        rule=rule,
        note=reason,
        expected_version=expected_version,
    )


def withdraw_dossier(
    *, dossier: Target, by: Any, reason: str = "", expected_version: int | None = None
) -> Any:
    return perform(
        identifier=dossier,
        action=Action.WITHDRAW,
        by=by,
        rule=end_processing,
        note=reason,
        expected_version=expected_version,
    )


def rate_dossier(
    *,
    dossier: Target,
    by: Any,
    satisfaction: int,
    criteria: dict[str, int] | None = None,
    comment: str = "",
    expected_version: int | None = None,
) -> Any:
    def rule(ctx: ActionContext) -> None:
        if ctx.dossier.satisfaction is not None:
            raise AlreadyRated()
        ctx.dossier.satisfaction = Satisfaction(satisfaction)
        ctx.dossier.rating = {
            "criteria": criteria or {},
            "comment": comment[:2000],
            "at": ctx.now.isoformat(),
        }
        ctx.event_data["satisfaction"] = int(satisfaction)

    return perform(
        identifier=dossier, action=Action.RATE, by=by, rule=rule, expected_version=expected_version
    )
