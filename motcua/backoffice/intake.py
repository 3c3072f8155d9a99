"""Desk intake at any center: pick the procedure, enter the applicant, tick what was handed in.

Then receive (Form 01), guide once in writing (Form 02) or refuse (Form 03). Works without
JavaScript; one page per step so a slow link never loses a half-typed form.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from motcua.agencies import selectors as agency_selectors
from motcua.backoffice.population import lookup_owner, population_pending, state_of
from motcua.catalog import selectors as catalog_selectors
from motcua.core.errors import MotcuaError, NotFound
from motcua.dossiers import services
from motcua.dossiers.services import ApplicantInput, ComponentInput, DossierInput
from motcua.dossiers.types import Channel, ResultDelivery

DECISIONS = {
    "receive": _("Receive (Form 01)"),
    "request-supplement": _("Incomplete: guide in writing (Form 02)"),
    "refuse": _("Not eligible: refuse (Form 03)"),
}


class ProcedureSearch(forms.Form):
    q = forms.CharField(label=_("Procedure name or code"), required=False, max_length=200)


class ApplicantForm(forms.Form):
    center = forms.ChoiceField(label=_("Receiving center"))
    id_number = forms.RegexField(r"^\d{12}$", label=_("Citizen ID (12 digits)"), required=False)
    name = forms.CharField(label=_("Full name of the owner"), max_length=200)
    phone = forms.RegexField(r"^\+?\d{9,15}$", label=_("Phone"), required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    address = forms.CharField(label=_("Address"), required=False, max_length=300)
    unit = forms.ChoiceField(label=_("Commune or ward of residence"), required=False)
    result_delivery = forms.ChoiceField(
        label=_("Result received"), choices=ResultDelivery.choices, initial=ResultDelivery.DESK
    )
    decision = forms.ChoiceField(
        label=_("Decision"), choices=list(DECISIONS.items()), widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason or what is missing (for Form 02 and 03)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    population = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)  # see population.py

    def __init__(self, *args: Any, centers: list, communes: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["center"].choices = [(a.code, a.name) for a in centers]
        self.fields["unit"].choices = [("", _("— unknown —")), *communes]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            data.get("decision") in ("request-supplement", "refuse")
            and not (data.get("reason") or "").strip()
        ):
            self.add_error("reason", _("Give the reason: it is printed on the slip the applicant receives."))
        return data


@login_required
def start(request: HttpRequest) -> HttpResponse:
    form = ProcedureSearch(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    found = catalog_selectors.search_procedures(query).procedures[:30] if query else []
    return render(request, "backoffice/dossiers/intake_start.html", {"form": form, "procedures": found})


@login_required
def intake(request: HttpRequest, code: str) -> HttpResponse:
    try:
        procedure = catalog_selectors.get_procedure(code=code)
    except NotFound:
        raise Http404 from None
    centers = agency_selectors.desk_agencies(request.user)
    if not centers:
        messages.error(request, _("Only desk officers receive dossiers; your account has no desk role."))
        return redirect("backoffice:queue")
    province = agency_selectors.province_id_of(centers[0])
    communes = agency_selectors.UnitsDirectory().communes(_province_code(centers[0], province))
    form = ApplicantForm(request.POST or None, centers=centers, communes=communes)
    components = list(procedure.components.order_by("position", "id"))
    population = state_of(request.POST.get("population", ""), request.POST.get("id_number", ""))
    if request.method == "POST" and "lookup" in request.POST:  # "look up", not "save"
        initial, population = lookup_owner(request, communes=communes)
        form = ApplicantForm(initial=initial, centers=centers, communes=communes)
    elif request.method == "POST" and form.is_valid():
        try:
            dossier = _receive(request, procedure, form.cleaned_data, components)
        except MotcuaError as error:
            messages.error(request, error.detail)
        else:
            messages.success(request, _("Dossier %(ref)s saved.") % {"ref": dossier.identifier})
            return redirect("backoffice:dossier", ref=dossier.identifier)
    context = {
        "procedure": procedure,
        "form": form,
        "components": components,
        "posted": request.POST,
        "population": population,
        # A look-up re-renders the form: keep the documents already ticked (files cannot be kept).
        "ticked": {n for n in range(1, len(components) + 1) if request.POST.get(f"c{n}-received") == "on"},
    }
    return render(request, "backoffice/dossiers/intake.html", context, status=400 if form.errors else 200)


def _province_code(center: Any, province_id: int) -> str:
    unit = center.unit
    return unit.code if unit.pk == province_id else unit.parent.code


def _receive(request: HttpRequest, procedure: Any, data: dict[str, Any], components: list) -> Any:
    owner = ApplicantInput(
        name=data["name"],
        id_number=data["id_number"],
        phone=data["phone"],
        email=data["email"],
        address=data["address"],
        unit_code=data["unit"],
    )
    given = tuple(_component(request, position) for position in range(1, len(components) + 1))
    dossier_input = DossierInput(
        procedure_code=procedure.code,
        channel=Channel.DESK,
        owner=owner,
        components=tuple(c for c in given if c is not None),
        served_at=data["center"],
        result_delivery=data["result_delivery"],
        population_data_pending=population_pending(data["population"], data["id_number"]),
    )
    return _decide(request, dossier_input, data)


def _decide(request: HttpRequest, dossier_input: DossierInput, data: dict[str, Any]) -> Any:
    with transaction.atomic():  # a failed receipt check keeps nothing
        dossier = services.create_dossier(data=dossier_input, by=request.user)
        if data["decision"] == "receive":
            return services.receive_dossier(dossier=dossier, by=request.user)
        if data["decision"] == "refuse":
            return services.refuse_dossier(dossier=dossier, by=request.user, reason=data["reason"])
        missing = [line.strip() for line in data["reason"].splitlines() if line.strip()]
        return services.request_supplement(
            dossier=dossier, by=request.user, reason=data["reason"], missing=missing
        )


def _component(request: HttpRequest, position: int) -> ComponentInput | None:
    received = request.POST.get(f"c{position}-received") == "on"
    upload = request.FILES.get(f"c{position}-file")
    if not received and upload is None:
        return None
    copies = request.POST.get(f"c{position}-copies", "1")
    return ComponentInput(
        position=position,
        copies=int(copies) if copies.isdigit() and 0 < int(copies) < 100 else 1,
        file=upload,
        digitised=upload is not None,
    )
