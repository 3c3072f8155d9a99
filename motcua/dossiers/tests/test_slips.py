"""The standard slips (forms 01–07): content, QR code, fonts, layout, speed."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import zlib
from datetime import date, datetime, timedelta
from decimal import Decimal
from html import unescape
from uuid import uuid4
from zoneinfo import ZoneInfo

import pytest
from weasyprint import HTML

from motcua.agencies.models import AdminUnit
from motcua.agencies.tests.factories import AgencyFactory
from motcua.catalog.services import save_procedure
from motcua.catalog.tests.records import construction_permit
from motcua.dossiers.models import Dossier, DossierComponent, DossierEvent, DossierFee, DossierStep, SlipKind
from motcua.dossiers.slips import (
    FORM_NUMBERS,
    SLIP_KINDS,
    ledger_html,
    qr_payload,
    render_ledger,
    render_slip,
)
from motcua.dossiers.slips import slip_html as make_html
from motcua.dossiers.slips.heading import place_of
from motcua.dossiers.slips.qr import decode
from motcua.dossiers.slips.render import SlipRenderingError, html_to_pdf

VN = ZoneInfo("Asia/Ho_Chi_Minh")
RECEIVED_AT = datetime(2026, 1, 5, 9, 5, tzinfo=VN)
ISSUED_AT = datetime(2026, 1, 5, 9, 20, tzinfo=VN)
CODE = "000.00.12.H04-260105-0007"
OWNER = "Nguyễn Thị Hồng Nhung"
DETAILS = {
    "supplement_request": {
        "reason": "Bản vẽ thiết kế chưa có chữ ký của chủ đầu tư.",
        "missing": ["Bản vẽ mặt bằng công trình trên lô đất", "Giấy tờ chứng minh quyền sử dụng đất"],
    },
    "refusal": {"reason": "Công trình nằm trong khu vực đã có quy hoạch thu hồi đất."},
    "apology_extension": {
        "reason": "Cần lấy ý kiến của Sở Xây dựng về chỉ giới đường đỏ.",
        "old_appointment": date(2026, 1, 26),
        "new_appointment": date(2026, 2, 9),
    },
    "stop_notice": {"reason": "Theo đề nghị dừng giải quyết của người nộp hồ sơ."},
}
PAGES = {kind: 1 for kind in SLIP_KINDS} | {
    "receipt": 2,  # one page per copy
    "control_sheet": 2,  # seven hand-overs: the table runs on, its header repeated
}
TITLES = {
    "receipt": "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
    "supplement_request": "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
    "refusal": "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
    "apology_extension": "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT HỒ SƠ",
    "stop_notice": "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
    "control_sheet": "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
}


@pytest.fixture
def agencies(db):
    province = AdminUnit.objects.get(code="04")
    ward = AdminUnit.objects.get(code="01273")
    committee = AgencyFactory(
        code="000.00.00.H14", name="Ủy ban nhân dân tỉnh Cao Bằng", level="province", unit=province
    )
    center = AgencyFactory(
        code="000.00.12.H04",
        name="Trung tâm Phục vụ hành chính công tỉnh",
        level="province",
        kind="service_center",
        unit=province,
        parent=committee,
        phone="0206 3852 000",
    )
    commune = AgencyFactory(code="000.20.31.H14", name="Ủy ban nhân dân phường Thục Phán", unit=ward)
    department = AgencyFactory(
        code="000.10.31.H14",
        name="Sở Xây dựng",
        level="province",
        kind="department",
        unit=province,
        parent=committee,
        phone="0206 3856 111",
    )
    return {"committee": committee, "center": center, "commune": commune, "department": department}


@pytest.fixture
def dossier(agencies):
    procedure = save_procedure(record=construction_permit(), by="test").procedure
    dossier = Dossier.objects.create(
        code=CODE,
        procedure=procedure,
        procedure_revision=procedure.revisions.get(),
        status="returned",
        channel="desk",
        owner_name=OWNER,
        owner_id_number="004190012345",
        owner_phone="0912 345 678",
        owner_email="nhung@example.vn",
        owner_address="Số 12 phố Kim Đồng, phường Thục Phán, tỉnh Cao Bằng",
        receiving_agency=agencies["center"],
        competent_agency=agencies["commune"],
        current_agency=agencies["commune"],
        result_delivery="post",
        copies=1,
        created_at=RECEIVED_AT,
        received_at=RECEIVED_AT,
        received_on=RECEIVED_AT.date(),
        appointment_on=date(2026, 1, 26),
        original_appointment_on=date(2026, 1, 26),
        finished_at=datetime(2026, 1, 22, 16, 0, tzinfo=VN),
        returned_at=datetime(2026, 1, 23, 10, 0, tzinfo=VN),
        outcome="early",
        updated_at=RECEIVED_AT,
    )
    _components(dossier)
    DossierFee.objects.create(dossier=dossier, name="Lệ phí cấp giấy phép xây dựng", amount=75000)
    DossierFee.objects.create(dossier=dossier, name="Phí thẩm định", amount=1250000, paid_at=RECEIVED_AT)
    _steps_and_events(dossier, agencies)
    return dossier


def _components(dossier):
    names = [
        ("Đơn đề nghị cấp giấy phép xây dựng", {"copies": 1}),
        ("Bản sao giấy tờ chứng minh quyền sử dụng đất", {"file": "dossiers/2026/01/dat.pdf"}),
        ("Bản vẽ thiết kế xây dựng", {"copies": 2}),
        ("Cam kết bảo đảm an toàn công trình liền kề", {}),  # not provided: not on the receipt
    ]
    for position, (name, values) in enumerate(names, start=1):
        DossierComponent.objects.create(dossier=dossier, position=position, name=name, **values)


# (action, minutes after receipt, actor, from, to, deadline status, step name, data)
EVENTS = [
    ("submit", -30, OWNER, None, None, "", "", {}),
    ("receive", 0, "Hoàng Văn Tiếp", None, None, "", "Tiếp nhận", {}),
    ("assign", 60, "Lê Văn Lãnh", None, "commune", "", "", {"assignee_name": "Lê Thị Thẩm"}),
    ("complete-step", 60 * 24 * 3, "Lê Thị Thẩm", None, None, "early", "Thẩm định", {}),
    ("transfer", 60 * 24 * 4, "Lê Thị Thẩm", "commune", "department", "", "", {}),
    ("complete-step", 60 * 24 * 9, "Đỗ Quang Sở", "department", "commune", "late", "Lấy ý kiến", {}),
    ("approve", 60 * 24 * 10, "Lê Văn Lãnh", None, None, "on_time", "Phê duyệt", {}),
    ("return-result", 60 * 24 * 18, "Hoàng Văn Tiếp", None, None, "early", "Trả kết quả", {}),
]


def _steps_and_events(dossier, agencies):
    for position, (name, agency) in enumerate([("Thẩm định", "commune"), ("Lấy ý kiến", "department")], 1):
        DossierStep.objects.create(
            dossier=dossier,
            position=position,
            name=name,
            kind="assess",
            role="handler",
            agency=agencies[agency],
            budget_days=Decimal(3),
        )
    for seq, (action, minutes, actor, giver, receiver, status, step, data) in enumerate(EVENTS, start=1):
        DossierEvent.objects.create(
            dossier=dossier,
            seq=seq,
            at=RECEIVED_AT + timedelta(minutes=minutes),
            action=action,
            actor_name=actor,
            actor_kind="applicant" if action == "submit" else "official",
            to_status="processing",
            from_agency=agencies[giver] if giver else None,
            to_agency=agencies[receiver] if receiver else None,
            deadline_status=status,
            step_name=step,
            data=data,
        )


def slip_html(dossier, kind):
    return make_html(dossier=dossier, kind=kind, details=DETAILS.get(kind), issued_at=ISSUED_AT)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", sorted(SLIP_KINDS))
def test_each_kind_renders_an_a4_pdf_quickly(dossier, kind):
    render_slip(dossier=dossier, kind=kind, details=DETAILS.get(kind), issued_at=ISSUED_AT)  # warm up

    started = time.perf_counter()
    pdf = render_slip(dossier=dossier, kind=kind, details=DETAILS.get(kind), issued_at=ISSUED_AT)
    elapsed = time.perf_counter() - started

    assert pdf.startswith(b"%PDF")
    assert elapsed < 2, f"{kind} took {elapsed:.2f} s"
    pages = HTML(string=slip_html(dossier, kind)).render().pages
    assert len(pages) == PAGES[kind]
    assert {(round(page.width), round(page.height)) for page in pages} == {(794, 1123)}  # A4 at 96 dpi


@pytest.mark.django_db
def test_fonts_are_embedded(dossier):
    pdf = render_slip(dossier=dossier, kind="receipt", issued_at=ISSUED_AT)

    text = _pdf_objects(pdf)
    fonts = set(re.findall(rb"/FontName\s*/[A-Z]{6}\+([^\s/>]+)", text))
    assert fonts == {
        b"Be-Vietnam-Pro",
        b"Be-Vietnam-Pro-Bold",
        b"Be-Vietnam-Pro-Semi-Bold",
        b"Be-Vietnam-Pro-Italic",
    }
    assert re.search(rb"/FontFile2", text)  # the TrueType program itself, subset


@pytest.mark.django_db
def test_pdf_text_keeps_the_diacritics(dossier):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdf = render_slip(dossier=dossier, kind="receipt", issued_at=ISSUED_AT)

    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()

    assert text.count("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ") == 2
    assert OWNER in text
    assert "Liên 1: Lưu" in text and "Liên 2: Giao người nộp" in text


@pytest.mark.django_db
def test_receipt_as_png_for_the_eye(dossier, tmp_path):
    """Renders page 1 to PNG; look at it when the layout changes (diacritics, QR, heading)."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(render_slip(dossier=dossier, kind="receipt", issued_at=ISSUED_AT))

    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", pdf, tmp_path / "page"], check=True)

    png = tmp_path / "page-1.png"
    assert png.read_bytes().startswith(b"\x89PNG")
    from PIL import Image, ImageStat

    with Image.open(png) as image:
        grey = image.convert("L")
    assert grey.size in {(496, 702), (497, 702)}  # A4 at 60 dpi
    # The QR code (22 mm ≈ 52 px) fills the top-left corner inside the margins (20 mm, 15 mm).
    qr = ImageStat.Stat(grey.crop((48, 36, 98, 86))).mean[0]
    margin = ImageStat.Stat(grey.crop((0, 0, 46, 702))).mean[0]
    assert 60 < qr < 200 and margin == 255


