"""The desk looks the owner up in the National Population Database, and never waits for it."""

from __future__ import annotations

import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from motcua.core.models import AuditEntry
from motcua.dossiers.models import Dossier
from motcua.dossiers.periodic import population_backfill
from motcua.dossiers.tests.helpers import MARRIAGE_STATUS, frozen
from motcua.integrations.base import registry
from motcua.integrations.population.simulator import simulator

pytestmark = pytest.mark.django_db

URL = f"/backoffice/tiep-nhan/{MARRIAGE_STATUS}/"
MAI = "004190001234"  # Hoàng Thị Mai, Số 12, phố Kim Đồng, phường Thục Phán (01273)
MAI_ADDRESS = "Số 12, phố Kim Đồng, phường Thục Phán, tỉnh Cao Bằng"


@pytest.fixture(autouse=True)
def population(settings):
    settings.INTEGRATIONS_MODE = "simulated"
    registry.reset()
    simulator.reset()
    yield simulator
    simulator.reset()
    registry.reset()


@pytest.fixture
def desk(demo_catalog) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username="thucphan.motcua"))
    return client


def look_up(client: Client, number: str, **typed: str):
    data = {"center": "001.01.50.H14", "id_number": number, "phone": "0911222333", "lookup": "1"} | typed
    return client.post(URL, data)


def value_of(page: str, name: str) -> str:
    found = re.search(rf'<input[^>]*name="{name}"[^>]*>', page)
    assert found, name
    value = re.search(r'value="([^"]*)"', found.group(0))
    return value.group(1) if value else ""


def selected_unit(page: str) -> str:
    select = re.search(r'<select name="unit".*?</select>', page, re.S).group(0)
    chosen = re.search(r'<option value="(\d*)" selected>', select)
    return chosen.group(1) if chosen else ""


def save(client: Client, page: str, **typed: str):
    data = {
        "center": "001.01.50.H14",
        "id_number": value_of(page, "id_number"),
        "name": value_of(page, "name"),
        "phone": value_of(page, "phone"),
        "address": value_of(page, "address"),
        "unit": selected_unit(page),
        "population": value_of(page, "population"),
        "result_delivery": "desk",
        "decision": "receive",
        "c1-received": "on",
        "c2-received": "on",
    } | typed
    return client.post(URL, data)


def test_the_look_up_prefills_the_owner_and_marks_where_it_came_from(desk):
    response = look_up(desk, MAI, name="", address="", **{"c2-received": "on"})
    page = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'name="c2-received"[^>]* checked', page) and not re.search(
        r'name="c1-received"[^>]* checked', page
    )
    assert value_of(page, "name") == "Hoàng Thị Mai"
    assert value_of(page, "address") == MAI_ADDRESS
    assert selected_unit(page) == "01273"
    assert value_of(page, "phone") == "0911222333"  # what the official typed stays
    assert value_of(page, "population") == f"found:{MAI}"
    assert page.count('class="badge ok"') == 3  # name, address, commune: from the database
    assert 'id="population-banner"' in page and "12/03/1990" in page
    assert 'class="errorlist' not in page  # a look-up is not a save: no "required" errors yet
    assert Dossier.objects.count() == 0
    entry = AuditEntry.objects.get(action="population.lookup")
    assert (entry.actor, entry.object_id, entry.data) == (
        "thucphan.motcua",
        MAI,
        {"purpose": "desk_intake", "outcome": "found"},
    )

    with frozen(2026, 3, 2, 9, 0):
        saved = save(desk, page)
    dossier = Dossier.objects.get()
    assert saved.status_code == 302 and dossier.status == "received"
    assert (dossier.owner_name, dossier.owner_address, dossier.owner_unit.code) == (
        "Hoàng Thị Mai",
        MAI_ADDRESS,
        "01273",
    )
    assert not dossier.population_data_pending


def test_an_unknown_citizen_says_so_and_leaves_manual_entry(desk):
    page = look_up(desk, "004099999999", name="Vàng Văn Pó").content.decode()
    assert 'id="population-banner"' in page and "004099999999" in page
    assert value_of(page, "name") == "Vàng Văn Pó"
    assert value_of(page, "population") == "not_found:004099999999"
    assert 'class="badge ok"' not in page


def test_a_malformed_number_is_refused_without_a_call(desk):
    page = look_up(desk, "00419000").content.decode()
    assert 'id="population-banner"' in page and "12" in page
    assert value_of(page, "population") == ""
    assert simulator.lookups == [] and not AuditEntry.objects.filter(action="population.lookup").exists()


