"""What the generator writes: its knobs, the columns of each table, a batch and the report."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta, timezone
from typing import Any

PROVINCE_CODE = "04"  # Cao Bằng, the demo province
# Viet Nam keeps UTC+7 all year: a fixed offset is the same as Asia/Ho_Chi_Minh, and faster.
LOCAL = timezone(timedelta(hours=7))

# Office time: the minutes the offices are open, 07:30–11:30 and 13:30–17:00, laid end to end,
# so "two hours later" crosses lunch and nights the way a working day does.
DAY = 450
MORNING = 240
OPENS, REOPENS = 7 * 60 + 30, 13 * 60 + 30
CUTOFF = MORNING + 90  # 15:00: "within the day" procedures received later are due the next day

CHANNELS = (("desk", 0.60), ("online", 0.95), ("post", 1.0))
# Relative popularity of the demo catalog's procedures by field (certified copies and civil
# status dominate a commune's desk); a procedure not listed weighs 1.
FIELD_WEIGHTS = {
    "Chứng thực": 14.0,
    "Hộ tịch": 6.0,
    "Đăng ký, quản lý cư trú": 5.0,
    "Đất đai": 4.0,
    "Bảo trợ xã hội": 2.0,
    "Thành lập và hoạt động của doanh nghiệp": 2.0,
    "Đăng ký, quản lý phương tiện giao thông cơ giới, xe máy chuyên dùng": 2.0,
}
# Names of the region (Tày, Nùng, Kinh), for owners and for officials the demo did not seed.
FAMILY = "Nông Hoàng Lương Bế Đàm Lý Lục Triệu Ma Hà Sầm Nguyễn Vi Đinh Dương Phùng Lâm Trần".split()  # noqa: SIM905
MIDDLE = {"m": ("Văn", "Đức", "Minh", "Quang", "Hữu"), "f": ("Thị", "Thu", "Ngọc", "Hồng", "Thanh")}
GIVEN = {
    "m": "Dũng Minh Tuấn Hùng Sơn Thắng Long Cường Hải Nam Phong Khánh Sình Chàn Đức".split(),  # noqa: SIM905
    "f": "Hoa Lan Mai Hương Thúy Mỷ Thu Linh Hằng Nga Duyên Yến Trang Vân Chi Hiền".split(),  # noqa: SIM905
}
REASONS = {
    "refuse_at_receipt": "Hồ sơ không thuộc thẩm quyền giải quyết",
    "refuse": "Không đủ điều kiện theo quy định",
    "supplement": "Bổ sung bản sao giấy tờ chứng minh nơi cư trú",
    "pause": "Chờ kết quả xác minh của cơ quan liên quan",
    "stop": "Người nộp không bổ sung hồ sơ trong thời hạn",
}
EMPTY = "{}"


def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Our columns of each table, by attname; any other column gets the model field's default.
DOSSIER_COLUMNS = _names("""
    id reference code procedure_id procedure_revision_id status channel version
    owner_kind owner_name owner_id_number owner_phone owner_email owner_address owner_unit_id
    account_id assurance_level served_at_id receiving_agency_id competent_agency_id
    current_agency_id assignee_id form_data population_data_pending result_delivery copies
    created_at submitted_at received_at received_on appointment_on original_appointment_on
    finished_at outcome returned_at supplement_requests extensions satisfaction rating updated_at
""")
EVENT_COLUMNS = _names("""
    dossier_id seq at action actor_id actor_name actor_kind from_status to_status step_position
    step_name from_agency_id to_agency_id deadline_status note data
""")
STEP_COLUMNS = _names("""
    dossier_id position name kind role agency_id budget_days due_on assignee_id started_at
    finished_at outcome
""")
COMPONENT_COLUMNS = _names("dossier_id position name mandatory copies from_store store_document")
FEE_COLUMNS = _names("dossier_id name amount paid_at channel")
PAUSE_COLUMNS = _names("dossier_id kind reason started_at ended_at")


@dataclass
class Batch:
    dossiers: list[tuple] = field(default_factory=list)
    events: list[tuple] = field(default_factory=list)
    steps: list[tuple] = field(default_factory=list)
    components: list[tuple] = field(default_factory=list)
    fees: list[tuple] = field(default_factory=list)
    pauses: list[tuple] = field(default_factory=list)
    counters: dict[tuple[int, date], int] = field(default_factory=dict)

    def sizes(self) -> dict[str, int]:
        return {
            "dossiers": len(self.dossiers),
            "events": len(self.events),
            "steps": len(self.steps),
            "components": len(self.components),
            "fees": len(self.fees),
            "pauses": len(self.pauses),
        }


@dataclass
class Report:
    dossiers: int = 0
    rows: Counter = field(default_factory=Counter)
    statuses: Counter = field(default_factory=Counter)
    outcomes: Counter = field(default_factory=Counter)
    channels: Counter = field(default_factory=Counter)
    counters: int = 0
    first_day: str = ""
    last_day: str = ""
    seconds: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        total = max(self.dossiers, 1)
        return {
            "dossiers": self.dossiers,
            "received_from": self.first_day,
            "received_to": self.last_day,
            "rows": dict(self.rows),
            "code_counters": self.counters,
            "status_share_pct": {k: round(100 * v / total, 2) for k, v in self.statuses.most_common()},
            "outcome_share_pct": {
                k or "-": round(100 * v / total, 2) for k, v in self.outcomes.most_common()
            },
            "channel_share_pct": {k: round(100 * v / total, 2) for k, v in self.channels.most_common()},
            "seconds": {k: round(v, 1) for k, v in self.seconds.items()},
        }
