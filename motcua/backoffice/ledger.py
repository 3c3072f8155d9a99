"""Form 07, the tracking ledger of an agency for a period: printed (PDF) or exported (CSV)."""

from __future__ import annotations

import csv
from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import MotcuaError, NotFound
from motcua.dossiers import selectors

CSV_COLUMNS = (
    ("code", _("Dossier code")),
    ("procedure", _("Procedure")),
    ("owner", _("Owner")),
    ("received_on", _("Received")),
    ("appointment_on", _("Appointment")),
    ("competent_agency", _("Decided by")),
    ("status", _("Status")),
    ("finished_at", _("Processing ended")),
    ("returned_at", _("Result returned")),
)


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))
    format = forms.ChoiceField(choices=[("pdf", "PDF"), ("csv", "CSV")], required=False)


@login_required
def ledger(request: HttpRequest, code: str) -> HttpResponse:
    form = PeriodForm(request.GET)
    if not form.is_valid():
        messages.error(request, _("Choose the first and last day of the period."))
        return redirect("backoffice:agency", code=code)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    try:
        if form.cleaned_data["format"] == "csv":
            _agency, rows = selectors.ledger_rows(request.user, agency_code=code, start=start, end=end)
            return _csv(rows, code, start, end)
        pdf = selectors.ledger_pdf(request.user, agency_code=code, start=start, end=end)
    except NotFound:
        raise Http404 from None
    except MotcuaError as error:
        messages.error(request, error.detail)
        return redirect("backoffice:agency", code=code)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="so-theo-doi-{code}-{start}-{end}.pdf"'
    return response


def _csv(rows: list, code: str, start: date, end: date) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="so-theo-doi-{code}-{start}-{end}.csv"'
    response.write("\ufeff")  # so that Excel opens the Vietnamese text as UTF-8
    writer = csv.writer(response)
    writer.writerow([str(label) for _key, label in CSV_COLUMNS])
    for dossier in rows:
        writer.writerow(
            [
                dossier.code,
                dossier.procedure.name,
                dossier.owner_name,
                dossier.received_on or "",
                dossier.appointment_on or "",
                dossier.competent_agency.name,
                dossier.get_status_display(),
                dossier.finished_at.date() if dossier.finished_at else "",
                dossier.returned_at.date() if dossier.returned_at else "",
            ]
        )
    return response
