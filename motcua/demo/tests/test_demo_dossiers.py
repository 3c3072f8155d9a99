"""The demo dossiers: every lifecycle state, realistic paths and outcomes, rerun-safe, fast."""

import re
from collections import Counter
from datetime import date, time
from io import StringIO

import pytest
from django.core.management import call_command

from motcua.core import clock
from motcua.demo import dossiers as demo_dossiers
from motcua.demo.services import seed_demo
from motcua.dossiers.calendar import province_calendar
from motcua.dossiers.codes import parse_dossier_code
from motcua.dossiers.deadlines import LOCAL_TIME
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.workflow import Status

pytestmark = pytest.mark.django_db

JUSTICE = "000.00.03.H14"
FINISHED = ("returned", "refused", "stopped", "withdrawn")


@pytest.fixture(scope="module")
def _seeded(django_db_setup, django_db_blocker):
    """Cao Bằng with its catalog, then the demo dossiers, once per module (rolled back)."""
    from django.db import transaction
    from django.test import override_settings

    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
    ):
        seed_demo(province_code="04", password="x", with_dossiers=False)
        yield demo_dossiers.seed_dossiers(province_code="04", level1="H14")
        transaction.set_rollback(True)


@pytest.fixture
def seeded(db, _seeded):
    return _seeded


def test_every_lifecycle_state_has_dossiers(seeded):
    assert seeded.failed == 0
    assert 150 <= seeded.created == seeded.total <= 300
    by_status = Counter(Dossier.objects.values_list("status", flat=True))
    assert {status: by_status[status] for status in Status.values} == seeded.by_status
    assert all(by_status[status] >= 1 for status in Status.values), by_status


def test_seeding_stays_fast_enough_for_every_make_run(seeded):
    # About 7 s on an idle machine (measured, docs/operations/running.md); the bound is
    # loose so a busy CI machine does not fail it, yet catches a slowdown by a factor.
    assert seeded.seconds < 60


def test_codes_are_unique_and_name_the_receiving_unit_and_day(seeded):
    rows = Dossier.objects.exclude(code=None).values_list("code", "receiving_agency__code", "received_on")
    codes = [code for code, _agency, _day in rows]
    assert len(codes) == len(set(codes)) > 100
    for code, agency, day in rows:
        parsed = parse_dossier_code(code)
        assert (parsed.agency_code, parsed.received_on) == (agency, day)


def test_most_finished_dossiers_are_on_time_or_early_some_late(seeded):
    outcomes = Counter(Dossier.objects.filter(status="returned").values_list("outcome", flat=True))
    assert outcomes["early"] and outcomes["late"]
    assert outcomes["early"] + outcomes["on_time"] >= 0.8 * sum(outcomes.values())


def test_extensions_are_asked_for_before_the_appointment_passes(seeded):
    extensions = DossierEvent.objects.filter(action="extend").select_related("dossier")
    assert extensions.exists()
    for event in extensions:
        assert event.at.astimezone(LOCAL_TIME).date() <= date.fromisoformat(event.data["old_appointment"])
    assert Dossier.objects.filter(extensions__gt=0, status="returned").exists()


def test_transfers_go_from_a_commune_to_the_department_and_back(seeded):
    pairs = set(
        DossierEvent.objects.filter(action="transfer").values_list("from_agency__code", "to_agency__code")
    )
    assert any(to == JUSTICE for _from, to in pairs)
    assert any(source == JUSTICE for source, _to in pairs)


def test_supplements_ratings_refusals_and_stops_happen(seeded):
    assert Dossier.objects.filter(supplement_requests__gt=0, status="returned").exists()
    assert Dossier.objects.exclude(satisfaction=None).exists()
    actions = set(DossierEvent.objects.values_list("action", flat=True))
    assert {"request-supplement", "supplement", "rate", "stop", "withdraw", "refuse"} <= actions


def test_spread_over_agencies_channels_and_months(seeded):
    dossiers = Dossier.objects.all()
    competent = set(dossiers.values_list("competent_agency__code", flat=True))
    assert {"000.01.50.H14", "000.04.50.H14", JUSTICE} <= competent
    # Anywhere in the province: a commune center received what a department decides.
    assert dossiers.filter(receiving_agency__level="commune", competent_agency__level="province").exists()
    assert dossiers.filter(receiving_agency__code="000.00.20.H14", competent_agency__level="commune").exists()
    assert set(dossiers.values_list("channel", flat=True)) == {"desk", "online", "post"}
    months = {
        day.strftime("%Y-%m")
        for day in dossiers.exclude(received_on=None).values_list("received_on", flat=True)
    }
    assert "2025-07" in months and len(months) >= 12


def test_officials_act_in_office_hours_of_working_days_and_nothing_is_in_the_future(seeded):
    calendar = province_calendar()
    for event in DossierEvent.objects.filter(actor_kind="official"):
        moment = event.at.astimezone(LOCAL_TIME)
        assert calendar.is_working_day(moment.date()), event
        assert time(7, 30) <= moment.time() < time(17) and not time(11, 30) <= moment.time() < time(13, 30)
    assert DossierEvent.objects.filter(at__gt=clock.now()).count() == 0


def test_people_are_from_cao_bang(seeded):
    for id_number, phone in Dossier.objects.values_list("owner_id_number", "owner_phone"):
        assert re.fullmatch(r"004[0-3][0-9]{8}", id_number)
        assert re.fullmatch(r"09[0-9]{8}", phone)
    online = Dossier.objects.filter(channel="online")
    assert all(d.account.username == d.owner_id_number for d in online.select_related("account"))


def test_rerunning_adds_nothing(seeded):
    again = seed_demo(province_code="04", password="x")
    assert again.dossiers_created == 0
    assert again.dossiers_total == seeded.total == Dossier.objects.count()


def test_the_command_prints_the_counts(seeded):
    out = StringIO()
    call_command("seed_demo", "--quiet-logins", stdout=out)
    assert f"{seeded.total} dossiers (0 created)" in out.getvalue()
    assert "demo dossiers by status: draft " in out.getvalue()


def test_the_plan_is_the_same_on_every_run(seeded):
    calendar = province_calendar()
    site = demo_dossiers.build_site("H14")
    procedures = demo_dossiers.demo_procedures()
    end = date(2026, 3, 13)

    def plan() -> list:
        return demo_dossiers.plan_dossiers(
            seed=demo_dossiers.SEED, site=site, procedures=procedures, calendar=calendar, end=end
        )

    first = plan()
    assert first == plan()
    assert all(calendar.is_working_day(p.day) and p.day <= end for p in first)
