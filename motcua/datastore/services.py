"""Writing to the personal data store: keeping documents, and recording their reuse."""

from __future__ import annotations

import hashlib
from pathlib import PurePosixPath
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from motcua.core import clock
from motcua.datastore.errors import DocumentNotFound
from motcua.datastore.models import DocumentKind, DocumentUse, StoredDocument
from motcua.dossiers.services.uploads import check_upload
from motcua.dossiers.types import ApplicantKind

__all__ = ["collect_from_dossier", "reuse_document", "store_document"]


def store_document(
    *,
    owner: Any,
    kind: str,
    name: str,
    content: bytes,
    file_name: str,
    source_dossier: Any = None,
    source_code: str = "",
) -> StoredDocument:
    """Keep a copy of a document for its owner; the same content of the same kind is kept once.

    The content is checked like any upload (type from its first bytes, size limit), so the
    store never holds what a dossier would refuse.
    """
    checked = check_upload(file_name, content[:16], len(content))
    digest = hashlib.sha256(content).hexdigest()
    found = StoredDocument.objects.filter(owner=owner, kind=kind, sha256=digest).first()
    if found is not None:
        return found
    document = StoredDocument(
        owner=owner,
        kind=kind,
        name=(name or checked.name)[:500],
        file_name=checked.name,
        content_type=checked.content_type,
        size=len(content),
        sha256=digest,
        source_dossier=source_dossier,
        source_code=source_code[:100],
        created_at=clock.now(),
    )
    document.file.save(checked.name, ContentFile(content), save=False)
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:  # the same hook ran twice at once
        document.file.delete(save=False)
        return StoredDocument.objects.get(owner=owner, kind=kind, sha256=digest)
    return document


def reuse_document(*, citizen: Any, document: StoredDocument, dossier: Any, component: Any) -> DocumentUse:
    """Record that ``dossier`` took ``document`` for ``component`` (a DossierComponent or its position).

    Idempotent: saving a draft twice records the reuse once.
    """
    if document.owner_id != getattr(_user_of(citizen), "pk", None):
        raise DocumentNotFound()
    position = component if isinstance(component, int) else component.position
    name = "" if isinstance(component, int) else component.name
    use, _created = DocumentUse.objects.get_or_create(
        document=document,
        dossier=dossier,
        component_position=position,
        defaults={"component_name": name[:1000], "used_at": clock.now()},
    )
    return use


def collect_from_dossier(*, dossier: Any) -> list[StoredDocument]:
    """Put a dossier's signed e-results and digitised components in its owner's store.

    The owner is the account that applied online, or else the citizen whose ID number the
    desk typed in (a paper dossier digitised at the counter). Nobody to give them to: nothing.
    An organisation's dossier goes in no personal store: the store is a person's, and the
    representative who submitted it may not be the one tomorrow; they download its results
    from "my dossiers" while acting for the organisation.
    Called when the result is returned; running it again stores nothing twice.
    """
    owner = _owner_of(dossier)
    if owner is None:
        return []
    stored = [
        _keep(owner, DocumentKind.E_RESULT, result.name, result.file, dossier, result.code)
        for result in dossier.results.filter(state="valid")
        if result.file
    ]
    stored += [
        _keep(owner, DocumentKind.DIGITISED, row.name, row.file, dossier, dossier.code or "")
        for row in dossier.components.filter(digitised=True)
        if row.file
    ]
    return stored


def _owner_of(dossier: Any) -> Any:
    if dossier.owner_kind != ApplicantKind.CITIZEN:
        return None
    if dossier.account_id:
        return dossier.account
    number = (dossier.owner_id_number or "").strip()
    if len(number) != 12:
        return None
    return get_user_model().objects.filter(citizen__citizen_id=number, is_active=True).first()


def _keep(owner: Any, kind: str, name: str, file: Any, dossier: Any, code: str) -> StoredDocument:
    file.open("rb")
    try:
        content = file.read()
    finally:
        file.close()
    base = PurePosixPath(file.name).name
    return store_document(
        owner=owner,
        kind=kind,
        name=name,
        content=content,
        file_name=f"{code}.pdf" if kind == DocumentKind.E_RESULT and code else base,
        source_dossier=dossier,
        source_code=code,
    )


def _user_of(citizen: Any) -> Any:
    """Callers may pass the citizen's user or their ``Citizen`` profile."""
    return getattr(citizen, "user", citizen)
