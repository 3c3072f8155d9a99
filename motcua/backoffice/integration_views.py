"""The province's integration desk: health of each system, dead letters, reconciliation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from motcua.agencies.selectors import has_role
from motcua.core import clock
from motcua.core.errors import MotcuaError
from motcua.dossiers import services as dossier_services
from motcua.integrations import selectors
from motcua.integrations import services as integration_services

PAGE_SIZE = 50
MAX_PERIOD_DAYS = 92


def can_manage_integrations(user: Any) -> bool:
    """Province administrators (and configuration staff)."""
    return bool(user.is_authenticated and (user.is_staff or has_role(user, "province_admin")))


def integration_admin(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Province administrators (and configuration staff) only."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not can_manage_integrations(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and (end < start or (end - start).days > MAX_PERIOD_DAYS):
            raise forms.ValidationError(
                _("Choose a period of at most %(days)s days that ends after it starts."),
                params={"days": MAX_PERIOD_DAYS},
            )
        return data


@integration_admin
def health(request: HttpRequest) -> HttpResponse:
    context = {
        "systems": selectors.integration_health(),
        "dead": selectors.dead_letters().count(),
        "runs": selectors.reconciliation_runs()[:5],
    }
    return render(request, "backoffice/integrations/health.html", context)


@integration_admin
def dead_letters(request: HttpRequest) -> HttpResponse:
    rows = selectors.dead_letters(system=request.GET.get("system", "")).order_by("-id")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "backoffice/integrations/dead_letters.html", {"page": page})


@require_POST
@integration_admin
def replay(request: HttpRequest, message_id: int) -> HttpResponse:
    try:
        integration_services.replay_message(message_id=message_id, by=request.user)
    except MotcuaError as error:
        messages.error(request, error.detail)
    else:
        messages.success(request, _("The message will be sent again within a few seconds."))
    return redirect("backoffice:dead_letters")


@integration_admin
def reconciliation(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    form = PeriodForm(initial={"start": today - timedelta(days=1), "end": today})
    if request.method == "POST":
        form = PeriodForm(request.POST)
        if form.is_valid():
            run = dossier_services.reconcile_with_national_portal(
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                triggered_by=request.user.username,
            )
            _say_how_it_went(request, run)
            return redirect("backoffice:reconciliation_run", run_id=run.pk)
    page = Paginator(selectors.reconciliation_runs(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "backoffice/integrations/reconciliation.html", {"form": form, "page": page})


@integration_admin
def reconciliation_run(request: HttpRequest, run_id: int) -> HttpResponse:
    run = selectors.reconciliation_runs().filter(pk=run_id).first()
    if run is None:
        raise Http404
    kind = request.GET.get("kind", "")
    page = Paginator(selectors.differences_of(run, kind=kind), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"run": run, "page": page, "kind": kind}
    return render(request, "backoffice/integrations/reconciliation_run.html", context)


@require_POST
@integration_admin
def resync(request: HttpRequest, run_id: int) -> HttpResponse:
    """Send again the dossiers of the ticked differences (or every unsent one of the run)."""
    run = selectors.reconciliation_runs().filter(pk=run_id).first()
    if run is None:
        raise Http404
    rows = selectors.differences_of(run).filter(resynced_at__isnull=True)
    ticked = request.POST.getlist("difference")
    if ticked:
        rows = rows.filter(pk__in=[value for value in ticked if value.isdigit()])
    sent = 0
    for difference in rows:
        dossier_services.resync_with_national_portal(
            code=difference.dossier_code, by=request.user, difference_id=difference.pk
        )
        sent += 1
    messages.success(
        request, _("%(n)s dossier(s) queued to be sent again to the national portal.") % {"n": sent}
    )
    return redirect("backoffice:reconciliation_run", run_id=run.pk)


def _say_how_it_went(request: HttpRequest, run: object) -> None:
    if run.error:
        messages.warning(
            request,
            _("The national portal could not be reached; %(n)s dossier(s) were checked before it stopped.")
            % {"n": run.checked},
        )
    elif run.differences_count:
        messages.warning(request, _("%(n)s difference(s) found.") % {"n": run.differences_count})
    else:
        messages.success(
            request,
            _("The national portal holds what we hold: %(n)s dossier(s) checked.") % {"n": run.checked},
        )
