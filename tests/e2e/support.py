"""Helpers for the browser journeys: axe-core, page weight, translated strings."""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from django.utils import translation

if TYPE_CHECKING:
    from playwright.sync_api import Page, Response

AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa"]
SERIOUS = {"serious", "critical"}
SHOTS = Path("/tmp")  # screenshots for people to look at: /tmp/e2e-*.png
DEMO_PASSWORD = "demo-pass-1"


def axe_violations(page: Page) -> list[dict]:
    """WCAG 2.1 A/AA violations of impact serious or critical on the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [v for v in result["violations"] if v.get("impact") in SERIOUS]


def describe(violations: list[dict]) -> str:
    """One line per violated rule and node: id, impact, CSS target, and axe's summary."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"{violation['id']} ({violation['impact']}) at {target}: {summary}")
    return "\n".join(lines)


def vi(message: str) -> str:
    """What a Vietnamese page shows for this source string (the Vietnamese catalogue's text)."""
    with translation.override("vi"):
        return translation.gettext(message)


@dataclass
class Weight:
    """Bytes of the responses a page load fetched, per resource type."""

    body: dict[str, int] = field(default_factory=dict)  # as served (the live server does not compress)
    gzipped: dict[str, int] = field(default_factory=dict)  # estimate of what gzip would send
    urls: list[str] = field(default_factory=list)

    def add(self, response: Response) -> None:
        kind = response.request.resource_type
        data = response.body()
        self.body[kind] = self.body.get(kind, 0) + len(data)
        self.gzipped[kind] = self.gzipped.get(kind, 0) + len(gzip.compress(data, compresslevel=6))
        self.urls.append(f"{kind} {len(data)} {response.url}")

    def total(self, *kinds: str, gzipped: bool = False) -> int:
        sizes = self.gzipped if gzipped else self.body
        return sum(sizes.get(kind, 0) for kind in kinds)


def page_weight(page: Page, url: str) -> Weight:
    """Load ``url`` in a fresh state (no cache) and weigh every response it fetched."""
    responses: list[Response] = []

    def collect(response: Response) -> None:
        responses.append(response)

    page.on("response", collect)
    try:
        page.goto(url, wait_until="load")
    finally:
        page.remove_listener("response", collect)
    weight = Weight()
    for response in responses:
        if response.status < 300:  # redirects carry no body to weigh
            weight.add(response)
    return weight
