"""Administrative units: the 2025 list, reloading, mergers and their commands."""

from __future__ import annotations

import re
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from motcua.agencies.errors import InconsistentAgency, ReferenceDataMissing, UnknownAdminUnit
from motcua.agencies.models import AdminUnit, Agency, UnitKind, UnitLevel, UnitSupersession
from motcua.agencies.selectors import current_unit
from motcua.agencies.services import load_admin_units, record_unit_merger
from motcua.core.models import AuditEntry

pytestmark = pytest.mark.django_db

TOTAL_UNITS = 34 + 3321


def _snapshot() -> list[tuple]:
    return list(
        AdminUnit.objects.order_by("code").values_list(
            "code", "name", "kind", "level", "parent_id", "codename", "valid_from", "valid_until"
        )
    )


# The loaded list


def test_the_list_has_34_provinces_28_provinces_and_6_cities():
    # when
    provinces = AdminUnit.objects.filter(level=UnitLevel.PROVINCE)
    # then
    assert provinces.count() == 34
    assert provinces.filter(kind=UnitKind.PROVINCE).count() == 28
    assert provinces.filter(kind=UnitKind.CITY).count() == 6
    assert provinces.filter(parent__isnull=False).count() == 0


def test_the_list_has_3321_communes_wards_and_special_zones():
    # when
    communes = AdminUnit.objects.filter(level=UnitLevel.COMMUNE)
    # then
    assert communes.count() == 3321
    assert communes.filter(kind=UnitKind.COMMUNE).count() == 2621
    assert communes.filter(kind=UnitKind.WARD).count() == 687
    assert communes.filter(kind=UnitKind.SPECIAL_ZONE).count() == 13
    assert communes.filter(parent__isnull=True).count() == 0
    assert communes.exclude(parent__level=UnitLevel.PROVINCE).count() == 0


def test_cao_bang_has_56_communes_including_thuc_phan(cao_bang):
    # when
    children = cao_bang.children.all()
    # then
    assert cao_bang.name == "Cao Bằng"
    assert cao_bang.kind == UnitKind.PROVINCE
    assert cao_bang.full_name == "Tỉnh Cao Bằng"
    assert children.count() == 56
    thuc_phan = children.get(code="01273")
    assert thuc_phan.name == "Phường Thục Phán"
    assert thuc_phan.kind == UnitKind.WARD
    assert thuc_phan.level == UnitLevel.COMMUNE
    assert thuc_phan.valid_from == date(2025, 7, 1)
    assert thuc_phan.valid_until is None


def test_loading_again_changes_nothing():
    # given
    before = _snapshot()
    audit_before = AuditEntry.objects.count()
    # when
    report = load_admin_units()
    # then
    assert (report.created, report.updated, report.unchanged) == (0, 0, TOTAL_UNITS)
    assert report.total == TOTAL_UNITS
    assert _snapshot() == before
    assert AuditEntry.objects.count() == audit_before  # nothing written, nothing recorded


def test_loading_a_broken_file_raises_and_writes_nothing(tmp_path):
    # given
    source = tmp_path / "divisions.json"
    source.write_text("{not json", encoding="utf-8")
    before = _snapshot()
    audit_before = AuditEntry.objects.count()
    # when
    with pytest.raises(ReferenceDataMissing) as raised:
        load_admin_units(source=source)
    # then
    assert raised.value.code == "reference_data.missing"
    assert str(source) in raised.value.detail
    assert _snapshot() == before
    assert AuditEntry.objects.count() == audit_before


def test_loading_a_file_that_is_not_a_province_list_raises_and_writes_nothing(tmp_path):
    # given: valid JSON, wrong shape
    source = tmp_path / "divisions.json"
    source.write_text('[{"code": 4, "name": "Cao Bằng"}]', encoding="utf-8")
    before = _snapshot()
    # when
    with pytest.raises(ReferenceDataMissing):
        load_admin_units(source=source)
    # then
    assert _snapshot() == before


def test_loading_a_missing_file_raises(tmp_path):
    # when / then
    with pytest.raises(ReferenceDataMissing):
        load_admin_units(source=tmp_path / "absent.json")
    assert AdminUnit.objects.count() == TOTAL_UNITS


# Mergers


def test_recording_a_merger_closes_the_old_unit_the_day_before():
    # when
    merger = record_unit_merger(
        old_code="01279", new_code="01273", effective_on=date(2026, 1, 1), legal_basis="NQ 1/2026"
    )
    # then
    old = AdminUnit.objects.get(code="01279")
    new = AdminUnit.objects.get(code="01273")
    assert (merger.old_id, merger.new_id) == (old.pk, new.pk)
    assert merger.effective_on == date(2026, 1, 1)
    assert merger.legal_basis == "NQ 1/2026"
    assert old.valid_until == date(2025, 12, 31)
    assert new.valid_until is None
    assert AuditEntry.objects.filter(action="admin_unit.merged", object_id="01279").count() == 1


