"""Private keys at rest: PKCS#8, encrypted with a per-key password derived from the server secret.

Each key is stored as an ``ENCRYPTED PRIVATE KEY`` PEM (``cryptography``'s
``BestAvailableEncryption``: PBES2, AES-256-CBC). Its password is
``HKDF-SHA256(secret, salt="motcua.signing.keystore/v1", info="key:" + serial)``, where the
secret is ``settings.SIGNING_KEY_SECRET`` when set, else ``settings.SECRET_KEY``. Binding
the password to the certificate's serial means a key copied onto another row does not
open. The PEM stays a standard file: an operator holding the secret can export a key
with ``openssl pkcs8``.

This protects a stolen database dump, not a stolen server (the secret lives there too).
A production province signs with the national public-service CA's certificates (Decree
68/2024/NĐ-CP) held in HSMs or remote-signing services, not with keys in the database.
Changing the secret makes the stored keys unreadable: set ``SIGNING_KEY_SECRET`` to the
old ``SECRET_KEY`` before rotating the latter.
"""

from __future__ import annotations

import base64

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

SALT = b"motcua.signing.keystore/v1"


def seal_private_key(key: PrivateKeyTypes, *, serial: str) -> str:
    """The key as an encrypted PKCS#8 PEM whose password only this server can derive."""
    encryption = serialization.BestAvailableEncryption(_password(serial))
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)
    return pem.decode("ascii")


def open_private_key(sealed: str, *, serial: str) -> PrivateKeyTypes:
    return serialization.load_pem_private_key(sealed.encode("ascii"), password=_password(serial))


def _password(serial: str) -> bytes:
    secret = getattr(settings, "SIGNING_KEY_SECRET", "") or settings.SECRET_KEY
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=SALT, info=f"key:{serial}".encode()).derive(
        secret.encode()
    )
    return base64.urlsafe_b64encode(derived)
