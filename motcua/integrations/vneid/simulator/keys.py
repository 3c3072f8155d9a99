"""The simulator's RS256 signing key: made once, kept under ``settings.VAR_DIR``, read lazily.

The settings hand django-oauth-toolkit ``lazy_signing_key()``, a lazy string: the file is
read (and created, the first time) only when the provider signs a token or publishes its
JWKS, never when settings are imported. Creation is atomic (write a temporary file, then
link it into place), so two processes starting at once agree on one key.
"""

from __future__ import annotations

import os
import tempfile
from functools import cache
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.utils.functional import lazy

KEY_FILE = "vneid-simulator-key.pem"


def key_path() -> Path:
    from django.conf import settings

    return Path(settings.VAR_DIR) / KEY_FILE


def ensure_signing_key(path: Path | None = None) -> tuple[Path, bool]:
    """Create the key file if it is missing; returns its path and whether it was created."""
    path = path or key_path()
    if path.exists():
        return path, False
    path.parent.mkdir(parents=True, exist_ok=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".vneid-key-")
    try:
        os.write(fd, pem)
        os.close(fd)
        os.chmod(tmp, 0o600)
        try:
            os.link(tmp, path)  # fails if another process won the race: keep its key
        except FileExistsError:
            return path, False
    finally:
        Path(tmp).unlink(missing_ok=True)
    return path, True


@cache
def _read(path: Path) -> str:
    ensure_signing_key(path)
    return path.read_text(encoding="ascii")


def signing_key_pem() -> str:
    return _read(key_path())


lazy_signing_key = lazy(signing_key_pem, str)
