"""A dossier and an action's details → what a slip's template prints; one function per form.

Templates get plain strings, already formatted in Vietnamese and in NFC, never model
objects: what a slip says is decided here and tested here, and a template cannot run a
query. Who issues a slip: the receiving unit for the receipt and the control sheet; for
a supplement request or a refusal, the receiving unit while the dossier is not yet
received and the agency handling it after; the competent agency for the apology and
extension letter and the stop notice.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from motcua.dossiers.codes import parse_dossier_code
from motcua.dossiers.slips.forms import FORMS
from motcua.dossiers.slips.handovers import coordinating_agencies, handovers
from motcua.dossiers.slips.heading import heading_for
from motcua.dossiers.slips.qr import public_base_url, qr_payload, qr_svg_uri, tracking_url
from motcua.dossiers.slips.render import font_faces
from motcua.dossiers.slips.text import (
    BLANK,
    RESULT_DELIVERY,
    date_text,
    local,
    money_text,
    nfc,
    time_limit_text,
    time_text,
    two_digits,
)

COPIES = ("Liên 1: Lưu", "Liên 2: Giao người nộp")
SIGN_HINT = "(Ký và ghi rõ họ tên)"
SEAL_HINT = "(Ký, ghi rõ họ tên và đóng dấu)"
RECIPIENTS = ("Như trên", "Lưu: VT")
COMPACT_AFTER = 6  # more components and fees than this: the receipt's smaller type keeps one page a copy

Details = Mapping[str, Any]


def slip_context(*, dossier: Any, kind: str, details: Details, issued_at: datetime) -> dict[str, Any]:
    form = FORMS[kind]
    agency = issuer(dossier, kind)
    own = BUILDERS[kind](dossier, details)
    payload = qr_payload(
        dossier=dossier,
        document_name=form.document_name,
        issued_at=issued_at,
        extra=own.pop("qr_extra", None),
    )
    return {
        "form": form,
        "fonts": font_faces(),
        "heading": heading_for(agency, issued_at),
        "issuer_name": nfc(agency.name),
        "issued_on": date_text(issued_at),
        "tracking_url": tracking_url(dossier.identifier),
        "qr": qr_svg_uri(payload),
        "qr_payload": payload,
        "subject": subject(dossier),
        **own,
    }


def issuer(dossier: Any, kind: str) -> Any:
    """The agency whose heading the slip carries (see the module's docstring)."""
    if kind in ("receipt", "control_sheet"):
        return dossier.receiving_agency
    if kind in ("supplement_request", "refusal"):
        return dossier.receiving_agency if dossier.received_at is None else dossier.current_agency
    return dossier.competent_agency


def subject(dossier: Any) -> dict[str, str]:
    """What every slip says about the dossier and its owner."""
    citizen = dossier.owner_kind == "citizen"
    return {
        "code_label": "Mã hồ sơ" if dossier.code else "Mã tham chiếu",
        "code": dossier.identifier,
        "you": "Ông/Bà" if citizen else "Quý cơ quan, tổ chức",
        "owner": nfc(dossier.owner_name),
        "address": nfc(dossier.owner_address) or BLANK,
        "phone": nfc(dossier.owner_phone) or BLANK,
        "email": nfc(dossier.owner_email) or BLANK,
        "procedure": nfc(dossier.procedure.name),
        "received": time_text(dossier.received_at),
        "received_on": date_text(dossier.received_at),
        "appointment": date_text(dossier.appointment_on),
        "receiving_agency": nfc(dossier.receiving_agency.name),
        "competent_agency": nfc(dossier.competent_agency.name),
        "delivery": delivery_text(dossier),
    }


def delivery_text(dossier: Any) -> str:
    """Where the result is received, as the receipt writes it."""
    if dossier.result_delivery in RESULT_DELIVERY:
        return RESULT_DELIVERY[dossier.result_delivery]
    return f"Bộ phận tiếp nhận và trả kết quả, {nfc(dossier.receiving_agency.name)}"


def receipt(dossier: Any, details: Details) -> dict[str, Any]:
    """Form 01: what was received, the limit, the appointment, fees, the ledger line."""
    procedure = dossier.procedure
    code = parse_dossier_code(dossier.code or "")
    components = [_component(component) for component in dossier.components.all() if component.provided]
    fees = [_fee(fee) for fee in dossier.fees.all()]
    return {
        "copies": COPIES,
        "compact": len(components) + len(fees) > COMPACT_AFTER,
        "components": components,
        "sets": two_digits(dossier.copies),
        "time_limit": time_limit_text(procedure.time_limit_value, procedure.time_limit_unit),
        "fees": fees,
        "ledger_book": str(code.received_on.year) if code else BLANK,
        "ledger_line": str(code.sequence) if code else BLANK,
        "signatures": [
            _signature("NGƯỜI NỘP HỒ SƠ", SIGN_HINT, _submitter(dossier)),
            _signature("NGƯỜI TIẾP NHẬN HỒ SƠ", SIGN_HINT, _official(dossier, "receive", details)),
        ],
        "qr_extra": {"appt": dossier.appointment_on.isoformat() if dossier.appointment_on else ""},
    }


def supplement_request(dossier: Any, details: Details) -> dict[str, Any]:
    """Form 02: what to supplement and why, and whom to ask."""
    official = _official(dossier, "request-supplement", details)
    return {
        "number_line": f"Số: {nfc(details.get('number', '')) or BLANK}/HDHS",
        "missing": _lines(details.get("missing", ())),
        "reason": nfc(details.get("reason", "")) or BLANK,
        "contact": _contact(issuer(dossier, "supplement_request"), official),
        "signatures": [_signature("NGƯỜI HƯỚNG DẪN", SIGN_HINT, official)],
    }


def refusal(dossier: Any, details: Details) -> dict[str, Any]:
    """Form 03: the reasons for refusing."""
    official = _official(dossier, "refuse", details)
    at_desk = dossier.received_at is None
    right = "NGƯỜI TIẾP NHẬN HỒ SƠ" if at_desk else "THỦ TRƯỞNG CƠ QUAN"
    signatures = [_signature(right, SIGN_HINT if at_desk else SEAL_HINT, official)]
    if at_desk:
        signatures.insert(0, _signature("NGƯỜI NỘP HỒ SƠ", SIGN_HINT, _submitter(dossier)))
    return {
        "reason": nfc(details.get("reason", "")) or BLANK,
        "contact": _contact(issuer(dossier, "refusal"), official),
        "signatures": signatures,
    }


def apology_extension(dossier: Any, details: Details) -> dict[str, Any]:
    """Form 04 (our wording, pending the annex): apology, reason, old and new dates."""
    old = (
        _as_date(details.get("old_appointment")) or dossier.original_appointment_on or dossier.appointment_on
    )
    new = _as_date(details.get("new_appointment")) or dossier.appointment_on
    return {
        "reason": nfc(details.get("reason", "")) or BLANK,
        "old_appointment": date_text(old),
        "new_appointment": date_text(new),
        "contact": _contact(dossier.competent_agency, ""),
        "recipients": RECIPIENTS,
        "signatures": [_signature("THỦ TRƯỞNG CƠ QUAN", SEAL_HINT, _official(dossier, "extend", details))],
        "qr_extra": {"appt": new.isoformat() if new else ""},
    }


def stop_notice(dossier: Any, details: Details) -> dict[str, Any]:
    """Form 05 (our wording, pending the annex): processing stops, and why."""
    return {
        "reason": nfc(details.get("reason", "")) or BLANK,
        "contact": _contact(dossier.competent_agency, ""),
        "recipients": RECIPIENTS,
        "signatures": [_signature("THỦ TRƯỞNG CƠ QUAN", SEAL_HINT, _official(dossier, "stop", details))],
    }


def control_sheet(dossier: Any, details: Details) -> dict[str, Any]:
    """Form 06: the agencies, then every hand-over in order."""
    events = list(dossier.events.select_related("from_agency", "to_agency").order_by("seq"))
    steps = list(dossier.steps.select_related("agency"))
    return {
        "coordinating": "; ".join(coordinating_agencies(dossier, events, steps)) or "Không",
        "handovers": handovers(dossier, events),
    }


BUILDERS: dict[str, Callable[[Any, Details], dict[str, Any]]] = {
    "receipt": receipt,
    "supplement_request": supplement_request,
    "refusal": refusal,
    "apology_extension": apology_extension,
    "stop_notice": stop_notice,
    "control_sheet": control_sheet,
}


def _component(component: Any) -> dict[str, str]:
    if component.copies:
        count = str(component.copies)
    elif component.file or component.form_data:
        count = "Bản điện tử"
    else:  # reused: the personal data store or the population database
        count = "Khai thác dữ liệu"
    return {"name": nfc(component.name), "count": count}


def _fee(fee: Any) -> dict[str, str]:
    return {"name": nfc(fee.name), "amount": money_text(fee.amount), "paid": "đã nộp" if fee.paid_at else ""}


def _signature(title: str, hint: str, name: str) -> dict[str, str]:
    return {"title": title, "hint": hint, "name": name}


def _submitter(dossier: Any) -> str:
    for party in dossier.parties.all():
        if party.role == "submitter":
            return nfc(party.name)
    return nfc(dossier.owner_name)


def _official(dossier: Any, action: str, details: Details) -> str:
    """The official named by the action (``details["official"]``), else its latest event's."""
    if details.get("official"):
        return nfc(details["official"])
    # The system too: a dossier received automatically names it as the receiver on Form 01.
    event = (
        dossier.events.filter(action=action, actor_kind__in=("official", "system")).order_by("-seq").first()
    )
    return nfc(event.actor_name) if event else ""


def _contact(agency: Any, official: str) -> dict[str, str]:
    """Where to ask: the public site, the official, the issuing agency's phone."""
    return {"website": public_base_url(), "official": official or BLANK, "phone": nfc(agency.phone) or BLANK}


def _lines(value: Any) -> list[str]:
    """``missing`` as lines: names, ``{"name": …}`` items, or one text of several lines."""
    items = value.splitlines() if isinstance(value, str) else list(value)
    names = (item.get("name", "") if isinstance(item, Mapping) else item for item in items)
    return [text for text in (nfc(name).strip() for name in names) if text]


def _as_date(value: object) -> date | None:
    """A date given as a date or as ISO text (details that went through JSON on a task queue)."""
    if isinstance(value, datetime):
        return local(value).date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(value) if isinstance(value, str) and value else None
