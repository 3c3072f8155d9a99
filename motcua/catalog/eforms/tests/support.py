"""Shared test material: a units table, a browser that submits rendered HTML, the doc's example."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings
from django.http import QueryDict

from motcua.catalog.eforms import StaticUnits

# Made-up commune codes: the engine only asks the units object, never the real list.
UNITS = StaticUnits(
    {
        "01": ("Thành phố Hà Nội", {"00004": "Phường Ba Đình", "00008": "Phường Ngọc Hà"}),
        "04": ("Tỉnh Cao Bằng", {"01273": "Phường Thục Phán", "01290": "Xã Hòa An"}),
    }
)


def doc_example() -> dict:
    """The birth registration schema in docs/subsystems/eforms.md (kept honest by the tests)."""
    text = (Path(settings.BASE_DIR) / "docs" / "subsystems" / "eforms.md").read_text(encoding="utf-8")
    block = re.search(r"## Example.*?```json\n(.*?)```", text, re.DOTALL)
    assert block, "the example block is missing from docs/subsystems/eforms.md"
    return json.loads(block.group(1))


class _Browser(HTMLParser):
    """What a browser would send for the form as rendered, without any change by the user."""

    def __init__(self) -> None:
        super().__init__()
        self.pairs: list[tuple[str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "input" and name and not name.startswith("file:"):
            kind = attributes.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attributes:
                return
            self.pairs.append((name, attributes.get("value") or ""))
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attributes:
            self.pairs.append((self._select, attributes.get("value") or ""))
        elif tag == "textarea":
            self._textarea, self._text = name, ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.pairs.append((self._textarea, self._text))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text += data


def submitted(html: str) -> QueryDict:
    browser = _Browser()
    browser.feed(html)
    post = QueryDict(mutable=True)
    for name, value in browser.pairs:
        post.appendlist(name, value)
    return post


def post_of(values: dict[str, str | list[str]]) -> QueryDict:
    post = QueryDict(mutable=True)
    for name, value in values.items():
        for item in value if isinstance(value, list) else [value]:
            post.appendlist(name, item)
    return post
