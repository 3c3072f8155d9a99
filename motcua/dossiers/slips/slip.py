"""The standard slips 01–06 of one dossier, as HTML (previews, tests) or as a PDF."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.template.loader import render_to_string

from motcua.core import clock
from motcua.dossiers.slips.context import BUILDERS, slip_context
from motcua.dossiers.slips.forms import FORMS
from motcua.dossiers.slips.render import html_to_pdf
from motcua.dossiers.slips.text import nfc

SLIP_KINDS = frozenset(BUILDERS)


def slip_html(
    *, dossier: Any, kind: str, details: Mapping[str, Any] | None = None, issued_at: datetime | None = None
) -> str:
    """The slip ``kind`` (a ``SlipKind`` value) for ``dossier`` as a self-contained HTML page.

    ``details`` is what the action supplied: ``reason``; ``missing`` (supplement request:
    component names, or one text of several lines); ``old_appointment`` and
    ``new_appointment`` (dates, apology and extension); optionally ``number`` (the
    supplement request's register number) and ``official`` (the name to sign). The
    issue time defaults to now.
    """
    if kind not in SLIP_KINDS:
        raise ValueError(f"no slip of kind {kind!r}; one of {sorted(SLIP_KINDS)}")
    context = slip_context(
        dossier=dossier, kind=kind, details=details or {}, issued_at=issued_at or clock.now()
    )
    return nfc(render_to_string(FORMS[kind].template, context))


def render_slip(
    *, dossier: Any, kind: str, details: Mapping[str, Any] | None = None, issued_at: datetime | None = None
) -> bytes:
    """The slip as A4 PDF bytes (the receipt: two pages, one per copy)."""
    return html_to_pdf(slip_html(dossier=dossier, kind=kind, details=details, issued_at=issued_at))
