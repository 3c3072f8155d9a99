"""A citizen on a phone finds a procedure in the public catalog and reads what it takes.

Headings are found through the Vietnamese catalogue (``vi``), so these journeys check the
structure and the data; ``test_catalog_pages_show_no_english_on_a_vietnamese_page`` checks
the language itself.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.support import SHOTS, axe_violations, describe, page_weight, vi

pytestmark = pytest.mark.browser

CATALOG_URL = "/thu-tuc/"
BIRTH = "1.001193"
BIRTH_URL = f"{CATALOG_URL}{BIRTH}/"
PAGE_BUDGET = 200 * 1024  # document + CSS + JS, as served (uncompressed)
WEIGHT_REPORT = SHOTS / "e2e-page-weight.json"

# Interface text of the portal's catalog pages, as written in the templates (English source).
# On a Vietnamese page none of it may show untranslated.
ENGLISH_UI = {
    "Procedures",
    "Administrative procedures",
    "What do you need to do?",
    "You can type without diacritics.",
    "Level",
    "All levels",
    "Commune / ward",
    "Province",
    "Online",
    "All",
    "Fully online",
    "Partly online",
    "At the center",
    "Search",
    "Clear",
    "Browse by life event",
    "Browse by field",
    "All procedures",
    "Having a baby",
    "Getting married",
    "Building a house",
    "commune level",
    "within the day",
    "How to submit",
    "List of centers",
    "Time limit",
    "What to bring",
    "Fees and charges",
    "Result",
    "electronic copy",
    "Legal basis",
    "Address",
}
# Every element's own text (its direct text nodes), and every option of a select.
_OWN_TEXTS = """() => {
  const texts = [];
  for (const el of document.body.querySelectorAll('*')) {
    const own = [...el.childNodes].filter(n => n.nodeType === Node.TEXT_NODE)
      .map(n => n.textContent).join(' ').replace(/\\s+/g, ' ').trim();
    if (own) texts.push(own);
  }
  return texts;
}"""


@pytest.fixture
def catalog(transactional_db):
    """Three real procedures: birth and marriage registration, a house-building permit."""
    from motcua.catalog.services import import_catalog
    from motcua.catalog.tests.records import birth_registration, construction_permit, marriage_registration

    report = import_catalog(
        records=[birth_registration(), marriage_registration(), construction_permit()], by="e2e"
    )
    assert report.ok, report.errors


def _results(page):
    return page.locator("main ul.cards > li")


def _search(page, words: str) -> None:
    box = page.get_by_role("search").get_by_role("searchbox")
    box.tap()
    box.fill(words)
    box.press("Enter")


def _searched_for(words: str) -> re.Pattern[str]:
    """The catalog's URL after a search (a plain form sends "+", htmx's boosted form "%20")."""
    query = r"(?:\+|%20)".join(re.escape(word) for word in words.split())
    return re.compile(rf"{re.escape(CATALOG_URL)}\?(?:.*&)?q={query}(?:&|$)")


def _section(page, heading: str):
    """The procedure page's section under this heading (as the Vietnamese page words it)."""
    return page.locator("main section").filter(
        has=page.get_by_role("heading", level=2, name=vi(heading), exact=True)
    )


