"""The citizen's journeys the main one leaves out, in a real browser (issue 6).

Nông Thị Hoa withdraws a dossier from "my dossiers"; reads in her data store's access log
that a desk official opened her dossier in the back office; pays the fee by VietQR (the
page shows the code and reloads itself until the payment simulator's callback arrives);
and does it all with JavaScript turned off: logs in through the VNeID simulator, submits
a dossier, tracks it at /tra-cuu/ and reads "my dossiers".

Screenshots (390×844) go to docs/screenshots/portal-more-NN-<step>.png (E2E_SCREENSHOTS
writes them elsewhere); the numbers are fixed by STEPS, whichever test runs first.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.citizen import (
    CODE,
    HOA,
    PDF,
    PHONE,
    PROCEDURE,
    SHOTS,
    accessible,
    dossier_of_hoa,
    hoa_has_a_dossier,
    log_in_with_vneid,
    official,
)
from tests.e2e.support import DEMO_PASSWORD, vi
from tests.e2e.test_citizen_journey import fill_the_application

pytestmark = pytest.mark.browser

STEPS = [
    "withdraw-my-dossiers",
    "withdraw-form",
    "withdrawn",
    "access-log",
    "vietqr-code",
    "vietqr-paid",
    "nojs-vneid-simulator",
    "nojs-form",
    "nojs-submitted",
    "nojs-my-dossiers",
    "nojs-tracking",
]
DESK = "thucphan.motcua"  # Chu Thị Duyên, the ward's one-stop desk official
HANDLER = "thucphan.xuly"  # Hoàng Văn Minh, the ward's handler: a name unlike the citizen's
PAYMENT_RELOAD_MS = 15_000  # the VietQR page reloads every 5 s


def shot(page, step: str) -> None:
    page.screenshot(path=str(SHOTS / f"portal-more-{STEPS.index(step) + 1:02d}-{step}.png"), full_page=True)


def vi_status(status: str) -> str:
    """How a Vietnamese page names a dossier status."""
    from django.utils import translation

    from motcua.dossiers.workflow import Status

    with translation.override("vi"):
        return str(Status(status).label)


def log_in_hoa(page, live_server, next_path: str) -> None:
    page.goto(f"/dang-nhap/?next={next_path}")
    log_in_with_vneid(page)
    expect(page).to_have_url(f"{live_server.url}{next_path}")


def test_a_citizen_withdraws_a_dossier_from_my_dossiers(page, live_server, hoa_province):
    page.set_viewport_size(PHONE)
    log_in_hoa(page, live_server, "/tai-khoan/")  # her account exists from her first login
    dossier = hoa_has_a_dossier()
    page.goto("/ho-so-cua-toi/")

    cards = page.locator("main ul.cards > li")
    expect(cards).to_have_count(1)
    expect(cards).to_contain_text(dossier.code)
    shot(page, "withdraw-my-dossiers")
    page.get_by_role("link", name=PROCEDURE).click()
    expect(page).to_have_url(re.compile(rf"/ho-so-cua-toi/{re.escape(dossier.identifier)}/$"))
    dossier_url = page.url
    page.get_by_role("link", name=vi("Withdraw this dossier")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(vi("Withdraw the dossier"))
    page.get_by_label(vi("Why do you withdraw it? (optional)")).fill("Tôi đã chuyển nơi làm việc.")
    shot(page, "withdraw-form")
    accessible(page)

    page.get_by_role("button", name=vi("Withdraw it")).click()
    expect(page).to_have_url(dossier_url)
    expect(page.locator("main .msg.success").first).to_have_text(vi("Your dossier was withdrawn."))
    expect(page.locator("main")).to_contain_text(vi_status("withdrawn"))
    expect(page.locator("main ol.timeline")).to_contain_text("Tôi đã chuyển nơi làm việc.")
    expect(page.get_by_role("link", name=vi("Withdraw this dossier"))).to_have_count(0)
    shot(page, "withdrawn")
    accessible(page)
    dossier.refresh_from_db()
    assert dossier.status == "withdrawn"
    assert dossier.events.filter(action="withdraw").count() == 1


def test_a_citizen_sees_which_official_read_her_dossier(browser, page, live_server, hoa_province):
    from django.utils import dateformat, timezone

    from motcua.agencies.selectors import official_of

    page.set_viewport_size(PHONE)
    log_in_hoa(page, live_server, "/kho-du-lieu/nhat-ky-truy-cap/")
    dossier = hoa_has_a_dossier()
    page.reload()
    expect(page.locator("main")).to_contain_text(
        vi("No official has read the personal data of your dossiers.")
    )

    # The handler it was assigned to opens it in the back office, on an office PC.
    from motcua.dossiers import services as dossiers

    dossiers.assign_dossier(dossier=dossier, by=official(DESK), assignee=HANDLER)
    desk = browser.new_context(base_url=live_server.url, locale="vi-VN")
    try:
        tab = desk.new_page()
        tab.goto("/backoffice/dang-nhap/")
        tab.get_by_label("Tên đăng nhập").fill(HANDLER)
        tab.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
        tab.get_by_role("button", name="Đăng nhập", exact=True).click()
        expect(tab.get_by_role("heading", level=1)).to_contain_text("Xin chào")
        tab.goto(f"/backoffice/ho-so/{dossier.code}/")
        expect(tab.locator("main")).to_contain_text("Nông Thị Hoa")
    finally:
        desk.close()
    [access] = dossier.accesses.all()
    handler = official_of(official(HANDLER))

    # She reads who it was, when and how, from her data store's access log.
    page.goto("/kho-du-lieu/")
    page.locator("nav.follow-links").get_by_role("link", name=vi("Who read my data")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(vi("Who read my data"))
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text(f"{handler.full_name} ({handler.agency.name})")  # who, and where
    expect(rows).not_to_contain_text("Nông Thị Hoa")  # not her own reads
    expect(rows).to_contain_text(dateformat.format(timezone.localtime(access.at), "H:i d/m/Y"))
    expect(rows).to_contain_text(vi("opened your dossier in the back office"))
    expect(rows).to_contain_text(dossier.code)
    shot(page, "access-log")
    accessible(page)


def test_a_citizen_pays_the_fee_by_vietqr(page, live_server, hoa_province):
    from motcua.integrations.payment.simulator import simulator as payments

    page.set_viewport_size(PHONE)
    log_in_hoa(page, live_server, "/tai-khoan/")
    dossier = hoa_has_a_dossier()
    pay_path = f"/nop-ho-so/da-nop/{dossier.reference}/thanh-toan/"
    page.goto(pay_path)
    expect(page.locator("main")).to_contain_text("7.000")

    page.get_by_role("button", name=vi("VietQR code")).click()
    code = page.locator("main figure.qr svg")
    expect(code).to_be_visible()
    payment = dossier.payments.get()
    assert payment.method == "vietqr" and payment.state == "pending" and payment.amount == 7000
    expect(page.locator("main")).to_contain_text(payment.account_number)
    expect(page.locator("main")).to_contain_text(payment.purpose)
    shot(page, "vietqr-code")
    accessible(page)

    # Her banking app pays; the platform calls back; the page notices on its own.
    payments.pay(payment.platform_ref)
    expect(page.locator("main p.msg.success")).to_have_text(
        vi("Everything is paid. Thank you."), timeout=PAYMENT_RELOAD_MS
    )
    expect(page).to_have_url(f"{live_server.url}{pay_path}")
    expect(code).to_have_count(0)
    shot(page, "vietqr-paid")
    accessible(page)
    payment.refresh_from_db()
    fee = dossier.fees.get()
    assert payment.state == "paid" and fee.paid_at is not None
    assert dossier.events.filter(action="pay").count() == 1


def test_the_portal_works_without_javascript(page_without_js, live_server, hoa_province):
    page = page_without_js
    page.set_viewport_size(PHONE)

    # Logging in: the portal's button and the VNeID simulator are plain forms.
    page.goto(f"/thu-tuc/{CODE}/")
    page.get_by_role("link", name=vi("Submit online")).click()
    page.get_by_role("button", name=vi("Log in with VNeID")).click()
    expect(page.get_by_role("button", name=HOA)).to_be_visible()
    shot(page, "nojs-vneid-simulator")
    page.get_by_role("button", name=HOA).click()
    expect(page).to_have_url(f"{live_server.url}/nop-ho-so/{CODE}/")
    expect(page.locator("#id_address")).not_to_have_value("")

    # The whole form, the commune list by a round trip, a file for the mandatory document.
    fill_the_application(page)
    row = page.locator("#f-documents-0")
    row.get_by_label(re.compile(r"^Tên giấy tờ")).fill("Giấy xác nhận của chủ nhà")
    row.get_by_label(re.compile(r"^Tệp đính kèm")).set_input_files(
        files=[{"name": "xac-nhan-chu-nha.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.locator("input[type=file][name=doc-2]").set_input_files(
        files=[{"name": "hop-dong-thue-nha.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    paying = page.get_by_role("group", name=vi("How will you pay the fee?"))
    paying.get_by_label(vi("At the desk")).check()
    shot(page, "nojs-form")
    page.get_by_role("button", name=vi("Submit the dossier")).click()
    expect(page).to_have_url(re.compile(r"/nop-ho-so/da-nop/[0-9a-f-]{36}/$"))
    expect(page.locator("main .msg.success").first).to_have_text(vi("Your dossier has been submitted."))
    shot(page, "nojs-submitted")
    dossier = dossier_of_hoa()
    assert dossier.status in {"submitted", "received"} and dossier.channel == "online"
    assert dossier.components.get(position=2).file_name == "hop-dong-thue-nha.pdf"
    assert dossier.form_data["documents"][0]["name"] == "Giấy xác nhận của chủ nhà"

    # "My dossiers" lists it; the dossier's page opens from there.
    page.get_by_role("navigation").get_by_role("link", name=vi("My dossiers"), exact=True).click()
    cards = page.locator("main ul.cards > li")
    expect(cards).to_have_count(1)
    expect(cards).to_contain_text(PROCEDURE)
    shot(page, "nojs-my-dossiers")
    page.get_by_role("link", name=PROCEDURE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PROCEDURE)
    expect(page.locator("main")).to_contain_text(vi_status(dossier.status))

    # Received at the desk, anyone with the code and the phone's last digits tracks it.
    if dossier.status == "submitted":
        from motcua.dossiers import services as dossiers

        dossiers.receive_dossier(dossier=dossier, by=official(DESK))
    dossier.refresh_from_db()
    page.context.clear_cookies()
    page.goto("/tra-cuu/")
    page.get_by_label(vi("Dossier code")).fill(dossier.code)
    page.get_by_label(vi("Last 4 digits of the phone number given in the dossier")).fill("5678")
    page.get_by_role("button", name=vi("Look up")).click()
    found = page.locator("main section.found")
    expect(found).to_contain_text(dossier.code)
    expect(found).to_contain_text(PROCEDURE)
    shot(page, "nojs-tracking")
