"""The upload rules other apps and the edges apply before a file reaches a dossier."""

from motcua.dossiers.files import (
    ACCEPTED_EXTENSIONS,
    MAX_UPLOAD_BYTES,
    CheckedFile,
    FileRejected,
    check_upload,
)

__all__ = ["ACCEPTED_EXTENSIONS", "MAX_UPLOAD_BYTES", "CheckedFile", "FileRejected", "check_upload"]
