"""Domain ↔ wire for the tax office: the one place the mapping lives (topic ``tax.dossier``).

Field names are our reading (no public specification, see docs/integrations/tax.md), in
the style of the national portal's synchronisation: change them here only.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings

from motcua.integrations.base import Acknowledgement, Outgoing, TerminalError, registry
from motcua.integrations.simulators import wire_for
from motcua.integrations.tax.client import TaxOfficeClient
from motcua.integrations.tax.simulator import simulator

SYSTEM = "tax"
TOPIC = "tax.dossier"
SIMULATED_URL = "http://tax-office.simulator"
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
OWNER_KINDS = {"citizen": 1, "organisation": 2}  # cá nhân / tổ chức


def dossier_to_wire(payload: dict[str, Any]) -> dict[str, Any]:
    """The tax office's record of one dossier sent for its financial obligation."""
    try:
        owner = payload["owner"]
        return {
            "MaHoSo": payload["code"],
            "MaTTHC": payload["procedure"],
            "TenTTHC": payload.get("procedure_name", ""),
            "MaCoQuan": payload["agency"],
            "ThoiDiemGui": datetime.fromisoformat(payload["sent_at"])
            .astimezone(VIETNAM)
            .strftime("%Y%m%d%H%M%S"),
            "NguoiNopThue": {
                "LoaiDoiTuong": OWNER_KINDS[owner.get("kind") or "citizen"],
                "HoTen": owner["name"],
                "MaSoThue": owner.get("id_number", ""),  # a citizen's ID number is their tax code
                "DiaChi": owner.get("address", ""),
                "DienThoai": owner.get("phone", ""),
                "Email": owner.get("email", ""),
            },
            "ToKhai": payload.get("declaration") or {},
            "DanhSachLePhi": [
                {"TenPhiLePhi": f["name"], "MucThu": f["amount"]} for f in payload.get("fees") or []
            ],
            "GhiChu": payload.get("note", ""),
        }
    except (KeyError, TypeError, ValueError) as error:
        raise TerminalError(f"tax payload cannot be mapped: {error!r}") from error


class TaxOfficeAdapter:
    def __init__(self, client: TaxOfficeClient) -> None:
        self.client = client

    def deliver(self, message: Outgoing, *, timeout: float) -> Acknowledgement:
        if message.topic != TOPIC:
            raise TerminalError(f"the tax office adapter does not send {message.topic!r}")
        if not message.payload.get("code"):
            raise TerminalError("a dossier without a code cannot be sent to the tax office")
        reply = self.client.submit_dossier(
            dossier_to_wire(message.payload), idempotency_key=message.key, timeout=timeout
        )
        return Acknowledgement(remote_ref=str(reply.get("id", "")), duplicate=bool(reply.get("duplicate")))


@registry.register(SYSTEM)
def build_adapter() -> TaxOfficeAdapter:
    """Live mode talks to the configured URL; simulated mode to the shared simulator server
    when one runs (``SIMULATOR_SERVERS``), else to the in-process tax office."""
    transport, base_url = wire_for(
        SYSTEM, simulator, live_url=getattr(settings, "TAX_OFFICE_URL", ""), simulated_url=SIMULATED_URL
    )
    client = TaxOfficeClient(
        transport=transport,
        base_url=base_url,
        token=getattr(settings, "TAX_OFFICE_TOKEN", ""),
    )
    return TaxOfficeAdapter(client)