@pytest.mark.django_db
@pytest.mark.parametrize("kind", sorted(SLIP_KINDS))
def test_every_slip_has_its_title_code_owner_and_number(dossier, kind):
    html = slip_html(dossier, kind)

    assert TITLES[kind] in html
    assert CODE in html
    assert OWNER in html
    assert f"Mẫu số {FORM_NUMBERS[kind]}" in html
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html
    assert "Độc lập - Tự do - Hạnh phúc" in html
    assert "Cao Bằng, ngày 05 tháng 01 năm 2026" in html


def test_form_numbers_follow_circular_03_2025():
    assert FORM_NUMBERS == {
        "receipt": "01",
        "supplement_request": "02",
        "refusal": "03",
        "apology_extension": "04",
        "stop_notice": "05",
        "control_sheet": "06",
        "ledger": "07",
    }
    assert set(SlipKind.values) == SLIP_KINDS


@pytest.mark.django_db
def test_receipt_fields(dossier):
    html = slip_html(dossier, "receipt")

    assert "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH" in html
    assert "ỦY BAN NHÂN DÂN TỈNH CAO BẰNG" in html
    assert "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ" in html
    assert "09 giờ 05 phút, ngày 05 tháng 01 năm 2026" in html
    assert "ngày 26 tháng 01 năm 2026" in html
    assert "15 ngày làm việc" in html
    assert "Nhà riêng (trụ sở tổ chức), qua dịch vụ bưu chính công ích" in html
    assert "75.000 đồng" in html and "1.250.000 đồng" in html
    assert 'Quyển số: <span class="value">2026</span>, Số thứ tự: <span class="value">7</span>' in html
    assert html.count("NGƯỜI TIẾP NHẬN HỒ SƠ") == 2
    assert "Hoàng Văn Tiếp" in html  # the official who received it
    assert "Bản điện tử" in html
    assert "Cam kết bảo đảm an toàn công trình liền kề" not in html  # not provided


