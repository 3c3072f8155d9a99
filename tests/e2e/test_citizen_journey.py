"""A citizen's whole online journey on a cheap phone, in a real browser (issue 6).

Nông Thị Hoa logs in through the VNeID simulator, finds "Đăng ký tạm trú" (temporary
residence, 7,000 đồng online) in the catalog, fills the form prefilled from VNeID and the
National Population Database, attaches one file and reuses another from her personal data
store, submits, pays by card on the payment simulator's checkout and gets her receipt.
The officials' side between her steps (receive, ask for a supplement, approve, sign,
return) goes through the dossier services directly: the desk journey drives those pages.

Screenshots (390×844, a cheap phone) go to docs/screenshots/portal-journey-NN-<step>.png,
and the measured page weights to docs/screenshots/portal-page-weight.json; set
E2E_SCREENSHOTS to write them elsewhere.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.citizen import (
    CODE,
    HOA,
    HOME,
    PDF,
    PHONE,
    PROCEDURE,
    SHOTS,
    SIGNING_PIN,
    STORED,
    THUC_PHAN,
    accessible,
    dossier_of_hoa,
    log_in_with_vneid,
    official,
    store_a_document_for_hoa,
)
from tests.e2e.support import DEMO_PASSWORD, vi

pytestmark = pytest.mark.browser

STEPS = [
    "catalog-search",
    "procedure",
    "vneid-simulator",
    "form-prefilled",
    "form-documents",
    "pay",
    "card-checkout",
    "receipt",
    "my-dossiers",
    "supplement-requested",
    "supplement-answer",
    "tracking",
    "signed-result",
    "rating",
    "data-store",
]


class Shots:
    """Numbered screenshots of the journey: portal-journey-NN-<step>.png."""

    def __init__(self, page) -> None:
        self.page, self.taken = page, []

    def __call__(self, step: str) -> None:
        path = SHOTS / f"portal-journey-{len(self.taken) + 1:02d}-{step}.png"
        self.page.screenshot(path=str(path), full_page=True)
        self.taken.append(path)


def fill_the_application(page) -> None:
    """The parts VNeID and the population database could not know."""
    page.get_by_label(re.compile(r"^Số điện thoại")).fill("0912345678")
    address = page.locator("#f-address")
    address.get_by_label(re.compile(r"^Tỉnh, thành phố")).select_option("04")
    address.get_by_role("button", name="Hiển thị các xã, phường của tỉnh này").click()  # no-JS round trip
    address.get_by_label(re.compile(r"^Xã, phường")).select_option(THUC_PHAN)
    address.get_by_label(re.compile(r"^Số nhà")).fill("Số 21, phố Hoàng Đình Giong")
    page.get_by_label(re.compile(r"^Tạm trú từ ngày")).fill("2026-12-01")
    page.get_by_label(re.compile(r"^Đến ngày")).fill("2027-11-30")
    page.get_by_label("Lao động, làm việc").check()
    page.get_by_label("Thuê, mượn, ở nhờ").check()
    owner = page.locator("#f-owner")
    owner.get_by_label(re.compile(r"^Họ, chữ đệm và tên")).fill("Đàm Văn Quang")
    owner.get_by_label(re.compile(r"^Chủ sở hữu đồng ý")).check()
    page.get_by_label("Trực tuyến (kho dữ liệu điện tử cá nhân)").check()
    page.get_by_label(re.compile(r"^Tôi cam đoan")).check()


def sign_in_the_backoffice(browser, live_server, code: str) -> None:
    """Bế Thị Lan signs the result with her certificate's PIN, on a desk PC (as the desk journey does)."""
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", viewport={"width": 1280, "height": 900}
    )
    try:
        tab = context.new_page()
        tab.goto("/backoffice/dang-nhap/")
        tab.get_by_label("Tên đăng nhập").fill("thucphan.kyso")
        tab.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
        tab.get_by_role("button", name="Đăng nhập", exact=True).click()
        expect(tab.get_by_role("heading", level=1)).to_contain_text("Xin chào")
        tab.goto(f"/backoffice/ho-so/{code}/")
        tab.locator("details summary", has_text="Ký kết quả").click()
        form = tab.locator("details:has(summary:text-is('Ký kết quả')) form")
        form.get_by_label("Mã PIN chứng thư số của bạn").fill(SIGNING_PIN)
        form.get_by_role("button", name="Xác nhận").click()
        expect(tab.locator(".msg.success")).to_contain_text("Đã thực hiện")
    finally:
        context.close()


