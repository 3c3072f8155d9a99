"""An official of the demo province in a real browser: log in, see their agencies, nothing else.

The demo province is Cao Bằng (04); thucphan.xuly is Hoàng Văn Minh, handler at the People's
Committee of Thục Phán ward (000.01.50.H14), whose service center is 001.01.50.H14. Bảo Lâm
(000.04.50.H14) is another commune: its pages must look like pages that do not exist.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.support import DEMO_PASSWORD, SHOTS, axe_violations, describe

pytestmark = pytest.mark.browser

USERNAME = "thucphan.xuly"
LOGIN_URL = "/backoffice/dang-nhap/"
HOME_URL = "/backoffice/"
AGENCIES_URL = "/backoffice/co-quan/"
THUC_PHAN_COMMITTEE = "000.01.50.H14"
THUC_PHAN_CENTER = "001.01.50.H14"
BAO_LAM_COMMITTEE = "000.04.50.H14"
LOGIN_HEADING_VI = "Đăng nhập dành cho cán bộ, công chức"
LOGIN_HEADING_EN = "Officials' login"


def _heading(page):
    return page.get_by_role("heading", level=1)


def _submit_login(page, username: str, password: str) -> None:
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()


def test_official_logs_in_and_sees_only_their_communes_agencies(page, demo_province):
    # given: the login page, in Vietnamese without asking
    page.goto(LOGIN_URL)
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(_heading(page)).to_have_text(LOGIN_HEADING_VI)
    page.screenshot(path=str(SHOTS / "e2e-login.png"), full_page=True)

    # when: the official logs in
    _submit_login(page, USERNAME, DEMO_PASSWORD)

    # then: the back-office home greets them by name
    expect(page).to_have_url(re.compile(rf"{re.escape(HOME_URL)}$"))
    expect(_heading(page)).to_have_text("Xin chào, Hoàng Văn Minh")
    expect(page.locator("main")).to_contain_text(THUC_PHAN_COMMITTEE)

    # when: they open the agencies page from the menu
    page.get_by_role("navigation").get_by_role("link", name="Cơ quan", exact=True).click()

    # then: exactly their committee and its service center
    expect(page).to_have_url(re.compile(rf"{re.escape(AGENCIES_URL)}$"))
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text(THUC_PHAN_COMMITTEE)
    expect(rows.nth(0)).to_contain_text("Ủy ban nhân dân phường Thục Phán")
    expect(rows.nth(1)).to_contain_text(THUC_PHAN_CENTER)
    expect(rows.nth(1)).to_contain_text("Trung tâm Phục vụ hành chính công phường Thục Phán")
    expect(page.locator("main")).not_to_contain_text("Bảo Lâm")
    page.screenshot(path=str(SHOTS / "e2e-agencies.png"), full_page=True)

    # when: they open the committee
    page.get_by_role("link", name="Ủy ban nhân dân phường Thục Phán", exact=True).click()

    # then: its officials, with their usernames (the desk officer belongs to the center)
    expect(page).to_have_url(re.compile(rf"{re.escape(AGENCIES_URL + THUC_PHAN_COMMITTEE)}/$"))
    expect(_heading(page)).to_have_text("Ủy ban nhân dân phường Thục Phán")
    officials = page.locator("main table")
    expect(officials.locator("thead")).to_contain_text("Họ và tên")
    expect(officials.locator("tbody tr")).to_have_count(4)
    usernames = officials.locator("tbody tr td.code")
    expect(usernames).to_have_count(4)
    assert sorted(usernames.all_inner_texts()) == [
        "thucphan.kyso",
        "thucphan.lanhdao",
        "thucphan.quantri",
        "thucphan.xuly",
    ]
    for name in ("Hoàng Văn Minh", "Lương Văn Tuấn", "Bế Thị Lan", "Đàm Văn Hùng"):
        expect(officials).to_contain_text(name)

    # when: they type another commune's agency address
    response = page.goto(f"{AGENCIES_URL}{BAO_LAM_COMMITTEE}/")

    # then: the Vietnamese "page not found", which tells nothing about that agency
    assert response is not None and response.status == 404
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(_heading(page)).to_contain_text("Không tìm thấy trang")
    expect(page.locator("body")).not_to_contain_text("Bảo Lâm")
    expect(page.locator("body")).not_to_contain_text("baolam.")


def test_five_wrong_passwords_lock_the_login_even_with_the_right_one(page, demo_province):
    # given: five wrong passwords
    page.goto(LOGIN_URL)
    for attempt in range(5):
        _submit_login(page, USERNAME, f"sai-mat-khau-{attempt}")
        expect(page.get_by_role("alert")).to_contain_text("Sai tên đăng nhập hoặc mật khẩu")

    # when: the right password
    _submit_login(page, USERNAME, DEMO_PASSWORD)

    # then: refused with the lockout message (minutes to wait), still on the login page
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("phút")
    expect(alert).to_contain_text("15 phút")
    expect(page).to_have_url(re.compile(rf"{re.escape(LOGIN_URL)}$"))
    expect(_heading(page)).to_have_text(LOGIN_HEADING_VI)
    # and not logged in: the back office sends them back to the login page
    page.goto(HOME_URL)
    expect(page).to_have_url(re.compile(rf"{re.escape(LOGIN_URL)}\?next="))


def test_language_button_switches_the_login_page_to_english_and_back(page):
    # given
    page.goto(LOGIN_URL)
    expect(_heading(page)).to_have_text(LOGIN_HEADING_VI)

    # when
    page.get_by_role("button", name="English", exact=True).click()

    # then: the same page, in English
    expect(page).to_have_url(re.compile(rf"{re.escape(LOGIN_URL)}$"))
    expect(_heading(page)).to_have_text(LOGIN_HEADING_EN)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="Log in", exact=True)).to_be_visible()

    # when: back to Vietnamese
    page.get_by_role("button", name="Tiếng Việt", exact=True).click()

    # then
    expect(_heading(page)).to_have_text(LOGIN_HEADING_VI)
    expect(page.locator("html")).to_have_attribute("lang", "vi")


def test_login_page_has_no_serious_accessibility_violations(page):
    # given
    page.goto(LOGIN_URL)
    expect(_heading(page)).to_have_text(LOGIN_HEADING_VI)
    # when
    violations = axe_violations(page)
    # then
    assert violations == [], describe(violations)


def test_backoffice_home_has_no_serious_accessibility_violations(page, demo_province):
    # given
    page.goto(LOGIN_URL)
    _submit_login(page, USERNAME, DEMO_PASSWORD)
    expect(_heading(page)).to_have_text("Xin chào, Hoàng Văn Minh")
    # when
    violations = axe_violations(page)
    # then
    assert violations == [], describe(violations)
