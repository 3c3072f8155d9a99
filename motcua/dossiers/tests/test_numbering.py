"""Issuing and voiding dossier codes, and the daily gap report, against the database."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.db import transaction
from django.db.transaction import TransactionManagementError
from django.utils import translation

from motcua.agencies.models import AdminUnit
from motcua.agencies.tests.factories import UserFactory, default_unit
from motcua.core import clock
from motcua.core.audit import verify_audit_chain
from motcua.core.models import AuditEntry
from motcua.dossiers.codes import InvalidDossierCode
from motcua.dossiers.models import CodeCounter, VoidedCode
from motcua.dossiers.numbering_report import code_gaps
from motcua.dossiers.services.numbering import (
    DossierCodeAlreadyVoided,
    DossierCodeNotIssued,
    VoidReasonMissing,
    allocate_dossier_code,
    void_dossier_code,
)

pytestmark = pytest.mark.django_db

JULY_1 = date(2025, 7, 1)
JULY_2 = date(2025, 7, 2)


class ReceiptFailed(Exception):
    pass


@pytest.fixture
def agency(agency_factory):
    return agency_factory(code="000.00.12.H04")


def _allocate_many(agency, day, count: int) -> list[str]:
    return [allocate_dossier_code(agency=agency, received_on=day) for _ in range(count)]


def test_an_agency_numbers_its_dossiers_1_2_3_on_a_day(agency):
    # when
    codes = _allocate_many(agency, JULY_1, 3)
    # then
    assert codes == [
        "000.00.12.H04-250701-0001",
        "000.00.12.H04-250701-0002",
        "000.00.12.H04-250701-0003",
    ]
    assert CodeCounter.objects.get(agency=agency, day=JULY_1).last == 3


def test_an_agency_code_written_level1_first_is_kept_as_written(agency_factory):
    # given
    agency = agency_factory(code="H15.50.05.13")
    # when / then
    assert allocate_dossier_code(agency=agency, received_on=date(2026, 10, 8)) == "H15.50.05.13-261008-0001"


def test_each_agency_has_its_own_numbers(agency, agency_factory):
    # given
    other = agency_factory(code="001.00.12.H04")
    # when
    mine = _allocate_many(agency, JULY_1, 2)
    theirs = allocate_dossier_code(agency=other, received_on=JULY_1)
    # then
    assert mine == ["000.00.12.H04-250701-0001", "000.00.12.H04-250701-0002"]
    assert theirs == "001.00.12.H04-250701-0001"
    assert allocate_dossier_code(agency=agency, received_on=JULY_1) == "000.00.12.H04-250701-0003"


def test_each_day_starts_again_at_one(agency):
    # given
    _allocate_many(agency, JULY_1, 2)
    # when
    first_of_next_day = allocate_dossier_code(agency=agency, received_on=JULY_2)
    # then
    assert first_of_next_day == "000.00.12.H04-250702-0001"
    assert allocate_dossier_code(agency=agency, received_on=JULY_1) == "000.00.12.H04-250701-0003"


def test_a_rolled_back_receipt_gives_its_number_to_the_next_one(agency):
    # given
    allocate_dossier_code(agency=agency, received_on=JULY_1)
    # when: the receipt fails after taking number 2
    with pytest.raises(ReceiptFailed), transaction.atomic():
        assert allocate_dossier_code(agency=agency, received_on=JULY_1) == "000.00.12.H04-250701-0002"
        raise ReceiptFailed
    # then
    assert allocate_dossier_code(agency=agency, received_on=JULY_1) == "000.00.12.H04-250701-0002"


def test_a_rolled_back_first_receipt_of_the_day_leaves_no_counter(agency):
    # when
    with pytest.raises(ReceiptFailed), transaction.atomic():
        allocate_dossier_code(agency=agency, received_on=JULY_1)
        raise ReceiptFailed
    # then
    assert not CodeCounter.objects.filter(agency=agency).exists()
    assert allocate_dossier_code(agency=agency, received_on=JULY_1) == "000.00.12.H04-250701-0001"


def test_past_9999_in_a_day_the_number_widens(agency):
    # given
    CodeCounter.objects.create(agency=agency, day=JULY_1, last=9998)
    # when / then
    assert _allocate_many(agency, JULY_1, 2) == [
        "000.00.12.H04-250701-9999",
        "000.00.12.H04-250701-10000",
    ]


def test_a_day_no_code_can_carry_is_refused_before_anything_is_written(agency):
    # when / then
    with pytest.raises(ValueError):
        allocate_dossier_code(agency=agency, received_on=date(2100, 1, 1))
    assert not CodeCounter.objects.exists()


@pytest.fixture
def thuc_phan_ward(transactional_db) -> AdminUnit:
    """The factories' default unit; a transactional test may start from a flushed database."""
    return default_unit()


@pytest.mark.django_db(transaction=True)
def test_allocating_outside_a_transaction_is_refused(agency_factory, thuc_phan_ward):
    # given
    agency = agency_factory(code="000.00.12.H04", unit=thuc_phan_ward)
    # when / then: in autocommit a failed receipt would still use up its number
    with pytest.raises(TransactionManagementError):
        allocate_dossier_code(agency=agency, received_on=JULY_1)
    assert not CodeCounter.objects.exists()


