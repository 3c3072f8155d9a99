"""Attaching what the applicant brings: files (checked by content), e-form data, reused data."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import InvalidInput
from motcua.dossiers.errors import ComponentMissing
from motcua.dossiers.files import check_upload
from motcua.dossiers.models import Dossier, DossierComponent

__all__ = ["ComponentInput", "attach_components", "missing_components", "require_components"]


@dataclass(frozen=True)
class ComponentInput:
    """One component as handed in; ``position`` counts from 1 in the procedure's list."""

    position: int
    file: Any = None  # a Django File / UploadedFile
    form_data: dict[str, Any] | None = None
    copies: int = 0
    digitised: bool = False
    store_document: str = ""  # id of a document reused from the personal data store
    from_population: bool = False


class UnknownComponent(InvalidInput):
    code = "dossier.unknown_component"
    default_message = _("The procedure has no document number %(value)s.")


def attach_components(dossier: Dossier, given: tuple[ComponentInput, ...] | list[ComponentInput]) -> None:
    rows = {row.position: row for row in dossier.components.all()}
    for item in given:
        row = rows.get(item.position)
        if row is None:
            raise UnknownComponent(value=item.position)
        _apply(row, item)


def _apply(row: DossierComponent, item: ComponentInput) -> None:
    if item.file is not None:
        _store_file(row, item.file)
        row.digitised = row.digitised or item.digitised
    if item.form_data is not None:
        row.form_data = item.form_data
    if item.store_document:
        row.from_store, row.store_document = True, item.store_document[:100]
    row.from_population = row.from_population or item.from_population
    row.copies = max(row.copies, item.copies)
    row.save()


def _store_file(row: DossierComponent, upload: Any) -> None:
    upload.seek(0)
    head = upload.read(16)
    checked = check_upload(getattr(upload, "name", ""), head, upload.size)
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(65536), b""):
        digest.update(chunk)
    upload.seek(0)
    row.file.save(checked.name, upload, save=False)
    row.file_name, row.content_type = checked.name, checked.content_type
    row.size, row.sha256 = upload.size, digest.hexdigest()


def missing_components(dossier: Dossier) -> list[str]:
    """Mandatory documents not yet provided; the declaration is provided by the e-form data."""
    has_form = bool(dossier.form_data)
    return [
        row.name
        for row in dossier.components.all()
        if row.mandatory and not row.provided and not (has_form and row.position == _form_position(dossier))
    ]


def require_components(dossier: Dossier) -> None:
    missing = missing_components(dossier)
    if missing:
        raise ComponentMissing(name=missing[0])


def _form_position(dossier: Dossier) -> int | None:
    components = dossier.procedure_revision.snapshot.get("components", [])
    for position, component in enumerate(components, start=1):
        if component.get("kind") == "form":
            return position
    return None
