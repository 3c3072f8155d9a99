"""Officials' dossier pages: the work queues, a dossier, its actions and its slips. Thin."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from motcua.backoffice.action_forms import FORMS, form_for
from motcua.core.errors import MotcuaError, NotFound
from motcua.dossiers import selectors, services
from motcua.dossiers.types import Action, Channel, SlipKind

QUEUE_LABELS = {
    "open": _("All open"),
    "to_receive": _("To receive"),
    "in_progress": _("Being processed"),
    "to_sign": _("To sign"),
    "to_return": _("To return"),
    "waiting": _("Waiting (supplement, paused)"),
    "due_soon": _("Due soon or overdue"),
    "for_others": _("Received here for other agencies"),
    "finished": _("Finished"),
}


class QueueFilter(forms.Form):
    queue = forms.ChoiceField(choices=list(QUEUE_LABELS.items()), required=False)
    procedure = forms.CharField(label=_("Procedure code"), required=False, max_length=60)
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[("", _("All")), *Channel.choices], required=False
    )
    received_from = forms.DateField(
        label=_("Received from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    received_to = forms.DateField(
        label=_("Received to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    form = QueueFilter(request.GET or None)
    filters = {k: v for k, v in form.cleaned_data.items() if v} if form.is_valid() else {}
    filters.setdefault("queue", "open")
    try:
        rows, after = selectors.queue_page(
            selectors.work_queue(request.user, **filters),
            cursor=request.GET.get("cursor", ""),
            newest_first=filters["queue"] == "finished",
        )
    except MotcuaError as error:
        messages.error(request, error.detail)
        rows, after = [], None
    context = {
        "form": form,
        "rows": list(zip(rows, selectors.risks(rows), strict=True)),
        "next_cursor": after,
        "current": filters["queue"],
        "queues": [(name, label, count) for (name, label), count in _with_counts(request)],
        "query": request.GET.copy(),
    }
    return render(request, "backoffice/dossiers/queue.html", context)


def _with_counts(request: HttpRequest) -> list:
    counts = selectors.queue_counts(request.user)
    return [((name, label), counts.get(name, 0)) for name, label in QUEUE_LABELS.items()]


@login_required
def dossier(request: HttpRequest, ref: str) -> HttpResponse:
    found = _get(request, ref)
    services.log_personal_data_access(dossier=found, by=request.user, purpose="backoffice")
    return render(request, "backoffice/dossiers/detail.html", _detail_context(request, found))


def _detail_context(request: HttpRequest, found: object, failed: dict | None = None) -> dict:
    actions = selectors.allowed_actions_for(request.user, found)
    return {
        "dossier": found,
        "risk": selectors.risk(found),
        "deadline": selectors.deadline_status(found),
        "events": [(event, _action_label(event.action)) for event in selectors.events_of(found)],
        "results": selectors.results_of(found),
        "action_forms": [
            (action, Action(action).label, (failed or {}).get(action) or form_for(action, found))
            for action in actions
        ],
        "slips": [(kind, SlipKind(kind).label) for kind in selectors.slips_made(found)],
        "unpaid": [fee for fee in found.fees.all() if fee.paid_at is None],
        "may_collect": "receive" in actions or "return-result" in actions or "assign" in actions,
    }


def _action_label(action: str) -> str:
    if action == "pay":
        return _("fees paid")
    if action == "population-check":
        return _("checked against the National Population Database")
    return Action(action).label if action in Action.values else action


@login_required
@require_POST
def act(request: HttpRequest, ref: str, action: str) -> HttpResponse:
    found = _get(request, ref)
    if action not in FORMS:
        raise Http404
    form = form_for(action, found, request.POST, request.FILES)
    status = 400
    if form.is_valid():
        try:
            changed = services.ACTIONS[action](dossier=found, by=request.user, **form.arguments())
        except MotcuaError as error:
            messages.error(request, error.detail)
            status = error.status
        else:
            messages.success(request, _("Done: %(action)s.") % {"action": Action(action).label})
            return _after(request, changed)
    context = _detail_context(request, _get(request, ref), {action: form})
    return render(request, "backoffice/dossiers/detail.html", context, status=status)


@login_required
@require_POST
def collect_fees(request: HttpRequest, ref: str) -> HttpResponse:
    """The desk took the fees in cash."""
    found = _get(request, ref)
    try:
        services.record_payment(dossier=found, by=request.user)
    except MotcuaError as error:
        messages.error(request, error.detail)
    else:
        messages.success(request, _("Fees recorded as paid in cash."))
    return redirect("backoffice:dossier", ref=found.identifier)


def _after(request: HttpRequest, changed: object) -> HttpResponse:
    """Back to the dossier, or to the queue when it has just left the official's scope (transfer)."""
    try:
        selectors.get_dossier(request.user, identifier=changed.identifier)
    except NotFound:
        return redirect("backoffice:queue")
    return redirect("backoffice:dossier", ref=changed.identifier)


@login_required
def slip(request: HttpRequest, ref: str, kind: str) -> HttpResponse:
    found = _get(request, ref)
    try:
        pdf = services.read_slip(dossier=found, kind=kind, by=request.user)
    except NotFound:
        raise Http404 from None
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{found.identifier}-{kind}.pdf"'
    return response


def _get(request: HttpRequest, ref: str) -> object:
    try:
        return selectors.get_dossier(request.user, identifier=ref)
    except NotFound:
        raise Http404 from None