@pytest.mark.django_db
def test_components_table_lists_what_was_received_in_order(dossier):
    html = slip_html(dossier, "receipt")

    rows = re.findall(r'<td class="n">(\d+)</td><td>([^<]+)</td><td class="count">([^<]+)</td>', html)
    assert rows[:3] == [
        ("1", "Đơn đề nghị cấp giấy phép xây dựng", "1"),
        ("2", "Bản sao giấy tờ chứng minh quyền sử dụng đất", "Bản điện tử"),
        ("3", "Bản vẽ thiết kế xây dựng", "2"),
    ]


@pytest.mark.django_db
def test_supplement_request_lists_what_is_missing_and_why(dossier):
    html = slip_html(dossier, "supplement_request")

    assert "Bản vẽ mặt bằng công trình trên lô đất" in html
    assert "Giấy tờ chứng minh quyền sử dụng đất" in html
    assert "Bản vẽ thiết kế chưa có chữ ký của chủ đầu tư." in html
    assert "NGƯỜI HƯỚNG DẪN" in html
    assert "/HDHS" in html


@pytest.mark.django_db
def test_apology_gives_the_reason_and_both_dates(dossier):
    html = slip_html(dossier, "apology_extension")

    assert "Kính gửi: Ông/Bà" in html
    assert "Cần lấy ý kiến của Sở Xây dựng về chỉ giới đường đỏ." in html
    assert "ngày 26 tháng 01 năm 2026" in html
    assert "ngày 09 tháng 02 năm 2026" in html
    assert "xin lỗi" in html


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["refusal", "stop_notice"])
def test_refusal_and_stop_give_the_reason(dossier, kind):
    assert DETAILS[kind]["reason"] in slip_html(dossier, kind)


