"""The data store shows a dossier's results and scans exactly when "my dossiers" shows the
dossier: those filed for the citizen at a desk only at VNeID level 2 (dossiers/ownership.py),
and an organisation's results in no personal store (its representative downloads them
from "my dossiers" while acting for it)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import Client

from motcua.catalog.models import Procedure
from motcua.citizens.tests.helpers import log_in_citizen
from motcua.core.errors import NotFound
from motcua.datastore import selectors as store_selectors
from motcua.datastore import services as store_services
from motcua.datastore.models import StoredDocument
from motcua.datastore.types import DocumentKind
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import DossierInput, create_dossier
from motcua.dossiers.tests.helpers import MARRIAGE_STATUS, owner, user
from motcua.portal.tests.follow_support import DESK, HANDLER, HOA, LEADER, PDF, SIGNER, TOAN, citizen, pdf
from motcua.portal.tests.follow_support import returned as returned_online
from motcua.portal.tests.test_my_dossiers_by_citizen_id import filed_at_desk

pytestmark = pytest.mark.django_db

NOTE = "level-2 VNeID account"
TAX_CODE = "4800123456"
ONLINE = "1.004194"  # temporary residence: its lease may come from the data store
COMPANY = "Công ty TNHH Thương mại Non Nước Cao Bằng"


def at_level(client: Client, level: int):
    citizen = log_in_citizen(client, HOA, level=level)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return citizen


def desk_result_and_scan() -> tuple[Dossier, list[StoredDocument]]:
    """Hoa's desk dossier, a component digitised at the counter, its result handed over."""
    dossier = filed_at_desk()
    row = dossier.components.first()
    row.file.save("scan.pdf", ContentFile(PDF + b"%scan"), save=False)
    row.digitised = True
    row.save()
    ended = hand_over(dossier)
    return ended, list(StoredDocument.objects.filter(source_dossier=ended).order_by("kind"))


def hand_over(dossier: Dossier) -> Dossier:
    """A received dossier processed, approved, its result signed and handed over."""
    code = services.assign_dossier(dossier=dossier.code, by=user(DESK)).code
    services.complete_step(dossier=code, by=user(HANDLER))
    services.approve_dossier(dossier=code, by=user(LEADER))
    # Not the bytes of follow_support's results: the store keeps the same content once.
    services.sign_result(dossier=code, by=user(SIGNER), file=pdf("ket-qua.pdf", PDF + b"%desk"))
    return services.return_result(dossier=code, by=user(DESK), delivery="desk")


def download(client: Client, document: StoredDocument):
    return client.get(f"/kho-du-lieu/{document.reference}/")


def test_a_level_1_login_sees_in_its_store_only_what_its_account_submitted_and_is_told_why(
    client, demo_catalog
):
    low = at_level(client, 1)  # the account holding her citizen ID receives what the desk files
    ended, from_desk = desk_result_and_scan()
    assert {d.kind for d in from_desk} == {DocumentKind.E_RESULT, DocumentKind.DIGITISED}
    own = returned_online(low.user)  # submitted by this account: its result at any level
    upload = store_services.store_document(
        owner=low.user, kind=DocumentKind.UPLOADED, name="Sổ hộ khẩu", content=PDF + b"%u", file_name="a.pdf"
    )

    html = client.get("/kho-du-lieu/").content.decode()

    assert f"{own.code}-KQ1" in html and "Sổ hộ khẩu" in html
    assert ended.code not in html and NOTE in html
    for document in from_desk:
        assert str(document.reference) not in html
        assert download(client, document).status_code == 404
    assert download(client, upload).status_code == 200
    own_result = StoredDocument.objects.get(source_dossier=own, kind=DocumentKind.E_RESULT)
    assert download(client, own_result).status_code == 200


