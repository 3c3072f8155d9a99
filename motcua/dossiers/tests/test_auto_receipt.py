"""Online dossiers received by the system at once, for the procedures the province marks for it."""

from __future__ import annotations

import logging
import uuid
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.catalog.models import Procedure
from motcua.catalog.services import set_auto_receive_online
from motcua.core.models import AuditEntry
from motcua.dossiers.actors import automatic_receipt_actor
from motcua.dossiers.models import Dossier, DossierSlip
from motcua.dossiers.routing import route
from motcua.dossiers.services import slip_for
from motcua.dossiers.services.auto_receipt import AUTOMATIC_RECEIPT_NOTE, why_not_automatic
from motcua.dossiers.services.components import ComponentInput
from motcua.dossiers.services.intake import ApplicantInput
from motcua.dossiers.services.online import AlreadySubmitted, OnlineApplication, save_draft, submit_draft
from motcua.dossiers.slips import context as slip_context
from motcua.dossiers.tests.helpers import THUC_PHAN, frozen
from motcua.dossiers.types import SlipKind

pytestmark = pytest.mark.django_db

RESIDENCE = "1.004194"  # temporary residence: 3 working days, a fixed 7,000 đồng fee (payable later)
ABSENCE = "1.003677"  # temporary absence: its fee has no amount, the desk sets it
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
LOGGER = "motcua.dossiers.services.auto_receipt"


@pytest.fixture
def account(demo_catalog):
    return get_user_model().objects.create_user(username="004190001234", password=None)


def automatic(code: str = RESIDENCE) -> None:
    set_auto_receive_online(procedure_code=code, enabled=True, by="test")
    # The e-form's own checks are the eforms tests' business; any answer counts as the declaration.
    Procedure.objects.filter(code=code).update(form_schema=None)


def draft(account, code: str = RESIDENCE) -> Dossier:
    """A draft with every required document attached and the declaration answered."""
    procedure = Procedure.objects.get(code=code)
    files = tuple(
        ComponentInput(position=position, file=SimpleUploadedFile(f"giay-to-{position}.pdf", PDF))
        for position, component in enumerate(procedure.components.all(), start=1)
        if component.kind != "form"
    )
    application = OnlineApplication(
        procedure_code=code,
        reference=uuid.uuid4(),
        owner=ApplicantInput(name="Hoàng Thị Mai", id_number="004190001234", unit_code=THUC_PHAN),
        form_data={"reason": "Đi làm"},
        components=files,
    )
    return save_draft(application=application, account=account, assurance_level=2)


def test_a_complete_online_dossier_is_received_at_once_with_its_code_and_appointment(account):
    # given
    automatic()
    dossier = draft(account)
    # when: a Wednesday morning, office hours
    with frozen(2026, 11, 25, 9, 0):
        received = submit_draft(dossier=dossier, by=account)
    # then: 3 working days after Wed 25/11 (not counted) → Thu 26, Fri 27, Mon 30/11
    received.refresh_from_db()
    expected = route(procedure=received.procedure, served_at=None, residence=received.owner_unit).receiving
    assert received.status == "received" and received.receiving_agency == expected
    assert received.received_on == date(2026, 11, 25) and received.appointment_on == date(2026, 11, 30)
    assert received.code == f"{expected.code}-261125-0001"
    assert received.fees.get().paid_at is None  # the fee is paid later, online or at the desk


@pytest.mark.parametrize(
    "when",
    [(2026, 11, 27, 17, 30), (2026, 11, 28, 10, 0), (2026, 11, 29, 23, 59)],
    ids=["friday-after-closing", "saturday", "sunday-night"],
)
def test_submitted_outside_office_hours_it_is_received_on_the_next_working_day(account, when):
    automatic()
    dossier = draft(account)
    with frozen(*when):
        received = submit_draft(dossier=dossier, by=account)
    # Received Monday 30/11 (the day not counted) → Tue 1, Wed 2, Thu 3/12.
    assert received.status == "received"
    assert received.received_on == date(2026, 11, 30) and received.appointment_on == date(2026, 12, 3)
    assert received.code.endswith("-261130-0001")


def test_the_event_trail_shows_the_system_receiving_it_automatically(account):
    automatic()
    with frozen(2026, 11, 25, 9, 0):
        received = submit_draft(dossier=draft(account), by=account)
    submit, receive = received.events.order_by("seq")
    assert (submit.action, submit.actor_kind, submit.actor) == ("submit", "applicant", account)
    assert (receive.action, receive.actor_kind, receive.actor) == ("receive", "system", None)
    assert receive.actor_name == automatic_receipt_actor() != "motcua"
    assert receive.from_status == "submitted" and receive.to_status == "received"
    assert receive.note and receive.note == automatic_receipt_note()
    # Form 01 names the system as the receiver instead of leaving the line blank.
    signatures = slip_context.receipt(received, {})["signatures"]
    assert automatic_receipt_actor() in str(signatures[1])


