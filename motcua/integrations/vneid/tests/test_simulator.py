"""The bundled VNeID simulator is a real OIDC provider: discovery, PKCE, codes, claims, mounting."""

from __future__ import annotations

import base64
import hashlib
import importlib

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import clear_url_caches
from joserfc import jwt
from joserfc.jwk import KeySet
from oauth2_provider.models import Application

from motcua.core.models import AuditEntry
from motcua.integrations.vneid.simulator.registration import register_motcua_client
from motcua.integrations.vneid.tests.support import (
    CALLBACK,
    LEVEL_1,
    LEVEL_2,
    choose_identity,
    query,
    start_login,
)

pytestmark = pytest.mark.django_db
TOKEN = "/gia-lap/vneid/token/"


def _code_and_verifier(client: Client, citizen_id: str = LEVEL_2) -> tuple[str, str]:
    authorize = start_login(client)
    state = query(authorize)["state"]
    verifier = client.session[f"_state_vneid_{state}"]["data"]["code_verifier"]
    callback = choose_identity(client, authorize, citizen_id)
    return query(callback)["code"], verifier


def _redeem(code: str, verifier: str, settings) -> dict:
    response = Client().post(
        TOKEN,
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": CALLBACK,
            "code_verifier": verifier,
            "client_id": settings.VNEID_CLIENT_ID,
            "client_secret": settings.VNEID_CLIENT_SECRET,
        },
    )
    return {"status": response.status_code, **response.json()}


def test_discovery_advertises_code_flow_with_s256_and_rs256(client, vneid_simulator):
    document = client.get("/gia-lap/vneid/.well-known/openid-configuration").json()
    assert document["issuer"] == "http://testserver/gia-lap/vneid"
    assert document["authorization_endpoint"] == "http://testserver/gia-lap/vneid/authorize/"
    assert document["token_endpoint"] == "http://testserver/gia-lap/vneid/token/"
    assert document["jwks_uri"] == "http://testserver/gia-lap/vneid/.well-known/jwks.json"
    assert document["userinfo_endpoint"] == "http://testserver/gia-lap/vneid/userinfo/"
    assert document["code_challenge_methods_supported"] == ["S256"]
    assert "RS256" in document["id_token_signing_alg_values_supported"]
    assert {"sub", "name", "birthdate", "phone_number", "acr"} <= set(document["claims_supported"])
    keys = client.get("/gia-lap/vneid/.well-known/jwks.json").json()["keys"]
    assert [(k["kty"], k["alg"]) for k in keys] == [("RSA", "RS256")]


def test_the_code_gives_an_rs256_id_token_with_the_vneid_claims(client, vneid_simulator, settings):
    code, verifier = _code_and_verifier(client)
    answer = _redeem(code, verifier, settings)
    assert answer["status"] == 200, answer
    keys = KeySet.import_key_set(client.get("/gia-lap/vneid/.well-known/jwks.json").json())
    token = jwt.decode(answer["id_token"], keys)
    assert token.header["alg"] == "RS256"
    claims = token.claims
    assert claims["sub"] == LEVEL_2 and claims["acr"] == "vneid:level2"
    assert (claims["name"], claims["birthdate"], claims["phone_number"]) == (
        "Nông Thị Hoa",
        "1995-03-14",
        "0912345678",
    )
    assert claims["aud"] == settings.VNEID_CLIENT_ID and claims["iss"] == "http://testserver/gia-lap/vneid"
    userinfo = Client().get(
        "/gia-lap/vneid/userinfo/", headers={"Authorization": f"Bearer {answer['access_token']}"}
    )
    assert userinfo.status_code == 200
    assert userinfo.json()["sub"] == LEVEL_2 and userinfo.json()["acr"] == "vneid:level2"


def test_a_level_1_identity_without_phone(client, vneid_simulator, settings):
    code, verifier = _code_and_verifier(client, LEVEL_1)
    claims = jwt.decode(
        _redeem(code, verifier, settings)["id_token"],
        KeySet.import_key_set(client.get("/gia-lap/vneid/.well-known/jwks.json").json()),
    ).claims
    assert claims["acr"] == "vneid:level1" and "phone_number" not in claims


def test_a_wrong_code_verifier_is_invalid_grant(client, vneid_simulator, settings):
    code, verifier = _code_and_verifier(client)
    answer = _redeem(code, verifier[:-4] + "AAAA", settings)
    assert (answer["status"], answer["error"]) == (400, "invalid_grant")


def test_a_reused_code_is_invalid_grant(client, vneid_simulator, settings):
    code, verifier = _code_and_verifier(client)
    assert _redeem(code, verifier, settings)["status"] == 200
    answer = _redeem(code, verifier, settings)
    assert (answer["status"], answer["error"]) == (400, "invalid_grant")


def _authorize_with(client: Client, **changes) -> str:
    authorize = start_login(client)
    params = {**query(authorize), **changes}
    params = {key: value for key, value in params.items() if value is not None}
    url = "/gia-lap/vneid/authorize/?" + "&".join(f"{k}={v}" for k, v in params.items())
    client.get(url)
    client.post("/gia-lap/vneid/dang-nhap/", {"next": url, "citizen_id": LEVEL_2})
    return client.get(url)["Location"]


