"""Public tracking at /tra-cuu/: code + the last phone digits, the same answer for every
miss, and limits per address and per code with the time to try again."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client

from motcua.core import clock
from motcua.dossiers.tests.helpers import at
from motcua.portal.tests.follow_support import citizen, processing

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(demo_catalog):
    return processing(citizen(Client()).user, phone="0912 345 678")


def visitor(address: str = "203.0.113.7") -> Client:
    client = Client(REMOTE_ADDR=address)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def look_up(client: Client, code: str, digits: str):
    return client.post("/tra-cuu/", {"ma": code, "so": digits})


def answer(response) -> str:
    """The page without its per-request CSRF token."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_the_code_and_the_last_phone_digits_show_the_status_and_nothing_personal(dossier):
    response = look_up(visitor(), dossier.code.lower(), "5678")

    assert response.status_code == 200
    html = response.content.decode()
    assert dossier.code in html and "Being processed" in html
    assert dossier.appointment_on.strftime("%d/%m/%Y") in html
    assert "Ủy ban nhân dân phường Thục Phán" in html
    for personal in ("Nông Thị Hoa", "0912", "004095001234", "Tổ 5"):
        assert personal not in html
    assert response["Cache-Control"] == "no-store"


def test_wrong_digits_and_an_unknown_code_get_the_same_answer(dossier):
    client = visitor()
    wrong = look_up(client, dossier.code, "1234")
    unknown = look_up(client, "001.01.50.H14-260101-9999", "1234")

    assert wrong.status_code == unknown.status_code == 200
    assert answer(wrong).replace(dossier.code, "001.01.50.H14-260101-9999") == answer(unknown)
    assert "No dossier matches this code and these phone digits" in answer(wrong)
    assert "Being processed" not in answer(wrong)


def test_the_qr_codes_link_prefills_the_code_and_track_is_an_alias(dossier):
    page = visitor().get(f"/tra-cuu/?ma={dossier.code}")
    assert page.status_code == 200 and f'value="{dossier.code}"' in page.content.decode()
    assert look_up_alias(dossier).status_code == 200


def look_up_alias(dossier):
    response = visitor().post("/track/", {"ma": dossier.code, "so": "5678"})
    assert "Being processed" in response.content.decode()
    return response


@pytest.mark.parametrize(
    ("code", "digits"),
    [
        ("", "5678"),
        ("X" * 61, "5678"),
        ("001.01.50.H14-260101-0001", "567"),
        ("001.01.50.H14-260101-0001", "abcd"),
    ],
    ids=["no-code", "long-code", "three-digits", "letters"],
)
def test_bad_input_is_a_clear_400_and_costs_no_attempt(dossier, code, digits, settings):
    settings.TRACKING_LOOKUPS_PER_ADDRESS = 1
    client = visitor()
    response = look_up(client, code, digits)
    assert response.status_code == 400 and 'class="errorlist' in response.content.decode()
    assert "Being processed" in look_up(client, dossier.code, "5678").content.decode()


def test_guessing_one_codes_digits_is_stopped_with_the_time_to_retry(dossier):
    client = visitor()
    with clock.frozen(at(2026, 3, 2, 9, 0)) as now:
        for guess in ("0000", "1111", "2222", "3333", "4444"):
            assert look_up(client, dossier.code, guess).status_code == 200
        blocked = look_up(visitor("198.51.100.9"), dossier.code, "5678")  # even from elsewhere, even right
        assert blocked.status_code == 429
        html = blocked.content.decode()
        assert "Too many attempts" in html and "try again at 09:15 (in 15 minutes)" in html
        assert "Being processed" not in html
        now.tick(timedelta(minutes=15, seconds=1))
        assert "Being processed" in look_up(client, dossier.code, "5678").content.decode()


def test_an_unknown_code_is_limited_like_a_real_one(dossier):
    client = visitor()
    for guess in ("0000", "1111", "2222", "3333", "4444"):
        look_up(client, "001.01.50.H14-260101-9999", guess)
    real, unknown = (
        look_up(client, dossier.code, "0000"),
        look_up(client, "001.01.50.H14-260101-9999", "0000"),
    )
    assert (real.status_code, unknown.status_code) == (200, 429)


def test_one_address_is_limited_across_codes_and_others_are_not(dossier, settings):
    settings.TRACKING_LOOKUPS_PER_ADDRESS = 3
    client = visitor()
    for n in range(3):
        look_up(client, f"001.01.50.H14-260101-000{n + 5}", "1234")
    assert look_up(client, dossier.code, "5678").status_code == 429
    assert "Being processed" in look_up(visitor("198.51.100.9"), dossier.code, "5678").content.decode()


def test_a_dossier_without_a_phone_cannot_be_tracked_publicly(demo_catalog):
    no_phone = processing(citizen(Client()).user, phone="")
    for digits in ("0000", "    "):
        response = look_up(visitor(), no_phone.code, digits)
        assert "Being processed" not in response.content.decode()
