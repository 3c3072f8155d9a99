"""log_in_citizen: the session other tests get is the one a VNeID login leaves."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user
from django.test import RequestFactory

from motcua.citizens.tests import helpers as testing
from motcua.citizens.tests.helpers import LEVEL_1, LEVEL_2, REPRESENTATIVE, log_in_citizen
from motcua.portal import citizen_auth

pytestmark = pytest.mark.django_db


def _request_of(client):
    request = RequestFactory().get("/")
    request.session = client.session
    request.user = get_user(request)
    return request


def test_the_session_is_the_one_the_vneid_callback_leaves(client, settings):
    log_in_citizen(client, identity=LEVEL_1)
    assert client.session["vneid_level"] == 1 and client.session["acting_for_tax_code"] == ""
    assert client.session.get_expiry_age() == settings.CITIZEN_SESSION_AGE_S


@pytest.mark.parametrize(("identity", "level"), [(LEVEL_2, 2), (LEVEL_1, 1), (REPRESENTATIVE, 2)])
def test_logs_in_a_simulator_identity_at_its_level(client, identity, level):
    citizen = log_in_citizen(client, identity=identity)
    request = _request_of(client)
    assert citizen_auth.current_citizen(request) == citizen
    assert citizen_auth.current_level(request) == level
    assert citizen.citizen_id == identity and citizen.last_assurance_level == level


def test_any_other_citizen_id_with_a_name_and_level(client):
    citizen = log_in_citizen(client, identity="012345678901", name="Trần Thị Lan", level=1)
    assert (citizen.full_name, citizen.last_assurance_level) == ("Trần Thị Lan", 1)
    assert client.get("/tai-khoan/").status_code == 200


def test_log_out_citizen(client):
    log_in_citizen(client)
    testing.log_out_citizen(client)
    assert client.get("/tai-khoan/").status_code == 302
