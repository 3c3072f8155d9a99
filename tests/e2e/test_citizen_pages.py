"""The citizen's key pages: at most 60 KB compressed each, and no serious accessibility
violation (axe-core), measured on a phone-sized page with Hoa's dossier in place (issue 6).
The measured weights go to docs/screenshots/portal-page-weight.json."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.e2e.citizen import (
    CODE,
    HOA,
    HOME,
    PAGE_BUDGET,
    THUC_PHAN,
    WEIGHT_REPORT,
    log_in_with_vneid,
    official,
    store_a_document_for_hoa,
)
from tests.e2e.support import axe_violations, describe, page_weight

pytestmark = pytest.mark.browser


KEY_PAGES = ["procedure", "form", "pay", "my-dossiers", "tracking", "dossier", "data-store"]


@pytest.fixture
def hoa_with_a_dossier(page, live_server, hoa_province):
    """Hoa logged in through VNeID with a received online dossier, fee unpaid: the key pages' URLs."""
    import uuid

    from motcua.datastore import selectors as store_selectors
    from motcua.dossiers import services as dossiers
    from motcua.dossiers.services.components import ComponentInput
    from motcua.dossiers.services.intake import ApplicantInput
    from motcua.dossiers.services.online import OnlineApplication, save_draft, submit_draft

    page.goto("/dang-nhap/?next=/tai-khoan/")
    log_in_with_vneid(page)
    expect(page).to_have_url(f"{live_server.url}/tai-khoan/")
    store_a_document_for_hoa()
    [lease] = store_selectors.documents_of(official(HOA))
    address = {"province": "04", "commune": THUC_PHAN, "street": "Số 21, phố Hoàng Đình Giong"}
    application = OnlineApplication(
        procedure_code=CODE,
        reference=uuid.uuid4(),
        owner=ApplicantInput(
            name="Nông Thị Hoa", id_number=HOA, phone="0912345678", address=HOME, unit_code=THUC_PHAN
        ),
        form_data={
            "applicant": {"full_name": "Nông Thị Hoa", "citizen_id": HOA, "phone": "0912345678"},
            "address": address,
            "from_date": "2026-12-01",
            "to_date": "2027-11-30",
            "reason": "work",
            "basis": "owned",
            "delivery": "online",
            "declaration": True,
        },
        components=(ComponentInput(position=2, file=lease.file, store_document=str(lease.reference)),),
    )
    dossier = save_draft(application=application, account=official(HOA), assurance_level=2)
    dossier = submit_draft(dossier=dossier, by=official(HOA))
    dossier = dossiers.receive_dossier(dossier=dossier, by=official("thucphan.motcua"))
    return {
        "procedure": f"/thu-tuc/{CODE}/",
        "form": f"/nop-ho-so/{CODE}/",
        "pay": f"/nop-ho-so/da-nop/{dossier.reference}/thanh-toan/",
        "my-dossiers": "/ho-so-cua-toi/",
        "tracking": "/tra-cuu/",
        "dossier": f"/ho-so-cua-toi/{dossier.identifier}/",
        "data-store": "/kho-du-lieu/",
    }


@pytest.mark.parametrize("name", KEY_PAGES)
def test_key_page_weighs_at_most_60_kb_compressed(page, hoa_with_a_dossier, name):
    # given: nothing left loading from the login
    page.goto("about:blank")
    # when
    weight = page_weight(page, hoa_with_a_dossier[name])

    # then
    kinds = ("document", "stylesheet", "script")
    measured = {
        "url": hoa_with_a_dossier[name],
        "html_css_js_gzip_bytes": weight.total(*kinds, gzipped=True),
        "html_css_js_bytes": weight.total(*kinds),
        "by_type_gzip_bytes": weight.gzipped,
        "responses": weight.urls,
    }
    _record_weight(name, measured)
    assert weight.body.get("document", 0) > 0 and weight.body.get("stylesheet", 0) > 0
    assert measured["html_css_js_gzip_bytes"] <= PAGE_BUDGET, json.dumps(measured, indent=2)


def _record_weight(name: str, measured: dict) -> None:
    """Merge this page's numbers into the report (each parametrised case adds its own)."""
    report = json.loads(WEIGHT_REPORT.read_text()) if WEIGHT_REPORT.exists() else {}
    report["budget_gzip_bytes"] = PAGE_BUDGET
    report.setdefault("pages", {})[name] = measured
    report["pages"] = {key: report["pages"][key] for key in KEY_PAGES if key in report["pages"]}
    WEIGHT_REPORT.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")


def test_key_pages_have_no_serious_accessibility_violations(page, hoa_with_a_dossier):
    found = {}
    for name in KEY_PAGES:
        # when
        page.goto(hoa_with_a_dossier[name])
        expect(page.locator("main h1")).to_be_visible()
        violations = axe_violations(page)
        if violations:
            found[name] = describe(violations)
    # then
    assert found == {}, "\n".join(f"{name}: {text}" for name, text in found.items())
