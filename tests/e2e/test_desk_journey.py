"""The commune desk in a real browser: intake → Form 01 → process → approve → sign with the PIN → return.

Phường Thục Phán (Cao Bằng): Chu Thị Duyên receives at the ward's center, Hoàng Văn Minh
assesses, Lương Văn Tuấn approves, Bế Thị Lan signs with her certificate's PIN, and the
desk hands the result back. Screenshots go to /tmp/e2e-desk-*.png; to refresh the ones
in the documentation run with E2E_SCREENSHOTS=docs/screenshots.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.support import DEMO_PASSWORD, axe_violations, describe

pytestmark = pytest.mark.browser

SHOTS = Path(os.environ.get("E2E_SCREENSHOTS", "/tmp/e2e-desk"))
PROCEDURE = "Thủ tục đăng ký lại khai sinh"


@pytest.fixture
def province_with_catalog(transactional_db):
    from motcua.demo import services

    return services.seed_demo(
        province_code="04", password=DEMO_PASSWORD, with_catalog=True, with_dossiers=False
    )


def log_in(page, username: str) -> None:
    page.context.clear_cookies()
    page.goto("/backoffice/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xin chào")


def take(page, dossier_url: str, action: str, fill=None) -> None:
    page.goto(dossier_url)
    page.locator("details summary", has_text=action).click()
    form = page.locator(f"details:has(summary:text-is('{action}')) form")
    if fill:
        fill(form)
    form.get_by_role("button", name="Xác nhận").click()
    expect(page.locator(".msg.success")).to_contain_text("Đã thực hiện")


def test_a_dossier_goes_from_the_desk_to_a_signed_result(page, province_with_catalog, live_server):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 900})  # a desk PC

    # The desk officer finds the procedure and receives the dossier.
    log_in(page, "thucphan.motcua")
    page.get_by_role("navigation").get_by_role("link", name="Tiếp nhận", exact=True).click()
    page.get_by_label("Tên hoặc mã thủ tục").fill("dang ky lai khai sinh")
    page.get_by_role("button", name="Tìm kiếm").click()
    page.get_by_role("link", name=PROCEDURE).click()
    page.get_by_label("Họ và tên chủ hồ sơ").fill("Đàm Thị Hạnh")
    page.get_by_label("Số định danh cá nhân (12 chữ số)").fill("004195003456")
    page.get_by_label("Điện thoại", exact=True).fill("0987654321")
    page.get_by_label("Xã, phường nơi cư trú").select_option(label="Phường Thục Phán")
    page.locator("#c1-received").check()
    page.locator("#c2-received").check()
    page.get_by_label("Tiếp nhận (Mẫu 01)").check()
    page.screenshot(path=str(SHOTS / "desk-intake.png"), full_page=True)
    assert not axe_violations(page), describe(axe_violations(page))
    page.get_by_role("button", name="Lưu").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"001\.01\.50\.H14-\d{6}-0001"))
    dossier_url = page.url
    receipt = page.get_by_role("link", name="Giấy tiếp nhận hồ sơ và hẹn trả kết quả")
    pdf = page.request.get(receipt.get_attribute("href"))
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")
    take(page, dossier_url, "Phân công")
    page.screenshot(path=str(SHOTS / "desk-dossier.png"), full_page=True)
    assert not axe_violations(page), describe(axe_violations(page))

    log_in(page, "thucphan.xuly")
    page.goto("/backoffice/ho-so/?queue=in_progress")
    page.screenshot(path=str(SHOTS / "work-queue.png"), full_page=True)
    assert not axe_violations(page), describe(axe_violations(page))
    take(page, dossier_url, "Hoàn thành bước", lambda form: form.get_by_label("Ghi chú").fill("Hồ sơ hợp lệ"))

    log_in(page, "thucphan.lanhdao")
    take(page, dossier_url, "Phê duyệt")

    log_in(page, "thucphan.kyso")
    take(
        page,
        dossier_url,
        "Ký kết quả",
        lambda form: form.get_by_label("Mã PIN chứng thư số của bạn").fill("123456"),
    )
    page.screenshot(path=str(SHOTS / "signed-result.png"), full_page=True)

    log_in(page, "thucphan.motcua")
    take(page, dossier_url, "Trả kết quả")
    expect(page.locator("main")).to_contain_text("Đã trả kết quả")