@pytest.mark.django_db
def test_text_is_nfc(dossier):
    dossier.owner_name = "Nguye\u0302\u0303n Thi\u0323 Ho\u0302\u0300ng"  # decomposed
    html = slip_html(dossier, "receipt")

    assert "Nguyễn Thị Hồng" in html
    assert "\u0302" not in html


@pytest.mark.django_db
def test_control_sheet_lists_hand_overs_in_order(dossier):
    html = slip_html(dossier, "control_sheet")

    givers = re.findall(r"1\. Giao: ([^<]+)", html)
    receivers = re.findall(r"2\. Nhận: ([^<]+)", html)
    assert givers == [
        f"Chủ hồ sơ: {OWNER}",  # receive
        "Trung tâm Phục vụ hành chính công tỉnh",  # assign
        "Ủy ban nhân dân phường Thục Phán",  # complete-step
        "Ủy ban nhân dân phường Thục Phán",  # transfer
        "Sở Xây dựng",  # complete-step at the department
        "Ủy ban nhân dân phường Thục Phán",  # approve
        "Ủy ban nhân dân phường Thục Phán",  # return-result
    ]
    assert receivers == [
        "Trung tâm Phục vụ hành chính công tỉnh",
        "Ủy ban nhân dân phường Thục Phán",
        "Ủy ban nhân dân phường Thục Phán",
        "Sở Xây dựng",
        "Ủy ban nhân dân phường Thục Phán",
        "Ủy ban nhân dân phường Thục Phán",
        f"Chủ hồ sơ: {OWNER}",
    ]
    results = re.findall(r'<td class="result" rowspan="2">([^<]*)</td>', html)
    assert results == ["", "", "Trước hạn", "", "Quá hạn", "Đúng hạn", "Trước hạn"]
    assert "Hoàn thành bước: Thẩm định" in html
    assert "Lê Thị Thẩm" in html  # the assignee receives
    assert "Cơ quan phối hợp giải quyết hồ sơ:</span> Sở Xây dựng" in html


@pytest.mark.django_db
def test_qr_payload_holds_the_required_fields(dossier, settings):
    settings.PUBLIC_BASE_URL = "https://dichvucong.caobang.gov.vn/"

    payload = qr_payload(
        dossier=dossier, document_name="Giấy tiếp nhận hồ sơ và hẹn trả kết quả", issued_at=ISSUED_AT
    )

    assert decode(payload) == {
        "code": CODE,
        "proc": "1.009994",
        "owner": "********2345",
        "doc": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
        "sys": "motcua",
        "at": "2026-01-05T09:20:00+07:00",
        "url": f"https://dichvucong.caobang.gov.vn/tra-cuu/?ma={CODE}",
    }
    assert "004190012345" not in payload


@pytest.mark.django_db
def test_qr_url_defaults_to_the_development_server(dossier, settings):
    del settings.PUBLIC_BASE_URL  # whether or not the project defines it

    payload = qr_payload(dossier=dossier, document_name="x", issued_at=ISSUED_AT, extra={"n": "a\nb"})

    fields = decode(payload)
    assert fields["url"] == f"http://127.0.0.1:8000/tra-cuu/?ma={CODE}"
    assert fields["n"] == "a b"  # one line per field
    assert list(fields)[-1] == "url"


@pytest.mark.django_db
def test_receipt_qr_adds_the_appointment(dossier):
    html = slip_html(dossier, "receipt")

    payload = re.search(r'<img class="qr" src="[^"]+" data-payload="([^"]+)"', html)
    assert payload is not None
    fields = decode(unescape(payload.group(1)))
    assert fields["appt"] == "2026-01-26"
    assert fields["doc"] == "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"


