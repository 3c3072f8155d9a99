"""validate_form: one exact, translated message per field, at the field's dotted path."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from motcua.catalog.eforms import FieldError, validate_form
from motcua.catalog.eforms.tests.support import UNITS

SCHEMA = {
    "type": "object",
    "required": ["full_name", "citizen_id", "children", "delivery", "post_address"],
    "properties": {
        "full_name": {"type": "string", "title": "Họ tên", "minLength": 2, "maxLength": 10},
        "date_of_birth": {"type": "string", "format": "date", "title": "Ngày sinh"},
        "citizen_id": {"type": "string", "x-widget": "citizen_id", "title": "Số định danh"},
        "phone": {"type": "string", "x-widget": "phone", "title": "Điện thoại"},
        "email": {"type": "string", "x-widget": "email", "title": "Thư điện tử"},
        "fee": {"type": "integer", "x-widget": "money", "title": "Lệ phí", "maximum": 5_000_000},
        "copies": {"type": "integer", "title": "Số bản", "minimum": 1, "maximum": 10},
        "code": {"type": "string", "title": "Mã", "pattern": "^[A-Z]{2}$"},
        "sex": {"type": "string", "title": "Giới tính", "enum": ["male", "female"]},
        "agree": {"type": "boolean", "const": True, "title": "Cam đoan"},
        "home": {"type": "object", "x-widget": "address", "title": "Nơi ở"},
        "scan": {"type": "string", "x-widget": "file", "title": "Bản quét"},
        "children": {
            "type": "array",
            "title": "Con",
            "minItems": 1,
            "maxItems": 2,
            "items": {
                "type": "object",
                "required": ["name"],
                "properties": {"name": {"type": "string", "title": "Tên"}},
            },
        },
        "delivery": {
            "type": "string",
            "x-widget": "radio",
            "title": "Nhận kết quả",
            "enum": ["counter", "post"],
        },
        "post_address": {
            "type": "object",
            "x-widget": "address",
            "title": "Địa chỉ nhận",
            "x-show-if": {"field": "delivery", "equals": "post"},
        },
    },
}
VALID = {
    "full_name": "Nguyễn An",
    "date_of_birth": "1990-05-01",
    "citizen_id": "001090012345",
    "phone": "0912345678",
    "email": "an@example.vn",
    "fee": 1_500_000,
    "copies": 2,
    "code": "AB",
    "sex": "male",
    "agree": True,
    "home": {"province": "04", "commune": "01273", "street": "12 Hoàng Đình Giong"},
    "children": [{"name": "Bình"}],
    "delivery": "counter",
}
REQUIRED = "This field is required."
CITIZEN_ID = "Enter a 12-digit citizen ID number."


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def errors_for(changes: dict, *, units=UNITS) -> list[FieldError]:
    data = {key: value for key, value in {**VALID, **changes}.items() if value is not ...}
    return validate_form(SCHEMA, data, units=units)


def test_a_complete_form_has_no_errors():
    assert validate_form(SCHEMA, VALID, units=UNITS) == []


@pytest.mark.parametrize(
    ("changes", "path", "message"),
    [
        pytest.param({"full_name": ...}, "full_name", REQUIRED, id="missing"),
        pytest.param({"full_name": "  "}, "full_name", REQUIRED, id="blank counts as missing"),
        pytest.param({"full_name": "A"}, "full_name", "Enter at least 2 characters.", id="minLength"),
        pytest.param({"full_name": "A" * 11}, "full_name", "Enter at most 10 characters.", id="maxLength"),
        pytest.param({"full_name": 5}, "full_name", "Enter a valid value.", id="type string"),
        pytest.param({"citizen_id": "12345"}, "citizen_id", CITIZEN_ID, id="citizen id too short"),
        pytest.param({"citizen_id": "00109001234X"}, "citizen_id", CITIZEN_ID, id="citizen id with a letter"),
        pytest.param(
            {"citizen_id": "000090012345"},
            "citizen_id",
            "The first three digits of the citizen ID number are not a valid province code.",
            id="citizen id province 000",
        ),
        pytest.param(
            {"citizen_id": "097090012345"},
            "citizen_id",
            "The first three digits of the citizen ID number are not a valid province code.",
            id="citizen id province 097",
        ),
        pytest.param(
            {"citizen_id": "001091012345"},
            "citizen_id",
            "The citizen ID number does not match the date of birth.",
            id="citizen id year",
        ),
        pytest.param(
            {"citizen_id": "001290012345"},
            "citizen_id",
            "The citizen ID number does not match the date of birth.",
            id="citizen id century",
        ),
        pytest.param(
            {"phone": "12345"},
            "phone",
            "Enter a Vietnamese phone number: 0 or +84 followed by 9 or 10 digits.",
            id="phone",
        ),
        pytest.param({"email": "an@"}, "email", "Enter a valid email address.", id="email"),
        pytest.param(
            {"date_of_birth": "1990-02-30"},
            "date_of_birth",
            "Enter a real date as dd/mm/yyyy.",
            id="impossible date",
        ),
        pytest.param(
            {"date_of_birth": "01/05/1990"},
            "date_of_birth",
            "Enter a real date as dd/mm/yyyy.",
            id="date not normalised by parse_form",
        ),
        pytest.param(
            {"fee": "1,5 triệu"},
            "fee",
            "Enter an amount in VND using digits only, for example 1.500.000.",
            id="money in words",
        ),
        pytest.param({"fee": -1}, "fee", "Enter an amount of at least 0 VND.", id="negative money"),
        pytest.param(
            {"fee": 6_000_000}, "fee", "Enter an amount of at most 5.000.000 VND.", id="money maximum"
        ),
        pytest.param({"copies": "ba"}, "copies", "Enter a whole number.", id="integer type"),
        pytest.param({"copies": 0}, "copies", "Enter a number of at least 1.", id="minimum"),
        pytest.param({"copies": 11}, "copies", "Enter a number of at most 10.", id="maximum"),
        pytest.param({"code": "abc"}, "code", "Enter a value in the expected format.", id="pattern"),
        pytest.param({"sex": "other"}, "sex", "Choose one of the options.", id="enum"),
        pytest.param({"agree": False}, "agree", "Tick this box to continue.", id="box that must be ticked"),
        pytest.param(
            {"home": {"province": "4", "commune": "01273"}},
            "home.province",
            "Choose a province from the list.",
            id="province code shape",
        ),
        pytest.param(
            {"home": {"province": "04", "commune": "1273"}},
            "home.commune",
            "Choose a commune from the list.",
            id="commune code shape",
        ),
        pytest.param(
            {"home": {"province": "02", "commune": "01273"}},
            "home.province",
            "Choose a province from the list.",
            id="unknown province",
        ),
        pytest.param(
            {"home": {"province": "01", "commune": "01273"}},
            "home.commune",
            "The commune does not belong to the chosen province.",
            id="commune of another province",
        ),
        pytest.param({"children": []}, "children", "Add at least 1 entry.", id="minItems"),
        pytest.param(
            {"children": [{"name": "A"}, {"name": "B"}, {"name": "C"}]},
            "children",
            "Enter at most 2 entries.",
            id="maxItems",
        ),
        pytest.param({"children": [{"name": "A"}, {}]}, "children.1.name", REQUIRED, id="field in a row"),
        pytest.param({"delivery": "post"}, "post_address", REQUIRED, id="condition met: required"),
        pytest.param(
            {"delivery": "post", "post_address": {"commune": "01273"}},
            "post_address.province",
            REQUIRED,
            id="condition met: its parts are checked",
        ),
    ],
)
def test_each_rule_gives_its_message(changes, path, message):
    # when
    errors = errors_for(changes)
    # then
    assert errors == [FieldError(path, message)]


def test_an_address_with_only_a_street_needs_province_and_commune():
    assert errors_for({"home": {"street": "Số 1"}}) == [
        FieldError("home.province", REQUIRED),
        FieldError("home.commune", REQUIRED),
    ]


def test_a_hidden_conditional_field_is_neither_required_nor_checked():
    # given: the person filled the postal address, then chose the counter
    changes = {"delivery": "counter", "post_address": {"province": "99", "commune": "x"}}
    # when / then
    assert errors_for(changes) == []


def test_without_units_only_the_shape_of_unit_codes_is_checked():
    assert errors_for({"home": {"province": "01", "commune": "01273"}}, units=None) == []


def test_an_upload_not_yet_stored_counts_as_an_answer():
    upload = SimpleUploadedFile("scan.pdf", b"%PDF-1.7", content_type="application/pdf")
    assert errors_for({"scan": upload}) == []


def test_errors_come_in_the_order_the_fields_are_shown():
    # given
    schema = {**SCHEMA, "x-order": ["children", "citizen_id", "full_name"]}
    data = {**VALID, "full_name": "", "citizen_id": "1", "children": [{}]}
    # when
    errors = validate_form(schema, data, units=UNITS)
    # then
    assert [error.path for error in errors] == ["children.0.name", "citizen_id", "full_name"]


def test_errors_inside_sections_carry_the_dotted_path():
    # given
    schema = {
        "type": "object",
        "properties": {
            "applicant": {
                "type": "object",
                "title": "Người yêu cầu",
                "required": ["full_name"],
                "properties": {
                    "full_name": {"type": "string", "title": "Họ tên"},
                    "born": {"type": "string", "format": "date", "title": "Ngày sinh"},
                },
            }
        },
    }
    # when
    errors = validate_form(schema, {"applicant": {"born": "x"}})
    # then
    assert errors == [
        FieldError("applicant.full_name", REQUIRED),
        FieldError("applicant.born", "Enter a real date as dd/mm/yyyy."),
    ]


def test_data_that_is_not_an_object_is_one_error():
    assert validate_form(SCHEMA, ["x"]) == [FieldError("", "The form data must be a JSON object.")]


def test_messages_are_translated_into_vietnamese():
    # when
    with translation.override("vi"):
        errors = errors_for({"full_name": ..., "citizen_id": "000090012345", "fee": -1})
    # then: the words are the translators' (locale/vi), the paths are the same
    assert [error.path for error in errors] == ["full_name", "citizen_id", "fee"]
    assert all(isinstance(error.message, str) and error.message for error in errors)


def test_a_condition_on_a_hidden_field_is_false_too():
    # given: c depends on b, which depends on a; the person answered b, then changed a
    yes_no = {"type": "string", "enum": ["yes", "no"]}
    schema = {
        "type": "object",
        "required": ["a", "c"],
        "properties": {
            "a": {**yes_no, "title": "A"},
            "b": {**yes_no, "title": "B", "x-show-if": {"field": "a", "equals": "yes"}},
            "c": {"type": "string", "title": "C", "x-show-if": {"field": "b", "equals": "yes"}},
        },
    }
    # when / then
    assert validate_form(schema, {"a": "no", "b": "yes"}) == []
    assert validate_form(schema, {"a": "yes", "b": "yes"}) == [FieldError("c", REQUIRED)]
