"""Citizens log in with VNeID: the full code + PKCE flow through the simulator's pages.

The back channel (discovery, token, JWKS) reaches the real simulator in-process
(``InProcessAdapter``); the browser's side is Django's test client following each redirect.
"""

from __future__ import annotations

import base64
import json

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from joserfc import jwt
from joserfc.jwk import RSAKey

from motcua.agencies import selectors as agency_selectors
from motcua.citizens.models import Citizen
from motcua.core.models import AuditEntry
from motcua.integrations.vneid.simulator.keys import signing_key_pem
from motcua.integrations.vneid.tests.support import (
    CALLBACK,
    LEVEL_1,
    LEVEL_2,
    choose_identity,
    log_in,
    query,
    start_login,
)

pytestmark = pytest.mark.django_db


def _logged_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_full_flow_creates_the_citizen_and_records_the_level(client, vneid_simulator):
    # when
    response = log_in(client, LEVEL_2)
    # then
    assert response.status_code == 302 and response["Location"] == "/tai-khoan/"
    citizen = Citizen.objects.get(citizen_id=LEVEL_2)
    assert (citizen.full_name, str(citizen.date_of_birth), citizen.phone) == (
        "Nông Thị Hoa",
        "1995-03-14",
        "0912345678",
    )
    assert citizen.last_assurance_level == 2
    assert client.session["vneid_level"] == 2
    assert client.session["acting_for_tax_code"] == ""
    assert _logged_in_user_id(client) == str(citizen.user_id)
    assert citizen.user.username == LEVEL_2 and not citizen.user.has_usable_password()
    # the back channel really went to the provider
    assert vneid_simulator.calls == [
        "/gia-lap/vneid/.well-known/openid-configuration",
        "/gia-lap/vneid/.well-known/openid-configuration",
        "/gia-lap/vneid/token/",
        "/gia-lap/vneid/.well-known/jwks.json",
    ]
    audit = AuditEntry.objects.filter(action="citizen.signed_in").get()
    assert audit.data == {"via": "vneid", "level": 2, "created": True, "acting_for": "self"}
    page = client.get("/tai-khoan/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Nông Thị Hoa" in html
    assert "*********234" in html and LEVEL_2 not in html


def test_the_authorize_request_uses_pkce_s256_state_and_nonce(client, vneid_simulator):
    params = query(start_login(client))
    assert params["code_challenge_method"] == "S256" and len(params["code_challenge"]) == 43
    assert params["scope"] == "openid profile" and params["response_type"] == "code"
    assert params["state"] and params["nonce"] and params["redirect_uri"] == CALLBACK


def test_a_second_login_updates_and_does_not_duplicate(client, vneid_simulator):
    log_in(client, LEVEL_2)
    Citizen.objects.filter(citizen_id=LEVEL_2).update(full_name="Tên cũ", last_assurance_level=1)
    client.post("/dang-xuat/")
    # when
    log_in(client, LEVEL_2)
    # then
    assert Citizen.objects.filter(citizen_id=LEVEL_2).count() == 1
    assert get_user_model().objects.filter(username=LEVEL_2).count() == 1
    citizen = Citizen.objects.get(citizen_id=LEVEL_2)
    assert (citizen.full_name, citizen.last_assurance_level) == ("Nông Thị Hoa", 2)
    assert AuditEntry.objects.filter(action="citizen.signed_in").count() == 2


def test_a_level_1_login_is_recorded_as_level_1(client, vneid_simulator):
    log_in(client, LEVEL_1)
    assert client.session["vneid_level"] == 1
    citizen = Citizen.objects.get(citizen_id=LEVEL_1)
    assert citizen.phone == "" and citizen.last_assurance_level == 1
    with translation.override("vi"):
        shown = translation.gettext("Level 1")
    assert shown in client.get("/tai-khoan/").content.decode()


def _resign(claims_change):
    """Rewrite the token answer's ID token: new claims, signed with the simulator's own key."""

    def rewrite(answer):
        token = jwt.decode(answer["id_token"], RSAKey.import_key(signing_key_pem()))
        claims = {**token.claims, **claims_change}
        key = RSAKey.import_key(signing_key_pem())
        answer["id_token"] = jwt.encode({"alg": "RS256", "kid": token.header["kid"]}, claims, key)
        return answer

    return rewrite


def _tamper_signature(answer):
    header, payload, signature = answer["id_token"].split(".")
    raw = bytearray(base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)))
    raw[0] ^= 0xFF
    answer["id_token"] = ".".join(
        [header, payload, base64.urlsafe_b64encode(bytes(raw)).decode().rstrip("=")]
    )
    return answer


def _tamper_claims_keep_signature(answer):
    header, payload, signature = answer["id_token"].split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["sub"] = "004088004321"  # someone else, with the original signature
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    answer["id_token"] = ".".join([header, forged, signature])
    return answer


