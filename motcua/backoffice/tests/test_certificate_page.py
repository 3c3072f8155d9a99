import pytest

from motcua.backoffice.tests.test_dossier_pages import logged_in
from motcua.signing.models import CertificateRequest

pytestmark = pytest.mark.django_db


def test_a_signer_sees_the_certificate_and_asks_to_unlock_it(demo_catalog):
    signer = logged_in("thucphan.kyso")
    page = signer.get("/backoffice/chung-thu-so/").content.decode()
    assert "Bế Thị Lan" in page and "chung-thu-so/unlock/" in page and "chung-thu-so/issue/" not in page
    url = "/backoffice/chung-thu-so/unlock/"
    bad = signer.post(url, {"unlock-pin": "654321", "unlock-pin_again": "111111"})
    assert bad.status_code == 302 and not CertificateRequest.objects.exists()
    signer.post(url, {"unlock-pin": "654321", "unlock-pin_again": "654321"})
    request = CertificateRequest.objects.get()
    assert request.kind == "unlock" and request.status == "pending" and request.pin_hash != "654321"
    assert (
        str(request.get_status_display()).lower()
        in signer.get("/backoffice/chung-thu-so/").content.decode().lower()
    )


def test_an_official_without_a_certificate_asks_for_one(demo_catalog):
    handler = logged_in("thucphan.xuly")
    assert "chung-thu-so/issue/" in handler.get("/backoffice/chung-thu-so/").content.decode()
    handler.post("/backoffice/chung-thu-so/revoke/", {"revoke-reason": "unspecified"})
    assert not CertificateRequest.objects.exists()  # nothing to revoke
    handler.post("/backoffice/chung-thu-so/issue/", {"issue-pin": "246810", "issue-pin_again": "246810"})
    assert CertificateRequest.objects.get().kind == "issue"
