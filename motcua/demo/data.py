"""The demo province's agencies and officials, as data.

Agency electronic ID codes: the provincial People's Committee's level-1 code (H14 for
Cao Bằng) is seen in public samples; the codes below it are **demo numbering** (no
official list was found): departments ``000.00.NN.<L1>``, the provincial service center
``000.00.20.<L1>``, vertical agencies ``000.00.3N.<L1>``, commune People's Committees
``000.KK.50.<L1>`` (KK = the commune's position in the national list for the province)
and their service centers ``001.KK.50.<L1>``. Replace them with the province's decision.
"""

from __future__ import annotations

from dataclasses import dataclass

# Level-1 codes of provincial People's Committees seen in public samples (forms-and-agencies.md).
LEVEL1_CODES = {"04": "H14", "22": "H49", "40": "H41"}

# Decree 150/2025/NĐ-CP Art. 8: the departments every province has (plus the Office).
DEPARTMENTS = [
    ("01", "Văn phòng Ủy ban nhân dân tỉnh", "VP UBND"),
    ("02", "Sở Nội vụ", "SNV"),
    ("03", "Sở Tư pháp", "STP"),
    ("04", "Sở Tài chính", "STC"),
    ("05", "Sở Công Thương", "SCT"),
    ("06", "Sở Nông nghiệp và Môi trường", "SNNMT"),
    ("07", "Sở Xây dựng", "SXD"),
    ("08", "Sở Khoa học và Công nghệ", "SKHCN"),
    ("09", "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL"),
    ("10", "Sở Giáo dục và Đào tạo", "SGDĐT"),
    ("11", "Sở Y tế", "SYT"),
    ("12", "Thanh tra tỉnh", "TTr"),
]
# Cao Bằng also has a Department of Ethnic Minorities and Religion (since 2025).
EXTRA_DEPARTMENTS = {"04": [("13", "Sở Dân tộc và Tôn giáo", "SDTTG")]}

# Vertical agencies that post staff at the centers (police: judicial records, residence).
VERTICAL_AGENCIES = [
    ("31", "Công an tỉnh {province}", "CA tỉnh"),
    ("32", "Thuế tỉnh {province}", "Thuế"),
    ("33", "Bảo hiểm xã hội tỉnh {province}", "BHXH"),
]

DEMO_PASSWORD_DEFAULT = "motcua-demo-2025"
# PIN of the demo signers' certificates (the test CA's; never a real one).
DEMO_SIGNING_PIN = "123456"


@dataclass(frozen=True)
class DemoOfficial:
    suffix: str
    full_name: str
    position: str
    roles: tuple[str, ...]
    at_center: bool = False  # home agency is the service center rather than the committee


# One set per demo unit: every role, with plausible names of the region.
COMMUNE_STAFF = [
    DemoOfficial("motcua", "Chu Thị Duyên", "Công chức Bộ phận Một cửa", ("desk_officer",), True),
    DemoOfficial("xuly", "Hoàng Văn Minh", "Công chức chuyên môn", ("handler",)),
    DemoOfficial("lanhdao", "Lương Văn Tuấn", "Phó Chủ tịch UBND", ("leader",)),
    DemoOfficial("kyso", "Bế Thị Lan", "Chủ tịch UBND", ("signer", "leader")),
    DemoOfficial("quantri", "Đàm Văn Hùng", "Công chức Văn phòng HĐND và UBND", ("agency_admin",)),
]
# A second set of names for the mountain commune, so the two desks are told apart.
MOUNTAIN_COMMUNE_NAMES = ("Lý Thị Mỷ", "Hoàng Văn Sình", "Lục Văn Sơn", "Nông Thị Thúy", "Bàn Văn Chàn")
DEPARTMENT_STAFF = [
    DemoOfficial("xuly", "Triệu Thị Mai", "Chuyên viên", ("handler",)),
    DemoOfficial("lanhdao", "Lục Văn Thắng", "Phó Giám đốc Sở", ("leader",)),
    DemoOfficial("kyso", "Ma Thị Hương", "Giám đốc Sở", ("signer", "leader")),
    DemoOfficial("quantri", "Nông Văn Đức", "Chuyên viên Văn phòng Sở", ("agency_admin",)),
]
PROVINCE_CENTER_STAFF = [
    DemoOfficial(
        "motcua", "Hà Thị Thu", "Công chức Trung tâm Phục vụ hành chính công tỉnh", ("desk_officer",), True
    ),
]
PROVINCE_ADMIN = DemoOfficial("quantri", "Sầm Văn Long", "Quản trị hệ thống cấp tỉnh", ("province_admin",))

# Units whose officials are seeded: (commune code or None for "first ward/commune").
DEMO_UNITS = {"04": {"ward": "01273", "mountain_commune": "01290", "department": "03"}}

# Which provincial agency decides the catalog's provincial (and police-run) procedures, by
# field, as agency number in ``000.00.NN.<L1>``. Demo assignment after the 2025 reform:
# civil status and certification with Justice, business registration with Finance, land
# with Agriculture and Environment, planning with Construction, residence, ID cards,
# passports, judicial records and vehicles with the provincial police.
COMPETENT_BY_FIELD = {
    "Hộ tịch": "03",
    "Chứng thực": "03",
    "Thành lập và hoạt động của doanh nghiệp": "04",
    "Đất đai": "06",
    "Quy hoạch đô thị và nông thôn": "07",
    "Lý lịch tư pháp": "31",
    "Quản lý xuất nhập cảnh": "31",
    "Sát hạch, cấp giấy phép lái xe": "31",
    "Đăng ký, quản lý cư trú": "31",
    "Cấp, quản lý căn cước": "31",
    "Đăng ký, quản lý phương tiện giao thông cơ giới, xe máy chuyên dùng": "31",
    "Thực hiện chính sách BHXH": "33",
}
