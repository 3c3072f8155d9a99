"""The dossier lifecycle as a declared table; pure.

A service calls ``check(status, action, roles)`` first: it returns the next status or raises
a translated error (409 when the action does not fit the state, 403 when none of the
caller's roles may take it). Nothing else decides transitions. Sources: Decree 118/2025 and
Circular 03/2025 (domain.md §4); the slip an action produces is named on its row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.agencies.types import Role
from motcua.core.errors import Conflict, PermissionDenied


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted, awaiting receipt")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("incomplete: supplement requested at receipt")
    RECEIVED = "received", _("received")
    PROCESSING = "processing", _("being processed")
    AWAITING_SUPPLEMENT = "awaiting_supplement", _("waiting for the applicant's supplement")
    PAUSED = "paused", _("paused")
    APPROVED = "approved", _("approved")
    SIGNED = "signed", _("result signed, ready to return")
    RETURNED = "returned", _("result returned")
    REFUSED = "refused", _("refused")
    WITHDRAWN = "withdrawn", _("withdrawn by the applicant")
    STOPPED = "stopped", _("stopped")


class Action(models.TextChoices):
    SUBMIT = "submit", _("submit")
    RECEIVE = "receive", _("receive")
    REQUEST_SUPPLEMENT = "request-supplement", _("request a supplement")
    SUPPLEMENT = "supplement", _("supply the missing documents")
    REFUSE = "refuse", _("refuse")
    ASSIGN = "assign", _("assign")
    COMPLETE_STEP = "complete-step", _("complete the step")
    RETURN_STEP = "return-step", _("send the step back")
    TRANSFER = "transfer", _("transfer to another agency")
    PAUSE = "pause", _("pause")
    RESUME = "resume", _("resume")
    EXTEND = "extend", _("extend (apology letter)")
    APPROVE = "approve", _("approve")
    SIGN_RESULT = "sign-result", _("sign the result")
    RETURN_RESULT = "return-result", _("return the result")
    WITHDRAW = "withdraw", _("withdraw")
    STOP = "stop", _("stop processing")
    RATE = "rate", _("rate the service")
    # Sector software (the tax office): send for the financial obligation, its answers.
    SEND_TO_TAX = "send-to-tax", _("send to the tax office")
    TAX_PAID = "tax-paid", _("tax paid")
    TAX_ASSESSED = "tax-assessed", _("tax assessed")  # on the timeline only, the status stays
    TAX_REJECTED = "tax-rejected", _("rejected by the tax office")  # on the timeline only


# Who acts: the agencies' roles, plus the applicant and other systems.
APPLICANT = "applicant"
SYSTEM = "system"
DESK, HANDLER, LEADER, SIGNER = Role.DESK_OFFICER, Role.HANDLER, Role.LEADER, Role.SIGNER


@dataclass(frozen=True)
class Transition:
    to: Status
    roles: frozenset[str]
    slip: str = ""  # the standard form the action produces (semantic id, not its number)


def _t(to: Status, *roles: str, slip: str = "") -> Transition:
    return Transition(to, frozenset(roles), slip)


S, A = Status, Action
_OPEN_TO_WITHDRAWAL = (
    S.SUBMITTED,
    S.SUPPLEMENT_REQUESTED,
    S.RECEIVED,
    S.PROCESSING,
    S.AWAITING_SUPPLEMENT,
    S.PAUSED,
)

TRANSITIONS: dict[tuple[Status, Action], Transition] = {
    # The system submits what arrives from the national portal or another channel.
    (S.DRAFT, A.SUBMIT): _t(S.SUBMITTED, APPLICANT, DESK, SYSTEM),
    # Receipt check: complete → Form 01; incomplete → guide once in writing (Form 02);
    # not eligible → Form 03.
    (S.SUBMITTED, A.RECEIVE): _t(S.RECEIVED, DESK, SYSTEM, slip="receipt"),
    (S.SUBMITTED, A.REQUEST_SUPPLEMENT): _t(S.SUPPLEMENT_REQUESTED, DESK, slip="supplement_request"),
    (S.SUBMITTED, A.REFUSE): _t(S.REFUSED, DESK, slip="refusal"),
    (S.SUPPLEMENT_REQUESTED, A.SUPPLEMENT): _t(S.SUBMITTED, APPLICANT, DESK),
    (S.RECEIVED, A.ASSIGN): _t(S.PROCESSING, DESK, LEADER, SYSTEM),
    (S.PROCESSING, A.ASSIGN): _t(S.PROCESSING, LEADER, HANDLER),
    # The desk's own steps close with its actions (receive, return-result); the work in
    # between, and moving it to another agency, belongs to the agency that processes it.
    (S.PROCESSING, A.COMPLETE_STEP): _t(S.PROCESSING, HANDLER, LEADER, SIGNER),
    (S.PROCESSING, A.RETURN_STEP): _t(S.PROCESSING, HANDLER, LEADER, SIGNER),
    (S.PROCESSING, A.TRANSFER): _t(S.PROCESSING, HANDLER, LEADER),
    # During processing the clock stops until the supplement arrives.
    (S.PROCESSING, A.REQUEST_SUPPLEMENT): _t(
        S.AWAITING_SUPPLEMENT, HANDLER, LEADER, slip="supplement_request"
    ),
    (S.AWAITING_SUPPLEMENT, A.SUPPLEMENT): _t(S.PROCESSING, APPLICANT, DESK),
    (S.PROCESSING, A.PAUSE): _t(S.PAUSED, LEADER),
    (S.PAUSED, A.RESUME): _t(S.PROCESSING, LEADER),
    # The financial obligation: the clock stops until the tax office says it is paid.
    (S.PROCESSING, A.SEND_TO_TAX): _t(S.PAUSED, HANDLER, LEADER),
    (S.PAUSED, A.TAX_PAID): _t(S.PROCESSING, SYSTEM),
    (S.PROCESSING, A.EXTEND): _t(S.PROCESSING, LEADER, slip="apology_extension"),
    (S.PROCESSING, A.APPROVE): _t(S.APPROVED, LEADER),
    (S.PROCESSING, A.REFUSE): _t(S.REFUSED, LEADER, slip="refusal"),
    (S.APPROVED, A.RETURN_STEP): _t(S.PROCESSING, LEADER, SIGNER),
    (S.APPROVED, A.SIGN_RESULT): _t(S.SIGNED, SIGNER),
    (S.SIGNED, A.RETURN_RESULT): _t(S.RETURNED, DESK, SYSTEM),
    (S.PROCESSING, A.STOP): _t(S.STOPPED, LEADER, slip="stop_notice"),
    (S.PAUSED, A.STOP): _t(S.STOPPED, LEADER, slip="stop_notice"),
    (S.AWAITING_SUPPLEMENT, A.STOP): _t(S.STOPPED, LEADER, slip="stop_notice"),
    **{(state, A.WITHDRAW): _t(S.WITHDRAWN, APPLICANT, DESK) for state in _OPEN_TO_WITHDRAWAL},
    # The applicant rates online, or on the desk's rating screen, which the desk records.
    **{(state, A.RATE): _t(state, APPLICANT, DESK) for state in (S.RETURNED, S.REFUSED, S.STOPPED)},
}

END_STATES = frozenset({S.RETURNED, S.REFUSED, S.WITHDRAWN, S.STOPPED})
# Handed in and not ended: what the work queues show. A sorted list, so the partial
# indexes built on it (models.Dossier) compare equal from one migration check to the next.
OPEN_STATES = sorted(s.value for s in Status if s not in END_STATES and s != S.DRAFT)
# The statutory clock does not run in these states (domain.md §6).
CLOCK_STOPPED = frozenset({S.DRAFT, S.SUBMITTED, S.SUPPLEMENT_REQUESTED, S.AWAITING_SUPPLEMENT, S.PAUSED})


class ActionNotAllowed(Conflict):
    code = "dossier.action_not_allowed"
    default_message = _("“%(action)s” cannot be done now: the dossier is %(status)s.")


class RoleNotAllowed(PermissionDenied):
    code = "dossier.role_not_allowed"
    default_message = _("Your role does not allow “%(action)s” on this dossier.")


def transition(status: str, action: str) -> Transition | None:
    return TRANSITIONS.get((Status(status), Action(action))) if _known(status, action) else None


def check(status: str, action: str, roles: Iterable[str]) -> Transition:
    """The transition for this action, or a translated error; changes nothing."""
    found = transition(status, action)
    if found is None:
        raise ActionNotAllowed(action=_label(Action, action), status=_label(Status, status))
    if not found.roles & set(roles):
        raise RoleNotAllowed(action=_label(Action, action))
    return found


def allowed_actions(status: str, roles: Iterable[str]) -> list[Action]:
    """What this caller may do now, in the table's order (for buttons and the API)."""
    held = set(roles)
    return [action for (state, action), t in TRANSITIONS.items() if state == status and t.roles & held]


def _known(status: str, action: str) -> bool:
    return status in Status.values and action in Action.values


def _label(choices: type[models.TextChoices], value: str) -> str:
    return str(choices(value).label) if value in choices.values else value