def test_a_level_2_login_sees_and_downloads_what_was_filed_for_it(client, demo_catalog):
    at_level(client, 2)
    ended, from_desk = desk_result_and_scan()

    html = client.get("/kho-du-lieu/").content.decode()

    assert f"{ended.code}-KQ1" in html and NOTE not in html
    for document in from_desk:
        assert f"/kho-du-lieu/{document.reference}/" in html
        response = download(client, document)
        assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_profile_last_seen_at_level_1_hides_them_from_a_level_2_session(client, demo_catalog):
    at_level(client, 2)
    _ended, from_desk = desk_result_and_scan()
    log_in_citizen(Client(), HOA, level=1)  # another device, level 1: the lower level wins

    assert all(download(client, document).status_code == 404 for document in from_desk)


def test_another_citizen_gets_404_for_the_files_filed_for_me(client, demo_catalog):
    at_level(client, 2)
    _ended, from_desk = desk_result_and_scan()
    assert len(from_desk) == 2
    stranger = Client()
    citizen(stranger, TOAN)  # level 2, not the owner

    assert all(download(stranger, document).status_code == 404 for document in from_desk)
    assert "Your store is empty" in stranger.get("/kho-du-lieu/").content.decode()


def test_a_new_application_at_level_1_is_not_offered_what_was_filed_for_the_citizen(
    client, demo_catalog, settings
):
    settings.INTEGRATIONS_MODE = "simulated"
    Procedure.objects.filter(code=ONLINE).update(online_level="full")
    low = at_level(client, 1)
    _ended, from_desk = desk_result_and_scan()

    response = client.get(f"/nop-ho-so/{ONLINE}/")

    form = response.content.decode()
    assert response.status_code == 200
    assert all(str(document.reference) not in form for document in from_desk)
    for document in from_desk:  # what the form's POST reads: refused as "not in your data store"
        with pytest.raises(NotFound):
            store_selectors.document_of(low.user, document.reference, level=1)
    high = Client()
    log_in_citizen(high, HOA, level=2)
    offered = high.get(f"/nop-ho-so/{ONLINE}/").content.decode()
    assert all(str(document.reference) in offered for document in from_desk)


def organisation_dossier(account) -> Dossier:
    """Submitted online by ``account`` as the company's representative, then handed over."""
    data = DossierInput(
        procedure_code=MARRIAGE_STATUS,
        channel="online",
        owner=owner(name=COMPANY, id_number=TAX_CODE, kind="organisation"),
    )
    dossier = create_dossier(data=data, by=account, submit=False, account=account)
    dossier.components.update(copies=1)
    dossier = services.submit_dossier(dossier=dossier, by=account)
    dossier = services.receive_dossier(dossier=dossier, by=user(DESK))
    return hand_over(dossier)


def act_for(client: Client, tax_code: str = TAX_CODE, name: str = COMPANY) -> None:
    assert (
        client.post("/tai-khoan/dai-dien-to-chuc/", {"tax_code": tax_code, "name": name}).status_code == 302
    )


def test_an_organisations_result_goes_in_no_personal_store_and_its_representative_downloads_it(
    client, demo_catalog
):
    representative = at_level(client, 2)

    ended = organisation_dossier(representative.user)

    assert not StoredDocument.objects.exists()
    assert ended.code not in client.get("/kho-du-lieu/").content.decode()
    assert client.get(f"/ho-so-cua-toi/{ended.code}/ket-qua/1/").status_code == 404  # acting for herself
    act_for(client)
    response = client.get(f"/ho-so-cua-toi/{ended.code}/ket-qua/1/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    stranger = Client()
    citizen(stranger, TOAN)
    act_for(stranger)  # declares the same company, but did not submit it
    assert stranger.get(f"/ho-so-cua-toi/{ended.code}/ket-qua/1/").status_code == 404


def test_an_organisations_result_kept_in_a_store_before_is_not_shown(client, demo_catalog):
    representative = at_level(client, 2)
    ended = organisation_dossier(representative.user)
    result = ended.results.get()
    result.file.open("rb")
    try:
        content = result.file.read()
    finally:
        result.file.close()
    kept = store_services.store_document(
        owner=representative.user,
        kind=DocumentKind.E_RESULT,
        name=result.name,
        content=content,
        file_name="kq.pdf",
        source_dossier=ended,
        source_code=result.code,
    )

    assert result.code not in client.get("/kho-du-lieu/").content.decode()
    assert download(client, kept).status_code == 404
