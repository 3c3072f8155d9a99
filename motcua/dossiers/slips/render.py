"""HTML to PDF with WeasyPrint, with Be Vietnam Pro embedded (OFL-1.1, full Vietnamese).

Fonts come from the ``fontpkg-be-vietnam-pro`` wheel and are named by ``file://`` URLs in
the templates' ``@font-face`` rules, so the PDF never depends on the fonts of the machine
that printed it. A WeasyPrint ``FontConfiguration`` is kept per thread: building one
scans the system's fonts (most of a render's time) and Pango's font maps are not safe to
share between threads. The renderer fetches nothing but those fonts and ``data:`` URLs
(the QR code): no network, no other file, whatever text ends up in a template.
"""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path

import fontpkg_be_vietnam_pro
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher

FONT_FAMILY = "Be Vietnam Pro"
# (weight, style) → the TTF of the package that draws it.
FONT_FILES = {
    (400, "normal"): "BeVietnamPro-Regular.ttf",
    (400, "italic"): "BeVietnamPro-Italic.ttf",
    (600, "normal"): "BeVietnamPro-SemiBold.ttf",
    (700, "normal"): "BeVietnamPro-Bold.ttf",
    (700, "italic"): "BeVietnamPro-BoldItalic.ttf",
}

_local = threading.local()


@cache
def font_faces() -> tuple[dict[str, object], ...]:
    """The ``@font-face`` rules' values for the templates: family, weight, style, URL."""
    folder = _fonts_folder()
    faces = []
    for (weight, style), name in FONT_FILES.items():
        path = folder / name
        if not path.is_file():
            raise FileNotFoundError(f"the slips' font is missing: {path}")
        faces.append({"family": FONT_FAMILY, "weight": weight, "style": style, "url": path.as_uri()})
    return tuple(faces)


def font_configuration() -> FontConfiguration:
    """This thread's WeasyPrint font configuration, made on first use."""
    config = getattr(_local, "fonts", None)
    if config is None:
        config = _local.fonts = FontConfiguration()
    return config


class SlipRenderingError(RuntimeError):
    """The HTML asked for something the renderer does not fetch (a template bug)."""


class FontsOnlyFetcher(URLFetcher):
    """Fetches ``data:`` URLs and the font package's files; refuses anything else."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("data", "file"), fail_on_errors=True)
        self._fonts = {face["url"] for face in font_faces()}

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> object:
        if not url.startswith("data:") and url not in self._fonts:
            raise ValueError(f"the slips load only their fonts and data: URLs, not {url[:80]}")
        return super().fetch(url, headers)


def html_to_pdf(html: str) -> bytes:
    """The PDF of a self-contained HTML document (fonts as file: URLs, images as data:)."""
    document = HTML(string=html, base_url=_fonts_folder().as_uri() + "/", url_fetcher=FontsOnlyFetcher())
    try:
        return document.write_pdf(font_config=font_configuration())
    except FatalURLFetchingError as error:  # a BaseException: keep it from escaping `except Exception`
        raise SlipRenderingError(f"{error}: {error.__cause__}") from None


def _fonts_folder() -> Path:
    return Path(fontpkg_be_vietnam_pro.ROOT) / "files"
