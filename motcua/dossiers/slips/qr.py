"""The QR code at the top left of every printed document (Circular 01/2023, Art. 26).

The content is plain UTF-8 text, one ``key=value`` per line after a format line, so a
phone's camera shows something a person can read and a program can split on ``=``::

    motcua-qr/1
    code=000.00.12.H04-260105-0001
    proc=1.001193
    owner=********7890
    doc=Giấy tiếp nhận hồ sơ và hẹn trả kết quả
    sys=motcua
    at=2026-01-05T09:05:00+07:00
    appt=2026-01-08
    url=http://127.0.0.1:8000/tra-cuu/?ma=000.00.12.H04-260105-0001

``url`` comes last so a reader that links URLs finds it on its own line. The owner's
citizen ID or tax code is masked but for its last four characters: the paper stays with
the applicant and anyone can scan it. See ``docs/subsystems/slips.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from urllib.parse import quote

import segno
from django.conf import settings

from motcua.dossiers.slips.text import local, mask_identifier, nfc

FORMAT = "motcua-qr/1"
ISSUING_SYSTEM = "motcua"
DEFAULT_BASE_URL = "http://127.0.0.1:8000"


def public_base_url() -> str:
    """``settings.PUBLIC_BASE_URL`` when the project defines it, else the development server."""
    return str(getattr(settings, "PUBLIC_BASE_URL", "") or DEFAULT_BASE_URL).rstrip("/")


def tracking_url(identifier: str) -> str:
    """The public tracking page of a dossier: ``<base>/tra-cuu/?ma=<code>``."""
    return f"{public_base_url()}/tra-cuu/?ma={quote(identifier, safe='.-')}"


def qr_payload(
    *,
    dossier: Any,
    document_name: str,
    issued_at: datetime,
    extra: Mapping[str, object] | None = None,
    url: str = "",
) -> str:
    """What the QR code of a document about ``dossier`` holds (format in the module doc)."""
    fields: dict[str, object] = {
        "code": dossier.identifier,
        "proc": dossier.procedure.code,
        "owner": mask_identifier(dossier.owner_id_number or ""),
        "doc": document_name,
        "sys": ISSUING_SYSTEM,
        "at": local(issued_at).replace(microsecond=0).isoformat(),
        **(extra or {}),
        "url": url or tracking_url(dossier.identifier),
    }
    return encode(fields)


def encode(fields: Mapping[str, object]) -> str:
    """The format line, then ``key=value`` lines; empty values are left out."""
    lines = [FORMAT]
    for key, value in fields.items():
        text = " ".join(nfc(value).split())  # one line per field, whatever the value held
        if text:
            lines.append(f"{key}={text}")
    return "\n".join(lines)


def decode(payload: str) -> dict[str, str]:
    """The fields of a payload written by ``encode`` (for tests and the tracking page)."""
    head, *lines = payload.split("\n")
    if head != FORMAT:
        raise ValueError(f"not a {FORMAT} payload")
    return dict(line.split("=", 1) for line in lines)


def qr_svg_uri(payload: str) -> str:
    """The QR code as an SVG data URI (ISO/IEC 18004, error correction M), no quiet zone.

    The page margin around it is white already; the SVG scales to whatever box holds it.
    """
    return segno.make(payload, error="m", micro=False).svg_data_uri(border=0, omitsize=True)
