"""Dossiers taken in while the National Population Database was down are completed later."""

from __future__ import annotations

from datetime import timedelta

import pytest

from motcua.core import schedule
from motcua.core.models import AuditEntry
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.services import ApplicantInput, DossierInput, backfill_population, create_dossier
from motcua.dossiers.tests.helpers import MARRIAGE_STATUS, THUC_PHAN_CENTER, frozen, user
from motcua.integrations.base import registry
from motcua.integrations.population.simulator import simulator

pytestmark = pytest.mark.django_db

MAI = "004190001234"  # Hoàng Thị Mai, Số 12, phố Kim Đồng, phường Thục Phán (a simulator identity)
MAI_ADDRESS = "Số 12, phố Kim Đồng, phường Thục Phán, tỉnh Cao Bằng"


@pytest.fixture(autouse=True)
def population(settings):
    settings.INTEGRATIONS_MODE = "simulated"
    registry.reset()
    simulator.reset()
    yield simulator
    simulator.reset()
    registry.reset()


def pending_dossier(*, pending: bool = True, **owner) -> Dossier:
    values = {"name": "Hoang Thi Mai", "id_number": MAI, "phone": "0912345678"} | owner
    data = DossierInput(
        procedure_code=MARRIAGE_STATUS,
        channel="desk",
        owner=ApplicantInput(**values),
        served_at=THUC_PHAN_CENTER,
        population_data_pending=pending,
    )
    dossier = create_dossier(data=data, by=user("thucphan.motcua"))
    dossier.refresh_from_db()
    return dossier


def test_the_backfill_fills_what_was_empty_notes_differences_and_clears_the_flag(demo_catalog):
    with frozen(2026, 3, 2, 9, 0):
        dossier = pending_dossier()
    status, version = dossier.status, dossier.version
    assert dossier.population_data_pending and dossier.owner_unit is None

    with frozen(2026, 3, 2, 9, 5):
        report = backfill_population()

    dossier.refresh_from_db()
    assert (report.checked, report.filled, report.with_differences, report.still_pending) == (1, 1, 1, 0)
    assert not dossier.population_data_pending
    assert dossier.owner_address == MAI_ADDRESS and dossier.owner_unit.code == "01273"  # filled
    assert dossier.owner_name == "Hoang Thi Mai"  # what the desk typed is never overwritten
    assert dossier.status == status and dossier.version == version + 1  # not a lifecycle change
    event = DossierEvent.objects.filter(dossier=dossier).order_by("-seq").first()
    assert (event.action, event.from_status, event.to_status, event.actor_kind) == (
        "population-check",
        status,
        status,
        "system",
    )
    assert event.data == {
        "outcome": "found",
        "filled": ["owner_address", "owner_unit"],
        "differences": [{"field": "owner_name", "declared": "Hoang Thi Mai", "population": "Hoàng Thị Mai"}],
    }
    assert "Hoàng Thị Mai" in event.note and "Hoang Thi Mai" in event.note
    lookup = AuditEntry.objects.get(action="population.lookup")
    assert (lookup.actor, lookup.object_id) == ("population-backfill", MAI)
    assert lookup.data == {"purpose": "population_backfill", "outcome": "found"}
    assert AuditEntry.objects.filter(action="dossier.population-check", object_id=dossier.identifier).exists()


def test_declared_details_that_differ_are_kept_and_listed(demo_catalog):
    dossier = pending_dossier(name="Hoàng  thị mai", address="Thôn Nà Pồng, xã Bảo Lâm", unit_code="01290")
    backfill_population()
    dossier.refresh_from_db()
    assert (dossier.owner_address, dossier.owner_unit.code) == ("Thôn Nà Pồng, xã Bảo Lâm", "01290")
    event = dossier.events.order_by("-seq").first()
    assert event.data["filled"] == []
    assert [d["field"] for d in event.data["differences"]] == ["owner_address", "owner_unit"]  # name: same


def test_while_the_database_stays_down_the_dossiers_stay_pending(demo_catalog):
    first, second = pending_dossier(), pending_dossier()
    events = DossierEvent.objects.count()
    simulator.down = True

    report = backfill_population()

    assert report.unavailable and report.checked == 0 and report.still_pending == 2
    assert "unavailable" in str(report)
    assert Dossier.objects.filter(pk__in=[first.pk, second.pk], population_data_pending=True).count() == 2
    assert DossierEvent.objects.count() == events
    assert len(simulator.lookups) == 0  # refused at the connection: stop at the first, spare the rest
    assert AuditEntry.objects.filter(action="population.lookup").count() == 1


def test_an_unknown_citizen_is_noted_for_the_official(demo_catalog):
    dossier = pending_dossier(id_number="004099999999", name="Vàng Văn Pó")
    report = backfill_population()
    dossier.refresh_from_db()
    assert report.not_found == 1 and not dossier.population_data_pending
    event = dossier.events.order_by("-seq").first()
    assert event.data == {"outcome": "not_found", "filled": [], "differences": []}


def test_small_batches_and_only_the_pending_ones(demo_catalog):
    untouched = pending_dossier(pending=False)
    pending = [pending_dossier() for _n in range(3)]
    report = backfill_population(limit=2)
    assert (report.checked, report.still_pending) == (2, 1)
    assert [d.pk for d in Dossier.objects.filter(population_data_pending=True)] == [pending[2].pk]
    assert not untouched.events.filter(action="population-check").exists()
    assert len(simulator.lookups) == 2


def test_without_a_citizen_id_a_dossier_is_never_marked_pending(demo_catalog):
    assert not pending_dossier(id_number="").population_data_pending


def test_the_job_runs_every_five_minutes_through_the_scheduler(demo_catalog):
    (job,) = [job for job in schedule.jobs() if job.name == "dossiers.population_backfill"]
    assert job.every == timedelta(minutes=5)
    dossier = pending_dossier()
    simulator.down = True
    assert "still pending 1" in schedule.run_job(job)
    simulator.down = False
    assert "checked 1" in schedule.run_job(job)
    dossier.refresh_from_db()
    assert not dossier.population_data_pending
