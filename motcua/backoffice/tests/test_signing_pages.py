"""A demo signer signs a result in the back office with the PIN; independent validators accept it."""

import pytest

from motcua.backoffice.tests.test_dossier_pages import intake, logged_in
from motcua.dossiers.models import Dossier, DossierResult
from motcua.dossiers.tests.helpers import frozen
from motcua.signing.selectors import root_certificate_pem, verify_pdf
from motcua.signing.tests.pdfsig import needs_pdfsig, nss_database, pdfsig

pytestmark = pytest.mark.django_db


def approved_dossier() -> Dossier:
    desk, handler, leader = (
        logged_in("thucphan.motcua"),
        logged_in("thucphan.xuly"),
        logged_in("thucphan.lanhdao"),
    )
    with frozen(2026, 3, 2, 9, 0):
        intake(desk)
        dossier = Dossier.objects.get()
        desk.post(f"/backoffice/ho-so/{dossier.code}/assign/", {"assign-version": dossier.version})
        dossier.refresh_from_db()
        handler.post(
            f"/backoffice/ho-so/{dossier.code}/complete-step/", {"complete-step-version": dossier.version}
        )
        dossier.refresh_from_db()
        leader.post(f"/backoffice/ho-so/{dossier.code}/approve/", {"approve-version": dossier.version})
    dossier.refresh_from_db()
    assert dossier.status == "approved"
    return dossier


def sign(dossier: Dossier, pin: str):
    return logged_in("thucphan.kyso").post(
        f"/backoffice/ho-so/{dossier.code}/sign-result/",
        {"sign-result-version": dossier.version, "sign-result-pin": pin},
    )


@needs_pdfsig
def test_signed_result_is_valid_for_pdfsig_and_pyhanko(demo_catalog, tmp_path):
    dossier = approved_dossier()
    assert sign(dossier, "123456").status_code == 302
    result = DossierResult.objects.get(dossier=dossier)
    assert result.code == f"{dossier.code}-KQ1"
    signed = result.file.read()
    verification = verify_pdf(signed)
    assert verification.valid, verification
    path = tmp_path / "kq.pdf"
    path.write_bytes(signed)
    signatures = pdfsig(path, nss_database(tmp_path / "nss", root_certificate_pem()))
    assert len(signatures) == 2  # the signer's own, then the agency's seal
    assert all(s["Signature Validation"] == "Signature is Valid." for s in signatures)
    assert all(s["Certificate Validation"] == "Certificate is Trusted." for s in signatures)
    page = logged_in("thucphan.kyso").get(f"/xac-thuc/{result.verification_token}/").content.decode()
    assert result.code in page


def test_a_wrong_pin_changes_nothing_and_says_how_many_tries_are_left(demo_catalog):
    dossier = approved_dossier()
    response = sign(dossier, "000000")
    assert response.status_code == 403
    assert "Sai mã PIN" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == "approved" and not DossierResult.objects.exists()


def test_a_handler_cannot_sign(demo_catalog):
    dossier = approved_dossier()
    page = logged_in("thucphan.xuly").get(f"/backoffice/ho-so/{dossier.code}/").content.decode()
    assert "sign-result/" not in page
    response = logged_in("thucphan.xuly").post(
        f"/backoffice/ho-so/{dossier.code}/sign-result/",
        {"sign-result-version": dossier.version, "sign-result-pin": "123456"},
    )
    assert response.status_code == 403
