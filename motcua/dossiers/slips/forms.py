"""The standard forms of Circular 03/2025/TT-VPCP, Phụ lục I, keyed by semantic id.

Form numbers changed in 2025 and may change again (domain.md §4): code keys forms by
``SlipKind`` and prints the number only. ``DossierSlip.form_number`` keeps the number
that was in force when the slip was issued.
"""

from __future__ import annotations

from dataclasses import dataclass

from motcua.dossiers.models import SlipKind

LEDGER = "ledger"


@dataclass(frozen=True)
class Form:
    kind: str
    number: str
    title: str  # printed in capitals; the QR's document name is the sentence-case form
    template: str

    @property
    def document_name(self) -> str:
        return self.title.capitalize()


FORMS: dict[str, Form] = {
    str(form.kind): form
    for form in (
        Form(SlipKind.RECEIPT, "01", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "slips/receipt.html"),
        Form(
            SlipKind.SUPPLEMENT_REQUEST,
            "02",
            "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
            "slips/supplement_request.html",
        ),
        Form(SlipKind.REFUSAL, "03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", "slips/refusal.html"),
        Form(
            SlipKind.APOLOGY_EXTENSION,
            "04",
            "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT HỒ SƠ",
            "slips/apology_extension.html",
        ),
        Form(SlipKind.STOP_NOTICE, "05", "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", "slips/stop_notice.html"),
        Form(
            SlipKind.CONTROL_SHEET,
            "06",
            "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
            "slips/control_sheet.html",
        ),
        Form(LEDGER, "07", "SỔ THEO DÕI HỒ SƠ", "slips/ledger.html"),
    )
}

# SlipKind value (and "ledger") → the 2025 form number.
FORM_NUMBERS: dict[str, str] = {kind: form.number for kind, form in FORMS.items()}