@pytest.mark.parametrize(
    ("rewrite", "reason"),
    [
        pytest.param(_tamper_signature, "BadSignatureError", id="changed-signature"),
        pytest.param(_tamper_claims_keep_signature, "BadSignatureError", id="changed-claims"),
        pytest.param(_resign({"aud": "another-client"}), "'aud'", id="wrong-audience"),
        pytest.param(_resign({"iss": "http://evil.example/vneid"}), "'iss'", id="wrong-issuer"),
        pytest.param(_resign({"exp": 1_000_000_000, "iat": 999_999_000}), "expired", id="expired"),
        pytest.param(_resign({"nonce": "not-the-nonce"}), "'nonce'", id="wrong-nonce"),
        pytest.param(_resign({"acr": "vneid:level9"}), "'acr'", id="unknown-level"),
    ],
)
def test_an_id_token_that_does_not_verify_is_refused(client, vneid_simulator, caplog, rewrite, reason):
    vneid_simulator.rewrite["/token/"] = rewrite
    # when
    response = log_in(client, LEVEL_2)
    # then
    assert response.status_code == 400
    assert "Try again" in response.content.decode() or "Thử lại" in response.content.decode()
    assert not Citizen.objects.exists()
    assert _logged_in_user_id(client) is None
    assert not AuditEntry.objects.filter(action="citizen.signed_in").exists()
    assert "integrations.vneid_bad_token" in caplog.text and reason in caplog.text


def test_an_hs256_token_signed_with_the_client_secret_is_refused(client, vneid_simulator, settings):
    from joserfc.jwk import OctKey

    def hs256(answer):
        token = jwt.decode(answer["id_token"], RSAKey.import_key(signing_key_pem()))
        key = OctKey.import_key(settings.VNEID_CLIENT_SECRET)
        answer["id_token"] = jwt.encode({"alg": "HS256"}, token.claims, key, algorithms=["HS256"])
        return answer

    vneid_simulator.rewrite["/token/"] = hs256
    assert log_in(client, LEVEL_2).status_code == 400
    assert not Citizen.objects.exists()


def test_a_state_mismatch_shows_the_error_page_and_logs_nobody_in(client, vneid_simulator, caplog):
    callback = choose_identity(client, start_login(client), LEVEL_2)
    forged = callback.replace(f"state={query(callback)['state']}", "state=forged-state")
    # when
    response = client.get(forged)
    # then
    assert response.status_code == 400
    assert "/dang-nhap/?next=%2Ftai-khoan%2F" in response.content.decode()
    assert _logged_in_user_id(client) is None and not Citizen.objects.exists()
    assert "/gia-lap/vneid/token/" not in vneid_simulator.calls  # the code was never spent
    assert "integrations.vneid_state_mismatch" in caplog.text


def test_a_callback_without_a_started_login_is_refused(client, vneid_simulator):
    response = client.get("/dang-nhap/vneid/callback/?code=abc&state=xyz")
    assert response.status_code == 400
    assert _logged_in_user_id(client) is None


def test_cancelling_on_vneid_shows_a_clear_page(client, vneid_simulator):
    authorize = start_login(client)
    client.get(authorize)
    back = client.post("/gia-lap/vneid/dang-nhap/", {"next": authorize, "cancel": "1"})
    assert back.status_code == 302 and back["Location"].startswith(CALLBACK)
    assert query(back["Location"])["error"] == "access_denied"
    # when
    response = client.get(back["Location"])
    # then
    assert response.status_code == 400
    assert _logged_in_user_id(client) is None and not Citizen.objects.exists()


def test_provider_down_gives_a_page_not_a_500(client, vneid_simulator):
    vneid_simulator.down = True
    response = client.post("/dang-nhap/", {"next": "/tai-khoan/"})
    assert response.status_code == 502
    assert "/dang-nhap/?next=%2Ftai-khoan%2F" in response.content.decode()


def test_provider_down_at_the_token_call_gives_a_page_not_a_500(client, vneid_simulator):
    callback = choose_identity(client, start_login(client), LEVEL_2)
    vneid_simulator.down = True
    response = client.get(callback)
    assert response.status_code == 502 and not Citizen.objects.exists()


def test_account_needs_a_citizen_and_keeps_next(client, vneid_simulator):
    response = client.get("/tai-khoan/")
    assert response.status_code == 302 and response["Location"] == "/dang-nhap/?next=%2Ftai-khoan%2F"


def test_an_expired_session_goes_back_to_login_with_next(client, vneid_simulator):
    log_in(client, LEVEL_2)
    session = client.session
    session.set_expiry(-1)
    session.save()
    response = client.get("/tai-khoan/")
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/?next=")


def test_next_is_kept_through_the_login_and_only_local(client, vneid_simulator):
    assert log_in(client, LEVEL_2, next_url="/thu-tuc/")["Location"] == "/thu-tuc/"
    client.post("/dang-xuat/")
    assert log_in(client, LEVEL_2, next_url="https://evil.example/")["Location"] == "/tai-khoan/"


def test_the_header_shows_the_citizen_and_logout_ends_the_session(client, vneid_simulator):
    log_in(client, LEVEL_2)
    page = client.get("/tai-khoan/").content.decode()
    assert 'action="/dang-xuat/"' in page
    assert client.get("/dang-xuat/").status_code == 405  # logout is a POST
    response = client.post("/dang-xuat/")
    assert response.status_code == 302 and _logged_in_user_id(client) is None
    assert 'href="/dang-nhap/"' in client.get("/dang-nhap/").content.decode()


