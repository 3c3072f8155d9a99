"""An official's own signing certificate: see it, ask for it, renew, unlock or revoke it.

Every change is a request an administrator handles (/admin/ → Certificate requests), as
the certificate authority would; the official chooses the PIN, which is stored hashed.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from motcua.agencies import selectors as agency_selectors
from motcua.core.errors import MotcuaError
from motcua.signing import selectors as signing_selectors
from motcua.signing import services as signing
from motcua.signing.types import RevocationReason

PIN = forms.CharField(
    label=_("New PIN (6 to 12 digits)"),
    min_length=6,
    max_length=12,
    widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "inputmode": "numeric"}),
)


class PinForm(forms.Form):
    pin = PIN
    pin_again = forms.CharField(label=_("The PIN again"), widget=forms.PasswordInput, max_length=12)
    note = forms.CharField(label=_("Note for the administrator"), required=False, max_length=500)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("pin") and data.get("pin") != data.get("pin_again"):
            self.add_error("pin_again", _("The two PINs differ."))
        return data


class RevokeForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why"), choices=RevocationReason.choices)
    note = forms.CharField(label=_("Note for the administrator"), required=False, max_length=500)


class NoCertificateYet(MotcuaError):
    code = "signing.no_certificate_yet"
    default_message = _("You have no certificate yet: ask for one first.")


REQUESTS = {"issue": PinForm, "renew": PinForm, "unlock": PinForm, "revoke": RevokeForm}


@login_required
def my_certificate(request: HttpRequest) -> HttpResponse:
    official = agency_selectors.official_of(request.user)
    certificate = signing_selectors.current_certificate_of(official) if official else None
    context = {
        "official": official,
        "certificate": certificate,
        "history": signing_selectors.certificates_of(official)[:10] if official else [],
        "requests": signing_selectors.requests_by(request.user),
        "forms": {name: form(prefix=name) for name, form in REQUESTS.items()},
    }
    return render(request, "backoffice/certificate.html", context)


@login_required
@require_POST
def ask(request: HttpRequest, kind: str) -> HttpResponse:
    official = agency_selectors.official_of(request.user)
    form = REQUESTS[kind](request.POST, prefix=kind) if kind in REQUESTS else None
    if official is None or form is None or not form.is_valid():
        messages.error(request, _("The request is not complete: check the PIN and the reason."))
        return redirect("backoffice:certificate")
    try:
        _send(kind, official, request.user, form.cleaned_data)
    except MotcuaError as error:
        messages.error(request, error.detail)
    else:
        messages.success(request, _("Request sent. The administrator will handle it."))
    return redirect("backoffice:certificate")


def _send(kind: str, official: Any, user: Any, data: dict[str, Any]) -> None:
    note = data.get("note", "")
    if kind == "issue":
        signing.request_issue(holder=official, pin=data["pin"], by=user, note=note)
        return
    certificate = signing_selectors.certificates_of(official).first()
    if certificate is None:
        raise NoCertificateYet()
    if kind == "revoke":
        signing.request_revocation(certificate=certificate, reason=data["reason"], by=user, note=note)
    elif kind == "renew":
        signing.request_renewal(certificate=certificate, pin=data["pin"], by=user, note=note)
    else:
        signing.request_unlock(certificate=certificate, pin=data["pin"], by=user, note=note)