def test_current_unit_follows_the_merger_only_from_its_date():
    # given
    record_unit_merger(old_code="01279", new_code="01273", effective_on=date(2026, 1, 1))
    # when / then
    assert current_unit(code="01279", on=date(2026, 2, 1)).code == "01273"
    assert current_unit(code="01279", on=date(2026, 1, 1)).code == "01273"
    assert current_unit(code="01279", on=date(2025, 12, 31)).code == "01279"
    assert current_unit(code="01279", on=date(2025, 12, 1)).code == "01279"
    assert current_unit(code="01273", on=date(2026, 2, 1)).code == "01273"


def test_current_unit_of_an_unknown_code_raises():
    with pytest.raises(UnknownAdminUnit):
        current_unit(code="99999", on=date(2026, 2, 1))


def test_recording_the_same_merger_twice_creates_one_row():
    # given
    first = record_unit_merger(old_code="01279", new_code="01273", effective_on=date(2026, 1, 1))
    audit_before = AuditEntry.objects.count()
    # when
    second = record_unit_merger(old_code="01279", new_code="01273", effective_on=date(2026, 1, 1))
    # then
    assert second.pk == first.pk
    assert UnitSupersession.objects.filter(old__code="01279").count() == 1
    assert AdminUnit.objects.get(code="01279").valid_until == date(2025, 12, 31)
    assert AuditEntry.objects.count() == audit_before


@pytest.mark.parametrize(("old_code", "new_code"), [("04", "01273"), ("01273", "04"), ("01273", "01273")])
def test_merging_units_of_different_levels_or_a_unit_into_itself_is_refused(old_code, new_code):
    # given
    before = _snapshot()
    # when
    with pytest.raises(InconsistentAgency) as raised:
        record_unit_merger(old_code=old_code, new_code=new_code, effective_on=date(2026, 1, 1))
    # then
    assert raised.value.code == "admin_unit.merger_invalid"
    assert UnitSupersession.objects.count() == 0
    assert _snapshot() == before


def test_merging_an_unknown_unit_is_refused():
    # when
    with pytest.raises(UnknownAdminUnit) as raised:
        record_unit_merger(old_code="99999", new_code="01273", effective_on=date(2026, 1, 1))
    # then
    assert raised.value.code == "admin_unit.not_found"
    assert UnitSupersession.objects.count() == 0


# Commands


def test_load_admin_units_command_prints_the_counts():
    # given
    out = StringIO()
    # when
    call_command("load_admin_units", stdout=out)
    # then
    assert re.fullmatch(
        r"administrative units: 3355 \(0 created, 0 updated, 3355 unchanged\) in \d+\.\d s\n",
        out.getvalue(),
    )


def test_load_admin_units_command_with_a_broken_source_fails_cleanly(tmp_path):
    # given
    source = tmp_path / "divisions.json"
    source.write_text("[", encoding="utf-8")
    # when
    with pytest.raises(CommandError) as raised:
        call_command("load_admin_units", source=source, stdout=StringIO())
    # then
    assert str(source) in str(raised.value)
    assert AdminUnit.objects.count() == TOTAL_UNITS


def test_record_unit_merger_command_records_it():
    # given
    out = StringIO()
    # when
    call_command(
        "record_unit_merger", "01279", "01273", "--on", "2026-01-01", "--legal-basis", "NQ 1/2026", stdout=out
    )
    # then
    merger = UnitSupersession.objects.get()
    assert (merger.old.code, merger.new.code, merger.effective_on) == ("01279", "01273", date(2026, 1, 1))
    assert out.getvalue().startswith("recorded: ")


def test_record_unit_merger_command_with_an_unknown_code_fails_with_one_line():
    # when
    with pytest.raises(CommandError) as raised:
        call_command("record_unit_merger", "99999", "01273", "--on", "2026-01-01", stdout=StringIO())
    # then
    message = str(raised.value)
    assert "\n" not in message
    assert "99999" in message
    assert UnitSupersession.objects.count() == 0


def test_record_unit_merger_command_with_a_bad_date_fails_with_one_line():
    # when
    with pytest.raises(CommandError) as raised:
        call_command("record_unit_merger", "01279", "01273", "--on", "1/1/2026", stdout=StringIO())
    # then
    assert "\n" not in str(raised.value)
    assert "1/1/2026" in str(raised.value)
    assert UnitSupersession.objects.count() == 0


def test_seed_demo_command_with_an_unknown_province_fails():
    # when
    with pytest.raises(CommandError) as raised:
        call_command("seed_demo", "--province", "99", stdout=StringIO())
    # then
    assert "99" in str(raised.value)
    assert "\n" not in str(raised.value)
    assert Agency.objects.count() == 0
