"""Domain ↔ wire for the National Public Service Portal: the one place the mapping lives.

No official specification was found (domain.md §11): the field names and status codes
below are our reading of the portal's synchronisation and are documented, with what is
still missing, in docs/integrations/national-portal.md. Change them here only.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings

from motcua.integrations.base import Acknowledgement, Outgoing, TerminalError, registry
from motcua.integrations.national_portal.client import NationalPortalClient
from motcua.integrations.national_portal.simulator import simulator
from motcua.integrations.simulators import wire_for

SYSTEM = "national_portal"
SIMULATOR = "national-portal"  # the contract's short id, as run_simulator knows it
STATUS_TOPIC = "dossier.status"
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
SIMULATED_URL = "http://national-portal.simulator"

# Our dossier status → the portal's TrangThaiHoSo (assumed numbering, see the docs).
STATUS_CODES = {
    "submitted": 1,  # mới đăng ký
    "received": 2,  # được tiếp nhận
    "refused": 3,  # không được tiếp nhận / từ chối
    "processing": 4,  # đang xử lý
    "supplement_requested": 5,  # yêu cầu bổ sung giấy tờ (at receipt)
    "awaiting_supplement": 5,  # yêu cầu bổ sung giấy tờ (during processing)
    "paused": 6,  # tạm dừng (nghĩa vụ tài chính, xác minh)
    "withdrawn": 7,  # công dân rút hồ sơ
    "stopped": 8,  # dừng xử lý
    "approved": 9,  # đã xử lý xong
    "signed": 9,
    "returned": 10,  # đã trả kết quả
}
# Status-history events the portal distinguishes (domain.md §11).
EVENT_CODES = {"request-supplement": "YEU_CAU_BO_SUNG", "supplement": "HOAN_THANH_BO_SUNG"}
ENDS_PROCESSING = {"approved", "refused", "stopped", "withdrawn"}


def status_to_wire(payload: dict[str, Any]) -> dict[str, Any]:
    """The portal's status record for one dossier event (payload of ``dossier.status``)."""
    try:
        status, at = payload["status"], _datetime(payload["at"])
        body = {
            "MaHoSo": payload["code"],
            "MaTTHC": payload["procedure"],
            "TrangThaiHoSo": STATUS_CODES[status],
            "KenhThucHien": int(payload["channel"]),
            "ThuTuSuKien": int(payload["event_seq"]),
            "HanhDong": EVENT_CODES.get(payload["action"], payload["action"]),
            "ThoiDiemSuKien": at,
            "NgayTiepNhan": _date(payload.get("received_on")),
            "NgayHenTra": _date(payload.get("appointment_on")),
            "NgayKetThucXuLy": at if status in ENDS_PROCESSING else None,
            **_facts(payload),
        }
    except (KeyError, TypeError, ValueError) as error:
        raise TerminalError(f"status payload cannot be mapped: {error!r}") from error
    return body


# Online payment channels as the portal numbers them: 1 national platform, 2 provincial gateway.
PAID_ONLINE = {"national": 1, "provincial": 2}


def _facts(payload: dict[str, Any]) -> dict[str, Any]:
    """The dossier's facts beyond its status (domain.md §11); absent in older payloads."""
    fees = payload.get("fees") or []
    components = payload.get("components") or []
    limit = payload.get("time_limit") or {}
    online = [PAID_ONLINE[f["channel"]] for f in fees if f.get("paid") and f.get("channel") in PAID_ONLINE]
    return {
        "NgayNopHoSo": _datetime(payload["submitted_at"]) if payload.get("submitted_at") else None,
        "ThoiHanGiaiQuyet": limit.get("value"),
        "DonViThoiHan": limit.get("unit"),
        "SoLanYeuCauBoSung": payload.get("supplement_requests", 0),
        "KetQua": [
            {"MaKetQua": r["code"], "MaBam": r.get("sha256", "")} for r in payload.get("results") or []
        ],
        "DanhSachLePhi": [{"TenPhiLePhi": f["name"], "MucThu": f["amount"]} for f in fees],
        "DaThanhToanTrucTuyen": online[0] if online else 0,
        "CoThanhPhanSoHoa": int(any(c.get("digitised") for c in components)),
        "CoThanhPhanTuKho": int(any(c.get("from_store") for c in components)),
        "CoDuLieuDanCu": int(any(c.get("from_population") for c in components)),
        "MucDoDinhDanhVNeID": payload.get("vneid_level"),
    }


class NationalPortalAdapter:
    def __init__(self, client: NationalPortalClient) -> None:
        self.client = client

    def deliver(self, message: Outgoing, *, timeout: float) -> Acknowledgement:
        if message.topic != STATUS_TOPIC:
            raise TerminalError(f"the national portal adapter does not send {message.topic!r}")
        body = status_to_wire(message.payload)
        reply = self.client.push_status(body, idempotency_key=message.key, timeout=timeout)
        return Acknowledgement(remote_ref=str(reply.get("id", "")), duplicate=bool(reply.get("duplicate")))

    def holding(self, code: str, *, timeout: float = 10.0) -> dict[str, Any] | None:
        """The portal's current record of a dossier (for reconciliation); None if it has none."""
        return self.client.fetch_dossier(code, timeout=timeout)


@registry.register(SYSTEM)
def build_adapter() -> NationalPortalAdapter:
    """Live mode talks to the configured URL; simulated mode to the shared simulator server
    when one runs (``make run``), else to the in-process simulator."""
    transport, base_url = wire_for(
        SIMULATOR,
        simulator,
        live_url=getattr(settings, "NATIONAL_PORTAL_URL", ""),
        simulated_url=SIMULATED_URL,
    )
    client = NationalPortalClient(
        transport=transport,
        base_url=base_url,
        token=getattr(settings, "NATIONAL_PORTAL_TOKEN", ""),
    )
    return NationalPortalAdapter(client)


def _datetime(value: str) -> str:
    """ISO 8601 → yyyyMMddHHmmss in Vietnam time."""
    return datetime.fromisoformat(value).astimezone(VIETNAM).strftime("%Y%m%d%H%M%S")


def _date(value: str | None) -> str | None:
    return date.fromisoformat(value).strftime("%Y%m%d") if value else None
