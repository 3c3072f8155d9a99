"""The personal data store: kept once, scoped to its owner, reuse recorded, results land in it."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.citizens.tests.helpers import LEVEL_2, log_in_citizen
from motcua.core.errors import NotFound
from motcua.datastore import selectors, services
from motcua.datastore.models import DocumentKind, StoredDocument
from motcua.dossiers import services as dossier_services
from motcua.dossiers.files import FileRejected
from motcua.dossiers.tests.helpers import desk_dossier, frozen, user

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"


@pytest.fixture
def hoa(client):
    return log_in_citizen(client, LEVEL_2).user  # Nông Thị Hoa, the owner of the desk dossiers


@pytest.fixture
def toan(client):
    return log_in_citizen(client, "004203003456", name="Lý Văn Toàn").user


def keep(
    owner, content: bytes = PDF, kind: str = DocumentKind.UPLOADED, name: str = "a.pdf"
) -> StoredDocument:
    return services.store_document(owner=owner, kind=kind, name=name, content=content, file_name=name)


def test_a_document_is_kept_once_with_its_hash_and_type(hoa):
    first = keep(hoa)
    again = keep(hoa, name="b.pdf")
    assert first.pk == again.pk and StoredDocument.objects.count() == 1
    assert first.content_type == "application/pdf" and len(first.sha256) == 64 and first.size == len(PDF)


def test_the_store_refuses_what_a_dossier_would_refuse(hoa):
    with pytest.raises(FileRejected):
        keep(hoa, content=b"MZ\x90\x00" + b"\x00" * 40, name="virus.pdf")
    with pytest.raises(FileRejected):
        keep(hoa, content=b"", name="empty.pdf")
    assert not StoredDocument.objects.exists()


def test_each_citizen_sees_only_their_own_documents(hoa, toan):
    mine, theirs = keep(hoa), keep(toan, content=PDF + b"%other")
    assert list(selectors.documents_of(hoa)) == [mine]
    assert selectors.document_of(hoa, str(mine.reference)) == mine
    for reference in (str(theirs.reference), "not-a-uuid"):
        with pytest.raises(NotFound):
            selectors.document_of(hoa, reference)


def test_reuse_is_recorded_once_and_only_by_the_owner(demo_catalog, hoa, toan):
    document = keep(hoa)
    dossier = desk_dossier()
    first = services.reuse_document(citizen=hoa, document=document, dossier=dossier, component=1)
    again = services.reuse_document(citizen=hoa.citizen, document=document, dossier=dossier, component=1)
    assert first.pk == again.pk and list(selectors.uses_of(document)) == [first]
    assert selectors.documents_of(hoa).get().use_count == 1
    with pytest.raises(NotFound):
        services.reuse_document(citizen=toan, document=document, dossier=dossier, component=2)


def test_returned_e_results_and_digitised_documents_land_in_the_owners_store(demo_catalog, hoa):
    with frozen(2026, 3, 2, 9, 0):
        dossier = desk_dossier()  # at the desk, for the citizen ID of Nông Thị Hoa
        row = dossier.components.first()
        row.file.save("scan.pdf", ContentFile(PDF + b"%scan"), save=False)
        row.digitised = True
        row.save()
        dossier = dossier_services.receive_dossier(dossier=dossier, by=user("thucphan.motcua"))
        dossier_services.assign_dossier(dossier=dossier.code, by=user("thucphan.motcua"))
        dossier_services.complete_step(dossier=dossier.code, by=user("thucphan.xuly"))
        dossier_services.approve_dossier(dossier=dossier.code, by=user("thucphan.lanhdao"))
        result_file = SimpleUploadedFile("kq.pdf", PDF + b"%result", content_type="application/pdf")
        dossier_services.sign_result(dossier=dossier.code, by=user("thucphan.kyso"), file=result_file)
        assert not selectors.documents_of(hoa, level=2).exists()  # signed, not yet handed over
        dossier_services.return_result(dossier=dossier.code, by=user("thucphan.motcua"))
    assert not selectors.documents_of(hoa, level=1).exists()  # filed at a desk: shown at level 2 only
    kinds = {doc.kind: doc for doc in selectors.documents_of(hoa, level=2)}
    assert set(kinds) == {DocumentKind.E_RESULT, DocumentKind.DIGITISED}
    assert kinds[DocumentKind.E_RESULT].source_code == f"{dossier.code}-KQ1"
    assert kinds[DocumentKind.E_RESULT].source_dossier_id == dossier.pk


def test_nothing_is_stored_when_no_citizen_owns_the_dossier(demo_catalog):
    from motcua.dossiers.models import Dossier

    dossier = desk_dossier()
    Dossier.objects.filter(pk=dossier.pk).update(owner_id_number="")
    dossier.refresh_from_db()
    assert services.collect_from_dossier(dossier=dossier) == []
