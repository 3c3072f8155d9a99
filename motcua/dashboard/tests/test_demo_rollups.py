"""Seeding the demo dossiers builds the rollups, so the dashboards show the demo at once."""

from motcua.demo import services as demo_services
from motcua.demo.dossiers.plan import DossierCounts


def test_new_demo_dossiers_are_rolled_up(monkeypatch):
    rebuilt = []
    monkeypatch.setattr(demo_services, "seed_dossiers", lambda **kw: DossierCounts(total=5, created=5))
    monkeypatch.setattr(demo_services, "rebuild_rollups", lambda: rebuilt.append(True))
    demo_services.seed_demo_dossiers(
        demo_services.SeedReport(province="Cao Bằng"), province_code="04", level1="H14"
    )
    assert rebuilt == [True]


def test_a_second_run_creating_nothing_does_not_rebuild(monkeypatch):
    monkeypatch.setattr(demo_services, "seed_dossiers", lambda **kw: DossierCounts(total=5, created=0))
    monkeypatch.setattr(demo_services, "rebuild_rollups", lambda: (_ for _ in ()).throw(AssertionError))
    demo_services.seed_demo_dossiers(
        demo_services.SeedReport(province="Cao Bằng"), province_code="04", level1="H14"
    )
