"""The follow-up pages stay light: HTML plus the CSS and JavaScript they link, gzip-compressed."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from django.test import Client

from motcua.dossiers import services
from motcua.dossiers.tests.helpers import user
from motcua.portal.tests.follow_support import HANDLER, awaiting_supplement, citizen, returned, submitted

pytestmark = pytest.mark.django_db

STATIC = Path(__file__).resolve().parents[2] / "static"
ASSETS = ("css/motcua.css", "css/portal.css", "vendor/htmx/htmx.min.js")


def test_every_follow_up_page_stays_under_60_kb_compressed(client, demo_catalog):
    hoa = citizen(client)
    for _ in range(19):
        submitted(hoa.user)
    ended = returned(hoa.user)
    waiting = awaiting_supplement(hoa.user)
    for _ in range(20):
        services.log_personal_data_access(dossier=ended, by=user(HANDLER), purpose="backoffice")
    linked = sum(len(gzip.compress((STATIC / name).read_bytes())) for name in ASSETS)
    pages = {
        "my dossiers": client.get("/ho-so-cua-toi/"),
        "dossier": client.get(f"/ho-so-cua-toi/{ended.code}/"),
        "supplement": client.get(f"/ho-so-cua-toi/{waiting.code}/bo-sung/"),
        "withdraw": client.get(f"/ho-so-cua-toi/{waiting.code}/rut/"),
        "rate": client.get(f"/ho-so-cua-toi/{ended.code}/danh-gia/"),
        "store": client.get("/kho-du-lieu/"),
        "access log": client.get("/kho-du-lieu/nhat-ky-truy-cap/"),
        "tracking": Client().post("/tra-cuu/", {"ma": ended.code, "so": "5678"}),
    }
    assert {name: page.status_code for name, page in pages.items()} == dict.fromkeys(pages, 200)
    sizes = {name: len(gzip.compress(page.content)) + linked for name, page in pages.items()}
    assert max(sizes.values()) < 60_000, sizes
    html_only = {name: len(gzip.compress(page.content)) for name, page in pages.items()}
    assert max(html_only.values()) < 8_000, html_only
