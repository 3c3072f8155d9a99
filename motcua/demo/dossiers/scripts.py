"""The scripts: one per state a demo dossier ends the demo in."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from motcua.demo.dossiers.casting import (
    EXTENSIONS,
    FROM_JUSTICE,
    PAUSES,
    PROCESSING_GAPS,
    RECEIPT_GAPS,
    REFUSED_AT_RECEIPT,
    REFUSED_IN_PROCESSING,
    STOPS,
    TO_JUSTICE,
    WITHDRAWALS,
    Script,
)
from motcua.demo.dossiers.plan import working_days_back
from motcua.dossiers.services import (
    approve_dossier,
    assign_dossier,
    extend_dossier,
    pause_dossier,
    rate_dossier,
    receive_dossier,
    refuse_dossier,
    request_supplement,
    resume_dossier,
    return_result,
    sign_result,
    stop_dossier,
    supply_supplement,
    transfer_dossier,
    withdraw_dossier,
)
from motcua.dossiers.types import ResultDelivery

if TYPE_CHECKING:
    from motcua.demo.dossiers.story import Story


def _intake(s: Story, *, receive: bool = True) -> Script:
    yield s.start()
    s.create()
    if "receipt_supplement" in s.plan.options:
        yield s.later()
        s.act(request_supplement, "desk", reason=s.pick(RECEIPT_GAPS), missing=s.missing())
        yield s.after(1, 3)
        s.act(supply_supplement, "applicant", note="Đã bổ sung theo phiếu yêu cầu.")
    if receive:
        yield s.later(3, 25)
        s.act(receive_dossier, "desk")


def _assign(s: Story) -> Script:
    yield s.later(3, 30)
    s.act(assign_dossier, "desk", assignee=s.office.handler if s.office else "")


def _to_justice(s: Story) -> Script:
    yield s.after(0, 1)
    s.act(transfer_dossier, "handler", to_agency=s.world.site.justice.agency, note=TO_JUSTICE)
    s.office = s.world.site.justice


def _from_justice(s: Story) -> Script:
    yield s.after(1, 2)
    s.act(transfer_dossier, "handler", to_agency=s.plan.office.agency, note=FROM_JUSTICE)
    s.office = s.plan.office


def _supplement(s: Story, *, answered: bool = True) -> Script:
    yield s.after(0, 1)
    s.act(request_supplement, "handler", reason=s.pick(PROCESSING_GAPS), missing=[])
    if answered:
        yield s.after(2, 5)
        s.act(supply_supplement, "applicant", note="Đã nộp bổ sung giấy tờ.")


def _pause(s: Story, *, resumed: bool = True) -> Script:
    yield s.after(0, 1)
    s.act(pause_dossier, "leader", reason=s.pick(PAUSES))
    if resumed:
        yield s.after(1, 3)
        s.act(resume_dossier, "leader", note="Đã có kết quả xác minh; tiếp tục giải quyết.")


def _extend(s: Story) -> Script:
    """Form 04 on the appointment date or the day before it, never after."""
    due = s.dossier.appointment_on
    day = max(s.today, working_days_back(due, s.rng.randint(0, 1), s.world.calendar))
    if day > due:
        return
    yield s.on(day)
    if s.today <= due:
        new_date = s.world.calendar.add_working_days(due, s.rng.randint(2, 5))
        s.act(extend_dossier, "leader", reason=s.pick(EXTENSIONS), new_appointment=new_date)


def _decide(s: Story, decision: Callable[..., Any], **values: Any) -> Script:
    finish = s.finish_day()
    yield s.on(s.between(s.today, finish))
    s.work()
    yield s.on(finish, morning=True)
    s.act(decision, "leader", **values)


def _sign(s: Story) -> Script:
    yield s.later()
    s.act(sign_result, "signer")


def _hand_back(s: Story) -> Script:
    if s.plan.delivery == ResultDelivery.DESK:  # the applicant comes by the appointment date
        yield s.on(s.between(s.today, max(s.today, s.dossier.appointment_on)))
    else:
        yield s.later()
    s.act(return_result, "desk", delivery=s.plan.delivery)


def _rate(s: Story) -> Script:
    yield s.after(0, 2) if s.online else s.later(1, 20)
    s.act(rate_dossier, "applicant", **s.rating())


def returned(s: Story) -> Script:
    options = s.plan.options
    yield from _intake(s)
    yield from _assign(s)
    if "transfer" in options:
        yield from _to_justice(s)
        yield from _from_justice(s)
    if "supplement" in options:
        yield from _supplement(s)
    if "pause" in options:
        yield from _pause(s)
    if "extend" in options:
        yield from _extend(s)
    yield from _decide(s, approve_dossier)
    yield from _sign(s)
    yield from _hand_back(s)
    if "rate" in options:
        yield from _rate(s)


def refused_at_receipt(s: Story) -> Script:
    yield from _intake(s, receive=False)
    yield s.later()
    s.act(refuse_dossier, "desk", reason=s.pick(REFUSED_AT_RECEIPT))
    if "rate" in s.plan.options:
        yield from _rate(s)


def refused_in_processing(s: Story) -> Script:
    yield from _intake(s)
    yield from _assign(s)
    yield from _decide(s, refuse_dossier, reason=s.pick(REFUSED_IN_PROCESSING))
    if "rate" in s.plan.options:
        yield from _rate(s)


def withdrawn(s: Story) -> Script:
    received = s.rng.random() < 0.6
    yield from _intake(s, receive=received)
    if received and s.rng.random() < 0.5:
        yield from _assign(s)
    yield s.after(0, 1) if s.world.procedures[s.plan.procedure].days else s.later()
    s.act(withdraw_dossier, "applicant", reason=s.pick(WITHDRAWALS))


def stopped(s: Story) -> Script:
    yield from _intake(s)
    yield from _assign(s)
    if s.rng.random() < 0.5:
        yield from _supplement(s, answered=False)
    yield s.after(1, 3)
    s.act(stop_dossier, "leader", reason=s.pick(STOPS))
    if "rate" in s.plan.options:
        yield from _rate(s)


def draft(s: Story) -> Script:
    yield s.start()
    s.create(submit=False)


def submitted(s: Story) -> Script:
    yield s.start()
    s.create()


def supplement_requested(s: Story) -> Script:
    yield from _intake(s, receive=False)
    yield s.later()
    s.act(request_supplement, "desk", reason=s.pick(RECEIPT_GAPS), missing=s.missing())


def received(s: Story) -> Script:
    yield from _intake(s)


def processing(s: Story) -> Script:
    yield from _intake(s)
    yield from _assign(s)
    if "transfer" in s.plan.options:  # still at Sở Tư pháp
        yield from _to_justice(s)
        return
    if "extend" in s.plan.options:
        yield from _extend(s)
    if "worked" in s.plan.options:
        yield s.after(0, 1)
        s.work()


def awaiting_supplement(s: Story) -> Script:
    yield from _intake(s)
    yield from _assign(s)
    yield from _supplement(s, answered=False)


def paused(s: Story) -> Script:
    yield from _intake(s)
    yield from _assign(s)
    yield from _pause(s, resumed=False)


def approved(s: Story) -> Script:
    yield from _intake(s)
    yield from _assign(s)
    yield from _decide(s, approve_dossier)


def signed(s: Story) -> Script:
    yield from approved(s)
    yield from _sign(s)


SCRIPTS: dict[str, Callable[[Story], Script]] = {
    "draft": draft,
    "submitted": submitted,
    "supplement_requested": supplement_requested,
    "received": received,
    "processing": processing,
    "awaiting_supplement": awaiting_supplement,
    "paused": paused,
    "approved": approved,
    "signed": signed,
    "returned": returned,
    "refused_at_receipt": refused_at_receipt,
    "refused_in_processing": refused_in_processing,
    "withdrawn": withdrawn,
    "stopped": stopped,
}
