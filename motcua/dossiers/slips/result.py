"""The electronic result document of a dossier (to be signed), with its QR code.

The content a sector system or an official would put in the real result (a birth
certificate's fields, a licence) is not modelled yet: the document states the decision on
the dossier, who decided, the result code, and how to check it. Its QR code (top left)
carries the result code, its validity and the verification link of `/xac-thuc/`, plus the
compact signature when the signing service supplies one.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.template.loader import render_to_string

from motcua.dossiers.slips.context import subject
from motcua.dossiers.slips.forms import Form
from motcua.dossiers.slips.heading import heading_for
from motcua.dossiers.slips.qr import public_base_url, qr_payload, qr_svg_uri
from motcua.dossiers.slips.render import font_faces, html_to_pdf
from motcua.dossiers.slips.text import date_text, nfc


def verification_url(token: str) -> str:
    return f"{public_base_url()}/xac-thuc/{token}/"


def result_html(*, dossier: Any, result: Any, issued_at: datetime, qr_signature: str = "") -> str:
    form = Form("result", "", nfc(result.name).upper(), "slips/result.html")
    extra = {"kq": result.code, "valid": "", "sig": qr_signature}
    payload = qr_payload(
        dossier=dossier,
        document_name=nfc(result.name),
        issued_at=issued_at,
        extra=extra,
        url=verification_url(result.verification_token),
    )
    context = {
        "form": form,
        "fonts": font_faces(),
        "heading": heading_for(dossier.competent_agency, issued_at),
        "issuer_name": nfc(dossier.competent_agency.name),
        "issued_on": date_text(issued_at),
        "qr": qr_svg_uri(payload),
        "qr_payload": payload,
        "subject": subject(dossier),
        "result_code": result.code,
        "signer": nfc(result.signer_name),
        "verification_url": verification_url(result.verification_token),
    }
    return nfc(render_to_string(form.template, context))


def render_result(*, dossier: Any, result: Any, issued_at: datetime, qr_signature: str = "") -> bytes:
    return html_to_pdf(
        result_html(dossier=dossier, result=result, issued_at=issued_at, qr_signature=qr_signature)
    )
