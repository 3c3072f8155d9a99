import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from motcua.catalog.models import Procedure, ProcedureRevision
from motcua.catalog.selectors import export_catalog, revision_changes
from motcua.catalog.services import InvalidProcedure, import_catalog, save_procedure, save_process_variant
from motcua.catalog.tests.records import birth_registration, construction_permit, marriage_registration
from motcua.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_saving_creates_the_procedure_and_its_first_revision():
    outcome = save_procedure(record=birth_registration(), by="tester")
    procedure = Procedure.objects.get(code="1.001193")
    assert outcome.status == "created"
    assert procedure.at_commune and not procedure.at_province
    assert [c.name for c in procedure.components.all()] == ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"]
    assert procedure.revision == 1
    assert procedure.revisions.get().snapshot["name"] == "Đăng ký khai sinh"
    assert procedure.search_text.startswith(" 1 001193 dang ky khai sinh ho tich")


def test_saving_the_same_record_again_changes_nothing():
    save_procedure(record=birth_registration(), by="tester")
    entries = AuditEntry.objects.count()
    outcome = save_procedure(record=birth_registration(), by="tester")
    assert outcome.status == "unchanged"
    assert ProcedureRevision.objects.count() == 1
    assert AuditEntry.objects.count() == entries


def test_an_edit_makes_a_new_revision_and_the_old_one_is_kept():
    save_procedure(record=birth_registration(), by="tester")
    outcome = save_procedure(
        record=birth_registration(fees=[{"name": "Lệ phí", "amount": 8000}]), by="tester"
    )
    assert outcome.status == "updated" and outcome.changed == ("fees",)
    first, second = ProcedureRevision.objects.order_by("number")
    assert first.snapshot["fees"][0]["amount"] == 0
    assert second.snapshot["fees"][0]["amount"] == 8000
    changes = revision_changes(second)
    assert [c.key for c in changes] == ["fees"]
    assert changes[0].before[0]["amount"] == 0 and changes[0].after[0]["amount"] == 8000


def test_an_invalid_record_saves_nothing():
    with pytest.raises(InvalidProcedure) as error:
        save_procedure(record=birth_registration(fees=[{"name": "Lệ phí", "amount": -1}]), by="tester")
    assert error.value.problems[0].path == "fees[0].amount"
    assert not Procedure.objects.exists()


def test_import_is_all_or_nothing_with_a_report_per_row():
    records = [birth_registration(), marriage_registration(name=""), construction_permit(code="x")]
    report = import_catalog(records=records, by="tester")
    assert not report.ok
    assert sorted(report.errors) == [2, 3]
    assert [p.path for p in report.errors[2]] == ["name"]
    assert [p.path for p in report.errors[3]] == ["code"]
    assert not Procedure.objects.exists()


def test_reimport_reports_what_changed():
    import_catalog(records=[birth_registration(), marriage_registration()], by="tester")
    report = import_catalog(
        records=[
            birth_registration(name="Đăng ký khai sinh (mới)"),
            marriage_registration(),
            construction_permit(),
        ],
        by="tester",
    )
    assert report.created == ["1.009994"]
    assert report.updated == {"1.001193": ("name",)}
    assert report.unchanged == ["1.000894"]


def test_dry_run_saves_nothing():
    report = import_catalog(records=[birth_registration()], by="tester", dry_run=True)
    assert report.created == ["1.001193"]
    assert not Procedure.objects.exists()


def test_duplicate_codes_in_one_file_are_refused():
    report = import_catalog(records=[birth_registration(), birth_registration()], by="tester")
    assert [p.path for p in report.errors[2]] == ["code"]


def test_export_round_trips_through_json_and_csv(tmp_path):
    import_catalog(
        records=[birth_registration(), marriage_registration(), construction_permit()], by="tester"
    )
    exported = export_catalog()
    for name in ("catalog.json", "catalog.csv"):
        call_command("export_catalog", "-o", str(tmp_path / name))
        report = import_catalog(records=_records(tmp_path / name), by="tester")
        assert report.ok and report.unchanged == ["1.000894", "1.001193", "1.009994"], name
    assert export_catalog() == exported


def _records(path):
    from motcua.catalog.management.commands.import_catalog import read_records

    return read_records(path)


def test_import_command_reports_bad_rows_and_exits_1(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "code,name,field,levels,time_limit_value,time_limit_unit,colour\n"
        "1.001193,Đăng ký khai sinh,Hộ tịch,commune,1,within_day,red\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as error:
        call_command("import_catalog", str(bad))
    assert "unknown ['colour']" in str(error.value)
    assert not Procedure.objects.exists()


def test_import_command_names_the_row_and_field(tmp_path, capsys):
    import json

    path = tmp_path / "catalog.json"
    path.write_text(
        json.dumps(
            {
                "procedures": [
                    birth_registration(),
                    birth_registration(code="1.000001", fees=[{"name": "Phí", "amount": -3}]),
                ]
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as error:
        call_command("import_catalog", str(path))
    assert error.value.returncode == 1
    assert "row 2, fees[0].amount:" in capsys.readouterr().err
    assert not Procedure.objects.exists()


def test_agency_variant_of_the_process_must_add_up(agency_factory):
    save_procedure(record=marriage_registration(), by="tester")
    procedure = Procedure.objects.get(code="1.000894")
    agency = agency_factory()
    steps = [
        {"name": "Tiếp nhận", "kind": "receive", "role": "desk_officer", "days": 1},
        {"name": "Xử lý", "kind": "assess", "role": "handler", "days": 1},
    ]
    with pytest.raises(InvalidProcedure):
        save_process_variant(procedure=procedure, agency=agency, steps=steps, by="tester")
    steps[1]["days"] = 2
    template = save_process_variant(procedure=procedure, agency=agency, steps=steps, by="tester")
    assert [s.name for s in template.steps.all()] == ["Tiếp nhận", "Xử lý"]
    assert procedure.processes.count() == 2


def test_import_reports_progress():
    seen = []
    import_catalog(
        records=[birth_registration(), marriage_registration()],
        by="t",
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(1, 2), (2, 2)]
