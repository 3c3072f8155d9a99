"""A citizen logs in with VNeID in a real browser, through the bundled simulator.

Everything is real HTTP against the live server: the browser's redirects, and motcua's
back-channel calls to the simulator (discovery, token, JWKS). Screenshots go to
/tmp/e2e-vneid/; to refresh the ones in the documentation run with E2E_SCREENSHOTS=docs/screenshots.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.support import axe_violations, describe, vi

pytestmark = pytest.mark.browser

SHOTS = Path(os.environ.get("E2E_SCREENSHOTS", "/tmp/e2e-vneid"))
LEVEL_2 = "004095001234"  # Nông Thị Hoa, a level-2 test identity of the simulator
LEVEL_1 = "004301007777"  # Lương Minh Khánh, a level-1 test identity


@pytest.fixture
def vneid_registered(transactional_db, live_server):
    from motcua.integrations.vneid.simulator.registration import register_motcua_client

    register_motcua_client(redirect_uris=[f"{live_server.url}/dang-nhap/vneid/callback/"])


def test_a_citizen_logs_in_with_a_level_2_vneid_identity(page, live_server, vneid_registered):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto("/dang-nhap/")
    assert axe_violations(page) == [], describe(axe_violations(page))
    page.screenshot(path=str(SHOTS / "vneid-login.png"), full_page=True)

    page.get_by_role("button", name=vi("Log in with VNeID")).click()
    expect(page.get_by_text(vi("VNeID — simulated environment")).first).to_be_visible()
    assert "/gia-lap/vneid/dang-nhap/" in page.url
    assert axe_violations(page) == [], describe(axe_violations(page))
    page.screenshot(path=str(SHOTS / "vneid-simulator.png"), full_page=True)

    page.get_by_role("button", name=LEVEL_2).click()
    expect(page).to_have_url(f"{live_server.url}/tai-khoan/")
    expect(page.locator("#who-heading")).to_have_text("Nông Thị Hoa")
    expect(page.get_by_text("*********234")).to_be_visible()
    expect(page.get_by_text(vi("Level 2 (verified in person)"))).to_be_visible()
    expect(page.locator("header.site")).to_contain_text("Nông Thị Hoa")
    page.screenshot(path=str(SHOTS / "vneid-account.png"), full_page=True)

    from motcua.citizens.models import Citizen

    assert Citizen.objects.get(citizen_id=LEVEL_2).last_assurance_level == 2

    page.get_by_role("button", name=vi("Log out")).click()
    expect(page.get_by_role("link", name=vi("Log in"), exact=True)).to_be_visible()


def test_cancelling_then_logging_in_at_level_1_on_a_fresh_site(page, live_server, transactional_db):
    # no registration beforehand: the first login registers motcua with the simulator
    page.goto("/tai-khoan/")
    expect(page).to_have_url(f"{live_server.url}/dang-nhap/?next=%2Ftai-khoan%2F")
    page.get_by_role("button", name=vi("Log in with VNeID")).click()
    page.get_by_role("button", name=vi("Cancel and go back")).click()
    expect(page.get_by_role("alert")).to_have_text(
        vi("You cancelled the login on VNeID. Nothing was changed.")
    )
    assert axe_violations(page) == [], describe(axe_violations(page))

    page.get_by_role("link", name=vi("Try again")).click()
    page.get_by_role("button", name=vi("Log in with VNeID")).click()
    page.get_by_role("button", name=LEVEL_1).click()
    expect(page).to_have_url(f"{live_server.url}/tai-khoan/")
    expect(page.locator("#who-heading")).to_have_text("Lương Minh Khánh")
    expect(page.get_by_text(vi("Level 1"), exact=True)).to_be_visible()
