"""Procedure records for the catalog tests, in the interchange shape."""

from copy import deepcopy


def birth_registration(**overrides) -> dict:
    record = {
        "code": "1.001193",
        "name": "Đăng ký khai sinh",
        "field": "Hộ tịch",
        "levels": ["commune"],
        "agency_kinds": ["peoples_committee"],
        "applicants": ["citizen"],
        "online_level": "full",
        "time_limit": {
            "value": 1,
            "unit": "within_day",
            "note": "nhận sau 15 giờ thì trả ngày làm việc tiếp theo",
        },
        "fees": [{"name": "Lệ phí đăng ký khai sinh", "amount": 0, "unit": "dossier"}],
        "exemptions": ["Đăng ký đúng hạn"],
        "components": [
            {"name": "Tờ khai đăng ký khai sinh", "kind": "form", "count": 1},
            {"name": "Giấy chứng sinh", "kind": "original", "count": 1, "reusable": True},
        ],
        "results": [{"name": "Giấy khai sinh", "paper": True, "electronic": True}],
        "legal_basis": ["Luật Hộ tịch số 60/2014/QH13"],
        "life_events": ["birth"],
        "keywords": ["làm giấy khai sinh"],
        "process": [
            {"name": "Tiếp nhận hồ sơ", "kind": "receive", "role": "desk_officer", "days": 0.25},
            {"name": "Thẩm định", "kind": "assess", "role": "handler", "days": 0.5},
            {"name": "Ký duyệt", "kind": "sign", "role": "signer", "days": 0.15},
            {"name": "Trả kết quả", "kind": "return", "role": "desk_officer", "days": 0.1},
        ],
    }
    record.update(deepcopy(overrides))
    return record


def marriage_registration(**overrides) -> dict:
    return birth_registration(
        **{
            "code": "1.000894",
            "name": "Đăng ký kết hôn",
            "life_events": ["marriage"],
            "keywords": ["đăng ký kết hôn", "giấy chứng nhận kết hôn"],
            "results": [{"name": "Giấy chứng nhận kết hôn", "paper": True, "electronic": True}],
            "time_limit": {"value": 3, "unit": "working_days", "note": ""},
            "process": [
                {"name": "Tiếp nhận", "kind": "receive", "role": "desk_officer", "days": 0.25},
                {"name": "Thẩm định", "kind": "assess", "role": "handler", "days": 2},
                {"name": "Phê duyệt", "kind": "approve", "role": "leader", "days": 0.5},
                {"name": "Trả kết quả", "kind": "return", "role": "desk_officer", "days": 0.25},
            ],
            **overrides,
        }
    )


def construction_permit(**overrides) -> dict:
    return birth_registration(
        **{
            "code": "1.009994",
            "name": "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
            "field": "Hoạt động xây dựng",
            "levels": ["commune"],
            "life_events": ["construction"],
            "keywords": ["giấy phép xây nhà"],
            "online_level": "partial",
            "fees": [{"name": "Lệ phí cấp giấy phép xây dựng", "amount": 75000}],
            "results": [{"name": "Giấy phép xây dựng", "paper": True, "electronic": False}],
            "time_limit": {"value": 15, "unit": "working_days", "note": ""},
            "process": [
                {"name": "Tiếp nhận", "kind": "receive", "role": "desk_officer", "days": 0.5},
                {"name": "Thẩm định", "kind": "assess", "role": "handler", "days": 12},
                {"name": "Phê duyệt", "kind": "approve", "role": "leader", "days": 1.5},
                {"name": "Ký", "kind": "sign", "role": "signer", "days": 0.5},
                {"name": "Trả kết quả", "kind": "return", "role": "desk_officer", "days": 0.5},
            ],
            **overrides,
        }
    )