def test_citizen_finds_birth_registration_typed_without_diacritics(page, catalog):
    # given
    page.goto(CATALOG_URL)
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(_results(page)).to_have_count(3)  # browsing: every procedure

    # when: typed the way a phone keyboard without Vietnamese input gives it
    _search(page, "dang ky khai sinh")

    # then
    expect(page).to_have_url(_searched_for("dang ky khai sinh"))
    expect(_results(page)).to_have_count(1)
    expect(_results(page).first).to_contain_text("Đăng ký khai sinh")
    expect(page.locator("main p.msg")).to_have_count(0)  # an exact match: no "closest" note
    page.screenshot(path=str(SHOTS / "e2e-catalog-search.png"), full_page=True)

    # when: they tap the procedure
    page.get_by_role("link", name="Đăng ký khai sinh", exact=True).tap()

    # then: its page, with what it takes
    expect(page).to_have_url(re.compile(rf"{re.escape(BIRTH_URL)}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng ký khai sinh")
    expect(page.locator("main")).to_contain_text(BIRTH)
    time_limit = _section(page, "Time limit")
    expect(time_limit).to_contain_text(vi("within the day"))
    expect(time_limit).to_contain_text("nhận sau 15 giờ thì trả ngày làm việc tiếp theo")
    documents = _section(page, "What to bring")
    expect(documents.locator("li")).to_have_count(2)
    expect(documents).to_contain_text("Tờ khai đăng ký khai sinh")
    expect(documents).to_contain_text("Giấy chứng sinh")
    fees = _section(page, "Fees and charges")
    expect(fees).to_contain_text(f"Lệ phí đăng ký khai sinh: {vi('free')}")
    expect(fees).to_contain_text("Đăng ký đúng hạn")  # the exemption
    result = _section(page, "Result")
    expect(result).to_contain_text("Giấy khai sinh")
    expect(result).to_contain_text(vi("electronic copy"))
    expect(page.locator("main")).to_contain_text("Luật Hộ tịch số 60/2014/QH13")
    page.screenshot(path=str(SHOTS / "e2e-procedure.png"), full_page=True)


def test_typo_still_finds_the_procedure_with_the_closest_note(page, catalog):
    # given
    page.goto(CATALOG_URL)

    # when
    _search(page, "khai sihn")

    # then
    expect(page).to_have_url(_searched_for("khai sihn"))
    note = page.locator("main p.msg")
    expect(note).to_have_text(vi("No exact match; these are the closest procedures."))
    expect(_results(page).first).to_contain_text("Đăng ký khai sinh")
    expect(page.locator("main")).not_to_contain_text("Đăng ký kết hôn")


def test_search_and_procedure_page_work_without_javascript(page_without_js, catalog):
    page = page_without_js
    # given
    page.goto(CATALOG_URL)
    # when: a plain form submission
    _search(page, "dang ky khai sinh")
    # then
    expect(page).to_have_url(_searched_for("dang ky khai sinh"))
    expect(_results(page)).to_have_count(1)
    # when
    page.get_by_role("link", name="Đăng ký khai sinh", exact=True).tap()
    # then
    expect(page).to_have_url(re.compile(rf"{re.escape(BIRTH_URL)}$"))
    expect(_section(page, "What to bring")).to_contain_text("Giấy chứng sinh")


def test_portal_home_lists_the_service_centers_and_leads_to_the_catalog(page, demo_province, catalog):
    # when
    page.goto("/")

    # then: the province's 57 centers (the provincial one first, then one per commune)
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Trung tâm Phục vụ hành chính công trên địa bàn tỉnh Cao Bằng"
    )
    centers = _results(page)
    expect(centers).to_have_count(57)
    expect(centers.first).to_contain_text("Trung tâm Phục vụ hành chính công tỉnh Cao Bằng")
    expect(page.locator("main")).to_contain_text("Trung tâm Phục vụ hành chính công phường Thục Phán")
    expect(page.locator("main")).to_contain_text("Trụ sở UBND phường Thục Phán, tỉnh Cao Bằng")

    # when: they follow the menu to the procedures
    page.get_by_role("navigation").get_by_role("link", name=vi("Procedures"), exact=True).tap()

    # then
    expect(page).to_have_url(re.compile(rf"{re.escape(CATALOG_URL)}$"))
    expect(_results(page)).to_have_count(3)


def test_catalog_page_weight(page, catalog):
    # when
    weight = page_weight(page, CATALOG_URL)

    # then
    served = weight.total("document", "stylesheet", "script")
    report = {
        "url": CATALOG_URL,
        "document_stylesheet_script_bytes": served,
        "document_stylesheet_script_gzip_estimate_bytes": weight.total(
            "document", "stylesheet", "script", gzipped=True
        ),
        "by_type_bytes": weight.body,
        "by_type_gzip_estimate_bytes": weight.gzipped,
        "responses": weight.urls,
    }
    WEIGHT_REPORT.write_text(json.dumps(report, indent=2))
    assert weight.body.get("document", 0) > 0 and weight.body.get("stylesheet", 0) > 0
    assert served <= PAGE_BUDGET, json.dumps(report, indent=2)


def test_catalog_page_has_no_serious_accessibility_violations(page, catalog):
    # given
    page.goto(CATALOG_URL)
    expect(_results(page)).to_have_count(3)
    # when
    violations = axe_violations(page)
    # then
    assert violations == [], describe(violations)


def test_procedure_page_has_no_serious_accessibility_violations(page, catalog):
    # given
    page.goto(BIRTH_URL)
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng ký khai sinh")
    # when
    violations = axe_violations(page)
    # then
    assert violations == [], describe(violations)


def test_catalog_pages_show_no_english_on_a_vietnamese_page(page, demo_province, catalog):
    english = {}
    for url in ("/", CATALOG_URL, BIRTH_URL):
        # when
        page.goto(url)
        expect(page.locator("html")).to_have_attribute("lang", "vi")
        texts = {part.strip("←→ ") for text in page.evaluate(_OWN_TEXTS) for part in text.split("·")}
        found = sorted(texts & ENGLISH_UI)
        if found:
            english[url] = found
    # then
    assert english == {}, (
        "English interface text on Vietnamese pages (missing from locale/vi):\n"
        + "\n".join(f"{url}: {', '.join(found)}" for url, found in english.items())
    )