def test_the_login_page_works_without_javascript(client, vneid_simulator):
    html = client.get("/dang-nhap/?next=/thu-tuc/").content.decode()
    assert '<form method="post" action="/dang-nhap/"' in html
    assert 'name="next" value="/thu-tuc/"' in html


def test_an_official_cannot_log_in_through_vneid_as_an_official(client, vneid_simulator, official_factory):
    # given an official logged in to the back office
    official = official_factory()
    client.force_login(official.user)
    # when they log in with VNeID in the same browser
    log_in(client, LEVEL_2)
    # then the session is the citizen's, who is not an official and sees no agency
    citizen = Citizen.objects.get(citizen_id=LEVEL_2)
    assert _logged_in_user_id(client) == str(citizen.user_id) != str(official.user_id)
    assert citizen.user_id != official.user_id
    assert agency_selectors.official_of(citizen.user) is None
    assert agency_selectors.visible_agencies(citizen.user).count() == 0


def test_an_officials_account_named_by_the_citizen_id_is_refused(client, vneid_simulator, official_factory):
    official_factory(user__username=LEVEL_2)
    response = log_in(client, LEVEL_2)
    assert response.status_code == 409
    assert _logged_in_user_id(client) is None and not Citizen.objects.exists()


def _unsigned(answer):
    """The same claims with ``alg: none`` and no signature."""
    token = jwt.decode(answer["id_token"], RSAKey.import_key(signing_key_pem()))

    def part(value):
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    answer["id_token"] = f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(token.claims)}."
    return answer


def test_an_unsigned_id_token_is_refused(client, vneid_simulator, caplog):
    vneid_simulator.rewrite["/token/"] = _unsigned
    response = log_in(client, LEVEL_2)
    assert response.status_code == 400
    assert _logged_in_user_id(client) is None and not Citizen.objects.exists()
    assert "integrations.vneid_bad_token" in caplog.text


def test_a_replayed_callback_in_another_browser_logs_nobody_in(client, vneid_simulator, caplog):
    from django.test import Client

    callback = choose_identity(client, start_login(client), LEVEL_2)
    assert client.get(callback).status_code == 302  # the citizen's own login
    tokens_spent = vneid_simulator.calls.count("/gia-lap/vneid/token/")
    other = Client()
    # when someone else replays the same callback URL
    response = other.get(callback)
    # then
    assert response.status_code == 400
    assert "integrations.vneid_state_mismatch" in caplog.text
    assert _logged_in_user_id(other) is None
    assert vneid_simulator.calls.count("/gia-lap/vneid/token/") == tokens_spent


def test_a_replayed_callback_in_the_same_browser_is_refused(client, vneid_simulator):
    callback = choose_identity(client, start_login(client), LEVEL_2)
    client.get(callback)
    # when
    response = client.get(callback)
    # then the state was used up; the earlier login is neither repeated nor recorded twice
    assert response.status_code == 400
    assert AuditEntry.objects.filter(action="citizen.signed_in").count() == 1


def test_a_login_that_comes_back_too_late_is_refused(client, vneid_simulator, monkeypatch, caplog):
    from motcua.integrations.vneid import client as vneid_client

    callback = choose_identity(client, start_login(client), LEVEL_2)
    later = vneid_client.time.time() + vneid_client.LOGIN_WINDOW_S + 1
    monkeypatch.setattr(vneid_client.time, "time", lambda: later)
    # when
    response = client.get(callback)
    # then
    assert response.status_code == 400
    assert "integrations.vneid_state_mismatch" in caplog.text
    assert "/gia-lap/vneid/token/" not in vneid_simulator.calls  # the code was never spent
    assert _logged_in_user_id(client) is None and not Citizen.objects.exists()


def test_the_citizen_session_ends_after_citizen_session_age(client, vneid_simulator, settings):
    settings.CITIZEN_SESSION_AGE_S = 600
    log_in(client, LEVEL_1)
    assert client.session.get_expiry_age() == 600
    assert client.session["vneid_level"] == 1


def test_the_first_login_registers_motcua_with_the_simulator(client, vneid_simulator):
    from oauth2_provider.models import Application

    Application.objects.all().delete()  # as on a fresh database without `bootstrap`
    # when
    response = log_in(client, LEVEL_2)
    # then
    assert response.status_code == 302 and response["Location"] == "/tai-khoan/"
    assert CALLBACK in Application.objects.get().redirect_uris.split()


def test_an_organisation_representative_logs_in_as_themselves(client, vneid_simulator):
    from motcua.citizens.tests.helpers import REPRESENTATIVE

    assert REPRESENTATIVE in client.get(start_login(client), follow=True).content.decode()
    log_in(client, REPRESENTATIVE)
    assert client.session["acting_for_tax_code"] == ""  # the organisation hook, not yet set
    assert Citizen.objects.get(citizen_id=REPRESENTATIVE).last_assurance_level == 2
