"""Inbound events through the real endpoint: signature, envelope, applied once."""

import json
from datetime import timedelta

import pytest

from motcua.core import clock
from motcua.integrations import inbound, signatures
from motcua.integrations.errors import UnknownDossier
from motcua.integrations.models import InboundEvent

pytestmark = pytest.mark.django_db
SECRET = "test-secret"
URL = "/api/v1/integrations/test-system/events/"


@pytest.fixture(autouse=True)
def test_system(settings):
    """A system whose handler counts what it applied and knows one dossier."""
    settings.INBOUND_SECRETS = {**settings.INBOUND_SECRETS, "test-system": SECRET}
    applied = []

    @inbound.register("test-system")
    def handle(event: inbound.Event) -> dict:
        if event.data.get("dossier") != "D-1":
            raise UnknownDossier(code=event.data.get("dossier"))
        applied.append(event.id)
        return {"applied": len(applied)}

    yield applied
    inbound._handlers.pop("test-system")


def post(client, envelope, *, secret=SECRET, at=None, url=URL, raw=None):
    body = raw if raw is not None else json.dumps(envelope).encode()
    header = signatures.sign(secret, body, at=at)
    return client.post(url, body, content_type="application/json", HTTP_X_MOTCUA_SIGNATURE=header)


EVENT = {
    "id": "ev-1",
    "type": "thing.happened",
    "occurred_at": "2026-11-24T08:00:00+07:00",
    "data": {"dossier": "D-1"},
}


def test_a_signed_event_is_applied_and_recorded(client, test_system):
    response = post(client, EVENT)
    assert response.status_code == 200
    assert response.json() == {"id": "ev-1", "duplicate": False, "outcome": {"applied": 1}}
    stored = InboundEvent.objects.get()
    assert (stored.system, stored.event_id, stored.event_type) == ("test-system", "ev-1", "thing.happened")


def test_the_same_event_again_is_answered_200_and_applied_once(client, test_system):
    post(client, EVENT)
    again = post(client, EVENT)
    assert again.status_code == 200
    assert again.json() == {"id": "ev-1", "duplicate": True, "outcome": {"applied": 1}}
    assert test_system == ["ev-1"]
    assert InboundEvent.objects.count() == 1


@pytest.mark.parametrize(
    "how",
    ["unsigned", "wrong secret", "body changed", "too old"],
)
def test_a_bad_signature_is_401_and_changes_nothing(client, test_system, how):
    body = json.dumps(EVENT).encode()
    header = {
        "unsigned": "",
        "wrong secret": signatures.sign("guess", body),
        "body changed": signatures.sign(SECRET, body.replace(b"ev-1", b"ev-2")),
        "too old": signatures.sign(SECRET, body, at=clock.now() - timedelta(minutes=6)),
    }[how]
    response = client.post(URL, body, content_type="application/json", HTTP_X_MOTCUA_SIGNATURE=header)
    assert response.status_code == 401
    assert response.json()["code"] == "integrations.bad_signature"
    assert test_system == [] and not InboundEvent.objects.exists()


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"{not json", "not JSON"),
        (b"[1, 2]", "JSON object"),
        (json.dumps({"type": "x"}).encode(), "'id'"),
        (json.dumps({"id": "1", "type": "x", "data": []}).encode(), "'data'"),
        (json.dumps({"id": "1", "type": "x", "occurred_at": "2026-11-24T08:00"}).encode(), "time zone"),
    ],
)
def test_a_malformed_event_is_400_with_the_reason(client, test_system, raw, reason):
    response = post(client, None, raw=raw)
    assert response.status_code == 400
    assert response.json()["code"] == "integrations.malformed_event"
    assert reason in response.json()["detail"]


def test_an_unknown_dossier_is_404_in_the_error_body_and_not_recorded(client, test_system):
    response = post(client, {**EVENT, "data": {"dossier": "D-9"}})
    assert response.status_code == 404
    assert response.json()["code"] == "integrations.unknown_dossier"
    assert "D-9" in response.json()["detail"]
    assert not InboundEvent.objects.exists()
    # The same id can be sent again once the dossier exists: nothing was consumed.
    assert post(client, {**EVENT, "data": {"dossier": "D-1"}}).json()["duplicate"] is False


def test_an_unknown_system_is_404(client):
    response = post(client, EVENT, url="/api/v1/integrations/nobody/events/")
    assert response.status_code == 404
    assert response.json()["code"] == "integrations.unknown_system"


def test_signatures_reject_a_garbled_header():
    with pytest.raises(signatures.BadSignature, match="malformed"):
        signatures.verify(SECRET, "t=abc,v1=00", b"{}")
    with pytest.raises(signatures.BadSignature, match="no shared secret"):
        signatures.verify("", signatures.sign("x", b"{}"), b"{}")