def automatic_receipt_note() -> str:
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        return str(AUTOMATIC_RECEIPT_NOTE)


def test_a_procedure_without_the_setting_stays_submitted_for_the_desk(account):
    Procedure.objects.filter(code=RESIDENCE).update(form_schema=None)
    assert Procedure.objects.get(code=RESIDENCE).auto_receive_online is False  # the default
    with frozen(2026, 11, 25, 9, 0):
        dossier = submit_draft(dossier=draft(account), by=account)
    dossier.refresh_from_db()
    assert dossier.status == "submitted" and dossier.code is None and dossier.appointment_on is None
    assert list(dossier.events.values_list("action", flat=True)) == ["submit"]


def test_a_fee_the_desk_must_set_leaves_the_dossier_for_the_desk(account, caplog):
    automatic(ABSENCE)
    with frozen(2026, 11, 25, 9, 0), caplog.at_level(logging.INFO, LOGGER):
        dossier = submit_draft(dossier=draft(account, ABSENCE), by=account)
    assert dossier.status == "submitted" and dossier.code is None
    assert why_not_automatic(dossier).startswith("fee set at the desk")
    assert "left for the desk: fee set at the desk" in caplog.text


def test_a_failed_receipt_leaves_it_submitted_nothing_half_done_and_logs_why(account, monkeypatch, caplog):
    # given: the receipt's last rule (the dossier code) fails after the others changed the dossier
    automatic()

    def broken(**kwargs):
        raise RuntimeError("code counter unavailable")

    monkeypatch.setattr("motcua.dossiers.services.lifecycle.allocate_dossier_code", broken)
    # when
    with (
        frozen(2026, 11, 25, 9, 0),
        caplog.at_level(logging.WARNING, LOGGER),
    ):
        dossier = submit_draft(dossier=draft(account), by=account)
    # then: submitted as without the setting; no trace of the receipt
    dossier.refresh_from_db()
    assert dossier.status == "submitted" and dossier.submitted_at is not None
    assert dossier.code is None and dossier.received_at is None and dossier.appointment_on is None
    assert list(dossier.events.values_list("action", flat=True)) == ["submit"]
    assert not dossier.steps.exists()
    assert "automatic receipt of dossier" in caplog.text and "code counter unavailable" in caplog.text
    # the desk then receives it as usual
    monkeypatch.undo()
    from motcua.dossiers import services
    from motcua.dossiers.tests.helpers import user

    with frozen(2026, 11, 25, 14, 0):
        services.receive_dossier(dossier=dossier, by=user("admin"))
    dossier.refresh_from_db()
    assert dossier.status == "received" and dossier.code


def test_submitting_twice_makes_one_dossier_one_receipt_and_one_form_01(account):
    automatic()
    dossier = draft(account)
    with frozen(2026, 11, 25, 9, 0):
        first = submit_draft(dossier=dossier, by=account)
        second = submit_draft(dossier=dossier, by=account)  # the stale draft, a second click
        with pytest.raises(AlreadySubmitted):
            save_draft(
                application=OnlineApplication(
                    procedure_code=RESIDENCE,
                    reference=dossier.reference,
                    owner=ApplicantInput(name="Hoàng Thị Mai", id_number="004190001234", unit_code=THUC_PHAN),
                ),
                account=account,
                assurance_level=2,
            )
    assert Dossier.objects.count() == 1 and first.pk == second.pk and second.code == first.code
    assert list(first.events.values_list("action", flat=True)) == ["submit", "receive"]
    slip_for(dossier=first, kind=SlipKind.RECEIPT)
    slip_for(dossier=second, kind=SlipKind.RECEIPT)
    assert DossierSlip.objects.filter(dossier=first, kind=SlipKind.RECEIPT).count() == 1


def test_the_setting_is_audited_and_kept_by_a_national_import(account):
    from motcua.catalog.selectors import procedure_record
    from motcua.catalog.services import apply_national_procedure

    automatic()
    entry = AuditEntry.objects.filter(action="procedure.setting_changed", object_id=RESIDENCE).latest("id")
    assert entry.data == {"setting": "auto_receive_online", "value": True}
    record = procedure_record(RESIDENCE)
    apply_national_procedure(record={**record, "name": record["name"] + " (sửa đổi)"}, by="test")
    assert Procedure.objects.get(code=RESIDENCE).auto_receive_online is True


def test_the_demo_turns_it_on_for_full_process_procedures_but_not_the_journeys(demo_catalog):
    on = set(Procedure.objects.filter(auto_receive_online=True).values_list("code", flat=True))
    full = set(Procedure.objects.filter(online_level="full").values_list("code", flat=True))
    assert on == full - {RESIDENCE} and "2.000986" in on
