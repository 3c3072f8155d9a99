"""The catalog follows the national database of procedures; the province's settings stay (issue 8)."""

import copy

import pytest
from django.core.management import CommandError, call_command

from motcua.catalog.models import Procedure, ProcedureRevision
from motcua.catalog.services import save_procedure
from motcua.catalog.snapshot import SNAPSHOT_PREFETCH, procedure_snapshot
from motcua.core.schedule import jobs, run_job
from motcua.integrations.national_portal.catalog_sync import (
    AMENDMENT,
    NOTE,
    procedure_from_wire,
    procedure_to_wire,
    simulated_catalog,
    sync_catalog,
)
from motcua.integrations.periodic import catalog_since

pytestmark = pytest.mark.django_db
CHANGED = "1.004884"
SYNCED = ProcedureRevision.objects.filter(note=NOTE)


def snapshot(code: str) -> dict:
    procedure = Procedure.objects.prefetch_related(*SNAPSHOT_PREFETCH).select_related("field").get(code=code)
    return procedure_snapshot(procedure)


def wire(code: str, catalog: list[dict]) -> dict:
    return next(record for record in catalog if record["MaTTHC"] == code)


def test_the_wire_mapping_goes_both_ways():
    record = {k: v for k, v in snapshot_of_demo(CHANGED).items() if k not in ("form", "process")}
    back = procedure_from_wire(procedure_to_wire(record, updated_at="2026-01-01T00:00:00+07:00"))
    assert back["code"] == CHANGED and back["levels"] == ["commune"]
    assert back["time_limit"]["unit"] == "working_days" and back["fees"][0]["amount"] is None
    assert "form" not in back and "process" not in back  # the province's, never from the portal


def snapshot_of_demo(code: str) -> dict:
    import json

    from motcua.demo.services import CATALOG_FILE

    records = json.loads(CATALOG_FILE.read_text(encoding="utf-8"))["procedures"]
    return next(record for record in records if record["code"] == code)


def test_a_changed_procedure_is_applied_with_a_revision_and_the_others_left_alone(demo_catalog, simulator):
    before = Procedure.objects.get(code=CHANGED).revision
    report = sync_catalog()
    assert report.updated == {CHANGED: ("legal_basis",)}
    assert (len(report.unchanged), report.created, report.invalid) == (40, [], {})  # three pages of 20
    procedure = Procedure.objects.get(code=CHANGED)
    assert procedure.legal_basis[-1] == AMENDMENT and procedure.revision == before + 1
    revision = SYNCED.get()
    assert (revision.procedure.code, revision.created_by) == (CHANGED, "national portal")
    again = sync_catalog()
    assert len(again.unchanged) == 41 and SYNCED.count() == 1


def test_the_provinces_own_settings_are_not_overwritten(demo_catalog, simulator):
    local = snapshot(CHANGED)
    local["keywords"] = [*local["keywords"], "khai sinh bị mất"]
    local["fees"][0]["amount"] = 8000  # "Lệ phí": the nation leaves it to the provincial council
    local["components"][0]["template"] = "to-khai-cao-bang.docx"
    save_procedure(record=local, by="admin", note="local")
    local = snapshot(CHANGED)
    assert sync_catalog().updated == {CHANGED: ("legal_basis",)}
    after = snapshot(CHANGED)
    assert after == local | {"legal_basis": [*local["legal_basis"], AMENDMENT]}
    assert after["form"] and after["process"]  # e-form and internal process kept as well


def test_a_fee_the_nation_fixes_replaces_the_local_amount(demo_catalog, simulator):
    catalog = copy.deepcopy(simulated_catalog())
    wire(CHANGED, catalog)["PhiLePhi"][0]["MucThu"] = 10000
    simulator.catalog = catalog
    report = sync_catalog()
    assert report.updated[CHANGED] == ("fees", "legal_basis")
    assert snapshot(CHANGED)["fees"][0]["amount"] == 10000


def test_invalid_records_are_reported_and_skipped_the_rest_applied(demo_catalog, simulator):
    catalog = copy.deepcopy(simulated_catalog())
    new = copy.deepcopy(wire(CHANGED, catalog)) | {"MaTTHC": "1.999999", "TenTTHC": "Thủ tục mới (mô phỏng)"}
    wire("1.001193", catalog)["ThoiHanGiaiQuyet"]["DonVi"] = "THANG"  # not a unit we know
    catalog += [
        new,
        {"MaTTHC": "ABC", "TenTTHC": "x"},
        {"MaTTHC": "1.888888", "ThoiHanGiaiQuyet": "soon"},
        "junk",
    ]
    simulator.catalog = catalog
    report = sync_catalog()
    assert report.created == ["1.999999"] and CHANGED in report.updated
    assert set(report.invalid) == {"1.001193", "ABC", "1.888888", "#45"}
    assert any("time_limit.unit" in problem for problem in report.invalid["1.001193"])
    assert Procedure.objects.get(code="1.001193").time_limit_unit == "within_day"
    created = Procedure.objects.get(code="1.999999")
    assert created.revisions.get().note == NOTE and created.form_schema is None


def test_a_national_time_limit_the_local_process_misses_is_reported_not_forced(demo_catalog, simulator):
    catalog = copy.deepcopy(simulated_catalog())
    wire(CHANGED, catalog)["ThoiHanGiaiQuyet"]["GiaTri"] = 3
    simulator.catalog = catalog
    report = sync_catalog()
    assert any(problem.startswith("process:") for problem in report.invalid[CHANGED])
    assert Procedure.objects.get(code=CHANGED).time_limit_value == 5 and not SYNCED.exists()


def test_the_command_dry_run_saves_nothing(demo_catalog, simulator, capsys):
    call_command("sync_catalog_from_portal", "--dry-run")
    out = capsys.readouterr().out
    assert f"~ {CHANGED}: legal_basis" in out and "dry run, nothing saved: created 0, updated 1" in out
    assert AMENDMENT not in Procedure.objects.get(code=CHANGED).legal_basis
    call_command("sync_catalog_from_portal", "--since", "2026-01-01")
    assert "updated 1, unchanged 0" in capsys.readouterr().out
    assert AMENDMENT in Procedure.objects.get(code=CHANGED).legal_basis


def test_the_command_fails_clearly_when_the_portal_is_down(demo_catalog, simulator):
    simulator.down = True
    with pytest.raises(CommandError, match="could not be reached"):
        call_command("sync_catalog_from_portal")
    assert not SYNCED.exists()


def test_the_daily_job_syncs_everything_first_then_what_changed_since_its_last_run(demo_catalog, simulator):
    job = next(j for j in jobs() if j.name == "integrations.sync_portal_catalog")
    assert catalog_since() == ""
    assert run_job(job) == "created 0, updated 1, unchanged 40, invalid 0"
    assert catalog_since() > "2026"  # the last start, less a day
    simulator.down = True
    run_job(job)
    assert catalog_since() == ""  # after a failed run: everything again
