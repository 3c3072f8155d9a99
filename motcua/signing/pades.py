"""One PAdES B-T signature with pyHanko: CMS by the signer, timestamp by the bundled TSA.

The visible stamp is Vietnamese text in Be Vietnam Pro (the ``opentype`` extra shapes
it; the default PDF font is Latin-only), drawn at the bottom of the last page.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import fontpkg_be_vietnam_pro
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator.registry import SimpleCertificateStore

from motcua.signing.authority import Chain

A4 = (595.0, 842.0)
STAMP_WIDTH, STAMP_HEIGHT, MARGIN, GAP = 235.0, 58.0, 36.0, 8.0
FONT_SIZE, LEADING = 7, 11  # leading 11 at 7 pt: the hook of "Ủ" clears the line above


@dataclass(frozen=True)
class Signature:
    certificate: x509.Certificate
    key: PrivateKeyTypes
    field_name: str
    slot: int  # 0 = rightmost stamp box on the last page, 1 = the one left of it
    stamp_text: str  # pyHanko template: %(name)s-style fields filled from stamp_params
    stamp_params: dict[str, str]
    reason: str
    location: str


def apply_signature(pdf: bytes, signature: Signature, *, chain: Chain) -> bytes:
    """``pdf`` with one more signature appended as an incremental update."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    meta = signers.PdfSignatureMetadata(
        field_name=signature.field_name,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=signature.reason,
        location=signature.location,
    )
    signer = signers.SimpleSigner(
        signing_cert=_asn1_certificate(signature.certificate),
        signing_key=_asn1_key(signature.key),
        cert_registry=SimpleCertificateStore.from_certs(
            [_asn1_certificate(chain.issuing), _asn1_certificate(chain.root)]
        ),
    )
    field = fields.SigFieldSpec(signature.field_name, on_page=-1, box=_box(writer, signature.slot))
    pdf_signer = signers.PdfSigner(
        meta,
        signer=signer,
        timestamper=_timestamper(chain),
        stamp_style=_stamp_style(signature.stamp_text),
        new_field_spec=field,
    )
    output = io.BytesIO()
    pdf_signer.sign_pdf(writer, output=output, appearance_text_params=signature.stamp_params)
    return output.getvalue()


def _timestamper(chain: Chain) -> DummyTimeStamper:
    """An RFC 3161 TSA inside the process, signing with the province's TSA certificate."""
    return DummyTimeStamper(
        tsa_cert=_asn1_certificate(chain.tsa),
        tsa_key=_asn1_key(chain.tsa_key),
        certs_to_embed=SimpleCertificateStore.from_certs([_asn1_certificate(chain.root)]),
    )


def _stamp_style(text: str) -> TextStampStyle:
    return TextStampStyle(
        stamp_text=text,
        border_width=1,
        text_box_style=TextBoxStyle(
            font=GlyphAccumulatorFactory(str(_font()), font_size=FONT_SIZE), leading=LEADING
        ),
    )


def _box(writer: IncrementalPdfFileWriter, slot: int) -> tuple[float, float, float, float]:
    """The stamp's rectangle at the bottom right of the last page, ``slot`` boxes leftwards."""
    x0, y0, x1, _y1 = _media_box(writer)
    right = x1 - MARGIN - slot * (STAMP_WIDTH + GAP)
    bottom = y0 + MARGIN / 2
    return (max(x0, right - STAMP_WIDTH), bottom, right, bottom + STAMP_HEIGHT)


def _media_box(writer: IncrementalPdfFileWriter) -> tuple[float, float, float, float]:
    try:
        page_ref, _resources = writer.find_page_for_modification(-1)
        x0, y0, x1, y1 = (float(v) for v in page_ref.get_object()["/MediaBox"])
    except (KeyError, TypeError, ValueError):
        return (0.0, 0.0, *A4)
    return (x0, y0, x1, y1)


@cache
def _font() -> Path:
    return Path(fontpkg_be_vietnam_pro.ROOT) / "files" / "BeVietnamPro-Regular.ttf"


def _asn1_certificate(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


def _asn1_key(key: PrivateKeyTypes) -> asn1_keys.PrivateKeyInfo:
    der = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return asn1_keys.PrivateKeyInfo.load(der)
