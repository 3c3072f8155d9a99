"""The standard slips of Circular 03/2025/TT-VPCP (forms 01–07) as A4 PDFs.

``render_slip`` / ``slip_html`` print one dossier's slip by semantic kind (``SlipKind``),
``render_ledger`` / ``ledger_html`` the tracking ledger of an agency, ``qr_payload`` the
content of the QR code every printed document carries at its top left. Nothing here
writes to the database: the services store the PDF as a ``DossierSlip``. See
``docs/subsystems/slips.md``.
"""

from motcua.dossiers.slips.forms import FORM_NUMBERS
from motcua.dossiers.slips.ledger import ledger_html, render_ledger
from motcua.dossiers.slips.qr import qr_payload
from motcua.dossiers.slips.result import render_result, result_html
from motcua.dossiers.slips.slip import SLIP_KINDS, render_slip, slip_html

__all__ = [
    "FORM_NUMBERS",
    "SLIP_KINDS",
    "ledger_html",
    "qr_payload",
    "render_ledger",
    "render_result",
    "render_slip",
    "result_html",
    "slip_html",
]