def test_voiding_records_the_reason_who_and_when_and_an_audit_entry(agency):
    # given
    _allocate_many(agency, JULY_1, 3)
    official = UserFactory(username="desk.officer")
    audit_before = AuditEntry.objects.count()
    # when
    with clock.frozen(datetime(2025, 7, 1, 10, 30, tzinfo=UTC)):
        voided = void_dossier_code(
            code="000.00.12.H04-250701-0002", reason="  Phiếu in nhầm, hồ sơ nhận lại  ", by=official
        )
    # then
    voided.refresh_from_db()
    assert (voided.code, voided.agency, voided.day, voided.sequence) == (
        "000.00.12.H04-250701-0002",
        agency,
        JULY_1,
        2,
    )
    assert voided.reason == "Phiếu in nhầm, hồ sơ nhận lại"
    assert voided.voided_by == official
    assert voided.voided_at == datetime(2025, 7, 1, 10, 30, tzinfo=UTC)
    entry = AuditEntry.objects.get(seq=audit_before + 1)
    assert (entry.action, entry.actor, entry.object_type, entry.object_id, entry.scope) == (
        "dossier_code.voided",
        "desk.officer",
        "dossier_code",
        "000.00.12.H04-250701-0002",
        str(agency.pk),
    )
    assert entry.data == {"reason": "Phiếu in nhầm, hồ sơ nhận lại", "day": "2025-07-01", "sequence": 2}
    assert verify_audit_chain().ok


def test_a_voided_number_is_never_issued_again(agency):
    # given
    _allocate_many(agency, JULY_1, 3)
    void_dossier_code(code="000.00.12.H04-250701-0003", reason="nhập trùng", by=None)
    # when
    following = allocate_dossier_code(agency=agency, received_on=JULY_1)
    # then
    assert following == "000.00.12.H04-250701-0004"


@pytest.mark.parametrize("reason", ["", "   \n\t"])
def test_voiding_without_a_reason_is_refused_and_writes_nothing(agency, reason):
    # given
    allocate_dossier_code(agency=agency, received_on=JULY_1)
    audit_before = AuditEntry.objects.count()
    # when
    with pytest.raises(VoidReasonMissing) as raised:
        void_dossier_code(code="000.00.12.H04-250701-0001", reason=reason, by=None)
    # then
    assert raised.value.code == "dossier_code.void_reason_missing"
    assert raised.value.status == 400
    with translation.override("en"):
        assert raised.value.detail == "Give the reason why dossier code 000.00.12.H04-250701-0001 is voided."
    with translation.override("vi"):
        assert raised.value.detail == "Vui lòng nêu lý do hủy mã hồ sơ 000.00.12.H04-250701-0001."
    assert not VoidedCode.objects.exists()
    assert AuditEntry.objects.count() == audit_before


@pytest.mark.parametrize(
    "code",
    [
        pytest.param("000.00.12.H04-250701-0002", id="beyond the last number issued"),
        pytest.param("000.00.12.H04-250702-0001", id="a day with nothing issued"),
        pytest.param("999.00.12.H04-250701-0001", id="an agency that does not exist"),
    ],
)
def test_a_code_never_issued_cannot_be_voided(agency, code):
    # given
    allocate_dossier_code(agency=agency, received_on=JULY_1)
    # when
    with pytest.raises(DossierCodeNotIssued) as raised:
        void_dossier_code(code=code, reason="thử", by=None)
    # then
    assert raised.value.status == 409
    assert not VoidedCode.objects.exists()


def test_a_code_is_voided_only_once(agency):
    # given
    allocate_dossier_code(agency=agency, received_on=JULY_1)
    void_dossier_code(code="000.00.12.H04-250701-0001", reason="nhập trùng", by=None)
    audit_before = AuditEntry.objects.count()
    # when
    with pytest.raises(DossierCodeAlreadyVoided):
        void_dossier_code(code="000.00.12.H04-250701-0001", reason="lần nữa", by=None)
    # then
    assert VoidedCode.objects.get().reason == "nhập trùng"
    assert AuditEntry.objects.count() == audit_before


@pytest.mark.parametrize("code", ["000.00.12.h04-250701-0001", "000.00.12.H04-250631-0001", ""])
def test_voiding_something_that_is_no_dossier_code_is_refused(agency, code):
    # when / then
    with pytest.raises(InvalidDossierCode) as raised:
        void_dossier_code(code=code, reason="thử", by=None)
    assert raised.value.code == "dossier_code.invalid"
    assert not VoidedCode.objects.exists()


def test_gaps_are_the_numbers_neither_used_nor_voided(agency, agency_factory):
    # given: five numbers issued; 1 and 3 carry dossiers, 4 is voided
    _allocate_many(agency, JULY_1, 5)
    void_dossier_code(code="000.00.12.H04-250701-0004", reason="phiếu hỏng", by=None)
    used = [
        "000.00.12.H04-250701-0001",
        "000.00.12.H04-250701-0003",
        "000.00.12.H04-250702-0002",  # another day
        "001.00.12.H04-250701-0002",  # another agency
        "not a code",
    ]
    # when
    gaps = code_gaps(agency=agency, day=JULY_1, used_codes=used)
    # then
    assert gaps == [2, 5]


def test_a_day_where_every_number_is_accounted_for_has_no_gaps(agency):
    # given
    codes = _allocate_many(agency, JULY_1, 3)
    void_dossier_code(code=codes.pop(), reason="phiếu hỏng", by=None)
    # when / then
    assert code_gaps(agency=agency, day=JULY_1, used_codes=codes) == []


def test_a_day_with_nothing_issued_has_no_gaps(agency):
    # when / then
    assert code_gaps(agency=agency, day=JULY_1, used_codes=[]) == []


def test_a_rolled_back_receipt_leaves_no_gap(agency):
    # given
    kept = [allocate_dossier_code(agency=agency, received_on=JULY_1)]
    with pytest.raises(ReceiptFailed), transaction.atomic():
        allocate_dossier_code(agency=agency, received_on=JULY_1)
        raise ReceiptFailed
    kept.append(allocate_dossier_code(agency=agency, received_on=JULY_1))
    # when / then
    assert code_gaps(agency=agency, day=JULY_1, used_codes=kept) == []
