"""What an uploaded file really is: its type from its first bytes, not its name; pure.

A scanned dossier component must open on every official's old PC and in the national
systems, so only the common document formats are accepted, and a file whose content does
not match its extension (an .exe renamed .pdf, a Word file called .jpg) is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import InvalidInput

MAX_UPLOAD_BYTES = 20 * 1024 * 1024

# content type → (leading bytes, extensions that may carry it)
_SIGNATURES: dict[str, tuple[tuple[bytes, ...], frozenset[str]]] = {
    "application/pdf": ((b"%PDF-",), frozenset({".pdf"})),
    "image/jpeg": ((b"\xff\xd8\xff",), frozenset({".jpg", ".jpeg"})),
    "image/png": ((b"\x89PNG\r\n\x1a\n",), frozenset({".png"})),
    "image/tiff": ((b"II*\x00", b"MM\x00*"), frozenset({".tif", ".tiff"})),
}
ACCEPTED_EXTENSIONS = sorted(ext for _, exts in _SIGNATURES.values() for ext in exts)


class FileRejected(InvalidInput):
    code = "dossier.file_rejected"
    default_message = _("The file “%(name)s” cannot be accepted: %(reason)s")


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str


def sniff(head: bytes) -> str | None:
    for content_type, (magics, _extensions) in _SIGNATURES.items():
        if head.startswith(magics):
            return content_type
    return None


def check_upload(name: str, head: bytes, size: int) -> CheckedFile:
    """Accept a PDF or a scan image whose content matches its name, or say why not."""
    clean = PurePosixPath((name or "").replace("\\", "/")).name.strip() or "tep-dinh-kem"
    if size <= 0:
        raise FileRejected(name=clean, reason=_("it is empty."))
    if size > MAX_UPLOAD_BYTES:
        raise FileRejected(name=clean, reason=_("it is larger than 20 MB; scan it at a lower resolution."))
    content_type = sniff(head)
    if content_type is None:
        raise FileRejected(name=clean, reason=_("only PDF, JPEG, PNG and TIFF files are accepted."))
    extension = PurePosixPath(clean).suffix.lower()
    if extension not in _SIGNATURES[content_type][1]:
        raise FileRejected(
            name=clean,
            reason=_("its name says %(extension)s but its content is %(kind)s.")
            % {"extension": extension or _("no type"), "kind": content_type},
        )
    return CheckedFile(name=clean[:255], content_type=content_type)
