"""The personal data store page: my documents and results with what each was used for, and
who in the administration read my dossiers' personal data."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.datastore import selectors as store_selectors
from motcua.datastore import services as store_services
from motcua.datastore.types import DocumentKind
from motcua.dossiers import services
from motcua.dossiers.tests.helpers import user
from motcua.portal.tests.follow_support import HANDLER, PDF, TOAN, citizen, processing, returned, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def hoa(client, demo_catalog):
    return citizen(client)


def test_the_store_lists_my_results_and_documents_with_their_uses(client, hoa):
    ended = returned(hoa.user)  # handing over puts the signed result in the store
    scan = store_services.store_document(
        owner=hoa.user,
        kind=DocumentKind.UPLOADED,
        name="Căn cước công dân",
        content=PDF + b"%1",
        file_name="cccd.pdf",
    )
    later = submitted(hoa.user)
    component = later.components.get(position=2)
    store_services.reuse_document(citizen=hoa, document=scan, dossier=later, component=component)

    page = client.get("/kho-du-lieu/")

    assert page.status_code == 200
    html = page.content.decode()
    result = store_selectors.documents_of(hoa.user, kind=DocumentKind.E_RESULT).get()
    assert result.source_code == f"{ended.code}-KQ1" and f"{ended.code}-KQ1" in html
    assert "Căn cước công dân" in html and "uploaded by me" in html and "electronic result" in html
    assert f"{component.name}" in html and str(later.reference) in html  # what the scan was used for
    assert "Not used in another dossier yet." in html  # the result has not been reused
    download = client.get(f"/kho-du-lieu/{result.reference}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


def test_the_store_is_paginated_and_reads_the_uses_in_few_queries(client, hoa, django_assert_max_num_queries):
    dossier = submitted(hoa.user)
    for n in range(22):
        document = store_services.store_document(
            owner=hoa.user,
            kind=DocumentKind.UPLOADED,
            name=f"Giấy tờ {n}",
            content=PDF + bytes([n]),
            file_name="a.pdf",
        )
        store_services.reuse_document(citizen=hoa, document=document, dossier=dossier, component=1)
    with django_assert_max_num_queries(12):
        first = client.get("/kho-du-lieu/").content.decode()
    assert first.count("Giấy tờ ") == 20 and "Page 1 of 2" in first
    assert client.get("/kho-du-lieu/?trang=2").content.decode().count("Giấy tờ ") == 2


def test_the_access_log_shows_which_official_read_my_dossiers_and_how(client, hoa):
    mine = processing(hoa.user)
    stranger = citizen(Client(), TOAN)
    theirs = processing(stranger.user, name="Lý Văn Toàn")
    services.log_personal_data_access(dossier=mine, by=user(HANDLER), purpose="backoffice")
    services.log_personal_data_access(dossier=mine, by=user("admin"), purpose="api")
    services.log_personal_data_access(dossier=theirs, by=user("baolam.xuly"), purpose="slip")
    services.log_personal_data_access(
        dossier=mine, by=hoa.user, purpose="backoffice"
    )  # own reads: not logged

    page = client.get("/kho-du-lieu/nhat-ky-truy-cap/")

    html = page.content.decode()
    assert page.status_code == 200
    assert html.count(f">{mine.code}</a>") == 2
    assert (
        "opened your dossier in the back office" in html
        and "read your dossier through a connected system" in html
    )
    handler = services.log_personal_data_access(dossier=mine, by=user(HANDLER), purpose="backoffice")
    assert handler.user_name in client.get("/kho-du-lieu/nhat-ky-truy-cap/").content.decode()
    assert theirs.code not in html and "printed a slip" not in html


def test_the_access_log_names_the_officials_agency(client, hoa):
    mine = processing(hoa.user)
    handler = user(HANDLER).official

    services.log_personal_data_access(dossier=mine, by=user(HANDLER), purpose="backoffice")

    html = client.get("/kho-du-lieu/nhat-ky-truy-cap/").content.decode()
    assert f"{handler.full_name} ({handler.agency.name})" in html


def test_another_citizen_gets_404_for_my_documents_and_sees_none_of_them(client, hoa):
    returned(hoa.user)
    document = store_selectors.documents_of(hoa.user).get()
    stranger = Client()
    citizen(stranger, TOAN)

    assert stranger.get(f"/kho-du-lieu/{document.reference}/").status_code == 404
    assert stranger.get("/kho-du-lieu/not-a-uuid/").status_code == 404
    assert document.name not in stranger.get("/kho-du-lieu/").content.decode()
    assert "Your store is empty" in stranger.get("/kho-du-lieu/").content.decode()
    assert "No official has read" in stranger.get("/kho-du-lieu/nhat-ky-truy-cap/").content.decode()


def test_the_store_needs_a_citizen_login(demo_catalog):
    for path in ("/kho-du-lieu/", "/kho-du-lieu/nhat-ky-truy-cap/"):
        response = Client().get(path)
        assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/?next=")
