"""Applying online: the prefilled form, drafts, documents from the data store, paying, the receipt.

Server-rendered and usable without JavaScript. The form carries the dossier's future
reference: saving or submitting twice (a double click, a reload, a second device) updates
the one dossier with that reference and never creates another (``services.online``).
"""

from __future__ import annotations

import uuid
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.timezone import localdate
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.agencies.selectors import UnitsDirectory, get_admin_unit
from motcua.catalog import selectors as catalog_selectors
from motcua.catalog.eforms import add_rows, parse_form, prefill, render_form, replace_uploads, validate_form
from motcua.core.errors import MotcuaError, NotFound
from motcua.datastore import selectors as store_selectors
from motcua.dossiers.services import slip_for
from motcua.dossiers.services.intake import ApplicantInput, PartyInput
from motcua.dossiers.services.online import (
    AlreadySubmitted,
    OnlineApplication,
    drafts_of,
    online_dossier_of,
    save_draft,
    submit_draft,
)
from motcua.dossiers.types import ApplicantKind, PartyRole, SlipKind, Status
from motcua.integrations import services as integrations
from motcua.integrations.types import LookupOutcome, LookupPurpose
from motcua.payments import selectors as payment_selectors
from motcua.payments import services as payment_services
from motcua.portal import submit_documents as documents
from motcua.portal.citizen_auth import acting_for, citizen_required, current_citizen, current_level
from motcua.portal.submit_forms import PAY_ONLINE, SAVE, ApplicationForm, ComponentChoice, check_file

ONLINE_LEVELS = ("full", "partial")
PAY_REFRESH_SECONDS = 5  # the VietQR page polls while it waits for the bank, as the desk's reloads


