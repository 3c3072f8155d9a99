"""The simulated platform's card checkout page: "Pay" or "Cancel", then back to motcua.

Mounted at ``/gia-lap/thanh-toan/`` only when INTEGRATIONS_MODE=simulated. It plays the
payer at the platform (in-process, or the ``run_simulator payment`` server when one is
shared); the platform then sends motcua its signed callback as usual.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from motcua.core.errors import MotcuaError
from motcua.integrations.errors import PaymentNotAtPlatform
from motcua.integrations.payment.port import payment_platform, payment_simulated, simulate_payer


@require_http_methods(["GET", "POST"])
def checkout(request: HttpRequest, platform_ref: str) -> HttpResponse:
    if not payment_simulated():
        raise Http404
    try:
        payment = payment_platform().get_payment(platform_ref)
    except PaymentNotAtPlatform:
        raise Http404 from None
    except MotcuaError as error:
        return _page(request, None, error.detail, error.status)
    if request.method == "GET":
        return _page(request, payment, "", 200)
    try:
        simulate_payer(platform_ref=platform_ref, pay=request.POST.get("decision") == "pay")
    except MotcuaError as error:
        return _page(request, payment, error.detail, 409)
    if back := _back(request, payment):
        return redirect(back)
    return _page(request, payment_platform().get_payment(platform_ref), "", 200)


def _back(request: HttpRequest, payment: Any) -> str:
    """Where to send the payer afterwards: motcua's own page only, never another site."""
    back = payment.return_url if payment is not None else ""
    safe = back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
    return back if safe else ""


def _page(request: HttpRequest, payment: Any, error: str, status: int) -> HttpResponse:
    context = {"payment": payment, "error": error, "back": _back(request, payment)}
    return render(request, "payment_simulator/checkout.html", context, status=status)
