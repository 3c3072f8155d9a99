"""Reads of the personal data store. A citizen sees only their own documents.

A store holds the citizen's own uploads, and the results and digitised documents of a
dossier (``services.collect_from_dossier``). A dossier's documents
are shown exactly while that dossier is one of the login's own in "my dossiers", acting for
themselves (``dossiers.selectors.dossiers_of_account``, whose rule is
``dossiers/ownership.py``): those of a dossier the account submitted at any VNeID level,
those of a dossier filed for the citizen at a desk, by post or on the national portal only
at level 2 (at this login and on the profile). The store copies the results of such a
dossier when it is handed over, so without this a level-1 login would read here what "my
dossiers" keeps from it.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db.models import Count, Q, QuerySet

from motcua.datastore.errors import DocumentNotFound
from motcua.datastore.models import DocumentKind, DocumentUse, StoredDocument
from motcua.dossiers import selectors as dossier_selectors

__all__ = ["document_of", "documents_of", "uses_of"]


def documents_of(owner: Any, *, kind: str = "", level: int | None = None) -> QuerySet[StoredDocument]:
    """The owner's documents this login may see, newest first, each with ``use_count``.

    ``level``: the VNeID level of this login; without it, as at level 1 (a dossier's
    documents only when the account submitted it). ``kind`` narrows them.
    """
    if not getattr(owner, "is_authenticated", False):
        return StoredDocument.objects.none()
    mine = dossier_selectors.dossiers_of_account(owner, level=level).values("pk")
    queryset = (
        StoredDocument.objects.filter(owner=owner)
        # An upload is the person's own whatever dossier it went with, and so is what no
        # dossier brought (dossiers are kept, not deleted); a result or a scan of a dossier
        # only while they may follow that dossier.
        .filter(Q(kind=DocumentKind.UPLOADED) | Q(source_dossier__isnull=True) | Q(source_dossier__in=mine))
        .select_related("source_dossier")
    )
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset.annotate(use_count=Count("uses"))


def document_of(owner: Any, reference: str | UUID, *, level: int | None = None) -> StoredDocument:
    """One of the documents ``documents_of`` shows this login, by reference; 404 for any other."""
    try:
        key = UUID(str(reference))
    except ValueError:
        raise DocumentNotFound() from None
    found = documents_of(owner, level=level).filter(reference=key).first()
    if found is None:
        raise DocumentNotFound()
    return found


def uses_of(document: StoredDocument) -> QuerySet[DocumentUse]:
    """The dossiers that took this document instead of an upload, newest first."""
    return document.uses.select_related("dossier", "dossier__procedure")
