"""The QR code of a VietQR payload as inline SVG, for any page (desk, portal); no image request."""

from __future__ import annotations

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(payload: str, *, scale: int = 5) -> SafeString:
    """Inline SVG of ``payload``; segno escapes the text, so the markup is safe to embed."""
    code = segno.make(payload, error="m")
    return mark_safe(code.svg_inline(scale=scale, border=4, title="VietQR"))
