"""The documents of an online application: uploaded, or taken from the citizen's data store.

Each component of the procedure is one ``ComponentChoice``: a file checked by content and
size, or a stored document of the citizen's own (another's, or a made-up reference,
answers like a missing one). What was reused is recorded in the store; uploads are kept
there for later when the citizen asks.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from motcua.catalog import selectors as catalog_selectors
from motcua.core.errors import NotFound
from motcua.datastore import selectors as store_selectors
from motcua.datastore import services as store_services
from motcua.datastore.types import DocumentKind
from motcua.dossiers.services.components import ComponentInput
from motcua.portal.citizen_auth import current_level
from motcua.portal.submit_forms import ComponentChoice, check_file

__all__ = ["component_choices", "component_input", "components_of", "given", "keep_copies", "record_reuse"]


def given(choice: ComponentChoice) -> bool:
    return choice.upload is not None or choice.stored is not None


def component_input(choice: ComponentChoice) -> ComponentInput:
    if choice.upload is not None:
        return ComponentInput(position=choice.position, file=choice.upload)
    # A copy of the stored file goes with the dossier: the official sees it like an upload.
    return ComponentInput(
        position=choice.position, file=choice.stored.file, store_document=str(choice.stored.reference)
    )


def record_reuse(request: HttpRequest, dossier: Any, choices: list[ComponentChoice]) -> None:
    rows = {row.position: row for row in dossier.components.all()}  # the row names the document
    for choice in choices:
        if choice.stored is not None and not choice.error and choice.upload is None:
            store_services.reuse_document(
                citizen=request.user,
                document=choice.stored,
                dossier=dossier,
                component=rows.get(choice.position, choice.position),
            )


def keep_copies(request: HttpRequest, dossier: Any, choices: list[ComponentChoice]) -> None:
    for choice in choices:
        if choice.upload is not None and not choice.error:
            choice.upload.seek(0)
            store_services.store_document(
                owner=request.user,
                kind=DocumentKind.UPLOADED,
                name=choice.name,
                content=choice.upload.read(),
                file_name=choice.upload.name,
                source_dossier=dossier,
            )


def component_choices(request: HttpRequest, procedure: Any, dossier: Any) -> list[ComponentChoice]:
    choices = components_of(procedure)
    for choice in choices:
        upload = request.FILES.get(choice.file_field)
        stored = request.POST.get(choice.store_field, "")
        if upload is not None:
            choice.upload, choice.error = upload, check_file(upload)
        elif stored:
            try:
                level = current_level(request)
                choice.stored = store_selectors.document_of(request.user, stored, level=level)
            except NotFound:  # someone else's, or made up: same message
                choice.error = _("This document is not in your data store.")
    return choices


def components_of(procedure: Any) -> list[ComponentChoice]:
    components = catalog_selectors.procedure_content(procedure).get("components", [])
    return [
        ComponentChoice(
            position=position,
            name=component["name"],
            mandatory=bool(component.get("mandatory", True)) and component.get("kind") != "show_only",
            kind=component.get("kind", ""),
        )
        for position, component in enumerate(components, start=1)
    ]
