"""The desk takes the fees in cash (with a receipt) or by VietQR; the admins' payment report.

VietQR: while the payment is pending the page asks itself again every 5 seconds with htmx
and shows the payment once the platform's callback has marked it paid, like the citizen's
pay page (``templates/polling/``; a timed ``<meta http-equiv="refresh">`` fails WCAG 2.2.1).
Without JavaScript "Check again" reloads it; "Check payment" asks the platform now, and in
simulated mode a training button plays the applicant paying. Thin: payments services do
the work.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from motcua.backoffice.integration_views import integration_admin
from motcua.core.errors import MotcuaError, NotFound
from motcua.dossiers import selectors as dossier_selectors
from motcua.integrations import services as integration_services
from motcua.payments import selectors as payment_selectors
from motcua.payments import services as payment_services
from motcua.payments.types import Method, MismatchKind, State

REFRESH_SECONDS = 5  # how often the VietQR page polls while the payment is pending


@login_required
@require_http_methods(["GET", "POST"])
def vietqr(request: HttpRequest, ref: str) -> HttpResponse:
    """GET: the dossier's latest VietQR payment; POST: make one (or hand out the one still valid)."""
    found = _dossier(request, ref)
    if request.method == "POST":
        try:
            payment_services.start_payment(dossier=found, by=request.user, method=Method.VIETQR)
        except MotcuaError as error:
            messages.error(request, error.detail)
        return redirect("backoffice:fees_vietqr", ref=found.identifier)
    payment = payment_selectors.latest_payment(found, method=Method.VIETQR)
    pending = payment is not None and payment.state == State.PENDING
    context = {
        "dossier": found,
        "payment": payment,
        "pending": pending,
        "qr_svg": payment_selectors.payment_qr_svg(payment) if pending else "",
        "unpaid": [fee for fee in found.fees.all() if fee.paid_at is None],
        "fees": list(found.fees.all()),
        "may_take_payment": dossier_selectors.may_take_payment(request.user, found),
        "simulated": integration_services.payment_simulated(),
        "refresh": REFRESH_SECONDS if pending else None,
        "receipts": payment_selectors.paid_payments_of(found),
    }
    return render(request, "backoffice/payments/vietqr.html", context)


@login_required
@require_POST
def check(request: HttpRequest, ref: str, payment: str) -> HttpResponse:
    """Ask the platform now whether the applicant has paid."""
    found = _dossier(request, ref)
    try:
        update = payment_services.check_payment(payment=_payment(found, payment))
    except MotcuaError as error:
        messages.error(request, error.detail)
    else:
        if update.payment.state == State.PAID:
            messages.success(request, _("The payment platform confirmed the payment."))
        elif update.payment.state == State.PENDING:
            messages.info(request, _("Not paid yet: the platform is still waiting for the transfer."))
    return redirect("backoffice:fees_vietqr", ref=found.identifier)


@login_required
@require_POST
def simulate_paid(request: HttpRequest, ref: str, payment: str) -> HttpResponse:
    """Training only (simulated mode): the applicant scans the QR and pays."""
    if not integration_services.payment_simulated():
        raise Http404
    found = _dossier(request, ref)
    if not dossier_selectors.may_take_payment(request.user, found):
        raise Http404
    try:
        integration_services.simulate_payer(platform_ref=_payment(found, payment).platform_ref)
    except MotcuaError as error:
        messages.error(request, error.detail)
    return redirect("backoffice:fees_vietqr", ref=found.identifier)


@login_required
@require_POST
def cash(request: HttpRequest, ref: str) -> HttpResponse:
    """The desk took the fees in cash: record them and show the receipt to print."""
    found = _dossier(request, ref)
    try:
        payment = payment_services.collect_cash(dossier=found, by=request.user)
    except MotcuaError as error:
        messages.error(request, error.detail)
        return redirect("backoffice:fees_vietqr", ref=found.identifier)
    messages.success(request, _("Fees recorded as paid in cash."))
    return redirect("backoffice:fees_receipt", ref=found.identifier, payment=payment.reference)


@login_required
def receipt(request: HttpRequest, ref: str, payment: str) -> HttpResponse:
    """The receipt of a paid payment (cash or online), to print for the applicant."""
    found = _dossier(request, ref)
    paid = _payment(found, payment)
    if not paid.is_paid:
        raise Http404
    fees = [fee for fee in found.fees.all() if fee.pk in set(paid.fee_ids)]
    context = {"dossier": found, "payment": paid, "fees": fees}
    return render(request, "backoffice/payments/receipt.html", context)


@integration_admin
def report(request: HttpRequest) -> HttpResponse:
    """Province admins: the daily comparison with the platform and the mismatches to settle."""
    counts = payment_selectors.mismatch_counts()
    kinds = [(label, counts.get(value, {"open": 0, "resolved": 0})) for value, label in MismatchKind.choices]
    context = {
        "reports": payment_selectors.recent_reports(),
        "kinds": kinds,
        "mismatches": payment_selectors.open_mismatches()[:200],
    }
    return render(request, "backoffice/payments/report.html", context)


@integration_admin
@require_POST
def resolve(request: HttpRequest, mismatch_id: int) -> HttpResponse:
    """Province admins: a mismatch was settled (refund, cash returned…), with a note."""
    note = request.POST.get("resolution", "").strip()
    if not note:
        messages.error(request, _("Say how the mismatch was settled."))
    else:
        try:
            payment_services.resolve_mismatch(mismatch_id=mismatch_id, by=request.user, resolution=note)
        except NotFound:
            raise Http404 from None
        messages.success(request, _("The mismatch is marked as settled."))
    return redirect("backoffice:payment_report")


def _dossier(request: HttpRequest, ref: str) -> object:
    try:
        return dossier_selectors.get_dossier(request.user, identifier=ref)
    except NotFound:
        raise Http404 from None


def _payment(dossier: object, reference: str) -> object:
    try:
        return payment_selectors.get_payment_of(dossier, reference=reference)
    except NotFound:
        raise Http404 from None