def test_pkce_is_required(client, vneid_simulator):
    location = _authorize_with(client, code_challenge=None, code_challenge_method=None)
    assert location.startswith(CALLBACK) and query(location)["error"] == "invalid_request"
    assert "code" not in query(location)


def test_the_plain_pkce_method_is_refused(client, vneid_simulator):
    verifier = "v" * 50
    location = _authorize_with(client, code_challenge=verifier, code_challenge_method="plain")
    assert "error" in query(location) and "code" not in query(location)


def test_s256_challenge_is_checked(client, vneid_simulator, settings):
    # A challenge computed by hand, to show the provider checks the transform itself.
    verifier = "k" * 64
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")
    location = _authorize_with(client, code_challenge=challenge)
    assert _redeem(query(location)["code"], verifier, settings)["status"] == 200


def test_only_the_code_flow_is_served(client, vneid_simulator):
    location = _authorize_with(client, response_type="token")
    assert "access_token" not in location and "error" in location


def test_an_unregistered_redirect_uri_gets_no_code(client, vneid_simulator):
    evil = "/gia-lap/vneid/authorize/?client_id=motcua-portal&redirect_uri=http://evil.example/cb"
    assert client.get("/gia-lap/vneid/dang-nhap/", {"next": evil}).status_code == 400
    location = _authorize_with(client, redirect_uri="http://evil.example/cb")
    assert not location.startswith("http://evil.example")


def test_a_logged_in_motcua_user_is_not_the_simulator_person(client, vneid_simulator, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", password="x")
    client.force_login(admin)
    response = client.get(start_login(client))
    assert response.status_code == 302 and "/gia-lap/vneid/dang-nhap/" in response["Location"]


def test_the_login_page_lists_level_1_and_level_2_people(client, vneid_simulator):
    authorize = start_login(client)
    page = client.get("/gia-lap/vneid/dang-nhap/", {"next": authorize}).content.decode()
    assert "Nông Thị Hoa" in page and LEVEL_2 in page and LEVEL_1 in page
    assert 'name="cancel"' in page


def test_demo_dossier_owners_are_offered_too(client, vneid_simulator, django_user_model):
    owner = django_user_model.objects.create(username="004190123456", first_name="Bế Văn Đàn")
    authorize = start_login(client)
    page = client.get("/gia-lap/vneid/dang-nhap/", {"next": authorize}).content.decode()
    assert "Bế Văn Đàn" in page and owner.username in page


def test_registration_is_idempotent(settings):
    app, changed = register_motcua_client(redirect_uris=[CALLBACK])
    again, changed_again = register_motcua_client(redirect_uris=[CALLBACK])
    assert changed and not changed_again and app.pk == again.pk
    assert Application.objects.filter(client_id=settings.VNEID_CLIENT_ID).count() == 1
    assert AuditEntry.objects.filter(action="vneid_simulator.client_registered").count() == 1
    register_motcua_client(redirect_uris=["http://localhost:9000/dang-nhap/vneid/callback/"])
    again.refresh_from_db()
    assert again.redirect_uris.split() == [CALLBACK, "http://localhost:9000/dang-nhap/vneid/callback/"]
    assert again.skip_authorization and again.algorithm == "RS256"


def test_the_command_registers_the_client_and_keeps_the_key(db, settings, capsys):
    call_command("init_vneid_simulator")
    call_command("init_vneid_simulator")
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("client motcua-portal registered") and out[1].endswith("unchanged")
    app = Application.objects.get(client_id=settings.VNEID_CLIENT_ID)
    assert f"{settings.PUBLIC_BASE_URL}/dang-nhap/vneid/callback/" in app.redirect_uris.split()


def test_the_key_file_is_made_once(tmp_path):
    from motcua.integrations.vneid.simulator.keys import ensure_signing_key

    path = tmp_path / "k.pem"
    assert ensure_signing_key(path) == (path, True)
    first = path.read_bytes()
    assert ensure_signing_key(path) == (path, False) and path.read_bytes() == first
    assert (path.stat().st_mode & 0o777) == 0o600


@pytest.fixture
def live_mode(settings):
    import motcua.urls

    settings.INTEGRATIONS_MODE = "live"
    importlib.reload(motcua.urls)
    clear_url_caches()
    yield
    settings.INTEGRATIONS_MODE = "simulated"
    importlib.reload(motcua.urls)
    clear_url_caches()


@pytest.mark.parametrize(
    "path",
    [
        "/gia-lap/vneid/.well-known/openid-configuration",
        "/gia-lap/vneid/.well-known/jwks.json",
        "/gia-lap/vneid/authorize/",
        "/gia-lap/vneid/dang-nhap/",
    ],
)
def test_the_simulator_is_absent_in_live_mode(client, live_mode, path):
    assert client.get(path).status_code == 404


def test_live_mode_without_vneid_settings_says_so(client, live_mode, settings):
    settings.VNEID_DISCOVERY_URL = ""
    response = client.post("/dang-nhap/", {"next": "/tai-khoan/"})
    assert response.status_code == 503
    assert "/dang-nhap/?next=" in response.content.decode()
