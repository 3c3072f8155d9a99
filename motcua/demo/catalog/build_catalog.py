"""Build the demo procedure catalog (motcua-catalog/1) from the shared reference file.

A development tool, not part of the application: it reads the reference data
(procedures-reference.json: codes, names, components, fees, time limits, legal basis),
adds motcua's own text (e-forms, internal processes, keywords, life events, fee units and
notes), checks the result and writes procedures.json next to this file.

    python3 motcua/demo/catalog/build_catalog.py /work/shared/data/procedures-reference.json

Running it again on the same reference reproduces procedures.json byte for byte. Only the
standard library is used. See README.md next to this file for what was inferred.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "procedures.json"
FORMAT = "motcua-catalog/1"
CODE = re.compile(r"^\d\.\d{6}(\.[0-9A-Z.]+)?$")
RESULT_CODE = re.compile(r"\s*\(KQ\.[A-Z0-9.]+\)")

Schema = dict[str, Any]

# --------------------------------------------------------------------------------------
# E-form building blocks (dialect: docs/subsystems/eforms.md)
# --------------------------------------------------------------------------------------


def _with(node: Schema, description: str, extra: dict[str, Any]) -> Schema:
    if description:
        node["description"] = description
    node.update(extra)
    return node


def text(title: str, max_length: int = 200, description: str = "", **extra: Any) -> Schema:
    return _with({"type": "string", "title": title, "maxLength": max_length}, description, extra)


def textarea(title: str, max_length: int = 2000, description: str = "", **extra: Any) -> Schema:
    node = {"type": "string", "x-widget": "textarea", "title": title, "maxLength": max_length}
    return _with(node, description, extra)


def date(title: str, description: str = "", **extra: Any) -> Schema:
    return _with({"type": "string", "format": "date", "title": title}, description, extra)


def citizen_id(title: str = "Số định danh cá nhân", description: str = "", **extra: Any) -> Schema:
    return _with({"type": "string", "format": "citizen-id", "title": title}, description, extra)


def phone(title: str = "Số điện thoại", **extra: Any) -> Schema:
    return _with({"type": "string", "format": "phone-vn", "title": title}, "", extra)


def email(title: str = "Thư điện tử", **extra: Any) -> Schema:
    return _with({"type": "string", "format": "email", "title": title}, "", extra)


def money(title: str, description: str = "", **extra: Any) -> Schema:
    return _with({"type": "integer", "x-widget": "money", "title": title, "minimum": 0}, description, extra)


def integer(title: str, minimum: int = 0, maximum: int | None = None, description: str = "") -> Schema:
    node: Schema = {"type": "integer", "title": title, "minimum": minimum}
    if maximum is not None:
        node["maximum"] = maximum
    return _with(node, description, {})


def number(title: str, description: str = "", maximum: int | None = None) -> Schema:
    node: Schema = {"type": "number", "title": title, "exclusiveMinimum": 0}
    if maximum is not None:
        node["maximum"] = maximum
    return _with(node, description, {})


def address(title: str, description: str = "", *, street: bool = False, **extra: Any) -> Schema:
    node: Schema = {"type": "object", "x-widget": "address", "title": title}
    if street:
        node["required"] = ["province", "commune", "street"]
    return _with(node, description, extra)


def choice(
    title: str, options: list[tuple[str, str]], widget: str = "radio", description: str = "", **extra: Any
) -> Schema:
    node = {
        "type": "string",
        "x-widget": widget,
        "title": title,
        "enum": [code for code, _ in options],
        "x-enum-titles": [label for _, label in options],
    }
    return _with(node, description, extra)


def checkbox(title: str, description: str = "", *, must: bool = False, **extra: Any) -> Schema:
    node: Schema = {"type": "boolean", "title": title}
    if must:
        node["const"] = True
    return _with(node, description, extra)


def upload(title: str, description: str = "", **extra: Any) -> Schema:
    return _with({"type": "string", "x-widget": "file", "title": title}, description, extra)


def group(title: str, fields: Schema, required: list[str] | None = None, description: str = "") -> Schema:
    fields, required = _section(fields, list(required or []))
    node: Schema = {"type": "object", "title": title}
    if description:
        node["description"] = description
    node["required"] = required
    node["properties"] = fields
    node["x-order"] = list(fields)
    return node


def repeat(
    title: str,
    item_title: str,
    fields: Schema,
    required: list[str],
    *,
    min_items: int = 0,
    max_items: int = 10,
    extra: int = 1,
    description: str = "",
) -> Schema:
    fields, required = _section(fields, required)
    node: Schema = {"type": "array", "x-widget": "repeat", "title": title}
    if description:
        node["description"] = description
    node.update(
        {
            "minItems": min_items,
            "maxItems": max_items,
            "x-extra": extra,
            "items": {
                "type": "object",
                "title": item_title,
                "required": required,
                "properties": fields,
                "x-order": list(fields),
            },
        }
    )
    return node


WHEN_SHOWN = "_required_when_shown"  # builder-only marker, removed by _section


def show_if(node: Schema, field: str, equals: Any, *, required: bool = True) -> Schema:
    """Ask ``node`` only when the sibling ``field`` has the answer ``equals``.

    A conditional field listed in its section's ``required`` is required exactly when it
    is shown (eforms.expand); ``required=False`` leaves it optional even then.
    """
    node["x-show-if"] = {"field": field, "equals": equals}
    if required:
        node[WHEN_SHOWN] = True
    return node


def _section(fields: Schema, required: list[str]) -> tuple[Schema, list[str]]:
    """The fields without builder markers, and ``required`` plus the fields required when shown."""
    required = list(required)
    for name, node in fields.items():
        if node.pop(WHEN_SHOWN, False) and name not in required:
            required.append(name)
    return fields, required


SEX = [("male", "Nam"), ("female", "Nữ")]
YES_NO = [("yes", "Có"), ("no", "Không")]


def sex(title: str = "Giới tính") -> Schema:
    return choice(title, SEX)


def full_name(title: str = "Họ, chữ đệm và tên") -> Schema:
    return text(title, 100)


def ethnicity() -> Schema:
    return text("Dân tộc", 50)


def nationality() -> Schema:
    return text("Quốc tịch", 50)


def person(
    title: str,
    *,
    born: bool = True,
    gender: bool = False,
    ident: bool = True,
    residence: bool = True,
    origin: bool = False,
    required: tuple[str, ...] = ("full_name",),
    description: str = "",
    more: Schema | None = None,
) -> Schema:
    """Someone other than the applicant (never prefilled: the population data is the applicant's)."""
    fields: Schema = {"full_name": full_name()}
    if born:
        fields["date_of_birth"] = date("Ngày, tháng, năm sinh")
    if gender:
        fields["sex"] = sex()
    if origin:
        fields["ethnicity"] = ethnicity()
        fields["nationality"] = nationality()
    if ident:
        fields["citizen_id"] = citizen_id()
    if residence:
        fields["residence"] = address("Nơi cư trú")
    fields.update(more or {})
    return group(title, fields, list(required), description)


def applicant(relationship: Schema | None = None, more: Schema | None = None) -> Schema:
    """The person filling in the form, prefilled from the National Population Database."""
    fields: Schema = {
        "full_name": text("Họ, chữ đệm và tên", 100, x_prefill="full_name"),
        "date_of_birth": date("Ngày, tháng, năm sinh", x_prefill="date_of_birth"),
        "citizen_id": citizen_id(x_prefill="citizen_id"),
        "residence": address("Nơi cư trú", x_prefill="permanent_address"),
        "phone": phone(),
        "email": email(),
    }
    required = ["full_name", "citizen_id", "phone"]
    if relationship is not None:
        fields["relationship"] = relationship
        required.append("relationship")
    fields.update(more or {})
    node = group(
        "Người yêu cầu",
        fields,
        required,
        "Thông tin lấy từ Cơ sở dữ liệu quốc gia về dân cư; kiểm tra và bổ sung số điện thoại.",
    )
    return _rename_prefill(node)


def _rename_prefill(node: Any) -> Any:
    """Python names cannot contain "-": builders take x_prefill and write x-prefill."""
    if isinstance(node, dict):
        return {
            ("x-prefill" if key == "x_prefill" else key): _rename_prefill(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_rename_prefill(value) for value in node]
    return node


def documents(description: str, title: str = "Giấy tờ kèm theo", max_items: int = 10) -> Schema:
    return repeat(
        title,
        "Giấy tờ",
        {"name": text("Tên giấy tờ", 200), "file": upload("Tệp đính kèm (PDF hoặc ảnh)")},
        ["name", "file"],
        max_items=max_items,
        description=description,
    )


def copies(title: str, maximum: int = 10) -> Schema:
    return integer(title, 0, maximum, "Để trống hoặc ghi 0 nếu không cần bản sao.")


def form(title: str, sections: Schema, required: list[str]) -> Schema:
    """A whole e-form: the applicant first, then the procedure's sections, then the closing part."""
    properties: Schema = dict(sections)
    properties["delivery"] = choice(
        "Hình thức nhận kết quả",
        [
            ("counter", "Tại Bộ phận Một cửa"),
            ("post", "Qua dịch vụ bưu chính công ích"),
            ("online", "Trực tuyến (kho dữ liệu điện tử cá nhân)"),
        ],
    )
    properties["delivery_address"] = show_if(
        address("Địa chỉ nhận kết quả qua bưu chính", street=True), "delivery", "post"
    )
    properties["declaration"] = checkbox(
        "Tôi cam đoan những nội dung khai trên đây là đúng sự thật", must=True
    )
    properties, required = _section(properties, ["applicant", *required, "delivery", "declaration"])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "title": title,
        "required": required,
        "properties": properties,
        "x-order": list(properties),
    }


# --------------------------------------------------------------------------------------
# The e-forms, one function per procedure
# --------------------------------------------------------------------------------------

RELATIONSHIP_TO_CHILD = choice(
    "Quan hệ với người được khai sinh",
    [("father", "Cha"), ("mother", "Mẹ"), ("grandparent", "Ông, bà"), ("relative", "Người thân thích khác")],
)
CIVIL_EVENTS = [
    ("birth", "Khai sinh"),
    ("marriage", "Kết hôn"),
    ("death", "Khai tử"),
    ("parentage", "Nhận cha, mẹ, con"),
    ("guardianship", "Giám hộ"),
    ("change", "Thay đổi, cải chính, bổ sung thông tin hộ tịch"),
    ("other", "Việc hộ tịch khác"),
]
MARITAL_STATUS = [
    ("single", "Chưa đăng ký kết hôn với ai"),
    ("married", "Đang có vợ/chồng"),
    ("divorced", "Đã ly hôn, chưa kết hôn lại"),
    ("widowed", "Vợ/chồng đã chết, chưa kết hôn lại"),
]


def _child(title: str) -> Schema:
    return group(
        title,
        {
            "full_name": full_name(),
            "date_of_birth": date("Ngày, tháng, năm sinh"),
            "sex": sex(),
            "place_of_birth": address("Nơi sinh", "Cơ sở y tế nơi sinh hoặc nơi sinh thực tế."),
            "ethnicity": ethnicity(),
            "nationality": nationality(),
            "hometown": text("Quê quán", 200),
        },
        ["full_name", "date_of_birth", "sex", "place_of_birth", "ethnicity", "nationality"],
    )


def _parents() -> Schema:
    def parent(title: str) -> Schema:
        more = {"ethnicity": ethnicity(), "nationality": nationality()}
        return person(title, required=("full_name", "citizen_id"), more=more)

    return {
        "father_known": checkbox("Có thông tin về người cha"),
        "father": show_if(parent("Người cha"), "father_known", True),
        "mother": parent("Người mẹ"),
    }


def form_birth() -> Schema:
    return form(
        "Tờ khai đăng ký khai sinh",
        {
            "applicant": applicant(RELATIONSHIP_TO_CHILD),
            "child": _child("Người được khai sinh"),
            **_parents(),
            "birth_certificate": upload(
                "Giấy chứng sinh",
                "Không cần tải lên nếu cơ sở y tế đã cấp Giấy chứng sinh điện tử có ký số.",
            ),
            "documents": documents(
                "Văn bản của người làm chứng, giấy cam đoan về việc sinh, văn bản ủy quyền…"
            ),
            "copies": copies("Số bản sao Giấy khai sinh đề nghị cấp"),
        },
        ["child", "father_known", "mother"],
    )


def form_birth_combined() -> Schema:
    return form(
        "Tờ khai liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em "
        "dưới 6 tuổi",
        {
            "applicant": applicant(RELATIONSHIP_TO_CHILD),
            "child": _child("Trẻ được khai sinh"),
            **_parents(),
            "permanent_residence": group(
                "Đăng ký thường trú cho trẻ",
                {
                    "address": address("Nơi đăng ký thường trú", street=True),
                    "household_head": text("Họ và tên chủ hộ", 100),
                    "household_head_id": citizen_id("Số định danh cá nhân của chủ hộ"),
                    "relationship_to_head": text("Quan hệ của trẻ với chủ hộ", 50),
                },
                ["address", "household_head", "relationship_to_head"],
                "Thường là nơi thường trú của cha hoặc mẹ.",
            ),
            "health_insurance": group(
                "Thẻ bảo hiểm y tế",
                {
                    "first_clinic": text(
                        "Nơi đăng ký khám bệnh, chữa bệnh ban đầu", 200, "Tên trạm y tế hoặc bệnh viện."
                    ),
                },
                ["first_clinic"],
            ),
            "birth_certificate": upload("Giấy chứng sinh"),
        },
        ["child", "father_known", "mother", "permanent_residence", "health_insurance"],
    )


def _spouse(title: str, *, foreign: bool = False) -> Schema:
    fields: Schema = {
        "full_name": full_name(),
        "date_of_birth": date("Ngày, tháng, năm sinh"),
        "ethnicity": ethnicity(),
        "nationality": nationality(),
    }
    required = ["full_name", "date_of_birth", "nationality"]
    if foreign:
        fields["document_kind"] = choice(
            "Giấy tờ tùy thân",
            [("citizen_id", "Số định danh cá nhân (công dân Việt Nam)"), ("passport", "Hộ chiếu")],
        )
        fields["citizen_id"] = show_if(citizen_id(), "document_kind", "citizen_id")
        fields["passport_number"] = show_if(text("Số hộ chiếu", 30), "document_kind", "passport")
        fields["residence"] = text("Nơi cư trú", 300, "Ghi cả tên nước nếu cư trú ở nước ngoài.")
        required += ["document_kind", "residence"]
    else:
        fields["citizen_id"] = citizen_id()
        fields["residence"] = address("Nơi cư trú")
        required += ["citizen_id", "residence"]
    fields["marriage_number"] = integer("Kết hôn lần thứ mấy", 1, 10)
    required.append("marriage_number")
    return group(title, fields, required)


def form_marriage() -> Schema:
    return form(
        "Tờ khai đăng ký kết hôn",
        {
            "applicant": applicant(choice("Người yêu cầu là", [("bride", "Bên nữ"), ("groom", "Bên nam")])),
            "bride": _spouse("Bên nữ"),
            "groom": _spouse("Bên nam"),
            "ceremony_date": date(
                "Ngày mong muốn nhận Giấy chứng nhận kết hôn",
                "Hai bên cùng có mặt khi nhận Giấy chứng nhận kết hôn.",
            ),
            "copies": copies("Số bản sao Trích lục kết hôn đề nghị cấp"),
        },
        ["bride", "groom"],
    )


def form_marriage_foreign() -> Schema:
    return form(
        "Tờ khai đăng ký kết hôn có yếu tố nước ngoài",
        {
            "applicant": applicant(choice("Người yêu cầu là", [("bride", "Bên nữ"), ("groom", "Bên nam")])),
            "bride": _spouse("Bên nữ", foreign=True),
            "groom": _spouse("Bên nam", foreign=True),
            "interpreter_needed": checkbox("Cần người phiên dịch khi đăng ký"),
            "documents": documents(
                "Giấy tờ về tình trạng hôn nhân của người nước ngoài, giấy xác nhận của tổ chức y "
                "tế, bản sao "
                "hộ chiếu… Giấy tờ nước ngoài phải được hợp pháp hóa lãnh sự, trừ trường hợp được miễn."
            ),
        },
        ["bride", "groom", "documents"],
    )


def form_death() -> Schema:
    return form(
        "Tờ khai đăng ký khai tử",
        {
            "applicant": applicant(
                choice(
                    "Quan hệ với người đã chết",
                    [
                        ("spouse", "Vợ, chồng"),
                        ("child", "Con"),
                        ("parent", "Cha, mẹ"),
                        ("relative", "Người thân thích khác"),
                        ("agency", "Đại diện cơ quan, tổ chức"),
                    ],
                )
            ),
            "deceased": group(
                "Người đã chết",
                {
                    "full_name": full_name(),
                    "date_of_birth": date("Ngày, tháng, năm sinh"),
                    "sex": sex(),
                    "ethnicity": ethnicity(),
                    "nationality": nationality(),
                    "citizen_id": citizen_id(),
                    "last_residence": address("Nơi cư trú cuối cùng"),
                },
                ["full_name", "sex", "last_residence"],
            ),
            "death": group(
                "Thông tin về việc chết",
                {
                    "date": date("Ngày chết"),
                    "time": text("Giờ, phút chết (nếu biết)", 10, pattern="^([01][0-9]|2[0-3]):[0-5][0-9]$"),
                    "place": address("Nơi chết"),
                    "cause": textarea("Nguyên nhân chết", 500),
                    "notice_number": text("Số Giấy báo tử hoặc giấy tờ thay thế", 50),
                    "notice_issuer": text("Cơ quan cấp Giấy báo tử", 200),
                },
                ["date", "place"],
            ),
            "death_notice": upload(
                "Giấy báo tử hoặc giấy tờ thay thế",
                "Không cần tải lên nếu đã có bản điện tử có ký số.",
            ),
            "copies": copies("Số bản sao Trích lục khai tử đề nghị cấp"),
        },
        ["deceased", "death"],
    )


def _registration(title: str = "Việc hộ tịch đã đăng ký") -> Schema:
    return group(
        title,
        {
            "event": choice("Loại việc hộ tịch", CIVIL_EVENTS, "select"),
            "registry": text("Cơ quan đã đăng ký", 200),
            "book_number": text("Số đăng ký (số, quyển số)", 50),
            "registered_on": date("Ngày đăng ký"),
        },
        ["event"],
    )


def form_extract_copy() -> Schema:
    return form(
        "Tờ khai đề nghị cấp bản sao Trích lục hộ tịch",
        {
            "applicant": applicant(
                choice(
                    "Quan hệ với người được cấp trích lục",
                    [
                        ("self", "Chính là người đó"),
                        ("family", "Cha, mẹ, con, vợ, chồng, anh, chị, em"),
                        ("authorised", "Người được ủy quyền"),
                    ],
                )
            ),
            "subject": person("Người có thông tin hộ tịch", residence=False),
            "registration": _registration(),
            "copies": integer("Số bản sao đề nghị cấp", 1, 20),
            "purpose": text("Mục đích sử dụng", 300),
        },
        ["subject", "registration", "copies"],
    )


def form_marital_status() -> Schema:
    return form(
        "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân",
        {
            "applicant": applicant(),
            "applicant_is": choice(
                "Xác nhận cho", [("self", "Bản thân tôi"), ("other", "Người khác (theo ủy quyền)")]
            ),
            "subject": show_if(
                person("Người được xác nhận tình trạng hôn nhân", gender=True), "applicant_is", "other"
            ),
            "marital_status": choice("Tình trạng hôn nhân hiện tại", MARITAL_STATUS),
            "purpose": choice(
                "Mục đích sử dụng",
                [("marriage", "Để đăng ký kết hôn"), ("other", "Mục đích khác")],
            ),
            "intended_spouse": show_if(
                person(
                    "Người dự định kết hôn",
                    ident=False,
                    origin=True,
                    required=("full_name", "date_of_birth", "nationality"),
                    more={"document_number": text("Số giấy tờ tùy thân", 30)},
                ),
                "purpose",
                "marriage",
            ),
            "marriage_place": show_if(
                text("Nơi dự định đăng ký kết hôn", 300), "purpose", "marriage", required=False
            ),
            "other_purpose": show_if(textarea("Ghi rõ mục đích", 500), "purpose", "other"),
            "previous_certificate": upload(
                "Giấy xác nhận tình trạng hôn nhân đã cấp trước đó",
                "Chỉ khi xin cấp lại để dùng vào mục đích khác hoặc vì giấy cũ đã hết hạn.",
            ),
            "copies": integer("Số bản đề nghị cấp", 1, 5),
        },
        ["applicant_is", "marital_status", "purpose", "copies"],
    )


def form_civil_change() -> Schema:
    return form(
        "Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc",
        {
            "applicant": applicant(
                choice(
                    "Quan hệ với người có thông tin cần thay đổi",
                    [
                        ("self", "Chính là người đó"),
                        ("parent", "Cha, mẹ, người giám hộ"),
                        ("authorised", "Người được ủy quyền"),
                    ],
                )
            ),
            "subject": person("Người có thông tin cần thay đổi", gender=True),
            "registration": _registration("Việc hộ tịch có thông tin cần thay đổi"),
            "request_kind": choice(
                "Nội dung yêu cầu",
                [
                    ("change", "Thay đổi thông tin (họ, chữ đệm, tên…)"),
                    ("correct", "Cải chính thông tin bị sai"),
                    ("add", "Bổ sung thông tin còn thiếu"),
                    ("ethnicity", "Xác định lại dân tộc"),
                ],
            ),
            "current_value": textarea("Thông tin hiện ghi", 500),
            "requested_value": textarea("Thông tin đề nghị ghi lại", 500),
            "reason": textarea("Lý do", 1000),
            "documents": documents("Giấy tờ làm căn cứ cho việc thay đổi, cải chính, bổ sung."),
            "copies": copies("Số bản sao trích lục đề nghị cấp"),
        },
        ["subject", "registration", "request_kind", "requested_value", "reason"],
    )


def form_parentage() -> Schema:
    return form(
        "Tờ khai đăng ký nhận cha, mẹ, con",
        {
            "applicant": applicant(
                choice(
                    "Người yêu cầu là",
                    [
                        ("parent", "Người nhận là cha, mẹ"),
                        ("child", "Người nhận là con"),
                        ("guardian", "Người giám hộ, người đại diện"),
                    ],
                )
            ),
            "recognition": choice(
                "Việc nhận",
                [
                    ("father_child", "Cha nhận con"),
                    ("mother_child", "Mẹ nhận con"),
                    ("child_father", "Con nhận cha"),
                    ("child_mother", "Con nhận mẹ"),
                ],
            ),
            "parent": person(
                "Người cha hoặc người mẹ",
                gender=True,
                origin=True,
                required=("full_name", "date_of_birth", "citizen_id"),
            ),
            "child": person("Người con", gender=True, origin=True, required=("full_name", "date_of_birth")),
            "evidence": choice(
                "Chứng cứ chứng minh quan hệ cha, mẹ, con",
                [
                    ("official", "Văn bản của cơ quan y tế, cơ quan giám định hoặc cơ quan có thẩm quyền"),
                    ("witnesses", "Văn bản cam đoan của các bên và ít nhất hai người làm chứng"),
                ],
            ),
            "evidence_file": upload("Tệp chứng cứ"),
            "witnesses": show_if(
                repeat(
                    "Người làm chứng",
                    "Người làm chứng",
                    {"full_name": full_name(), "citizen_id": citizen_id(), "phone": phone()},
                    ["full_name", "citizen_id"],
                    min_items=2,
                    max_items=5,
                    extra=0,
                ),
                "evidence",
                "witnesses",
            ),
            "copies": copies("Số bản sao trích lục đề nghị cấp"),
        },
        ["recognition", "parent", "child", "evidence", "evidence_file"],
    )


def form_birth_again() -> Schema:
    return form(
        "Tờ khai đăng ký lại khai sinh",
        {
            "applicant": applicant(
                choice(
                    "Người yêu cầu là",
                    [
                        ("self", "Người được khai sinh"),
                        ("parent", "Cha, mẹ, người giám hộ"),
                        ("authorised", "Người được ủy quyền"),
                    ],
                )
            ),
            "person": _child("Người đăng ký lại khai sinh"),
            "father": person("Người cha", ident=False, residence=False, born=False),
            "mother": person("Người mẹ", ident=False, residence=False, born=False),
            "previous_registration": group(
                "Lần đăng ký khai sinh trước",
                {
                    "registry": text("Nơi đã đăng ký khai sinh", 200),
                    "year": integer("Năm đăng ký (nếu nhớ)", 1900, 2100),
                },
                ["registry"],
                "Sổ hộ tịch và bản chính Giấy khai sinh đã bị mất hoặc hư hỏng.",
            ),
            "documents": documents(
                "Bản sao các giấy tờ có thông tin về người được khai sinh (học bạ, bằng cấp, giấy tờ "
                "tùy thân…).",
            ),
            "all_documents_given": checkbox("Tôi cam đoan đã nộp đủ các giấy tờ mình đang có", must=True),
        },
        ["person", "previous_registration", "documents", "all_documents_given"],
    )


def form_civil_confirmation() -> Schema:
    return form(
        "Tờ khai đề nghị xác nhận thông tin hộ tịch",
        {
            "applicant": applicant(),
            "subject": person("Người có thông tin hộ tịch cần xác nhận", residence=False),
            "registration": _registration("Việc hộ tịch cần xác nhận"),
            "content": textarea("Nội dung đề nghị xác nhận", 1000),
            "purpose": text("Mục đích sử dụng", 300),
            "documents": documents("Giấy tờ, tài liệu liên quan đến nội dung cần xác nhận."),
        },
        ["subject", "registration", "content"],
    )


def form_guardianship() -> Schema:
    return form(
        "Tờ khai đăng ký giám hộ",
        {
            "applicant": applicant(
                choice(
                    "Người yêu cầu là", [("guardian", "Người giám hộ"), ("authorised", "Người được ủy quyền")]
                )
            ),
            "guardian": person(
                "Người giám hộ", gender=True, required=("full_name", "citizen_id", "residence")
            ),
            "ward": person(
                "Người được giám hộ",
                gender=True,
                origin=True,
                required=("full_name", "date_of_birth", "sex"),
            ),
            "kind": choice(
                "Hình thức giám hộ",
                [("appointed", "Giám hộ cử"), ("natural", "Giám hộ đương nhiên")],
            ),
            "reason": textarea("Lý do cần giám hộ", 1000),
            "documents": documents(
                "Văn bản cử người giám hộ (giám hộ cử) hoặc giấy tờ chứng minh điều kiện giám hộ "
                "đương nhiên.",
            ),
        },
        ["guardian", "ward", "kind", "documents"],
    )


def form_certified_copy() -> Schema:
    return form(
        "Phiếu yêu cầu chứng thực bản sao từ bản chính",
        {
            "applicant": applicant(),
            "documents": repeat(
                "Giấy tờ cần chứng thực",
                "Giấy tờ",
                {
                    "name": text("Tên giấy tờ, văn bản", 200),
                    "issuer": text("Cơ quan, tổ chức cấp", 200),
                    "language": choice(
                        "Ngôn ngữ", [("vi", "Tiếng Việt"), ("foreign", "Tiếng nước ngoài")], "select"
                    ),
                    "pages": integer("Số trang của bản chính", 1, 500),
                    "copies": integer("Số bản sao cần chứng thực", 1, 50),
                    "scan": upload("Ảnh chụp hoặc bản quét bản chính", "Mang bản chính đến để đối chiếu."),
                },
                ["name", "pages", "copies"],
                min_items=1,
                max_items=20,
                description="Không chứng thực bản chính bị tẩy xóa, hư hỏng hoặc có nội dung trái pháp luật.",
            ),
            "electronic_copy": checkbox("Nhận thêm bản sao điện tử có chứng thực"),
        },
        ["documents"],
    )


def form_transaction() -> Schema:
    return form(
        "Phiếu yêu cầu chứng thực hợp đồng, giao dịch",
        {
            "applicant": applicant(),
            "transaction": choice(
                "Loại hợp đồng, giao dịch",
                [
                    ("land_transfer", "Chuyển nhượng quyền sử dụng đất"),
                    ("gift", "Tặng cho quyền sử dụng đất, nhà ở"),
                    ("mortgage", "Thế chấp quyền sử dụng đất, nhà ở"),
                    ("lease", "Thuê, cho thuê nhà ở, quyền sử dụng đất"),
                    ("movable", "Giao dịch về động sản"),
                    ("other", "Hợp đồng, giao dịch khác"),
                ],
                "select",
            ),
            "asset": group(
                "Tài sản",
                {
                    "description": textarea("Mô tả tài sản", 1000),
                    "certificate_number": text("Số Giấy chứng nhận quyền sở hữu, quyền sử dụng", 50),
                    "location": address("Địa chỉ tài sản (nếu là bất động sản)"),
                },
                ["description"],
            ),
            "parties": repeat(
                "Các bên tham gia",
                "Bên tham gia",
                {
                    "role": text("Tư cách (bên chuyển nhượng, bên nhận…)", 100),
                    "full_name": text("Họ và tên hoặc tên tổ chức", 200),
                    "citizen_id": citizen_id(),
                    "phone": phone(),
                },
                ["role", "full_name"],
                min_items=2,
                max_items=10,
                extra=0,
                description="Các bên ký trước mặt người thực hiện chứng thực.",
            ),
            "draft": upload("Dự thảo hợp đồng, giao dịch"),
            "rural_loan": checkbox(
                "Hợp đồng thế chấp để vay vốn phục vụ phát triển nông nghiệp, nông thôn",
                "Trường hợp này không phải nộp phí chứng thực.",
            ),
        },
        ["transaction", "asset", "parties", "draft"],
    )


def form_master_copy() -> Schema:
    return form(
        "Đề nghị cấp bản sao từ sổ gốc",
        {
            "applicant": applicant(
                choice(
                    "Người yêu cầu là",
                    [
                        ("holder", "Người được cấp bản chính"),
                        ("family", "Cha, mẹ, con, vợ, chồng, anh, chị, em"),
                        ("heir", "Người thừa kế"),
                        ("representative", "Người đại diện hợp pháp"),
                    ],
                )
            ),
            "original": group(
                "Bản chính cần cấp bản sao",
                {
                    "name": text("Tên giấy tờ (bằng tốt nghiệp, chứng chỉ, quyết định…)", 200),
                    "number": text("Số, ký hiệu", 50),
                    "issued_on": date("Ngày cấp"),
                    "issuer": text("Cơ quan, tổ chức cấp", 200),
                    "holder": text("Họ và tên người được cấp", 100),
                },
                ["name", "issuer", "holder"],
            ),
            "relationship_proof": upload(
                "Giấy tờ chứng minh quan hệ với người được cấp bản chính",
                "Chỉ khi người yêu cầu không phải là người được cấp bản chính.",
            ),
            "copies": integer("Số bản sao đề nghị cấp", 1, 10),
        },
        ["original", "copies"],
    )


def _residence_basis() -> Schema:
    return choice(
        "Chỗ ở hợp pháp",
        [
            ("owned", "Nhà thuộc sở hữu của tôi"),
            ("rented", "Thuê, mượn, ở nhờ"),
            ("relative", "Nhập vào hộ của người thân"),
        ],
    )


def form_permanent_residence() -> Schema:
    return form(
        "Tờ khai thay đổi thông tin cư trú: đăng ký thường trú",
        {
            "applicant": applicant(),
            "new_address": address("Địa chỉ đề nghị đăng ký thường trú", street=True),
            "basis": _residence_basis(),
            "owner": show_if(
                person(
                    "Chủ sở hữu chỗ ở (người cho thuê, cho mượn, cho ở nhờ)",
                    born=False,
                    required=("full_name", "citizen_id"),
                    more={"consent": checkbox("Chủ sở hữu đồng ý", must=True)},
                ),
                "basis",
                "rented",
            ),
            "floor_area": show_if(
                number("Diện tích nhà ở (m²)", "Dùng để xét điều kiện diện tích bình quân."),
                "basis",
                "rented",
            ),
            "household_head": show_if(
                person(
                    "Chủ hộ",
                    born=False,
                    residence=False,
                    required=("full_name", "citizen_id"),
                    more={"relationship": text("Quan hệ với chủ hộ", 50)},
                ),
                "basis",
                "relative",
            ),
            "members": repeat(
                "Người cùng chuyển đến",
                "Người cùng chuyển đến",
                {
                    "full_name": full_name(),
                    "date_of_birth": date("Ngày, tháng, năm sinh"),
                    "citizen_id": citizen_id(),
                    "relationship": text("Quan hệ với người yêu cầu", 50),
                },
                ["full_name", "citizen_id", "relationship"],
                extra=0,
            ),
            "documents": documents(
                "Giấy tờ chứng minh chỗ ở hợp pháp, hợp đồng thuê, giấy tờ quan hệ nhân thân."
            ),
        },
        ["new_address", "basis"],
    )


def form_temporary_residence() -> Schema:
    return form(
        "Tờ khai thay đổi thông tin cư trú: đăng ký tạm trú",
        {
            "applicant": applicant(),
            "address": address("Địa chỉ đề nghị đăng ký tạm trú", street=True),
            "from_date": date("Tạm trú từ ngày"),
            "to_date": date("Đến ngày", "Thời hạn tạm trú tối đa mỗi lần đăng ký là 02 năm."),
            "reason": choice(
                "Lý do tạm trú",
                [
                    ("work", "Lao động, làm việc"),
                    ("study", "Học tập"),
                    ("family", "Đoàn tụ gia đình"),
                    ("other", "Lý do khác"),
                ],
            ),
            "basis": _residence_basis(),
            "owner": show_if(
                person(
                    "Chủ sở hữu chỗ ở",
                    born=False,
                    required=("full_name",),
                    more={"consent": checkbox("Chủ sở hữu đồng ý cho đăng ký tạm trú", must=True)},
                ),
                "basis",
                "rented",
            ),
            "minor": checkbox("Người đăng ký là người chưa thành niên"),
            "guardian_consent": show_if(
                checkbox("Cha, mẹ hoặc người giám hộ đồng ý", must=True), "minor", True
            ),
            "documents": documents("Giấy tờ chứng minh chỗ ở hợp pháp (nếu chưa có trong cơ sở dữ liệu)."),
        },
        ["address", "from_date", "to_date", "reason", "basis"],
    )


def form_residence_confirmation() -> Schema:
    return form(
        "Đề nghị xác nhận thông tin về cư trú",
        {
            "applicant": applicant(),
            "content": choice(
                "Nội dung cần xác nhận",
                [
                    ("permanent", "Thông tin thường trú hiện nay"),
                    ("temporary", "Thông tin tạm trú hiện nay"),
                    ("history", "Quá trình cư trú"),
                ],
            ),
            "period_from": show_if(date("Từ ngày"), "content", "history"),
            "period_to": show_if(date("Đến ngày"), "content", "history", required=False),
            "purpose": text("Mục đích sử dụng", 300),
        },
        ["content"],
    )


def form_temporary_absence() -> Schema:
    return form(
        "Khai báo tạm vắng",
        {
            "applicant": applicant(),
            "case": choice(
                "Trường hợp khai báo",
                [
                    ("supervised", "Người đang bị quản lý, giám sát, giáo dục đi khỏi nơi cư trú"),
                    ("long_absence", "Đi khỏi nơi thường trú từ 12 tháng trở lên"),
                    ("other", "Trường hợp khác"),
                ],
                description="Người đang bị quản lý, giám sát cần văn bản đồng ý của cơ quan có thẩm quyền.",
            ),
            "from_date": date("Vắng mặt từ ngày"),
            "to_date": date("Đến ngày"),
            "reason": textarea("Lý do tạm vắng", 500),
            "destination": address("Nơi đến"),
            "approval": show_if(upload("Văn bản đồng ý của cơ quan quản lý, giám sát"), "case", "supervised"),
        },
        ["case", "from_date", "reason", "destination"],
    )


def form_id_reissue() -> Schema:
    return form(
        "Phiếu đề nghị giải quyết thủ tục về căn cước: cấp lại thẻ căn cước",
        {
            "applicant": applicant(more={"sex": choice("Giới tính", SEX, x_prefill="sex")}),
            "reason": choice(
                "Lý do cấp lại",
                [("lost", "Bị mất thẻ"), ("damaged", "Thẻ bị hư hỏng"), ("other", "Lý do khác")],
            ),
            "reason_detail": show_if(textarea("Ghi rõ lý do", 500), "reason", "other"),
            "for_minor": checkbox("Cấp lại cho người dưới 14 tuổi (tôi là người đại diện hợp pháp)"),
            "minor": show_if(
                person("Người dưới 14 tuổi", residence=False, required=("full_name", "citizen_id")),
                "for_minor",
                True,
            ),
        },
        ["reason"],
    )


def _business_lines() -> Schema:
    return repeat(
        "Ngành, nghề kinh doanh",
        "Ngành, nghề",
        {"code": text("Mã ngành (nếu biết)", 10), "name": text("Tên ngành, nghề", 300)},
        ["name"],
        min_items=1,
        max_items=20,
    )


def form_household_business() -> Schema:
    return form(
        "Giấy đề nghị đăng ký hộ kinh doanh",
        {
            "applicant": applicant(),
            "business": group(
                "Hộ kinh doanh",
                {
                    "name": text("Tên hộ kinh doanh", 200, "Gồm cụm từ “Hộ kinh doanh” và tên riêng."),
                    "address": address("Địa điểm kinh doanh", street=True),
                    "phone": phone("Điện thoại của hộ kinh doanh"),
                    "email": email("Thư điện tử của hộ kinh doanh"),
                    "capital": money("Vốn kinh doanh (đồng)"),
                    "employees": integer("Số lao động dự kiến", 0, 10000),
                },
                ["name", "address", "capital"],
            ),
            "lines": _business_lines(),
            "founded_by": choice(
                "Hộ kinh doanh do",
                [("individual", "Một cá nhân thành lập"), ("family", "Các thành viên hộ gia đình thành lập")],
            ),
            "members": show_if(
                repeat(
                    "Thành viên hộ gia đình",
                    "Thành viên",
                    {
                        "full_name": full_name(),
                        "date_of_birth": date("Ngày, tháng, năm sinh"),
                        "citizen_id": citizen_id(),
                        "residence": address("Nơi cư trú"),
                    },
                    ["full_name", "citizen_id"],
                    min_items=1,
                    max_items=20,
                ),
                "founded_by",
                "family",
            ),
            "members_authorisation": show_if(
                upload("Văn bản ủy quyền của các thành viên cho chủ hộ"), "founded_by", "family"
            ),
        },
        ["business", "lines", "founded_by"],
    )


def form_household_business_change() -> Schema:
    return form(
        "Giấy đề nghị đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
        {
            "applicant": applicant(),
            "registration_number": text("Mã số đăng ký hộ kinh doanh", 30),
            "business_name": text("Tên hộ kinh doanh", 200),
            "change": choice(
                "Nội dung thay đổi",
                [
                    ("name", "Tên hộ kinh doanh"),
                    ("address", "Địa điểm kinh doanh"),
                    ("lines", "Ngành, nghề kinh doanh"),
                    ("capital", "Vốn kinh doanh"),
                    ("owner", "Chủ hộ kinh doanh"),
                    ("other", "Nội dung khác"),
                ],
                "select",
            ),
            "new_name": show_if(text("Tên mới", 200), "change", "name"),
            "new_address": show_if(address("Địa điểm kinh doanh mới", street=True), "change", "address"),
            "new_capital": show_if(money("Vốn kinh doanh mới (đồng)"), "change", "capital"),
            "new_owner": show_if(
                person("Chủ hộ kinh doanh mới", required=("full_name", "citizen_id")), "change", "owner"
            ),
            "details": textarea("Mô tả nội dung thay đổi", 1000),
            "meeting_minutes": upload("Biên bản họp nhóm cá nhân (hộ do nhóm cá nhân thành lập)"),
        },
        ["registration_number", "business_name", "change", "details"],
    )


def form_household_business_end() -> Schema:
    return form(
        "Thông báo chấm dứt hoạt động hộ kinh doanh",
        {
            "applicant": applicant(),
            "registration_number": text("Mã số đăng ký hộ kinh doanh", 30),
            "business_name": text("Tên hộ kinh doanh", 200),
            "end_date": date("Ngày chấm dứt hoạt động"),
            "obligations_settled": checkbox(
                "Hộ kinh doanh đã hoàn thành nghĩa vụ thuế và các nghĩa vụ tài chính khác", must=True
            ),
            "meeting_minutes": upload("Biên bản họp nhóm cá nhân (hộ do nhóm cá nhân thành lập)"),
        },
        ["registration_number", "business_name", "end_date", "obligations_settled"],
    )


def _company(capital_title: str) -> Schema:
    return group(
        "Doanh nghiệp",
        {
            "name": text("Tên doanh nghiệp viết bằng tiếng Việt", 200),
            "foreign_name": text("Tên doanh nghiệp viết bằng tiếng nước ngoài", 200),
            "short_name": text("Tên viết tắt", 100),
            "head_office": address("Địa chỉ trụ sở chính", street=True),
            "phone": phone("Điện thoại của doanh nghiệp"),
            "email": email("Thư điện tử của doanh nghiệp"),
            "capital": money(capital_title),
            "employees": integer("Số lao động dự kiến", 0, 100000),
        },
        ["name", "head_office", "capital"],
    )


def form_llc() -> Schema:
    return form(
        "Giấy đề nghị đăng ký doanh nghiệp: công ty trách nhiệm hữu hạn một thành viên",
        {
            "applicant": applicant(),
            "company": _company("Vốn điều lệ (đồng)"),
            "owner_kind": choice("Chủ sở hữu là", [("individual", "Cá nhân"), ("organisation", "Tổ chức")]),
            "owner_person": show_if(
                person("Chủ sở hữu (cá nhân)", origin=True, required=("full_name", "citizen_id")),
                "owner_kind",
                "individual",
            ),
            "owner_organisation": show_if(
                group(
                    "Chủ sở hữu (tổ chức)",
                    {
                        "name": text("Tên tổ chức", 200),
                        "registration_number": text("Mã số doanh nghiệp hoặc số quyết định thành lập", 30),
                        "head_office": address("Địa chỉ trụ sở chính"),
                    },
                    ["name", "registration_number"],
                ),
                "owner_kind",
                "organisation",
            ),
            "legal_representative": person(
                "Người đại diện theo pháp luật",
                gender=True,
                required=("full_name", "citizen_id"),
                more={"position": text("Chức danh", 100)},
            ),
            "lines": _business_lines(),
            "charter": upload("Điều lệ công ty"),
            "beneficial_owners": upload("Danh sách chủ sở hữu hưởng lợi (nếu có)"),
        },
        ["company", "owner_kind", "legal_representative", "lines", "charter"],
    )


def form_sole_proprietorship() -> Schema:
    return form(
        "Giấy đề nghị đăng ký doanh nghiệp: doanh nghiệp tư nhân",
        {
            "applicant": applicant(),
            "company": _company("Vốn đầu tư của chủ doanh nghiệp (đồng)"),
            "owner_is_applicant": checkbox("Tôi là chủ doanh nghiệp tư nhân"),
            "owner": show_if(
                person(
                    "Chủ doanh nghiệp tư nhân", gender=True, origin=True, required=("full_name", "citizen_id")
                ),
                "owner_is_applicant",
                False,
            ),
            "lines": _business_lines(),
        },
        ["company", "owner_is_applicant", "lines"],
    )


def _plot(title: str = "Thửa đất", *, certificate: bool = True) -> Schema:
    fields: Schema = {
        "location": address("Địa chỉ thửa đất", street=True),
        "plot_number": text("Thửa đất số", 20),
        "map_sheet": text("Tờ bản đồ số", 20),
        "area": number("Diện tích (m²)"),
    }
    required = ["location"]
    if certificate:
        fields["certificate_number"] = text("Số phát hành Giấy chứng nhận quyền sử dụng đất", 30)
        fields["certificate_issued_on"] = date("Ngày cấp Giấy chứng nhận")
    return group(title, fields, required)


def form_construction_permit() -> Schema:
    plot = _plot()
    plot["required"] = ["location", "plot_number", "map_sheet", "area", "certificate_number"]
    return form(
        "Đơn đề nghị cấp giấy phép xây dựng",
        {
            "applicant": applicant(
                choice("Chủ đầu tư là", [("individual", "Cá nhân, hộ gia đình"), ("organisation", "Tổ chức")])
            ),
            "plot": plot,
            "works": group(
                "Công trình",
                {
                    "kind": choice(
                        "Loại công trình",
                        [
                            ("house", "Nhà ở riêng lẻ"),
                            ("grade3", "Công trình cấp III"),
                            ("grade4", "Công trình cấp IV"),
                        ],
                        "select",
                    ),
                    "footprint": number("Diện tích xây dựng tầng 1 (m²)"),
                    "floor_area": number("Tổng diện tích sàn (m²)"),
                    "floors": integer("Số tầng trên mặt đất", 1, 50),
                    "basements": integer("Số tầng hầm", 0, 10),
                    "height": number("Chiều cao công trình (m)", maximum=300),
                    "completion_months": integer("Thời gian dự kiến hoàn thành (tháng)", 1, 120),
                },
                ["kind", "footprint", "floor_area", "floors", "height"],
            ),
            "designer": group(
                "Đơn vị hoặc người thiết kế",
                {
                    "name": text("Tên đơn vị hoặc người thiết kế", 200),
                    "certificate": text("Số chứng chỉ hành nghề (nếu có)", 50),
                },
                [],
                "Nhà ở riêng lẻ dưới 3 tầng, diện tích sàn dưới 250 m² có thể do hộ gia đình tự thiết kế.",
            ),
            "drawings": documents(
                "Bản vẽ thiết kế xây dựng (mặt bằng, mặt cắt, mặt đứng, móng) và kết quả thủ tục về "
                "phòng cháy, "
                "chữa cháy nếu có.",
                "Bản vẽ thiết kế",
                20,
            ),
        },
        ["plot", "works", "drawings"],
    )


def form_land_first() -> Schema:
    return form(
        "Đơn đăng ký đất đai, tài sản gắn liền với đất",
        {
            "applicant": applicant(),
            "users": repeat(
                "Người sử dụng đất khác (cùng sử dụng)",
                "Người cùng sử dụng đất",
                {
                    "full_name": full_name(),
                    "citizen_id": citizen_id(),
                    "relationship": text("Quan hệ với người yêu cầu", 50),
                },
                ["full_name", "citizen_id"],
                extra=0,
                description="Thành viên có chung quyền sử dụng đất của hộ gia đình.",
            ),
            "plot": _plot(certificate=False),
            "use": group(
                "Sử dụng đất",
                {
                    "purpose": choice(
                        "Mục đích sử dụng",
                        [
                            ("residential", "Đất ở"),
                            ("agricultural", "Đất nông nghiệp"),
                            ("mixed", "Đất ở và đất nông nghiệp"),
                            ("other", "Mục đích khác"),
                        ],
                        "select",
                    ),
                    "since": integer("Sử dụng từ năm", 1900, 2100),
                    "origin": textarea("Nguồn gốc sử dụng đất", 1000),
                },
                ["purpose", "origin"],
            ),
            "assets": textarea("Tài sản gắn liền với đất (nhà ở, công trình…), nếu có", 1000),
            "request_certificate": checkbox("Đề nghị cấp Giấy chứng nhận quyền sử dụng đất"),
            "documents": documents(
                "Giấy tờ về quyền sử dụng đất, sơ đồ nhà ở, mảnh trích đo, chứng từ nghĩa vụ tài "
                "chính (nếu có).",
            ),
        },
        ["plot", "use", "request_certificate"],
    )


def form_land_change() -> Schema:
    return form(
        "Đơn đăng ký biến động đất đai, tài sản gắn liền với đất",
        {
            "applicant": applicant(),
            "plot": _plot(),
            "basis": choice(
                "Căn cứ biến động",
                [
                    ("family", "Thỏa thuận của các thành viên hộ gia đình"),
                    ("spouses", "Thỏa thuận của vợ và chồng"),
                    ("conciliation", "Biên bản hòa giải thành"),
                    ("court", "Bản án, quyết định của Tòa án"),
                    ("collateral", "Xử lý tài sản thế chấp"),
                    ("other", "Căn cứ khác"),
                ],
                "select",
            ),
            "content": textarea("Nội dung biến động", 1000),
            "documents": documents("Văn bản làm căn cứ biến động, bản vẽ tách thửa hoặc hợp thửa (nếu có)."),
            "certificate_original": checkbox("Tôi sẽ nộp bản gốc Giấy chứng nhận đã cấp", must=True),
        },
        ["plot", "basis", "content", "documents", "certificate_original"],
    )


def form_land_lost() -> Schema:
    plot = _plot()
    plot["required"] = ["location", "certificate_number"]
    return form(
        "Đơn đề nghị cấp lại Giấy chứng nhận do bị mất",
        {
            "applicant": applicant(),
            "plot": plot,
            "lost_on": date("Ngày bị mất (nếu biết)"),
            "circumstances": textarea("Hoàn cảnh bị mất", 1000),
            "survey": upload("Mảnh trích đo bản đồ địa chính (nếu có)"),
        },
        ["plot", "circumstances"],
    )


def form_land_conciliation() -> Schema:
    return form(
        "Đơn yêu cầu hòa giải tranh chấp đất đai",
        {
            "applicant": applicant(),
            "other_parties": repeat(
                "Bên tranh chấp",
                "Bên tranh chấp",
                {
                    "full_name": text("Họ và tên hoặc tên tổ chức", 200),
                    "residence": address("Địa chỉ"),
                    "phone": phone(),
                },
                ["full_name"],
                min_items=1,
                max_items=10,
            ),
            "plot": _plot("Thửa đất đang tranh chấp", certificate=False),
            "dispute": textarea("Nội dung tranh chấp", 2000),
            "request": textarea("Yêu cầu của người làm đơn", 1000),
            "documents": documents("Các giấy tờ liên quan đến việc sử dụng đất."),
        },
        ["other_parties", "plot", "dispute", "request"],
    )


def form_planning_info() -> Schema:
    return form(
        "Văn bản đề nghị cung cấp thông tin về quy hoạch đô thị và nông thôn",
        {
            "applicant": applicant(
                more={"organisation": text("Tên tổ chức (nếu đề nghị thay mặt tổ chức)", 200)}
            ),
            "location": address("Địa điểm cần cung cấp thông tin", street=True),
            "plot_number": text("Thửa đất số (nếu có)", 20),
            "map_sheet": text("Tờ bản đồ số (nếu có)", 20),
            "information": textarea("Thông tin quy hoạch cần cung cấp", 1000),
            "purpose": text("Mục đích sử dụng thông tin", 300),
        },
        ["location", "information"],
    )


def form_judicial_record() -> Schema:
    return form(
        "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp",
        {
            "applicant": applicant(
                more={
                    "sex": choice("Giới tính", SEX, x_prefill="sex"),
                    "other_names": text("Tên gọi khác (nếu có)", 100),
                    "place_of_birth": text("Nơi sinh", 200),
                    "ethnicity": ethnicity(),
                    "nationality": nationality(),
                }
            ),
            "card": choice(
                "Loại phiếu",
                [("1", "Phiếu lý lịch tư pháp số 1"), ("2", "Phiếu lý lịch tư pháp số 2")],
                description="Phiếu số 2 chỉ cấp cho chính người được cấp phiếu, không ủy quyền.",
            ),
            "family": group(
                "Cha, mẹ, vợ hoặc chồng",
                {
                    "father": full_name("Họ và tên cha"),
                    "mother": full_name("Họ và tên mẹ"),
                    "spouse": full_name("Họ và tên vợ hoặc chồng"),
                },
                ["father", "mother"],
            ),
            "residence_history": repeat(
                "Quá trình cư trú từ đủ 14 tuổi",
                "Thời gian cư trú",
                {
                    "from_date": date("Từ ngày"),
                    "to_date": date("Đến ngày"),
                    "address": text("Nơi cư trú", 300),
                    "occupation": text("Nghề nghiệp, nơi làm việc", 200),
                },
                ["from_date", "address"],
                min_items=1,
                max_items=20,
            ),
            "ban_confirmation": show_if(
                checkbox("Đề nghị xác nhận về việc cấm đảm nhiệm chức vụ, thành lập, quản lý doanh nghiệp"),
                "card",
                "1",
                required=False,
            ),
            "purpose": text("Mục đích sử dụng phiếu", 300),
            "copies": integer("Số lượng phiếu đề nghị cấp", 1, 10),
            "fee_exemption": upload("Giấy tờ chứng minh thuộc diện miễn, giảm phí (nếu có)"),
        },
        ["card", "family", "residence_history", "purpose", "copies"],
    )


def form_driving_licence() -> Schema:
    return form(
        "Đề nghị đổi giấy phép lái xe",
        {
            "applicant": applicant(),
            "licence": group(
                "Giấy phép lái xe đang có",
                {
                    "number": text("Số giấy phép lái xe", 20),
                    "class": choice(
                        "Hạng",
                        [
                            ("A1", "A1"),
                            ("A", "A"),
                            ("B1", "B1"),
                            ("B", "B"),
                            ("C1", "C1"),
                            ("C", "C"),
                            ("D1", "D1"),
                            ("D2", "D2"),
                            ("D", "D"),
                            ("BE", "BE"),
                            ("C1E", "C1E"),
                            ("CE", "CE"),
                            ("D1E", "D1E"),
                            ("D2E", "D2E"),
                            ("DE", "DE"),
                        ],
                        "select",
                    ),
                    "issued_on": date("Ngày cấp"),
                    "expires_on": date("Có giá trị đến"),
                    "issuer": text("Nơi cấp", 200),
                },
                ["number", "class", "issued_on"],
            ),
            "reason": choice(
                "Lý do đổi",
                [
                    ("expiring", "Hết hạn hoặc sắp hết hạn"),
                    ("damaged", "Bị hỏng"),
                    ("changed", "Thay đổi thông tin"),
                    ("other", "Lý do khác"),
                ],
            ),
            "health_certificate": upload(
                "Giấy khám sức khỏe của người lái xe",
                "Không cần tải lên nếu cơ sở khám sức khỏe đã gửi giấy khám điện tử.",
            ),
        },
        ["licence", "reason"],
    )


def form_passport() -> Schema:
    return form(
        "Tờ khai đề nghị cấp hộ chiếu phổ thông",
        {
            "applicant": applicant(
                more={
                    "sex": choice("Giới tính", SEX, x_prefill="sex"),
                    "place_of_birth": text("Nơi sinh", 200),
                    "occupation": text("Nghề nghiệp", 100),
                }
            ),
            "for_child": checkbox("Đề nghị cấp cho trẻ em dưới 14 tuổi (tôi là người đại diện hợp pháp)"),
            "child": show_if(
                person(
                    "Trẻ em dưới 14 tuổi",
                    gender=True,
                    residence=False,
                    required=("full_name", "date_of_birth"),
                ),
                "for_child",
                True,
            ),
            "kind": choice(
                "Đề nghị",
                [
                    ("first", "Cấp lần đầu"),
                    ("renew", "Cấp lại (hộ chiếu cũ hết hạn hoặc sắp hết hạn)"),
                    ("lost", "Cấp lại do bị mất hoặc hư hỏng"),
                ],
            ),
            "previous_passport": show_if(text("Số hộ chiếu gần nhất", 20), "kind", "renew"),
            "family": group(
                "Cha, mẹ, vợ hoặc chồng",
                {
                    "father": full_name("Họ và tên cha"),
                    "mother": full_name("Họ và tên mẹ"),
                    "spouse": full_name("Họ và tên vợ hoặc chồng"),
                },
                [],
            ),
            "photo": upload("Ảnh chân dung 4x6 cm", "Chụp không quá 06 tháng, nền trắng."),
        },
        ["kind", "photo"],
    )


def form_military_registration() -> Schema:
    return form(
        "Phiếu tự khai sức khỏe và đăng ký nghĩa vụ quân sự lần đầu",
        {
            "applicant": applicant(
                more={
                    "ethnicity": ethnicity(),
                    "religion": text("Tôn giáo", 50),
                }
            ),
            "education": group(
                "Học vấn, nghề nghiệp",
                {
                    "level": choice(
                        "Trình độ học vấn",
                        [
                            ("primary", "Tiểu học"),
                            ("lower_secondary", "Trung học cơ sở"),
                            ("upper_secondary", "Trung học phổ thông"),
                            ("vocational", "Trung cấp, cao đẳng"),
                            ("university", "Đại học trở lên"),
                        ],
                        "select",
                    ),
                    "occupation": text("Nghề nghiệp", 100),
                    "workplace": text("Nơi học tập, làm việc", 200),
                },
                ["level"],
            ),
            "family": group(
                "Gia đình",
                {"father": full_name("Họ và tên cha"), "mother": full_name("Họ và tên mẹ")},
                [],
            ),
            "health": group(
                "Tự khai sức khỏe",
                {
                    "height_cm": integer("Chiều cao (cm)", 100, 250),
                    "weight_kg": integer("Cân nặng (kg)", 30, 200),
                    "conditions": textarea("Bệnh tật, dị tật đã mắc (nếu có)", 1000),
                },
                ["height_cm", "weight_kg"],
            ),
        },
        ["education", "health"],
    )


def form_social_allowance() -> Schema:
    return form(
        "Tờ khai đề nghị trợ giúp xã hội",
        {
            "applicant": applicant(
                choice(
                    "Người yêu cầu là",
                    [
                        ("self", "Chính người đề nghị trợ cấp"),
                        ("family", "Người thân, người giám hộ"),
                        ("carer", "Người nhận chăm sóc, nuôi dưỡng"),
                    ],
                )
            ),
            "request": choice(
                "Đề nghị",
                [
                    ("grant", "Hưởng trợ cấp"),
                    ("adjust", "Điều chỉnh mức trợ cấp"),
                    ("stop", "Thôi hưởng trợ cấp"),
                ],
            ),
            "beneficiary": person(
                "Người được trợ cấp", gender=True, required=("full_name", "date_of_birth", "residence")
            ),
            "group_kind": choice(
                "Thuộc nhóm đối tượng",
                [
                    ("child", "Trẻ em không có nguồn nuôi dưỡng"),
                    ("single_parent", "Người đơn thân nghèo đang nuôi con"),
                    ("elderly", "Người cao tuổi"),
                    ("disability", "Người khuyết tật"),
                    ("hiv", "Người nhiễm HIV/AIDS thuộc hộ nghèo"),
                    ("other", "Đối tượng khác"),
                ],
                "select",
            ),
            "circumstances": textarea("Hoàn cảnh hiện tại", 2000),
            "receiving": choice(
                "Nhận tiền trợ cấp",
                [("cash", "Nhận tiền mặt"), ("bank", "Chuyển khoản")],
            ),
            "bank_account": show_if(text("Số tài khoản, tên ngân hàng", 100), "receiving", "bank"),
            "documents": documents(
                "Giấy xác nhận khuyết tật, giấy tờ của cơ quan y tế… tùy nhóm đối tượng.",
            ),
        },
        ["request", "beneficiary", "group_kind", "circumstances"],
    )


# --------------------------------------------------------------------------------------
# Internal processes (quy trình nội bộ): the steps' days add up to the time limit
# --------------------------------------------------------------------------------------

RECEIVE = "Tiếp nhận, kiểm tra, số hóa hồ sơ"
APPROVE = "Lãnh đạo bộ phận xem xét, trình ký"
SIGN = "Ký duyệt kết quả"
RETURN = "Trả kết quả, lưu hồ sơ"
Q = Fraction(1, 4)  # a quarter of a working day: 2 hours

Step = tuple[str, str, str, Fraction, str]


def step(name: str, kind: str, role: str, days: Fraction | int, agency_kind: str = "") -> Step:
    return (name, kind, role, Fraction(days), agency_kind)


def standard(assess: str, sign: str = SIGN) -> Callable[[Fraction], list[Step]]:
    """Receive, assess, (approve), sign, return: one agency, the assessment takes what is left."""

    def build(total: Fraction) -> list[Step]:
        if total <= 1:
            return [
                step(RECEIVE, "receive", "desk_officer", Q),
                step(assess, "assess", "handler", total - 3 * Q),
                step(sign, "sign", "signer", Q),
                step(RETURN, "return", "desk_officer", Q),
            ]
        approve = Q if total <= 2 else Fraction(1, 2) if total <= 5 else Fraction(1)
        return [
            step(RECEIVE, "receive", "desk_officer", Q),
            step(assess, "assess", "handler", total - 3 * Q - approve),
            step(APPROVE, "approve", "leader", approve),
            step(sign, "sign", "signer", Q),
            step(RETURN, "return", "desk_officer", Q),
        ]

    return build


def fixed(*steps: Step) -> Callable[[Fraction], list[Step]]:
    def build(total: Fraction) -> list[Step]:
        return list(steps)

    return build


# --------------------------------------------------------------------------------------
# motcua's own data for each reference procedure, by code
# --------------------------------------------------------------------------------------

EX_GROUPS = ["Người thuộc gia đình có công với cách mạng", "Người thuộc hộ nghèo", "Người khuyết tật"]
COPY_FEE_NOTE = "Chỉ nộp khi đề nghị cấp bản sao; mức theo Thông tư 281/2016/TT-BTC (xem thủ tục 2.000635)."
HDND_NOTE = "Mức do Hội đồng nhân dân tỉnh quy định."
UNIT_INFERRED = "Cổng ghi “{n}” không kèm đơn vị; đơn vị ngày làm việc là suy luận, cần đối chiếu."
WITHIN_DAY = "Trong ngày làm việc; hồ sơ nhận sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo."
PORTAL = "Theo Cổng Dịch vụ công quốc gia."
CALENDAR = (
    "Cổng ghi {n} ngày{extra}, không ghi “làm việc”. Quy đổi thận trọng thành {m:02d} "
    "ngày làm việc để ngày hẹn không muộn hơn thời hạn luật định (trừ dịp nghỉ lễ dài); cần đối chiếu "
    "quyết định công bố của tỉnh."
)

SPECS: dict[str, dict[str, Any]] = {
    "1.001193": {
        "agency_kinds": ["peoples_committee"],
        "time_limit": (
            1,
            "within_day",
            WITHIN_DAY + " Nếu phải xác minh tình trạng hôn nhân của cha, mẹ, nơi được đề nghị xác minh trả "
            "lời trong 03 ngày làm việc.",
        ),
        "fees": [
            {
                "ref": 0,
                "note": "Không thu khi đăng ký đúng hạn; đăng ký quá hạn theo mức HĐND tỉnh quy định.",
            },
            {"ref": 1, "unit": "copy", "note": COPY_FEE_NOTE},
        ],
        "exemptions": ["Đăng ký khai sinh đúng hạn (trong 60 ngày kể từ ngày sinh)", *EX_GROUPS],
        "optional": {2, 3, 4, 6},
        "reuse": {5: "population", 6: "population"},
        "results": [("Giấy khai sinh", True, True)],
        "life_events": ["birth"],
        "keywords": ["làm giấy khai sinh", "khai sinh cho con", "đăng ký khai sinh", "giấy khai sinh"],
        "process": standard("Kiểm tra, ghi sổ hộ tịch và Cơ sở dữ liệu hộ tịch điện tử"),
        "form": form_birth,
    },
    "1.000894": {
        "agency_kinds": ["peoples_committee"],
        "time_limit": (
            1,
            "working_days",
            UNIT_INFERRED.format(n=1) + " Hai bên nam, nữ cùng có mặt khi nhận Giấy chứng nhận kết hôn.",
        ),
        "fees": [{"ref": 0, "note": "Miễn lệ phí."}, {"ref": 1, "unit": "copy", "note": COPY_FEE_NOTE}],
        "exemptions": [],
        "optional": {2},
        "reuse": {1: "population", 2: "population"},
        "results": [("Giấy chứng nhận kết hôn", True, True)],
        "life_events": ["marriage"],
        "keywords": [
            "đăng ký kết hôn",
            "giấy đăng ký kết hôn",
            "làm giấy kết hôn",
            "giấy chứng nhận kết hôn",
        ],
        "process": standard("Kiểm tra điều kiện kết hôn, ghi sổ hộ tịch"),
        "form": form_marriage,
    },
    "1.000656": {
        "agency_kinds": ["peoples_committee"],
        "time_limit": (1, "within_day", WITHIN_DAY),
        "fees": [
            {
                "ref": 0,
                "note": "Không thu khi đăng ký đúng hạn và với các đối tượng miễn; trường hợp khác theo "
                "mức HĐND tỉnh quy định.",
            },
            {"ref": 1, "unit": "copy", "note": COPY_FEE_NOTE},
        ],
        "exemptions": ["Đăng ký khai tử đúng hạn (trong 15 ngày kể từ ngày chết)", *EX_GROUPS],
        "optional": {2, 3, 5},
        "reuse": {4: "population", 5: "population"},
        "results": [("Trích lục khai tử", True, True)],
        "life_events": ["death"],
        "keywords": ["đăng ký khai tử", "khai tử", "làm giấy chứng tử", "báo tử người thân"],
        "process": standard("Kiểm tra, ghi sổ hộ tịch và Cơ sở dữ liệu hộ tịch điện tử"),
        "form": form_death,
    },
    "2.000635": {
        "agency_kinds": ["peoples_committee", "department"],
        "applicants": ["citizen", "organisation"],
        "time_limit": (
            1,
            "within_day",
            "Suy luận: cổng không có thông tin về thời hạn; tạm áp dụng như các việc cấp "
            "bản sao hộ "
            "tịch khác — " + WITHIN_DAY.lower() + " Cần xác nhận theo quyết định công bố của tỉnh.",
        ),
        "fees": [{"ref": 0, "unit": "copy", "note": "8.000 đồng mỗi bản sao (Thông tư 281/2016/TT-BTC)."}],
        "exemptions": [],
        "optional": {1, 3},
        "reuse": {2: "population", 3: "population"},
        "results": [("Bản sao Trích lục hộ tịch", True, True), ("Bản sao Giấy khai sinh", True, True)],
        "life_events": ["justice"],
        "keywords": [
            "trích lục hộ tịch",
            "xin bản sao giấy khai sinh",
            "trích lục khai sinh",
            "bản sao trích lục kết hôn",
        ],
        "process": standard("Tra cứu Cơ sở dữ liệu hộ tịch điện tử, lập bản sao trích lục"),
        "form": form_extract_copy,
    },
    "1.004873": {
        "agency_kinds": ["peoples_committee"],
        "time_limit": (3, "working_days", UNIT_INFERRED.format(n=3)),
        "fees": [{"ref": 0, "note": HDND_NOTE}],
        "exemptions": EX_GROUPS,
        "optional": {1, 2, 4},
        "reuse": {1: "civil_status", 3: "population", 4: "population"},
        "results": [("Giấy xác nhận tình trạng hôn nhân", True, True)],
        "life_events": ["marriage", "justice"],
        "keywords": [
            "giấy xác nhận tình trạng hôn nhân",
            "xác nhận độc thân",
            "giấy độc thân",
            "xác nhận tình trạng hôn nhân để kết hôn",
        ],
        "process": standard("Kiểm tra Cơ sở dữ liệu hộ tịch, xác minh tình trạng hôn nhân"),
        "form": form_marital_status,
    },
    "2.000986": {
        "agency_kinds": ["peoples_committee"],
        "time_limit": (
            20,
            "working_days",
            "Theo bản công bố cũ còn trên cổng: tối đa 20 ngày làm việc (có thể cộng thêm khi phải "
            "bổ sung hồ "
            "sơ hoặc ở xã xa). Nhóm thủ tục liên thông điện tử theo QĐ 296/QĐ-VPCP ngắn hơn nhiều "
            "theo báo chí; "
            "cần đối chiếu văn bản gốc.",
        ),
        "fees": [{"ref": 0, "note": "Bản công bố cũ ghi miễn phí; cần đối chiếu bản liên thông điện tử."}],
        "exemptions": [],
        "optional": set(),
        "reuse": {},
        "results": [
            ("Giấy khai sinh", True, True),
            ("Thông báo kết quả đăng ký thường trú", True, True),
            ("Thẻ bảo hiểm y tế", True, False),
        ],
        "life_events": ["birth", "residence", "health"],
        "keywords": [
            "liên thông khai sinh",
            "khai sinh thường trú bảo hiểm y tế",
            "thẻ bảo hiểm y tế cho trẻ em",
            "đăng ký thường trú cho con",
        ],
        "process": fixed(
            step(RECEIVE, "receive", "desk_officer", Q),
            step("Đăng ký khai sinh", "assess", "handler", Fraction(1, 2)),
            step("Ký Giấy khai sinh", "sign", "signer", Q),
            step("Chuyển Công an cấp xã đăng ký thường trú", "transfer", "handler", 8, "vertical"),
            step(
                "Chuyển cơ quan Bảo hiểm xã hội cấp thẻ bảo hiểm y tế",
                "transfer",
                "handler",
                Fraction(21, 2),
                "vertical",
            ),
            step(RETURN, "return", "desk_officer", Fraction(1, 2)),
        ),
        "form": form_birth_combined,
    },
    "1.004859": {
        "agency_kinds": ["peoples_committee"],
        "time_limit": (
            1,
            "working_days",
            UNIT_INFERRED.format(n=1)
            + " Trước 01/7/2025 một số tỉnh công bố 03 ngày làm việc và dài hơn khi "
            "phải xác minh.",
        ),
        "fees": [{"ref": 0, "note": HDND_NOTE}, {"ref": 1, "unit": "copy", "note": COPY_FEE_NOTE}],
        "exemptions": EX_GROUPS,
        "optional": {2, 4},
        "reuse": {3: "population", 4: "population"},
        "results": [
            ("Trích lục thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc", True, True)
        ],
        "life_events": ["justice"],
        "keywords": [
            "thay đổi họ tên",
            "đổi tên",
            "cải chính hộ tịch",
            "sửa ngày sinh trên giấy khai sinh",
            "xác định lại dân tộc",
        ],
        "process": standard("Kiểm tra căn cứ thay đổi, cải chính, ghi sổ hộ tịch"),
        "form": form_civil_change,
    },
    "1.001022": {
        "agency_kinds": ["peoples_committee"],
        "time_limit": (3, "working_days", UNIT_INFERRED.format(n=3)),
        "fees": [{"ref": 0, "note": HDND_NOTE}, {"ref": 1, "unit": "copy", "note": COPY_FEE_NOTE}],
        "exemptions": EX_GROUPS,
        "optional": {1, 2},
        "reuse": {3: "population"},
        "results": [("Trích lục đăng ký nhận cha, mẹ, con", True, True)],
        "life_events": ["birth", "justice"],
        "keywords": ["nhận cha mẹ con", "đăng ký nhận con", "nhận cha cho con", "xác nhận cha con"],
        "process": standard("Kiểm tra chứng cứ, xác minh quan hệ cha, mẹ, con"),
        "form": form_parentage,
    },
    "1.004884": {
        "agency_kinds": ["peoples_committee"],
        "time_limit": (5, "working_days", UNIT_INFERRED.format(n=5)),
        "fees": [{"ref": 0, "note": HDND_NOTE}, {"ref": 1, "unit": "copy", "note": COPY_FEE_NOTE}],
        "exemptions": EX_GROUPS,
        "optional": {2, 3, 5},
        "reuse": {4: "population", 5: "population"},
        "results": [("Giấy khai sinh", True, True)],
        "life_events": ["birth", "justice"],
        "keywords": [
            "đăng ký lại khai sinh",
            "mất giấy khai sinh",
            "làm lại giấy khai sinh",
            "khai sinh lại",
        ],
        "process": standard("Kiểm tra, xác minh giấy tờ, ghi sổ hộ tịch"),
        "form": form_birth_again,
    },
    "2.000806": {
        "agency_kinds": ["peoples_committee"],
        "time_limit": (5, "working_days", UNIT_INFERRED.format(n=5)),
        "fees": [{"ref": 0, "note": HDND_NOTE}],
        "exemptions": EX_GROUPS,
        "optional": {4, 6},
        "reuse": {5: "population", 6: "population"},
        "results": [("Giấy chứng nhận kết hôn", True, True)],
        "life_events": ["marriage"],
        "keywords": [
            "kết hôn với người nước ngoài",
            "đăng ký kết hôn có yếu tố nước ngoài",
            "lấy chồng nước ngoài",
            "lấy vợ nước ngoài",
        ],
        "process": standard("Thẩm tra hồ sơ, xác minh điều kiện kết hôn"),
        "form": form_marriage_foreign,
    },
    "2.002516": {
        "agency_kinds": ["peoples_committee", "department"],
        "applicants": ["citizen", "organisation"],
        "time_limit": (
            3,
            "working_days",
            "Chưa rõ thời hạn, cần xác nhận: cổng không có thông tin; tạm đặt 03 ngày "
            "làm việc cho đến khi đối chiếu quyết định công bố của tỉnh.",
        ),
        "fees": [
            {
                "ref": 0,
                "unit": "certificate",
                "note": "8.000 đồng cho mỗi văn bản xác nhận về một việc hộ tịch.",
            }
        ],
        "exemptions": EX_GROUPS,
        "optional": {2, 4},
        "reuse": {3: "population", 4: "population"},
        "results": [("Văn bản xác nhận thông tin hộ tịch", True, True)],
        "life_events": ["justice"],
        "keywords": ["xác nhận thông tin hộ tịch", "xác nhận hộ tịch", "xác nhận thông tin khai sinh"],
        "process": standard("Tra cứu Cơ sở dữ liệu hộ tịch, lập văn bản xác nhận"),
        "form": form_civil_confirmation,
    },
    "1.004837": {
        "agency_kinds": ["peoples_committee"],
        "time_limit": (3, "working_days", PORTAL),
        "fees": [{"ref": 0, "note": "Miễn lệ phí."}, {"ref": 1, "unit": "copy", "note": COPY_FEE_NOTE}],
        "exemptions": [],
        "optional": {1, 2, 3, 5},
        "reuse": {4: "population", 5: "population"},
        "results": [("Trích lục đăng ký giám hộ", True, True)],
        "life_events": ["justice", "social_support"],
        "keywords": ["đăng ký giám hộ", "giám hộ cho trẻ", "người giám hộ", "cử người giám hộ"],
        "process": standard("Kiểm tra điều kiện giám hộ, ghi sổ hộ tịch"),
        "form": form_guardianship,
    },
    "2.000815": {
        "agency_kinds": ["peoples_committee"],
        "applicants": ["citizen", "organisation"],
        "time_limit": (
            1,
            "within_day",
            "Suy luận từ Nghị định 23/2015/NĐ-CP (cổng không ghi thời hạn): "
            + WITHIN_DAY.lower()
            + " Cần đối chiếu Nghị định 280/2025/NĐ-CP và quyết định công bố của tỉnh.",
        ),
        "fees": [
            {
                "name": "Phí chứng thực bản sao từ bản chính (trang thứ nhất và thứ hai)",
                "amount": 2000,
                "unit": "page",
                "note": "Tính theo số trang của bản chính.",
            },
            {
                "name": "Phí chứng thực bản sao từ bản chính (từ trang thứ ba)",
                "amount": 1000,
                "unit": "page",
                "note": "Tổng phí tối đa 200.000 đồng cho một bản.",
            },
        ],
        "exemptions": [],
        "optional": set(),
        "reuse": {},
        "results": [("Bản sao được chứng thực từ bản chính", True, True)],
        "life_events": ["justice"],
        "keywords": ["chứng thực bản sao", "sao y bản chính", "công chứng giấy tờ", "photo công chứng"],
        "process": standard("Đối chiếu bản chính, chứng thực bản sao"),
        "form": form_certified_copy,
    },
    "2.000884": {
        "agency_kinds": ["peoples_committee"],
        "time_limit": (
            1,
            "within_day",
            "Suy luận từ Nghị định 23/2015/NĐ-CP (cổng không ghi thời hạn): "
            + WITHIN_DAY.lower()
            + " Người yêu cầu ký trước mặt người thực hiện chứng thực.",
        ),
        "fees": [{"ref": 0, "note": "Mỗi trường hợp, dù một hay nhiều chữ ký trong cùng một giấy tờ."}],
        "exemptions": [],
        "optional": set(),
        "reuse": {0: "population"},
        "results": [("Giấy tờ, văn bản được chứng thực chữ ký hoặc điểm chỉ", True, False)],
        "life_events": ["justice"],
        "keywords": ["chứng thực chữ ký", "công chứng chữ ký", "chứng thực điểm chỉ", "xác nhận chữ ký"],
        "process": standard("Kiểm tra giấy tờ, chứng kiến ký và chứng thực chữ ký"),
        "form": None,
    },
    "2.001035": {
        "agency_kinds": ["peoples_committee"],
        "applicants": ["citizen", "organisation"],
        "time_limit": (
            2,
            "working_days",
            "Suy luận từ Nghị định 23/2015/NĐ-CP (cổng không ghi thời hạn): không quá 02 "
            "ngày làm việc; cần "
            "đối chiếu Nghị định 280/2025/NĐ-CP.",
        ),
        "fees": [{"ref": 0, "note": "Mỗi hợp đồng, giao dịch."}],
        "exemptions": [
            "Hộ gia đình, cá nhân vay vốn tại tổ chức tín dụng để phát triển nông nghiệp, nông thôn "
            "(hợp đồng "
            "thế chấp)"
        ],
        "optional": set(),
        "reuse": {1: "land", 2: "population"},
        "results": [("Hợp đồng, giao dịch được chứng thực", True, False)],
        "life_events": ["land", "justice"],
        "keywords": [
            "chứng thực hợp đồng",
            "chứng thực hợp đồng chuyển nhượng đất",
            "chứng thực hợp đồng tặng cho",
            "chứng thực hợp đồng thế chấp",
        ],
        "process": standard("Kiểm tra dự thảo, giấy tờ tài sản và năng lực các bên"),
        "form": form_transaction,
    },
    "2.001019": {
        "agency_kinds": ["peoples_committee"],
        "time_limit": (
            2,
            "working_days",
            "Suy luận từ Nghị định 23/2015/NĐ-CP (cổng không ghi thời hạn): không quá 02 "
            "ngày làm việc; cần "
            "đối chiếu Nghị định 280/2025/NĐ-CP.",
        ),
        "fees": [{"ref": 0, "note": "Mỗi di chúc."}],
        "exemptions": [],
        "optional": set(),
        "reuse": {1: "population"},
        "results": [("Di chúc được chứng thực", True, False)],
        "life_events": ["justice"],
        "keywords": ["chứng thực di chúc", "lập di chúc", "làm di chúc tại xã"],
        "process": standard("Kiểm tra dự thảo di chúc và năng lực người lập di chúc"),
        "form": None,
    },
    "2.000908": {
        "agency_kinds": ["peoples_committee", "department"],
        "time_limit": (1, "working_days", PORTAL),
        "fees": [{"ref": 0, "note": "Miễn phí."}],
        "exemptions": [],
        "optional": {1},
        "reuse": {0: "population", 1: "civil_status"},
        "results": [("Bản sao được cấp từ sổ gốc", True, False)],
        "life_events": ["justice", "education"],
        "keywords": [
            "cấp bản sao từ sổ gốc",
            "xin bản sao bằng tốt nghiệp",
            "bản sao giấy tờ bị mất",
            "sao lục sổ gốc",
        ],
        "process": standard("Tra cứu sổ gốc, lập bản sao"),
        "form": form_master_copy,
    },
    "1.004222": {
        "agency_kinds": ["vertical"],
        "time_limit": (7, "working_days", PORTAL),
        "fees": [
            {"ref": 0, "group": "kenh_nop", "note": "Khi nộp hồ sơ trực tuyến."},
            {"ref": 1, "group": "kenh_nop", "note": "Khi nộp hồ sơ trực tiếp."},
        ],
        "exemptions": ["Các trường hợp miễn lệ phí theo Điều 4 Thông tư 75/2022/TT-BTC"],
        "optional": {2, 3},
        "reuse": {1: "", 3: "civil_status"},
        "results": [
            ("Thông tin thường trú được cập nhật trong Cơ sở dữ liệu quốc gia về dân cư", False, True),
            ("Thông báo kết quả giải quyết thủ tục về cư trú", True, True),
        ],
        "life_events": ["residence"],
        "keywords": ["đăng ký thường trú", "nhập hộ khẩu", "chuyển hộ khẩu", "đăng ký hộ khẩu"],
        "process": standard("Kiểm tra điều kiện đăng ký thường trú", "Trưởng Công an cấp xã ký duyệt"),
        "form": form_permanent_residence,
    },
    "1.004194": {
        "agency_kinds": ["vertical"],
        "time_limit": (3, "working_days", PORTAL),
        "fees": [
            {
                "ref": 0,
                "note": "Khi nộp hồ sơ trực tuyến; mức khi nộp trực tiếp chưa có trong nguồn, cần bổ sung.",
            }
        ],
        "exemptions": [],
        "optional": set(),
        "reuse": {1: ""},
        "results": [
            ("Thông tin tạm trú được cập nhật trong Cơ sở dữ liệu về cư trú", False, True),
            ("Thông báo kết quả giải quyết thủ tục về cư trú", True, True),
        ],
        "life_events": ["residence"],
        "keywords": [
            "đăng ký tạm trú",
            "khai báo tạm trú",
            "tạm trú cho người thuê trọ",
            "đăng ký tạm trú online",
        ],
        "process": standard("Kiểm tra điều kiện đăng ký tạm trú", "Trưởng Công an cấp xã ký duyệt"),
        "form": form_temporary_residence,
    },
    "1.010041": {
        "agency_kinds": ["vertical"],
        "time_limit": (1, "working_days", PORTAL),
        "fees": [{"ref": 0, "note": "Miễn phí."}],
        "exemptions": [],
        "optional": set(),
        "reuse": {},
        "results": [("Giấy xác nhận thông tin về cư trú (mẫu CT07)", True, True)],
        "life_events": ["residence"],
        "keywords": [
            "xác nhận cư trú",
            "giấy CT07",
            "xin xác nhận thông tin cư trú",
            "giấy tờ thay sổ hộ khẩu",
        ],
        "process": standard(
            "Tra cứu Cơ sở dữ liệu về cư trú, lập văn bản xác nhận", "Trưởng Công an cấp xã ký"
        ),
        "form": form_residence_confirmation,
    },
    "1.003677": {
        "agency_kinds": ["vertical"],
        "time_limit": (1, "working_days", PORTAL),
        "fees": [{"ref": 0, "note": "Cổng không có thông tin về lệ phí; cần bổ sung."}],
        "exemptions": [],
        "optional": {0, 1, 2},
        "reuse": {},
        "results": [
            ("Phiếu khai báo tạm vắng (mẫu CT03)", True, True),
            ("Thông tin tạm vắng được cập nhật trong Cơ sở dữ liệu về cư trú", False, True),
        ],
        "life_events": ["residence"],
        "keywords": ["khai báo tạm vắng", "đăng ký tạm vắng", "đi làm xa khai báo tạm vắng"],
        "process": standard("Kiểm tra nội dung khai báo, cập nhật cơ sở dữ liệu", "Trưởng Công an cấp xã ký"),
        "form": form_temporary_absence,
    },
    "1.014061": {
        "agency_kinds": ["vertical"],
        "time_limit": (
            7,
            "working_days",
            "Không quá 07 ngày làm việc (Cổng Dịch vụ công quốc gia). Nộp trực "
            "tiếp để thu nhận sinh trắc học.",
        ),
        "fees": [{"ref": 0, "note": "Cổng không có thông tin về lệ phí cấp lần đầu; cần bổ sung."}],
        "exemptions": [],
        "optional": {1},
        "reuse": {},
        "results": [("Thẻ căn cước", True, False)],
        "life_events": ["residence"],
        "keywords": ["làm căn cước", "cấp thẻ căn cước", "làm căn cước lần đầu", "làm CCCD"],
        "process": standard(
            "Thu nhận thông tin, sinh trắc học; duyệt và chuyển cấp thẻ", "Trưởng Công an cấp xã ký duyệt"
        ),
        "form": None,
    },
    "1.014064": {
        "agency_kinds": ["vertical"],
        "time_limit": (7, "working_days", PORTAL),
        "fees": [
            {
                "ref": 0,
                "unit": "certificate",
                "note": "Mỗi thẻ. Có giai đoạn giảm 50% khi nộp trực tuyến; kiểm tra mức hiện hành.",
            }
        ],
        "exemptions": [],
        "optional": {2},
        "reuse": {},
        "results": [("Thẻ căn cước", True, False)],
        "life_events": ["residence"],
        "keywords": ["cấp lại căn cước", "mất căn cước", "làm lại thẻ căn cước", "mất CCCD"],
        "process": standard("Thu nhận thông tin, duyệt và chuyển cấp thẻ", "Trưởng Công an cấp xã ký duyệt"),
        "form": form_id_reissue,
    },
    "1.001612": {
        "agency_kinds": ["peoples_committee"],
        "time_limit": (
            3,
            "working_days",
            "03 ngày làm việc kể từ ngày nhận đủ hồ sơ (theo trình tự thực hiện trên cổng).",
        ),
        "fees": [
            {
                "ref": 0,
                "note": "Cổng ghi 150.000 đồng nhưng dẫn chiếu mức do HĐND tỉnh quy định (Thông tư "
                "85/2019/TT-BTC); không hoàn lại nếu không được cấp. Cần đối chiếu nghị quyết của HĐND tỉnh.",
            }
        ],
        "exemptions": [],
        "optional": {1, 2},
        "reuse": {},
        "results": [("Giấy chứng nhận đăng ký hộ kinh doanh", True, True)],
        "life_events": ["business"],
        "keywords": [
            "đăng ký hộ kinh doanh",
            "mở hộ kinh doanh",
            "giấy phép kinh doanh hộ cá thể",
            "đăng ký kinh doanh cá thể",
        ],
        "process": fixed(
            step(RECEIVE, "receive", "desk_officer", Q),
            step("Thẩm định hồ sơ đăng ký hộ kinh doanh", "assess", "handler", Fraction(3, 2)),
            step(APPROVE, "approve", "leader", Q),
            step(SIGN, "sign", "signer", Q),
            step("Chuyển thông tin sang cơ quan thuế", "transfer", "handler", Fraction(1, 2), "vertical"),
            step(RETURN, "return", "desk_officer", Q),
        ),
        "form": form_household_business,
    },
    "2.000720": {
        "agency_kinds": ["peoples_committee"],
        "time_limit": (1, "working_days", UNIT_INFERRED.format(n=1)),
        "fees": [{"ref": 0, "note": HDND_NOTE}],
        "exemptions": [],
        "optional": {1, 2},
        "reuse": {},
        "results": [
            ("Giấy chứng nhận đăng ký hộ kinh doanh", True, True),
            ("Thông tin được cập nhật trong Cơ sở dữ liệu đăng ký hộ kinh doanh", False, True),
        ],
        "life_events": ["business"],
        "keywords": [
            "thay đổi đăng ký hộ kinh doanh",
            "đổi địa chỉ hộ kinh doanh",
            "thay đổi ngành nghề kinh doanh",
            "thay đổi chủ hộ kinh doanh",
        ],
        "process": standard("Thẩm định nội dung thay đổi"),
        "form": form_household_business_change,
    },
    "1.001266": {
        "agency_kinds": ["peoples_committee"],
        "time_limit": (1, "working_days", UNIT_INFERRED.format(n=1)),
        "fees": [{"ref": 0, "note": HDND_NOTE + " Cổng ghi “Miễn phí” ở cột số tiền."}],
        "exemptions": [],
        "optional": {1, 2},
        "reuse": {},
        "results": [
            ("Tình trạng “đã chấm dứt hoạt động” trong Cơ sở dữ liệu đăng ký hộ kinh doanh", False, True)
        ],
        "life_events": ["business"],
        "keywords": [
            "chấm dứt hộ kinh doanh",
            "đóng hộ kinh doanh",
            "ngừng kinh doanh",
            "giải thể hộ kinh doanh",
        ],
        "process": standard("Kiểm tra thông báo, cập nhật tình trạng pháp lý"),
        "form": form_household_business_end,
    },
    "2.001583": {
        "agency_kinds": ["department"],
        "applicants": ["citizen", "organisation"],
        "time_limit": (3, "working_days", PORTAL),
        "fees": [
            {"ref": 0, "note": "Mỗi lần công bố (Thông tư 47/2019/TT-BTC)."},
            {
                "ref": 1,
                "note": "Mức cổng ghi khi nộp trực tiếp; kiểm tra quy định miễn lệ phí khi đăng ký qua mạng.",
            },
        ],
        "exemptions": [],
        "optional": {3, 4},
        "reuse": {2: "population"},
        "results": [("Giấy chứng nhận đăng ký doanh nghiệp", True, True)],
        "life_events": ["business"],
        "keywords": [
            "thành lập công ty TNHH một thành viên",
            "đăng ký thành lập công ty",
            "mở công ty",
            "đăng ký doanh nghiệp",
        ],
        "process": fixed(
            step(RECEIVE, "receive", "desk_officer", Q),
            step("Thẩm định hồ sơ đăng ký doanh nghiệp", "assess", "handler", Fraction(3, 2)),
            step(
                "Trao đổi thông tin với cơ quan thuế để cấp mã số doanh nghiệp",
                "transfer",
                "handler",
                Fraction(1, 2),
                "vertical",
            ),
            step(APPROVE, "approve", "leader", Q),
            step(SIGN, "sign", "signer", Q),
            step(RETURN, "return", "desk_officer", Q),
        ),
        "form": form_llc,
    },
    "2.001610": {
        "agency_kinds": ["department"],
        "time_limit": (3, "working_days", PORTAL),
        "fees": [
            {"ref": 0, "note": "Mỗi lần công bố (Thông tư 47/2019/TT-BTC)."},
            {"ref": 1, "note": "Nguồn không nêu mức; cần bổ sung."},
        ],
        "exemptions": [],
        "optional": set(),
        "reuse": {1: "population"},
        "results": [("Giấy chứng nhận đăng ký doanh nghiệp", True, True)],
        "life_events": ["business"],
        "keywords": [
            "thành lập doanh nghiệp tư nhân",
            "mở doanh nghiệp tư nhân",
            "đăng ký doanh nghiệp tư nhân",
        ],
        "process": fixed(
            step(RECEIVE, "receive", "desk_officer", Q),
            step("Thẩm định hồ sơ đăng ký doanh nghiệp", "assess", "handler", Fraction(3, 2)),
            step(
                "Trao đổi thông tin với cơ quan thuế để cấp mã số doanh nghiệp",
                "transfer",
                "handler",
                Fraction(1, 2),
                "vertical",
            ),
            step(APPROVE, "approve", "leader", Q),
            step(SIGN, "sign", "signer", Q),
            step(RETURN, "return", "desk_officer", Q),
        ),
        "form": form_sole_proprietorship,
    },
    "1.013225": {
        "agency_kinds": ["peoples_committee"],
        "applicants": ["citizen", "organisation"],
        "time_limit": (
            10,
            "working_days",
            CALENDAR.format(
                n=15, m=10, extra=" khi nộp trực tiếp (20 ngày khi nộp trực tuyến hoặc qua bưu chính)"
            ),
        ),
        "fees": [{"ref": 0, "note": HDND_NOTE}],
        "exemptions": [],
        "optional": set(),
        "reuse": {1: "land"},
        "results": [("Giấy phép xây dựng kèm hồ sơ thiết kế có đóng dấu của cơ quan cấp phép", True, False)],
        "life_events": ["construction"],
        "keywords": [
            "xin giấy phép xây dựng",
            "giấy phép xây nhà",
            "cấp phép xây dựng nhà ở",
            "xây nhà ở riêng lẻ",
        ],
        "process": fixed(
            step(RECEIVE, "receive", "desk_officer", Q),
            step("Thẩm định hồ sơ, kiểm tra thực địa", "assess", "handler", Fraction(29, 4)),
            step(APPROVE, "approve", "leader", 1),
            step(SIGN, "sign", "signer", 1),
            step(RETURN, "return", "desk_officer", Fraction(1, 2)),
        ),
        "form": form_construction_permit,
    },
    "1.013978": {
        "agency_kinds": ["peoples_committee"],
        "time_limit": (
            17,
            "working_days",
            "Theo kênh nộp: trực tuyến 17, bưu chính 20, trực tiếp 27 ngày làm việc; không kể thời "
            "gian thực hiện "
            "nghĩa vụ tài chính (chưa đối chiếu). Giá trị ghi ở đây là của kênh trực tuyến.",
        ),
        "fees": [{"ref": 0, "note": HDND_NOTE}],
        "exemptions": [],
        "optional": {2, 3, 4},
        "reuse": {},
        "results": [
            ("Thông báo xác nhận kết quả đăng ký đất đai", True, False),
            ("Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", True, False),
        ],
        "life_events": ["land"],
        "keywords": [
            "làm sổ đỏ",
            "cấp sổ đỏ lần đầu",
            "cấp giấy chứng nhận quyền sử dụng đất",
            "đăng ký đất đai lần đầu",
        ],
        "process": fixed(
            step(RECEIVE, "receive", "desk_officer", Q),
            step(
                "Kiểm tra hiện trạng, nguồn gốc sử dụng đất; niêm yết công khai",
                "assess",
                "handler",
                Fraction(23, 4),
            ),
            step(
                "Chuyển Văn phòng đăng ký đất đai kiểm tra hồ sơ địa chính",
                "transfer",
                "handler",
                5,
                "department",
            ),
            step("Chuyển cơ quan thuế xác định nghĩa vụ tài chính", "transfer", "handler", 3, "vertical"),
            step(APPROVE, "approve", "leader", Fraction(3, 2)),
            step("Chủ tịch UBND cấp xã ký Giấy chứng nhận", "sign", "signer", 1),
            step(RETURN, "return", "desk_officer", Fraction(1, 2)),
        ),
        "form": form_land_first,
    },
    "1.013980": {
        "agency_kinds": ["department"],
        "applicants": ["citizen", "organisation"],
        "time_limit": (
            8,
            "working_days",
            "Nộp trực tiếp và qua bưu chính: 08 ngày làm việc; cổng ghi 20 ngày làm việc khi nộp trực tuyến "
            "(chưa thống nhất, cần kiểm tra).",
        ),
        "fees": [{"ref": 0, "note": HDND_NOTE}],
        "exemptions": [],
        "optional": {3, 4},
        "reuse": {},
        "results": [
            (
                "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất hoặc xác "
                "nhận thay đổi "
                "trên Giấy chứng nhận đã cấp",
                True,
                False,
            ),
        ],
        "life_events": ["land"],
        "keywords": [
            "đăng ký biến động đất đai",
            "đổi tên trên sổ đỏ theo thỏa thuận vợ chồng",
            "đăng ký biến động theo bản án",
            "xử lý tài sản thế chấp là đất",
        ],
        "process": fixed(
            step(RECEIVE, "receive", "desk_officer", Q),
            step("Kiểm tra hồ sơ, cập nhật hồ sơ địa chính", "assess", "handler", Fraction(7, 2)),
            step("Chuyển cơ quan thuế xác định nghĩa vụ tài chính", "transfer", "handler", 2, "vertical"),
            step(APPROVE, "approve", "leader", Fraction(1, 2)),
            step(SIGN, "sign", "signer", 1),
            step(RETURN, "return", "desk_officer", Fraction(3, 4)),
        ),
        "form": form_land_change,
    },
    "1.012786": {
        "agency_kinds": ["department"],
        "applicants": ["citizen", "organisation"],
        "time_limit": (
            10,
            "working_days",
            "Nộp trực tuyến và qua bưu chính: 10 ngày làm việc; nộp trực tiếp: 20 ngày làm việc (theo cổng).",
        ),
        "fees": [{"ref": 0, "note": HDND_NOTE}],
        "exemptions": [],
        "optional": {1},
        "reuse": {},
        "results": [
            (
                "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất (cấp lại)",
                True,
                False,
            )
        ],
        "life_events": ["land"],
        "keywords": ["mất sổ đỏ", "cấp lại sổ đỏ bị mất", "làm lại giấy chứng nhận quyền sử dụng đất"],
        "process": standard("Kiểm tra hồ sơ địa chính, lập hồ sơ cấp lại"),
        "form": form_land_lost,
    },
    "1.012812": {
        "agency_kinds": ["peoples_committee"],
        "applicants": ["citizen", "organisation"],
        "time_limit": (
            20,
            "working_days",
            CALENDAR.format(n=30, m=20, extra=" khi nộp qua bưu chính (40 ngày khi nộp trực tiếp)"),
        ),
        "fees": [{"ref": 0, "note": "Miễn phí."}],
        "exemptions": [],
        "optional": set(),
        "reuse": {},
        "results": [("Biên bản hòa giải tranh chấp đất đai", True, False)],
        "life_events": ["land", "justice"],
        "keywords": [
            "hòa giải tranh chấp đất đai",
            "tranh chấp đất",
            "tranh chấp ranh giới đất",
            "đơn hòa giải đất đai",
        ],
        "process": fixed(
            step(RECEIVE, "receive", "desk_officer", Q),
            step("Thẩm tra, xác minh nguyên nhân tranh chấp, thu thập giấy tờ", "assess", "handler", 11),
            step("Thành lập Hội đồng hòa giải, tổ chức họp hòa giải", "approve", "leader", 7),
            step("Ký biên bản hòa giải", "sign", "signer", 1),
            step(RETURN, "return", "desk_officer", Fraction(3, 4)),
        ),
        "form": form_land_conciliation,
    },
    "1.014159": {
        "agency_kinds": ["peoples_committee", "department"],
        "applicants": ["citizen", "organisation"],
        "time_limit": (6, "working_days", CALENDAR.format(n=10, m=6, extra="")),
        "fees": [
            {
                "ref": 0,
                "note": "Cổng ghi “Miễn phí” ở cột số tiền nhưng dẫn chiếu Luật Phí và lệ phí; cần "
                "đối chiếu.",
            }
        ],
        "exemptions": [],
        "optional": set(),
        "reuse": {},
        "results": [("Văn bản cung cấp thông tin về quy hoạch đô thị và nông thôn", True, False)],
        "life_events": ["construction", "land"],
        "keywords": [
            "xin thông tin quy hoạch",
            "kiểm tra quy hoạch đất",
            "thông tin quy hoạch xây dựng",
            "đất có nằm trong quy hoạch không",
        ],
        "process": standard("Tra cứu hồ sơ quy hoạch, lập văn bản cung cấp thông tin"),
        "form": form_planning_info,
    },
    "3.000333": {
        "agency_kinds": ["vertical"],
        "time_limit": (
            6,
            "working_days",
            CALENDAR.format(n=10, m=6, extra="") + " Chưa đọc các trường hợp được kéo dài.",
        ),
        "fees": [
            {
                "ref": 0,
                "unit": "certificate",
                "note": "Theo Thông tư 244/2016/TT-BTC hoặc văn bản thay thế; nguồn không nêu số tiền.",
            }
        ],
        "exemptions": ["Người thuộc diện miễn, giảm phí (có giấy tờ chứng minh)"],
        "optional": {2, 3},
        "reuse": {1: "population"},
        "results": [("Phiếu lý lịch tư pháp số 1 hoặc số 2", True, False)],
        "life_events": ["justice"],
        "keywords": [
            "lý lịch tư pháp",
            "xin phiếu lý lịch tư pháp",
            "làm lý lịch tư pháp số 1",
            "lý lịch tư pháp đi xuất khẩu lao động",
        ],
        "process": fixed(
            step(RECEIVE, "receive", "desk_officer", Q),
            step("Tra cứu, xác minh thông tin lý lịch tư pháp", "assess", "handler", 4),
            step(APPROVE, "approve", "leader", Fraction(3, 4)),
            step("Lãnh đạo Công an tỉnh ký Phiếu", "sign", "signer", Fraction(3, 4)),
            step(RETURN, "return", "desk_officer", Q),
        ),
        "form": form_judicial_record,
    },
    "3.000347": {
        "agency_kinds": ["vertical"],
        "time_limit": (5, "working_days", PORTAL),
        "fees": [
            {
                "ref": 0,
                "unit": "certificate",
                "note": "Mỗi lần cấp. Mức giảm 115.000 đồng khi nộp trực "
                "tuyến chỉ áp dụng đến hết 31/12/2025.",
            }
        ],
        "exemptions": [],
        "optional": {2},
        "reuse": {},
        "results": [("Giấy phép lái xe", True, False)],
        "life_events": ["transport"],
        "keywords": ["đổi bằng lái xe", "đổi giấy phép lái xe", "cấp đổi bằng lái", "bằng lái hết hạn"],
        "process": standard("Kiểm tra hồ sơ, dữ liệu giấy phép lái xe", "Lãnh đạo cơ quan Công an ký duyệt"),
        "form": form_driving_licence,
    },
    "1.001456": {
        "agency_kinds": ["vertical"],
        "time_limit": (8, "working_days", PORTAL),
        "fees": [
            {
                "ref": 0,
                "unit": "certificate",
                "group": "truong_hop",
                "note": "Mỗi hộ chiếu. Mức cổng dẫn theo Thông tư 44/2023/TT-BTC; kiểm tra mức hiện hành.",
            },
            {
                "name": "Lệ phí cấp lại hộ chiếu do bị hư hỏng hoặc bị mất",
                "amount": 320000,
                "unit": "certificate",
                "group": "truong_hop",
                "note": "Kiểm tra mức hiện hành.",
            },
        ],
        "exemptions": [],
        "optional": {2, 3, 4},
        "reuse": {3: "civil_status"},
        "results": [("Hộ chiếu phổ thông", True, False)],
        "life_events": ["other"],
        "keywords": ["làm hộ chiếu", "cấp hộ chiếu", "làm passport", "hộ chiếu phổ thông"],
        "process": standard(
            "Kiểm tra, xác minh nhân thân, duyệt cấp hộ chiếu",
            "Lãnh đạo Phòng Quản lý xuất nhập cảnh ký duyệt",
        ),
        "form": form_passport,
    },
    "1.013076": {
        "agency_kinds": ["vertical"],
        "applicants": ["citizen", "organisation"],
        "time_limit": (2, "working_days", PORTAL),
        "fees": [
            {"ref": 0, "note": "Theo Thông tư 60/2023/TT-BTC và 06/2025/TT-BTC; nguồn không nêu số tiền."}
        ],
        "exemptions": [],
        "optional": set(),
        "reuse": {6: "population"},
        "results": [
            ("Chứng nhận thu hồi đăng ký, biển số xe", True, False),
            ("Chứng nhận đăng ký xe", True, False),
        ],
        "life_events": ["transport"],
        "keywords": ["sang tên xe", "sang tên xe máy", "sang tên ô tô", "đăng ký xe chính chủ"],
        "process": standard(
            "Kiểm tra hồ sơ, đối chiếu số máy, số khung", "Lãnh đạo cơ quan Công an ký duyệt"
        ),
        "form": None,
    },
    "1.013133": {
        "agency_kinds": ["peoples_committee"],
        "time_limit": (1, "working_days", "Nộp trực tiếp: 01 ngày làm việc; nộp trực tuyến: 02 giờ."),
        "fees": [{"ref": 0, "note": "Không thu phí."}],
        "exemptions": [],
        "optional": {1},
        "reuse": {1: "population"},
        "results": [("Giấy chứng nhận đăng ký nghĩa vụ quân sự", True, False)],
        "life_events": ["other"],
        "keywords": [
            "đăng ký nghĩa vụ quân sự",
            "đăng ký nghĩa vụ quân sự lần đầu",
            "đủ 17 tuổi đăng ký quân sự",
        ],
        "process": standard("Ban Chỉ huy quân sự cấp xã kiểm tra, ghi sổ đăng ký", "Chủ tịch UBND cấp xã ký"),
        "form": form_military_registration,
    },
    "1.001613": {
        "agency_kinds": ["vertical"],
        "time_limit": (5, "working_days", PORTAL),
        "fees": [{"ref": 0, "note": "Miễn phí."}],
        "exemptions": [],
        "optional": set(),
        "reuse": {},
        "results": [
            ("Quyết định hưởng bảo hiểm xã hội một lần", True, False),
            ("Bản quá trình đóng bảo hiểm xã hội", True, False),
        ],
        "life_events": ["social_support"],
        "keywords": ["rút bảo hiểm xã hội một lần", "nhận bảo hiểm xã hội một lần", "lãnh BHXH một lần"],
        "process": standard("Xét duyệt hồ sơ, tính mức hưởng", "Lãnh đạo cơ quan Bảo hiểm xã hội ký"),
        "form": None,
    },
    "1.001776": {
        "agency_kinds": ["peoples_committee"],
        "time_limit": (
            12,
            "working_days",
            "Suy luận, cần xác nhận: nguồn không nêu tổng thời hạn. Theo "
            "Nghị định 20/2021/NĐ-CP sửa đổi bởi 76/2024/NĐ-CP: 07 ngày làm việc rà soát và trình, 02 "
            "ngày làm việc niêm yết công khai, 03 ngày làm việc để Chủ tịch UBND cấp xã quyết định "
            "(trước 01/7/2025 do cấp huyện).",
        ),
        "fees": [{"ref": 0, "note": "Không thu lệ phí."}],
        "exemptions": [],
        "optional": {1, 2, 3},
        "reuse": {1: "civil_status"},
        "results": [
            (
                "Quyết định trợ cấp xã hội hằng tháng hoặc hỗ trợ kinh phí chăm sóc, nuôi dưỡng hằng tháng",
                True,
                False,
            )
        ],
        "life_events": ["social_support"],
        "keywords": [
            "trợ cấp xã hội hằng tháng",
            "trợ cấp người cao tuổi",
            "trợ cấp người khuyết tật",
            "xin trợ cấp bảo trợ xã hội",
        ],
        "process": fixed(
            step(RECEIVE, "receive", "desk_officer", Q),
            step("Rà soát hồ sơ, trình xét duyệt", "assess", "handler", Fraction(27, 4)),
            step("Niêm yết công khai kết luận tại trụ sở UBND cấp xã", "assess", "handler", 2),
            step(APPROVE, "approve", "leader", 1),
            step("Chủ tịch UBND cấp xã ký quyết định", "sign", "signer", Fraction(7, 4)),
            step(RETURN, "return", "desk_officer", Q),
        ),
        "form": form_social_allowance,
    },
}


# --------------------------------------------------------------------------------------
# Building and checking the records
# --------------------------------------------------------------------------------------


def _number(value: Fraction | int) -> int | float:
    value = Fraction(value)
    return int(value) if value.denominator == 1 else float(value)


def _budget(time_limit: dict[str, Any]) -> Fraction:
    if time_limit["unit"] == "within_day":
        return Fraction(1)
    if time_limit["unit"] == "hours":
        return Fraction(time_limit["value"]) / 8
    return Fraction(time_limit["value"])


def _fees(reference: list[dict[str, Any]], specs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    fees = []
    for spec in specs:
        source = reference[spec["ref"]] if "ref" in spec else {}
        fees.append(
            {
                "name": spec.get("name", source.get("name_vi")),
                "amount": spec["amount"] if "amount" in spec else source["amount_vnd"],
                "unit": spec.get("unit", "dossier"),
                "group": spec.get("group", ""),
                "note": spec["note"],
            }
        )
    return fees


def _components(reference: list[dict[str, Any]], spec: dict[str, Any]) -> list[dict[str, Any]]:
    components = []
    for index, item in enumerate(reference):
        source = spec["reuse"].get(index)
        components.append(
            {
                "name": item["name_vi"],
                "kind": item["kind"],
                "count": 1 if item["count"] is None else item["count"],
                "mandatory": index not in spec["optional"],
                "reusable": source is not None,
                "source_database": source or "",
                "template": "",
                "form": None,
            }
        )
    return components


def _process(spec: dict[str, Any], total: Fraction) -> list[dict[str, Any]]:
    steps = spec["process"](total)
    return [
        {"name": name, "kind": kind, "role": role, "agency_kind": agency_kind, "days": _number(days)}
        for name, kind, role, days, agency_kind in steps
    ]


def build_record(reference: dict[str, Any]) -> dict[str, Any]:
    spec = SPECS[reference["code"]]
    value, unit, note = spec["time_limit"]
    time_limit = {"value": value, "unit": unit, "note": note}
    total = _budget(time_limit)
    builder: Callable[[], Schema] | None = spec["form"]
    return {
        "code": reference["code"],
        "name": reference["name_vi"],
        "field": reference["field_vi"],
        "levels": list(reference["levels"]),
        "agency_kinds": spec["agency_kinds"],
        "applicants": spec.get("applicants", ["citizen"]),
        "online_level": reference["online_level"],
        "time_limit": time_limit,
        "fees": _fees(reference["fees"], spec["fees"]),
        "exemptions": list(spec["exemptions"]),
        "components": _components(reference["components"], spec),
        "results": [
            {"name": name, "paper": paper, "electronic": electronic, "validity": ""}
            for name, paper, electronic in spec["results"]
        ],
        "legal_basis": list(reference["legal_basis"]),
        "life_events": spec["life_events"],
        "keywords": spec["keywords"],
        "form": builder() if builder else None,
        "process": _process(spec, total),
    }


def problems_of(record: dict[str, Any], reference: dict[str, Any]) -> list[str]:
    """What the import would refuse, plus the promises this file makes (see README.md)."""
    found = []
    code = record["code"]
    if not CODE.match(code):
        found.append(f"{code}: bad code")
    steps = record["process"]
    total = sum((Fraction(str(step["days"])) for step in steps), Fraction(0))
    if total != _budget(record["time_limit"]):
        found.append(f"{code}: process adds up to {total}, time limit is {_budget(record['time_limit'])}")
    if any(Fraction(str(step["days"])) % Q or step["days"] < 0 for step in steps):
        found.append(f"{code}: a step is not a whole number of quarter days")
    for fee in record["fees"]:
        amount = fee["amount"]
        if amount is not None and (not isinstance(amount, int) or isinstance(amount, bool) or amount < 0):
            found.append(f"{code}: bad amount {amount!r}")
    known = {fee["amount_vnd"] for fee in reference["fees"]}
    if not known <= {fee["amount"] for fee in record["fees"]}:
        found.append(f"{code}: a reference fee amount is missing")
    old, new = reference["time_limit"], record["time_limit"]
    same_unit = old and old["unit"] == new["unit"] == "working_days"
    if same_unit and old["value"] != new["value"]:
        found.append(f"{code}: time limit differs from the reference")
    if not 2 <= len(record["keywords"]) <= 5:
        found.append(f"{code}: keep 2 to 5 keywords")
    for key, limit in (("name", 500), ("field", 200)):
        if len(record[key]) > limit:
            found.append(f"{code}: {key} longer than {limit}")
    if len(record["time_limit"]["note"]) > 500 or any(len(fee["note"]) > 500 for fee in record["fees"]):
        found.append(f"{code}: a note is longer than 500 characters")
    if any(len(step["name"]) > 200 for step in steps):
        found.append(f"{code}: a step name is longer than 200 characters")
    return found


def build(reference_path: Path) -> tuple[str, list[str]]:
    reference = json.loads(reference_path.read_text(encoding="utf-8"))
    entries = [entry for entry in reference["procedures"] if entry["code"]]
    unknown = sorted({entry["code"] for entry in entries} - set(SPECS))
    unused = sorted(set(SPECS) - {entry["code"] for entry in entries})
    problems = [f"{code}: no motcua data for this reference entry" for code in unknown]
    problems += [f"{code}: motcua data for a code the reference does not have" for code in unused]
    if problems:
        return "", problems
    records = [build_record(entry) for entry in entries]
    for record, entry in zip(records, entries, strict=True):
        problems += problems_of(record, entry)
    text = json.dumps({"format": FORMAT, "procedures": records}, ensure_ascii=False, indent=1)
    return text + "\n", problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reference", type=Path, help="path of procedures-reference.json")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where to write (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="only compare with the existing file")
    args = parser.parse_args(argv)
    text, problems = build(args.reference)
    if problems:
        sys.stderr.write("\n".join(problems) + "\n")
        return 1
    if args.check:
        same = args.output.exists() and args.output.read_text(encoding="utf-8") == text
        sys.stderr.write(f"{args.output} is {'up to date' if same else 'out of date'}\n")
        return 0 if same else 1
    args.output.write_text(text, encoding="utf-8")
    sys.stderr.write(f"wrote {args.output}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
