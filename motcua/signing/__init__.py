"""Certificates, PAdES signing and verification, and the QR code's compact signature.

See ``docs/subsystems/signing.md``. Other apps use ``services`` (every write, and
``sign_pdf`` / ``qr_signature``), ``selectors`` (``verify_pdf``, ``check_qr_signature``,
public keys), ``errors`` and ``types``.
"""