def test_a_citizen_applies_online_pays_and_follows_the_dossier(browser, page, live_server, hoa_province):
    page.set_viewport_size(PHONE)
    shot = Shots(page)

    # She finds the procedure in the catalog, typed without diacritics.
    page.goto("/thu-tuc/")
    box = page.get_by_role("search").get_by_role("searchbox")
    box.fill("dang ky tam tru")
    box.press("Enter")
    expect(page.locator("main ul.cards > li").first).to_contain_text(PROCEDURE)
    shot("catalog-search")
    page.get_by_role("link", name=PROCEDURE, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PROCEDURE)
    shot("procedure")
    accessible(page)

    # "Submit online" asks her to log in with VNeID first, then comes back to the form.
    page.get_by_role("link", name=vi("Submit online")).click()
    expect(page).to_have_url(re.compile(r"/dang-nhap/\?next="))
    page.get_by_role("button", name=vi("Log in with VNeID")).click()
    expect(page.get_by_role("button", name=HOA)).to_be_visible()
    shot("vneid-simulator")
    page.get_by_role("button", name=HOA).click()
    expect(page).to_have_url(f"{live_server.url}/nop-ho-so/{CODE}/")

    # The form is prefilled: who she is from VNeID, where she lives from the population DB.
    store_a_document_for_hoa()  # an earlier result of hers, to reuse
    page.reload()
    expect(page.locator("main p.msg.success").first).to_be_visible()
    expect(page.locator("#id_address")).to_have_value(HOME)
    applicant = page.locator("#f-applicant")
    expect(applicant.get_by_label(re.compile(r"^Họ, chữ đệm và tên"))).to_have_value("Nông Thị Hoa")
    expect(applicant.get_by_label(re.compile(r"^Số định danh cá nhân"))).to_have_value(HOA)
    expect(applicant.get_by_label(re.compile(r"^Ngày, tháng, năm sinh"))).to_have_value("1995-03-14")
    expect(applicant.locator("#f-applicant-residence-commune")).to_have_value(THUC_PHAN)
    shot("form-prefilled")
    accessible(page)

    # She completes it, attaches the landlord's note and reuses the lease from her data store.
    fill_the_application(page)
    row = page.locator("#f-documents-0")
    row.get_by_label(re.compile(r"^Tên giấy tờ")).fill("Giấy xác nhận của chủ nhà")
    row.get_by_label(re.compile(r"^Tệp đính kèm")).set_input_files(
        files=[{"name": "xac-nhan-chu-nha.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    store = page.locator("#store-2")
    store.select_option(store.locator("option", has_text=STORED).get_attribute("value"))
    page.get_by_label(vi("Online now (VietQR or card)")).check()
    store.scroll_into_view_if_needed()
    shot("form-documents")
    accessible(page)

    # Submitting leads straight to paying the fee; she pays by card on the platform's checkout.
    page.get_by_role("button", name=vi("Submit the dossier")).click()
    expect(page).to_have_url(re.compile(r"/nop-ho-so/da-nop/[0-9a-f-]{36}/thanh-toan/$"))
    pay_url = page.url
    expect(page.get_by_role("heading", level=1)).to_have_text(vi("Pay the fees"))
    expect(page.locator("main")).to_contain_text("7.000")
    shot("pay")
    accessible(page)
    dossier = dossier_of_hoa()
    assert dossier.status == "submitted" and dossier.channel == "online"
    assert dossier.result_delivery == "online" and dossier.assurance_level == 2
    uploaded = dossier.form_data["documents"][0]
    assert uploaded["name"] == "Giấy xác nhận của chủ nhà" and uploaded["file"].endswith(".pdf")
    reused = dossier.components.get(position=2)
    assert reused.from_store and reused.sha256

    page.get_by_role("button", name=vi("Bank card")).click()
    expect(page).to_have_url(re.compile(r"/gia-lap/thanh-toan/"))
    shot("card-checkout")
    page.get_by_role("button", name=vi("Pay"), exact=True).click()
    expect(page).to_have_url(re.compile(r"/nop-ho-so/da-nop/[0-9a-f-]{36}/$"))
    expect(page.locator("main")).to_contain_text(vi("paid"))
    assert dossier.fees.get().paid_at is not None
    page.goto(pay_url)
    expect(page.locator("main p.msg.success")).to_have_text(vi("Everything is paid. Thank you."))

    # The desk receives it: the receipt shows the dossier code, the appointment and Form 01.
    from motcua.dossiers import services as dossiers

    dossiers.receive_dossier(dossier=dossier, by=official("thucphan.motcua"))
    dossier.refresh_from_db()
    page.get_by_role("link", name=vi("Back to the dossier")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(vi("Dossier received"))
    expect(page.locator("main")).to_contain_text(dossier.code)
    shot("receipt")
    accessible(page)
    with page.expect_download() as slip:
        page.get_by_role("link", name=vi("Download the receipt (Form 01, PDF)")).click()
    assert Path(slip.value.path()).read_bytes().startswith(b"%PDF")

    # The handler finds the lease unsigned and asks for a supplement; she sees it in her dossiers.
    dossiers.assign_dossier(dossier=dossier, by=official("thucphan.motcua"), assignee="thucphan.xuly")
    dossiers.request_supplement(
        dossier=dossier,
        by=official("thucphan.xuly"),
        reason="Hợp đồng thuê nhà chưa có chữ ký của bên cho thuê.",
        missing=["Hợp đồng thuê nhà có đủ chữ ký hai bên"],
    )
    page.get_by_role("navigation").get_by_role("link", name=vi("My dossiers"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(vi("My dossiers"))
    expect(page.locator("main ul.cards > li")).to_have_count(1)
    expect(page.locator("main ul.cards > li")).to_contain_text(dossier.code)
    shot("my-dossiers")
    accessible(page)
    page.get_by_role("link", name=PROCEDURE).click()
    expect(page.locator("main")).to_contain_text("Hợp đồng thuê nhà chưa có chữ ký của bên cho thuê.")
    shot("supplement-requested")
    accessible(page)
    dossier_url = page.url

    # She sends the signed lease; the processing clock runs again.
    page.get_by_role("link", name=vi("Send the missing documents")).click()
    page.locator("input[type=file][name=file_2]").set_input_files(
        files=[{"name": "hop-dong-da-ky.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_label(vi("Message to the agency (optional)")).fill("Đã bổ sung hợp đồng có đủ chữ ký.")
    shot("supplement-answer")
    accessible(page)
    page.get_by_role("button", name=vi("Send"), exact=True).click()
    expect(page).to_have_url(dossier_url)
    expect(page.locator("main .msg.success").first).to_be_visible()
    dossier.refresh_from_db()
    assert (
        dossier.status == "processing"
        and dossier.components.get(position=2).file_name == "hop-dong-da-ky.pdf"
    )

    # Anyone with the code and the phone's last digits can track it, without logging in.
    page.context.clear_cookies()
    page.goto("/tra-cuu/")
    page.get_by_label(vi("Dossier code")).fill(dossier.code)
    page.get_by_label(vi("Last 4 digits of the phone number given in the dossier")).fill("5678")
    page.get_by_role("button", name=vi("Look up")).click()
    found = page.locator("main section.found")
    expect(found).to_contain_text(dossier.code)
    expect(found).to_contain_text(PROCEDURE)
    shot("tracking")
    accessible(page)

    # The ward decides: the handler's step, the leader's approval, the signer's PIN, the return.
    dossiers.complete_step(dossier=dossier, by=official("thucphan.xuly"), note="Hồ sơ hợp lệ")
    dossiers.approve_dossier(dossier=dossier, by=official("thucphan.lanhdao"))
    sign_in_the_backoffice(browser, live_server, dossier.code)  # PAdES signing runs its own event loop
    dossiers.return_result(dossier=dossier, by=official("thucphan.motcua"), delivery="online")
    dossier.refresh_from_db()
    assert dossier.status == "returned"

    # She logs in again and downloads the signed result.
    page.goto(dossier_url)
    expect(page).to_have_url(re.compile(r"/dang-nhap/"))
    log_in_with_vneid(page)
    expect(page).to_have_url(dossier_url)
    result = dossier.results.get()
    expect(page.locator("main")).to_contain_text(result.code)
    shot("signed-result")
    accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=vi("Download the signed result (PDF)")).click()
    signed = Path(download.value.path()).read_bytes()
    assert download.value.suggested_filename == f"{result.code}.pdf"
    assert signed.startswith(b"%PDF") and b"/ByteRange" in signed  # a PAdES signature

    # She rates the service.
    page.get_by_role("link", name=vi("Rate the service")).click()
    overall = page.get_by_role("group", name=vi("How satisfied are you with how your dossier was handled?"))
    overall.get_by_label(vi("very satisfied")).check()
    page.get_by_label(vi("Comment (optional)")).fill("Nhanh, không phải đi lại.")
    shot("rating")
    accessible(page)
    page.get_by_role("button", name=vi("Send the rating")).click()
    expect(page).to_have_url(dossier_url)
    expect(page.locator("main")).to_contain_text("Nhanh, không phải đi lại.")
    dossier.refresh_from_db()
    assert dossier.satisfaction == 3

    # Her data store: the reused lease (with where it was used) and the new electronic result.
    page.get_by_role("link", name=vi("My personal data store")).first.click()
    documents = page.locator("main ul.cards > li")
    expect(documents.filter(has_text=STORED)).to_contain_text(dossier.code)
    expect(documents.filter(has_text=STORED)).to_contain_text("Giấy tờ/thông tin chứng minh chỗ ở hợp pháp")
    expect(documents.filter(has_text=result.code)).to_have_count(1)
    shot("data-store")
    accessible(page)
    assert [path.name for path in shot.taken] == [
        f"portal-journey-{n:02d}-{s}.png" for n, s in enumerate(STEPS, 1)
    ]


# The key citizen pages, each weighed and checked on its own (a fresh tab: nothing cached).
