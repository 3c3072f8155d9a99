"""The national database of administrative procedures → our catalog: the wire side.

The portal's records (wire names assumed, docs/integrations/national-portal.md) are
fetched page by page and mapped to the national keys of the catalog interchange format.
The catalog decides the rest (``motcua.catalog.services.apply_national_procedure``): what
the nation decides (name, field, levels, applicants, online level, time limit, fees,
exemptions, components, results, legal basis) comes from the portal; what the province
decides (the e-forms, the internal process, search keywords, life events, component
templates, fee amounts the province sets where the nation leaves them empty, who is
competent, agencies' process variants, whether the procedure is active) is kept; the
result is checked and saved through ``save_procedure`` (a revision per change, audited).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from motcua.catalog.selectors import canonical_record, export_catalog
from motcua.catalog.services import apply_national_procedure
from motcua.integrations.base import registry

SOURCE = "national_portal"
ACTOR = "national portal"
NOTE = "synchronised from the national portal"
TIMEOUT = 30.0
MAX_PAGES = 500  # a guard against a portal that never says "last page"

# The portal's code lists (assumed) → the interchange values. Unknown codes pass through
# and the catalog's record check names them.
LEVELS = {"TINH": "province", "XA": "commune"}
APPLICANTS = {"CONG_DAN": "citizen", "TO_CHUC": "organisation"}
ONLINE = {"TOAN_TRINH": "full", "MOT_PHAN": "partial"}
TIME_UNITS = {"NGAY_LAM_VIEC": "working_days", "GIO": "hours", "TRONG_NGAY": "within_day"}
FEE_UNITS = {"HO_SO": "dossier", "BAN_SAO": "copy", "TRANG": "page", "GIAY_CHUNG_NHAN": "certificate"}
COMPONENT_KINDS = {"BAN_CHINH": "original", "BAN_SAO": "copy", "TO_KHAI": "form", "XUAT_TRINH": "show_only"}


def _codes(values: Any, table: dict[str, str]) -> list[Any]:
    return [table.get(value, value) for value in values or []]


def procedure_from_wire(record: dict[str, Any]) -> dict[str, Any]:
    """A portal procedure record → an interchange record with the national keys only."""
    limit = record.get("ThoiHanGiaiQuyet") or {}
    online = record.get("MucDoDVC")
    return {
        "code": record.get("MaTTHC"),
        "name": record.get("TenTTHC"),
        "field": record.get("LinhVuc"),
        "levels": _codes(record.get("CapThucHien"), LEVELS),
        "agency_kinds": list(record.get("LoaiCoQuanThucHien") or []),
        "applicants": _codes(record.get("DoiTuongThucHien"), APPLICANTS),
        "online_level": ONLINE.get(online, online) if online else None,
        "time_limit": {
            "value": limit.get("GiaTri"),
            "unit": TIME_UNITS.get(limit.get("DonVi"), limit.get("DonVi")),
            "note": limit.get("MoTa") or "",
        },
        "fees": [
            {
                "name": fee.get("TenPhi"),
                "amount": fee.get("MucThu"),
                "unit": FEE_UNITS.get(fee.get("DonViTinh"), fee.get("DonViTinh")),
                "group": fee.get("NhomLuaChon") or "",
                "note": fee.get("GhiChu") or "",
            }
            for fee in record.get("PhiLePhi") or []
        ],
        "exemptions": list(record.get("DoiTuongMienPhi") or []),
        "components": [
            {
                "name": item.get("TenGiayTo"),
                "kind": COMPONENT_KINDS.get(item.get("LoaiBan"), item.get("LoaiBan")),
                "count": item.get("SoLuong", 1),
                "mandatory": bool(item.get("BatBuoc", True)),
                "reusable": bool(item.get("TaiSuDung", False)),
                "source_database": item.get("NguonCSDL") or "",
            }
            for item in record.get("ThanhPhanHoSo") or []
        ],
        "results": [
            {
                "name": item.get("TenKetQua"),
                "paper": bool(item.get("BanGiay", True)),
                "electronic": bool(item.get("BanDienTu", False)),
                "validity": item.get("HieuLuc") or "",
            }
            for item in record.get("KetQuaThucHien") or []
        ],
        "legal_basis": list(record.get("CanCuPhapLy") or []),
    }


def procedure_to_wire(record: dict[str, Any], *, updated_at: str) -> dict[str, Any]:
    """An interchange record as the portal would serve it (the simulator's catalog)."""

    def back(table: dict[str, str]) -> dict[str, str]:
        return {ours: theirs for theirs, ours in table.items()}

    data = canonical_record(record)
    limit = data["time_limit"]
    return {
        "MaTTHC": data["code"],
        "TenTTHC": data["name"],
        "LinhVuc": data["field"],
        "CapThucHien": _codes(data["levels"], back(LEVELS)),
        "LoaiCoQuanThucHien": data["agency_kinds"],
        "DoiTuongThucHien": _codes(data["applicants"], back(APPLICANTS)),
        "MucDoDVC": back(ONLINE).get(data["online_level"]) if data["online_level"] else None,
        "ThoiHanGiaiQuyet": {
            "GiaTri": limit["value"],
            "DonVi": back(TIME_UNITS)[limit["unit"]],
            "MoTa": limit["note"],
        },
        "PhiLePhi": [
            {
                "TenPhi": f["name"],
                "MucThu": f["amount"],
                "DonViTinh": back(FEE_UNITS)[f["unit"]],
                "NhomLuaChon": f["group"],
                "GhiChu": f["note"],
            }
            for f in data["fees"]
        ],
        "DoiTuongMienPhi": data["exemptions"],
        "ThanhPhanHoSo": [
            {
                "TenGiayTo": c["name"],
                "LoaiBan": back(COMPONENT_KINDS)[c["kind"]],
                "SoLuong": c["count"],
                "BatBuoc": c["mandatory"],
                "TaiSuDung": c["reusable"],
                "NguonCSDL": c["source_database"],
            }
            for c in data["components"]
        ],
        "KetQuaThucHien": [
            {
                "TenKetQua": r["name"],
                "BanGiay": r["paper"],
                "BanDienTu": r["electronic"],
                "HieuLuc": r["validity"],
            }
            for r in data["results"]
        ],
        "CanCuPhapLy": data["legal_basis"],
        "NgayCapNhat": updated_at,
    }


@dataclass
class CatalogSyncReport:
    created: list[str] = field(default_factory=list)
    updated: dict[str, tuple[str, ...]] = field(default_factory=dict)  # code → keys changed
    unchanged: list[str] = field(default_factory=list)
    invalid: dict[str, list[str]] = field(default_factory=dict)  # code (or #n) → problems

    def __str__(self) -> str:
        return (
            f"created {len(self.created)}, updated {len(self.updated)}, "
            f"unchanged {len(self.unchanged)}, invalid {len(self.invalid)}"
        )


def sync_catalog(
    *, client: Any = None, updated_since: str = "", dry_run: bool = False, timeout: float = TIMEOUT
) -> CatalogSyncReport:
    """Apply the portal's procedure records changed since ``updated_since`` ("" = all).

    Each procedure is saved in its own transaction: an invalid record is reported and
    skipped, the others go through. ``dry_run`` saves nothing and reports what would change.
    A portal that cannot be reached raises; what was saved before stays saved.
    """
    client = client or registry.get(SOURCE).client
    report = CatalogSyncReport()
    for position, record in enumerate(_records(client, updated_since, timeout), start=1):
        _apply(record, position, report, dry_run=dry_run)
    return report


def _records(client: Any, updated_since: str, timeout: float) -> Iterator[Any]:
    page: Any = 1
    for _ in range(MAX_PAGES):
        reply = client.fetch_procedures(updated_since=updated_since, page=page, timeout=timeout)
        items = reply.get("items")
        yield from items if isinstance(items, list) else []
        page = reply.get("next_page")
        if not isinstance(page, int):
            return


def _apply(record: Any, position: int, report: CatalogSyncReport, *, dry_run: bool) -> None:
    if not isinstance(record, dict):
        report.invalid[f"#{position}"] = ["not an object"]
        return
    try:
        national = procedure_from_wire(record)
    except (AttributeError, TypeError, ValueError) as error:
        report.invalid[str(record.get("MaTTHC") or f"#{position}")] = [f"{type(error).__name__}: {error}"]
        return
    code = national["code"] if isinstance(national["code"], str) else f"#{position}"
    outcome = apply_national_procedure(record=national, by=ACTOR, note=NOTE, dry_run=dry_run)
    if outcome.status == "invalid":
        report.invalid[code] = list(outcome.problems)
    elif outcome.status == "unchanged":
        report.unchanged.append(code)
    elif outcome.status == "created":
        report.created.append(code)
    else:
        report.updated[code] = outcome.changed


def simulated_catalog() -> list[dict[str, Any]]:
    """The simulator's national catalog: our own catalog as the portal would serve it, with
    one procedure (1.004884, re-registration of birth) changed nationally so a sync has
    something to apply. An empty catalog gives an empty national one."""
    records = export_catalog()["procedures"]
    catalog = [procedure_to_wire(record, updated_at="2025-07-01T00:00:00+07:00") for record in records]
    for wire in catalog:
        if wire["MaTTHC"] == CHANGED_IN_SIMULATOR and AMENDMENT not in wire["CanCuPhapLy"]:
            wire["CanCuPhapLy"] = [*wire["CanCuPhapLy"], AMENDMENT]
            wire["NgayCapNhat"] = "2026-01-15T00:00:00+07:00"
    return catalog


CHANGED_IN_SIMULATOR = "1.004884"
AMENDMENT = "Nghị định số 07/2026/NĐ-CP sửa đổi, bổ sung quy định về đăng ký hộ tịch (mô phỏng)"
