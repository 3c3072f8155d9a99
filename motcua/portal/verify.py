"""Public verification of electronic results: ``/xac-thuc/<token>/``, the QR code's link.

Anyone may see what the province issued under a token and upload a PDF to check it.
An unknown token and a malformed one get the same 404 page, so tokens cannot be probed.
Uploads are counted per client address; files are checked in memory and never kept.
"""

from __future__ import annotations

import hashlib

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from motcua.core.http import client_address
from motcua.dossiers import selectors as dossier_selectors
from motcua.signing import selectors as signing_selectors
from motcua.signing.errors import AuthorityMissing

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class UploadForm(forms.Form):
    document = forms.FileField(label=_("The PDF file you received"))

    def clean_document(self) -> bytes:
        upload = self.cleaned_data["document"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload.read()


@require_http_methods(["GET", "HEAD", "POST"])
def verify_result(request: HttpRequest, token: str) -> HttpResponse:
    result = dossier_selectors.result_by_token(token)
    if result is None:
        return render(request, "portal/verify_not_found.html", status=404)
    form, check, status = UploadForm(), None, 200
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if _over_limit(request):
            form.add_error(None, _("Too many checks from your network. Please try again in a few minutes."))
            status = 429
        elif form.is_valid():
            check = signing_selectors.check_document(
                pdf=form.cleaned_data["document"], expected_sha256=result.sha256
            )
    context = {"result": result, "dossier": result.dossier, "form": form, "check": check}
    return render(request, "portal/verify.html", context, status=status)


def _over_limit(request: HttpRequest) -> bool:
    """Count this upload for the client's address; True past the limit within the window."""
    limit = getattr(settings, "VERIFY_UPLOADS_PER_WINDOW", 20)
    window = getattr(settings, "VERIFY_UPLOAD_WINDOW_SECONDS", 600)
    key = "verify-upload:" + hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    if cache.add(key, 1, timeout=window):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return False
    return count > limit


def qr_public_key(request: HttpRequest) -> HttpResponse:
    """The public key(s) that check the QR codes' signatures, as PEM (format motcua-qr-sig/1)."""
    return _download(
        signing_selectors.qr_public_keys_pem().encode(), "text/plain; charset=utf-8", "qr-key.pem"
    )


def root_certificate(request: HttpRequest) -> HttpResponse:
    """The province's root certificate, to add as trusted in a PDF reader."""
    pem = signing_selectors.root_certificate_pem().encode()
    return _download(pem, "application/x-pem-file", "root-ca.pem")


def revocation_list(request: HttpRequest) -> HttpResponse:
    """The current CRL (DER), named in every signer certificate."""
    try:
        der = signing_selectors.crl_der()
    except AuthorityMissing:
        der = b""
    return _download(der, "application/pkix-crl", "motcua.crl", max_age=300)


def _download(body: bytes, content_type: str, filename: str, *, max_age: int = 3600) -> HttpResponse:
    if not body:
        return HttpResponse(_("Not available yet."), status=404, content_type="text/plain; charset=utf-8")
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = f"public, max-age={max_age}"
    return response