@pytest.mark.django_db
@pytest.mark.parametrize("kind", sorted(SLIP_KINDS))
def test_qr_is_the_first_thing_on_the_page_at_the_top_left(dossier, kind):
    html = slip_html(dossier, kind)

    sheet = html.split('<section class="sheet">', 1)[1]
    assert sheet.lstrip().startswith('<img class="qr" src="data:image/svg+xml')
    assert re.search(r"\.qr \{ position: absolute; top: 0; left: 0; width: 22mm; height: 22mm; \}", html)
    page = HTML(string=html).render().pages[0]
    box = _first_replaced_box(page._page_box)
    assert box.element_tag == "img"
    assert (box.position_x, box.position_y) == (page._page_box.margin_left, page._page_box.margin_top)
    assert round(box.width) == round(22 * 96 / 25.4)


@pytest.mark.django_db
def test_ledger_renders_the_rows(dossier, agencies):
    second = Dossier.objects.get(pk=dossier.pk)
    second.pk, second.code, second.reference = None, "000.00.12.H04-260106-0001", uuid4()
    second.owner_name, second.status, second.outcome = "Trần Văn Bình", "processing", ""
    second.returned_at = second.finished_at = None
    second.save()
    rows = Dossier.objects.filter(receiving_agency=agencies["center"]).order_by("code")

    html = ledger_html(
        agency=agencies["center"],
        rows=rows,
        start=date(2026, 1, 1),
        end=date(2026, 1, 31),
        issued_at=ISSUED_AT,
    )
    pdf = render_ledger(agency=agencies["center"], rows=rows, start=date(2026, 1, 1), end=date(2026, 1, 31))

    assert pdf.startswith(b"%PDF")
    assert "SỔ THEO DÕI HỒ SƠ" in html and "Mẫu số 07" in html
    assert "Từ ngày 01 tháng 01 năm 2026 đến ngày 31 tháng 01 năm 2026" in html
    assert html.index(CODE) < html.index("000.00.12.H04-260106-0001")
    assert "Trần Văn Bình" in html and OWNER in html
    assert "<td>05/01/2026<br>09:05</td>" in html  # received
    assert "05/01/2026<br>Ủy ban nhân dân phường Thục Phán" in html  # handed on, competent agency
    assert "Đã trả kết quả, Trước hạn" in html and "Đang giải quyết" in html
    page = HTML(string=html).render().pages[0]
    assert round(page.width) > round(page.height)  # landscape


@pytest.mark.django_db
def test_place_is_the_province(agencies):
    assert place_of(agencies["commune"]) == "Cao Bằng"  # a ward's province
    assert place_of(agencies["center"]) == "Cao Bằng"
    hanoi = AdminUnit.objects.get(code="01")
    assert place_of(AgencyFactory(code="000.00.00.H26", unit=hanoi)) == "Hà Nội"


def _pdf_objects(pdf: bytes) -> bytes:
    """The PDF with its Flate streams inflated, so object streams can be searched."""
    parts = [pdf]
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            parts.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def _first_replaced_box(box):
    box = getattr(box, "_box", box)  # an absolutely positioned box sits behind a placeholder
    if type(box).__name__.endswith("ReplacedBox"):
        return box
    for child in getattr(box, "children", ()):
        found = _first_replaced_box(child)
        if found is not None:
            return found
    return None


@pytest.mark.django_db
def test_unknown_kind_is_refused(dossier):
    with pytest.raises(ValueError, match="no slip of kind 'ledger'"):
        render_slip(dossier=dossier, kind="ledger")


@pytest.mark.parametrize("url", ["file:///etc/hostname", "http://127.0.0.1:9/x.png"])
def test_renderer_fetches_only_its_fonts(url):
    with pytest.raises(SlipRenderingError, match="only their fonts"):
        html_to_pdf(f'<html><body><img src="{url}"></body></html>')


def test_renderer_accepts_data_urls():
    pdf = html_to_pdf(
        '<html><body><img src="data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22/%3E"></body></html>'
    )

    assert pdf.startswith(b"%PDF")


@pytest.mark.django_db
def test_details_that_went_through_json_still_print(dossier):
    details = {
        "reason": "Chờ kết quả đo đạc",
        "old_appointment": "2026-01-26",
        "new_appointment": "2026-02-09",
        "missing": [{"name": "Bản vẽ mặt bằng"}, "Sơ đồ vị trí"],
    }

    letter = make_html(dossier=dossier, kind="apology_extension", details=details, issued_at=ISSUED_AT)
    request = make_html(dossier=dossier, kind="supplement_request", details=details, issued_at=ISSUED_AT)

    assert "ngày 09 tháng 02 năm 2026" in letter and "appt=2026-02-09" in unescape(letter)
    assert "<td>Bản vẽ mặt bằng</td>" in request and "<td>Sơ đồ vị trí</td>" in request