def _not_found_is_404(view: Any) -> Any:
    """Someone else's draft, dossier or document answers exactly like a missing one."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound:
            raise Http404 from None

    return wrapper


@citizen_required
@_not_found_is_404
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, code: str) -> HttpResponse:
    """A blank application for a procedure, prefilled from VNeID and the population database."""
    procedure = catalog_selectors.get_procedure(code=code)
    if procedure.online_level not in ONLINE_LEVELS:
        messages.info(request, _("This procedure cannot be submitted online; see where to go."))
        return HttpResponseRedirect(reverse("portal:procedure", args=[procedure.code]))
    acting = acting_for(request)
    if not acting.is_self and not procedure.for_organisations:
        messages.info(request, _("Organisations cannot apply for this procedure; act for yourself to apply."))
        return HttpResponseRedirect(reverse("portal:procedure", args=[procedure.code]))
    if request.method == "POST":
        return _handle(request, procedure, dossier=None)
    citizen = current_citizen(request)
    # For an organisation nothing is looked up: the person's record must not fill its fields.
    initial, form_data, population = _prefill(request, citizen, procedure) if acting.is_self else ({}, {}, "")
    form = ApplicationForm(initial={**initial, "reference": uuid.uuid4()}, communes=_communes())
    return _page(request, procedure, form, form_data=form_data, population=population)


@citizen_required
@_not_found_is_404
@require_http_methods(["GET", "POST"])
def draft(request: HttpRequest, reference: str) -> HttpResponse:
    """A saved draft, on whichever device the citizen logs in from."""
    dossier = online_dossier_of(request.user, reference)
    if dossier.status != Status.DRAFT:
        return HttpResponseRedirect(reverse("portal:submit_receipt", args=[dossier.reference]))
    if _owner_of(request) != (dossier.owner_kind, dossier.owner_id_number):
        messages.warning(
            request,
            _("This draft was started for %(name)s. Act for them (on your account page) to continue it.")
            % {"name": dossier.owner_name},
        )
        return HttpResponseRedirect(reverse("portal:submit_drafts"))
    if request.method == "POST":
        return _handle(request, dossier.procedure, dossier=dossier)
    initial = {
        "reference": dossier.reference,
        "phone": dossier.owner_phone,
        "email": dossier.owner_email,
        "address": dossier.owner_address,
        "unit": dossier.owner_unit.code if dossier.owner_unit else "",
        "result_delivery": dossier.result_delivery,
        "population": "unavailable" if dossier.population_data_pending else "",
    }
    form = ApplicationForm(initial=initial, communes=_communes())
    return _page(request, dossier.procedure, form, form_data=dossier.form_data, dossier=dossier)


@citizen_required
def drafts(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/submit/drafts.html", {"drafts": drafts_of(request.user)})


@citizen_required
@_not_found_is_404
def receipt(request: HttpRequest, reference: str) -> HttpResponse:
    """What the citizen gets on submitting: the reference, then the code and appointment date."""
    dossier = online_dossier_of(request.user, reference)
    if dossier.status == Status.DRAFT:
        return HttpResponseRedirect(reverse("portal:submit_draft", args=[dossier.reference]))
    fees = list(dossier.fees.all())
    context = {
        "dossier": dossier,
        "fees": fees,
        "unpaid": sum(fee.amount for fee in fees if fee.paid_at is None),
        "received": dossier.received_at is not None,
        # Online outside office hours the receipt date is the next working day (domain.md §6).
        "after_hours": bool(dossier.received_on and dossier.received_on > localdate(dossier.received_at)),
    }
    return render(request, "portal/submit/receipt.html", context)


@citizen_required
@_not_found_is_404
def receipt_pdf(request: HttpRequest, reference: str) -> HttpResponse:
    """Form 01 (the receipt and appointment slip), once the dossier was received."""
    dossier = online_dossier_of(request.user, reference)
    slip = slip_for(dossier=dossier, kind=SlipKind.RECEIPT) if dossier.received_at else None
    if slip is None:
        raise Http404
    return FileResponse(slip.file.open("rb"), as_attachment=True, filename=f"{dossier.code}-mau-01.pdf")


@citizen_required
@_not_found_is_404
@require_http_methods(["GET", "POST"])
def pay(request: HttpRequest, reference: str) -> HttpResponse:
    """Pay the fees online: a VietQR code to scan, or the card checkout; the platform confirms."""
    dossier = online_dossier_of(request.user, reference)
    payment = None
    if request.method == "POST":
        method = request.POST.get("method", "")
        try:
            payment = payment_services.start_payment(
                dossier=dossier,
                by=request.user,
                method=method,
                return_url=request.build_absolute_uri(
                    reverse("portal:submit_receipt", args=[dossier.reference])
                ),
            )
        except MotcuaError as error:
            messages.error(request, error.detail)
            return HttpResponseRedirect(reverse("portal:submit_receipt", args=[dossier.reference]))
        if payment.checkout_url:
            return HttpResponseRedirect(payment.checkout_url)
    else:
        payment = payment_selectors.latest_payment(dossier, method="vietqr")
    fees = list(dossier.fees.all())
    unpaid = sum(fee.amount for fee in fees if fee.paid_at is None)
    # A code on screen is something to scan, and the page must notice the bank's callback:
    # it polls itself (GET) until the fees are paid; without JavaScript, "Check again".
    waiting = bool(unpaid and payment and payment.state == "pending" and payment.qr_payload)
    return render(
        request,
        "portal/submit/pay.html",
        {
            "dossier": dossier,
            "fees": fees,
            "unpaid": unpaid,
            "payment": payment,
            "qr_svg": payment_selectors.payment_qr_svg(payment) if waiting else "",
            "refresh": PAY_REFRESH_SECONDS if waiting else None,
        },
    )


# The form, from the POST to the saved draft and the submission.


def _handle(request: HttpRequest, procedure: Any, *, dossier: Any) -> HttpResponse:
    form = ApplicationForm(request.POST, communes=_communes())
    schema = procedure.form_schema or {}
    form_data, add_requests = parse_form(schema, request.POST, request.FILES) if schema else ({}, set())
    form_data = replace_uploads(form_data, _keep_eform_upload)  # the draft's JSON holds names, not files
    choices = documents.component_choices(request, procedure, dossier)
    if not form.is_valid() or (dossier is not None and form.cleaned_data["reference"] != dossier.reference):
        return _page(
            request, procedure, form, form_data=form_data, choices=choices, dossier=dossier, status=400
        )
    try:
        dossier = save_draft(
            application=_application(request, procedure, form.cleaned_data, form_data, choices),
            account=request.user,
            assurance_level=current_level(request),
        )
    except AlreadySubmitted as done:  # a double click: the first click submitted it
        return HttpResponseRedirect(reverse("portal:submit_receipt", args=[done.dossier.reference]))
    except MotcuaError as error:
        form.add_error(None, error.detail)
        return _page(request, procedure, form, form_data=form_data, choices=choices, status=400)
    documents.record_reuse(request, dossier, choices)
    if form.cleaned_data["keep_copies"] and acting_for(request).is_self:  # an organisation's papers are not
        documents.keep_copies(request, dossier, choices)  # the representative's personal data
    if add_requests:  # "add another" in the e-form: the same page with one more row
        form_data = add_rows(schema, form_data, add_requests)
        return _page(request, procedure, form, form_data=form_data, choices=choices, dossier=dossier)
    if any(choice.error for choice in choices):
        return _page(
            request, procedure, form, form_data=form_data, choices=choices, dossier=dossier, status=400
        )
    if form.cleaned_data["action"] == SAVE:
        messages.success(request, _("Draft saved. You can come back to it from any device."))
        return HttpResponseRedirect(reverse("portal:submit_draft", args=[dossier.reference]))
    return _submit(request, procedure, form, form_data, choices, dossier)


def _submit(
    request: HttpRequest, procedure: Any, form: Any, form_data: dict, choices: list, dossier: Any
) -> HttpResponse:
    errors = (
        validate_form(procedure.form_schema, form_data, units=UnitsDirectory())
        if procedure.form_schema
        else []
    )
    if errors:
        return _page(
            request,
            procedure,
            form,
            form_data=form_data,
            errors=errors,
            choices=choices,
            dossier=dossier,
            status=400,
        )
    try:
        dossier = submit_draft(dossier=dossier, by=request.user)
    except MotcuaError as error:
        form.add_error(None, error.detail)
        return _page(
            request, procedure, form, form_data=form_data, choices=choices, dossier=dossier, status=400
        )
    if dossier.received_at:  # the province has this procedure received automatically
        messages.success(request, _("Your dossier has been submitted and received."))
    else:
        messages.success(request, _("Your dossier has been submitted."))
    unpaid = any(fee.paid_at is None and fee.amount > 0 for fee in dossier.fees.all())
    target = (
        "portal:submit_pay"
        if unpaid and form.cleaned_data["payment"] == PAY_ONLINE
        else "portal:submit_receipt"
    )
    return HttpResponseRedirect(reverse(target, args=[dossier.reference]))


def _application(
    request: HttpRequest, procedure: Any, data: dict, form_data: dict, choices: list[ComponentChoice]
) -> OnlineApplication:
    citizen, acting = current_citizen(request), acting_for(request)
    kind, id_number = _owner_of(request)
    owner = ApplicantInput(
        name=citizen.full_name if acting.is_self else acting.organisation_name,
        kind=kind,
        id_number=id_number,
        phone=data["phone"],
        email=data["email"],
        address=data["address"],
        unit_code=data["unit"],
    )
    # The declaration of acting for the organisation stays on the dossier: who, with which ID.
    representative = PartyInput(
        role=PartyRole.REPRESENTATIVE,
        name=citizen.full_name,
        id_number=citizen.citizen_id,
        phone=citizen.phone,
    )
    return OnlineApplication(
        parties=() if acting.is_self else (representative,),
        procedure_code=procedure.code,
        reference=data["reference"],
        owner=owner,
        form_data=form_data,
        components=tuple(
            documents.component_input(choice)
            for choice in choices
            if not choice.error and documents.given(choice)
        ),
        result_delivery=data["result_delivery"],
        population_data_pending=data["population"] == LookupOutcome.UNAVAILABLE,
    )


def _owner_of(request: HttpRequest) -> tuple[str, str]:
    """(owner kind, ID number) of what this login applies for now: the person, or their organisation."""
    acting = acting_for(request)
    if acting.is_self:
        return ApplicantKind.CITIZEN, current_citizen(request).citizen_id
    return ApplicantKind.ORGANISATION, acting.organisation_tax_code


def _keep_eform_upload(path: str, upload: Any) -> str:
    """A file attached inside the e-form, stored now; the form data keeps its storage name.

    A refused file (type, size) is dropped: the field then counts as unanswered.
    """
    if check_file(upload):
        return ""
    return default_storage.save(f"dossiers/eform/{uuid.uuid4().hex}/{upload.name}", upload)


# Prefill: VNeID says who the citizen is; the population database where they live.


def _prefill(request: HttpRequest, citizen: Any, procedure: Any) -> tuple[dict, dict, str]:
    """(owner initial values, e-form data, population state) — never waits beyond the 3 s budget."""
    known = {
        "citizen_id": citizen.citizen_id,
        "full_name": citizen.full_name,
        "date_of_birth": citizen.date_of_birth,
    }
    initial: dict[str, Any] = {"phone": citizen.phone}
    try:
        lookup = integrations.lookup_citizen(
            citizen_id=citizen.citizen_id, by=request.user, purpose=LookupPurpose.EFORM_PREFILL
        )
    except MotcuaError:  # a malformed ID cannot come from VNeID; treat it as "not found"
        return initial, _prefilled(procedure, known), LookupOutcome.NOT_FOUND
    if lookup.record is not None:
        residence = lookup.record.residence
        initial.update(address=residence.address, unit=residence.commune_code)
        known = {**known, **{k: v for k, v in lookup.record.prefill_values().items() if v}}
        known["permanent_address"] = _with_province(known.get("permanent_address"))
    initial["population"] = lookup.outcome.value
    return initial, _prefilled(procedure, known), lookup.outcome.value


def _with_province(address: Any) -> Any:
    """The record names the commune only; the address picker needs its province to show it."""
    if not isinstance(address, dict) or address.get("province") or not address.get("commune"):
        return address
    try:
        parent = get_admin_unit(code=address["commune"]).parent
    except NotFound:
        return address
    return {**address, "province": parent.code} if parent is not None else address


def _prefilled(procedure: Any, values: dict) -> dict:
    return prefill(procedure.form_schema, values) if procedure.form_schema else {}


def _communes() -> list[tuple[str, str]]:
    return UnitsDirectory().communes(settings.MOTCUA_PROVINCE_CODE)


def _page(
    request: HttpRequest,
    procedure: Any,
    form: ApplicationForm,
    *,
    form_data: dict | None = None,
    errors: list | None = None,
    choices: list[ComponentChoice] | None = None,
    dossier: Any = None,
    population: str = "",
    status: int = 200,
) -> HttpResponse:
    schema = procedure.form_schema
    attached = {row.position: row for row in dossier.components.all()} if dossier is not None else {}
    choices = choices or documents.components_of(procedure)
    context = {
        "procedure": procedure,
        "form": form,
        "dossier": dossier,
        "eform": render_form(schema, data=form_data, errors=errors, units=UnitsDirectory()) if schema else "",
        "has_component_errors": any(choice.error for choice in choices),
        "components": [(choice, attached.get(choice.position)) for choice in choices],
        "stored_documents": list(store_selectors.documents_of(request.user, level=current_level(request))),
        "fees": catalog_selectors.procedure_content(procedure).get("fees", []),
        "population": population or (form["population"].value() or ""),
        "action_url": request.path,
    }
    return render(request, "portal/submit/form.html", context, status=status)