def test_a_slow_database_never_holds_the_desk_beyond_the_budget(desk, settings):
    settings.POPULATION_TIMEOUT_SECONDS = 0.3
    simulator.latency = 30.0
    started = time.monotonic()
    page = look_up(desk, MAI, name="Hoàng Thị Mai").content.decode()
    assert time.monotonic() - started < 2.0
    assert value_of(page, "population") == f"unavailable:{MAI}"
    assert value_of(page, "name") == "Hoàng Thị Mai"  # the form stays usable


def test_intake_during_an_outage_is_pending_then_the_backfill_completes_it(desk, demo_catalog):
    # given: the database is down while the applicant is at the desk
    simulator.down = True
    page = look_up(desk, MAI, name="Hoang Thi Mai").content.decode()
    assert 'id="population-banner"' in page and 'role="alert"' in page
    assert value_of(page, "population") == f"unavailable:{MAI}"

    # when: the official enters the details by hand and receives the dossier
    with frozen(2026, 3, 2, 9, 0):
        saved = save(desk, page)

    # then: the dossier exists and is marked pending, on its page and in the API
    dossier = Dossier.objects.get()
    assert saved.status_code == 302 and dossier.status == "received" and dossier.population_data_pending
    assert 'id="population-pending"' in desk.get(saved["Location"]).content.decode()
    assert desk.get(f"/api/v1/dossiers/{dossier.code}/").json()["population_data_pending"] is True

    # while the database stays down, the job leaves it pending
    assert "still pending 1" in population_backfill()
    dossier.refresh_from_db()
    assert dossier.population_data_pending and not dossier.events.filter(action="population-check").exists()

    # after recovery the job fills what was empty, notes the difference and clears the flag
    simulator.down = False
    assert "checked 1" in population_backfill()
    dossier.refresh_from_db()
    assert not dossier.population_data_pending and dossier.status == "received"
    assert (dossier.owner_name, dossier.owner_address, dossier.owner_unit.code) == (
        "Hoang Thi Mai",
        MAI_ADDRESS,
        "01273",
    )
    event = dossier.events.get(action="population-check")
    assert [d["field"] for d in event.data["differences"]] == ["owner_name"]
    detail = desk.get(saved["Location"]).content.decode()
    assert 'id="population-pending"' not in detail and "Hoàng Thị Mai" in detail  # the note in the timeline
    assert desk.get(f"/api/v1/dossiers/{dossier.code}/").json()["population_data_pending"] is False


def test_a_pending_mark_for_another_number_is_ignored(desk):
    simulator.down = True
    page = look_up(desk, MAI, name="Hoang Thi Mai").content.decode()
    with frozen(2026, 3, 2, 9, 0):
        save(desk, page, id_number="004085002345")  # the official corrected the number afterwards
    assert not Dossier.objects.get().population_data_pending


@pytest.mark.parametrize(
    ("switch", "value", "answered"),
    [("latency", 5.0, []), ("error_rate", 1.0, [503]), ("down", True, [])],
    ids=["slow", "5xx", "down"],
)
def test_within_the_default_3_s_budget_every_failure_leads_to_manual_entry(desk, switch, value, answered):
    setattr(simulator, switch, value)
    started = time.monotonic()
    page = look_up(desk, MAI, name="Hoàng Thị Mai").content.decode()
    assert time.monotonic() - started < 3.8  # the 3 s budget, plus the page itself
    assert value_of(page, "population") == f"unavailable:{MAI}"
    assert re.search(r'id="population-banner"', page) and 'role="alert"' in page
    assert value_of(page, "name") == "Hoàng Thị Mai" and 'class="badge ok"' not in page
    assert [lookup.status for lookup in simulator.lookups] == answered


def test_looking_up_without_a_number_asks_for_it_and_keeps_what_was_typed(desk):
    page = look_up(desk, "  ", name="Nông Văn Hùng", address="Thôn Nà Pồng").content.decode()
    assert 'id="population-banner"' in page and 'role="alert"' in page
    assert (value_of(page, "name"), value_of(page, "address")) == ("Nông Văn Hùng", "Thôn Nà Pồng")
    assert value_of(page, "population") == "" and 'class="errorlist' not in page
    assert simulator.lookups == [] and not AuditEntry.objects.filter(action="population.lookup").exists()
