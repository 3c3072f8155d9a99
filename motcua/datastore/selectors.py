"""Reads of the personal data store. A citizen sees only their own documents."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db.models import Count, QuerySet

from motcua.datastore.errors import DocumentNotFound
from motcua.datastore.models import DocumentUse, StoredDocument

__all__ = ["document_of", "documents_of", "uses_of"]


def documents_of(owner: Any, *, kind: str = "") -> QuerySet[StoredDocument]:
    """The owner's documents, newest first, each with ``use_count``; ``kind`` narrows them."""
    if not getattr(owner, "is_authenticated", False):
        return StoredDocument.objects.none()
    queryset = StoredDocument.objects.filter(owner=owner).select_related("source_dossier")
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset.annotate(use_count=Count("uses"))


def document_of(owner: Any, reference: str | UUID) -> StoredDocument:
    """One of the owner's documents by its reference; 404 for anyone else's or a bad reference."""
    try:
        key = UUID(str(reference))
    except ValueError:
        raise DocumentNotFound() from None
    found = documents_of(owner).filter(reference=key).first()
    if found is None:
        raise DocumentNotFound()
    return found


def uses_of(document: StoredDocument) -> QuerySet[DocumentUse]:
    """The dossiers that took this document instead of an upload, newest first."""
    return document.uses.select_related("dossier", "dossier__procedure")
