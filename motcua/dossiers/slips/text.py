"""Vietnamese wording for the slips: dates, times, money, time limits; pure.

The slips are legal documents written in Vietnamese whatever language the interface
uses, so these strings are not translated. Every string is returned in NFC: precomposed
letters, which every font covers and ``pdftotext`` finds again.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

LOCAL_TIME = ZoneInfo("Asia/Ho_Chi_Minh")
BLANK = "……"  # what an unknown value prints as: a space to fill in by hand

TIME_UNITS = {"working_days": "ngày làm việc", "hours": "giờ làm việc"}
RESULT_DELIVERY = {  # "at the desk" names the receiving unit: see context.delivery_text
    "online": "Cổng Dịch vụ công (nhận kết quả trực tuyến)",
    "post": "Nhà riêng (trụ sở tổ chức), qua dịch vụ bưu chính công ích",
}
DEADLINE_STATUS = {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn"}
STATUS = {
    "draft": "Bản nháp",
    "submitted": "Chờ tiếp nhận",
    "supplement_requested": "Yêu cầu bổ sung",
    "received": "Đã tiếp nhận",
    "processing": "Đang giải quyết",
    "awaiting_supplement": "Chờ bổ sung",
    "paused": "Tạm dừng",
    "approved": "Đã phê duyệt",
    "signed": "Đã ký kết quả",
    "returned": "Đã trả kết quả",
    "refused": "Từ chối",
    "withdrawn": "Rút hồ sơ",
    "stopped": "Dừng giải quyết",
}


def nfc(text: object) -> str:
    """``text`` as a string in Unicode NFC; None is the empty string."""
    return "" if text is None else unicodedata.normalize("NFC", str(text))


def local(moment: datetime) -> datetime:
    """An aware datetime in Vietnam's time (UTC+7); a naive one is refused."""
    if moment.tzinfo is None:
        raise ValueError("the slips need aware datetimes")
    return moment.astimezone(LOCAL_TIME)


def date_text(day: date | datetime | None) -> str:
    """``ngày 05 tháng 01 năm 2026``; a datetime is read in Vietnam's time."""
    if day is None:
        return f"ngày {BLANK} tháng {BLANK} năm {BLANK}"
    if isinstance(day, datetime):
        day = local(day).date()
    return f"ngày {day:%d} tháng {day:%m} năm {day:%Y}"


def time_text(moment: datetime | None) -> str:
    """``09 giờ 05 phút, ngày 05 tháng 01 năm 2026`` in Vietnam's time."""
    if moment is None:
        return f"{BLANK} giờ {BLANK} phút, {date_text(None)}"
    moment = local(moment)
    return f"{moment:%H} giờ {moment:%M} phút, {date_text(moment)}"


def short_date(day: date | datetime | None) -> str:
    """``05/01/2026`` (the ledger's columns); empty when unknown."""
    if day is None:
        return ""
    if isinstance(day, datetime):
        day = local(day).date()
    return f"{day:%d/%m/%Y}"


def place_date(place: str, day: date | datetime) -> str:
    """The line under the national motto: ``Cao Bằng, ngày 05 tháng 01 năm 2026``."""
    return nfc(f"{place}, {date_text(day)}" if place else date_text(day).capitalize())


def number_text(value: int | Decimal) -> str:
    """Thousands with dots, decimals with a comma: ``1.250.000``, ``1,5``."""
    value = Decimal(value)
    whole = int(value)
    text = f"{whole:,}".replace(",", ".")
    fraction = value - whole
    if fraction:
        text += "," + f"{fraction.normalize():f}".split(".")[1]
    return text


def money_text(amount: int | Decimal) -> str:
    """``1.250.000 đồng``; nothing to pay reads ``Không thu``."""
    return "Không thu" if not amount else f"{number_text(amount)} đồng"


def time_limit_text(value: int | Decimal | None, unit: str) -> str:
    """The statutory limit: ``15 ngày làm việc``, ``4 giờ làm việc``, ``Trong ngày``."""
    if unit == "within_day":
        return "Trong ngày"
    if value is None or unit not in TIME_UNITS:
        return BLANK
    return f"{number_text(value)} {TIME_UNITS[unit]}"


def two_digits(value: int) -> str:
    """Counts on the slips are written with two digits: ``01``, ``12``."""
    return f"{value:02d}"


def mask_identifier(number: str, *, visible: int = 4) -> str:
    """All but the last ``visible`` characters hidden: ``********7890``.

    The QR code is printed on paper the applicant keeps and anyone can read it, so it
    carries only enough of the citizen ID or tax code to tell two owners apart.
    """
    number = "".join(number.split())
    if len(number) <= visible:
        return "*" * len(number)
    return "*" * (len(number) - visible) + number[-visible:]
