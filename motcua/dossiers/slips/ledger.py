"""Form 07, the tracking ledger (Sổ theo dõi hồ sơ) of one agency over a period.

No source gives the official columns (forms-and-agencies.md §1.5), so they are ours, see
``COLUMNS`` and ``docs/subsystems/slips.md``. The caller chooses the dossiers; for one
query per table rather than per row it should ``select_related("procedure",
"competent_agency")`` and ``prefetch_related("events")``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.template.loader import render_to_string

from motcua.core import clock
from motcua.dossiers.slips.forms import FORMS, LEDGER
from motcua.dossiers.slips.heading import heading_for
from motcua.dossiers.slips.qr import ISSUING_SYSTEM, encode, qr_svg_uri
from motcua.dossiers.slips.render import font_faces, html_to_pdf
from motcua.dossiers.slips.text import DEADLINE_STATUS, STATUS, date_text, local, nfc, short_date

COLUMNS = (
    "STT",
    "Mã hồ sơ",
    "Tên thủ tục hành chính",
    "Chủ hồ sơ, địa chỉ",
    "Ngày nhận",
    "Ngày hẹn trả",
    "Ngày chuyển xử lý, cơ quan giải quyết",
    "Ngày có kết quả",
    "Ngày trả kết quả",
    "Ký nhận",
    "Ghi chú (trạng thái)",
)
HANDED_ON = frozenset({"assign", "transfer"})


@dataclass(frozen=True)
class LedgerRow:
    number: int
    code: str
    procedure: str
    owner: str
    address: str
    received: str
    received_time: str
    appointment: str
    handed_on: str
    competent_agency: str
    finished: str
    returned: str
    note: str


def ledger_row(number: int, dossier: Any) -> LedgerRow:
    return LedgerRow(
        number=number,
        code=dossier.identifier,
        procedure=nfc(dossier.procedure.name),
        owner=nfc(dossier.owner_name),
        address=nfc(dossier.owner_address),
        received=short_date(dossier.received_at),
        received_time=f"{local(dossier.received_at):%H:%M}" if dossier.received_at else "",
        appointment=short_date(dossier.appointment_on),
        handed_on=short_date(_handed_on(dossier)),
        competent_agency=nfc(dossier.competent_agency.name),
        finished=short_date(dossier.finished_at),
        returned=short_date(dossier.returned_at),
        note=_note(dossier),
    )


def ledger_html(
    *, agency: Any, rows: Iterable[Any], start: date, end: date, issued_at: datetime | None = None
) -> str:
    """The ledger of ``agency`` for ``start``–``end`` as HTML; ``rows`` are Dossiers, in order."""
    issued_at = issued_at or clock.now()
    form = FORMS[LEDGER]
    lines = [ledger_row(number, dossier) for number, dossier in enumerate(rows, start=1)]
    payload = encode(
        {
            "agency": agency.code,
            "doc": form.document_name,
            "from": start.isoformat(),
            "to": end.isoformat(),
            "rows": len(lines),
            "sys": ISSUING_SYSTEM,
            "at": local(issued_at).replace(microsecond=0).isoformat(),
        }
    )
    context = {
        "form": form,
        "fonts": font_faces(),
        "heading": heading_for(agency, issued_at),
        "qr": qr_svg_uri(payload),
        "qr_payload": payload,
        "period": f"Từ {date_text(start)} đến {date_text(end)}",
        "columns": COLUMNS,
        "rows": lines,
    }
    return nfc(render_to_string(form.template, context))


def render_ledger(
    *, agency: Any, rows: Iterable[Any], start: date, end: date, issued_at: datetime | None = None
) -> bytes:
    """The ledger as landscape A4 PDF bytes."""
    return html_to_pdf(ledger_html(agency=agency, rows=rows, start=start, end=end, issued_at=issued_at))


def _handed_on(dossier: Any) -> datetime | None:
    """When the dossier first went from the desk to processing (assignment or transfer)."""
    moves = [event for event in dossier.events.all() if event.action in HANDED_ON]
    return min(moves, key=lambda event: event.seq).at if moves else None


def _note(dossier: Any) -> str:
    parts = [STATUS.get(dossier.status, dossier.status)]
    if dossier.outcome in DEADLINE_STATUS:
        parts.append(DEADLINE_STATUS[dossier.outcome])
    return ", ".join(parts)
