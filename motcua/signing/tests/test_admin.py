"""The administrator handles certificate requests in /admin/ with the approve and reject actions."""

from __future__ import annotations

import pytest

from motcua.agencies.tests.factories import UserFactory
from motcua.signing.models import CertificateRequest
from motcua.signing.selectors import current_certificate_of
from motcua.signing.services import request_issue
from motcua.signing.tests.conftest import PIN

pytestmark = pytest.mark.django_db
URL = "/admin/signing/certificaterequest/"


@pytest.fixture
def admin_client(client, authority):
    client.force_login(UserFactory(username="root-admin", is_staff=True, is_superuser=True))
    return client


def test_approve_action_issues_the_certificate(admin_client, official):
    request = request_issue(holder=official, pin=PIN, by=official.user)

    response = admin_client.post(URL, {"action": "approve", "_selected_action": [request.pk]}, follow=True)

    assert response.status_code == 200
    request.refresh_from_db()
    assert request.status == "approved" and current_certificate_of(official) == request.issued


def test_reject_action(admin_client, official):
    request = request_issue(holder=official, pin=PIN, by=official.user)

    admin_client.post(URL, {"action": "reject", "_selected_action": [request.pk]})

    request.refresh_from_db()
    assert request.status == "rejected" and current_certificate_of(official) is None


def test_add_a_request_in_the_admin(admin_client, official):
    response = admin_client.post(
        URL + "add/", {"kind": "issue", "official": official.pk, "pin": PIN, "note": "bổ nhiệm mới"}
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    request = CertificateRequest.objects.get()
    assert request.official == official and request.pin_hash and request.requested_by.username == "root-admin"


def test_add_form_explains_what_is_missing(admin_client, official):
    response = admin_client.post(URL + "add/", {"kind": "issue", "official": official.pk})
    assert response.status_code == 200 and not CertificateRequest.objects.exists()


def test_pages_open(admin_client, official):
    request_issue(holder=official, pin=PIN, by=official.user)
    for url in (URL, "/admin/signing/certificate/", "/admin/signing/revocationlist/", URL + "add/"):
        assert admin_client.get(url).status_code == 200, url
