"""prefill: what the population database holds is not asked again ("declare once")."""

from __future__ import annotations

from datetime import date

from motcua.catalog.eforms import prefill
from motcua.catalog.eforms.tests.support import doc_example

CITIZEN = {
    "full_name": "Nguyễn Văn An",
    "date_of_birth": date(1990, 5, 1),
    "sex": "male",
    "citizen_id": "001090012345",
    "permanent_address": {"province": "04", "commune": "01273", "street": "12 Hoàng Đình Giong"},
}


def test_the_applicant_section_of_the_birth_form_is_filled_from_the_record():
    # when
    data = prefill(doc_example(), CITIZEN)
    # then: only the applicant's fields carry x-prefill; the child's and parents' do not
    assert data == {
        "applicant": {
            "full_name": "Nguyễn Văn An",
            "date_of_birth": "1990-05-01",
            "citizen_id": "001090012345",
            "residence": {"province": "04", "commune": "01273", "street": "12 Hoàng Đình Giong"},
        }
    }


def test_keys_the_record_lacks_are_left_empty():
    # given
    schema = {
        "type": "object",
        "properties": {
            "name": {"type": "string", "title": "Họ tên", "x-prefill": "full_name"},
            "number": {"type": "string", "format": "citizen-id", "title": "Số", "x-prefill": "citizen_id"},
            "phone": {"type": "string", "format": "phone-vn", "title": "Điện thoại"},
        },
    }
    # when / then
    assert prefill(schema, {"full_name": "Trần Thị Bình", "citizen_id": None}) == {"name": "Trần Thị Bình"}
    assert prefill(schema, {}) == {}


def test_a_value_outside_the_options_is_not_preselected():
    # given
    schema = {
        "type": "object",
        "properties": {
            "sex": {"type": "string", "title": "Giới tính", "enum": ["male", "female"], "x-prefill": "sex"}
        },
    }
    # when / then
    assert prefill(schema, {"sex": "female"}) == {"sex": "female"}
    assert prefill(schema, {"sex": "Nữ"}) == {}


def test_an_address_fills_an_address_field_and_not_a_text_one():
    # given
    schema = {
        "type": "object",
        "properties": {
            "home": {
                "type": "object",
                "x-widget": "address",
                "title": "Nơi ở",
                "x-prefill": "permanent_address",
            },
            "home_text": {
                "type": "string",
                "x-widget": "textarea",
                "title": "Nơi ở",
                "x-prefill": "permanent_address",
            },
        },
    }
    # when
    data = prefill(schema, {"permanent_address": {"province": "01", "commune": "00004", "street": ""}})
    # then
    assert data == {"home": {"province": "01", "commune": "00004"}}
    text = "Số 1, Ba Đình, Hà Nội"
    assert prefill(schema, {"permanent_address": text}) == {"home_text": text}


def test_repeating_groups_are_never_prefilled():
    # given: even if an admin wrote x-prefill in a row (check_schema refuses it)
    schema = {
        "type": "object",
        "properties": {
            "children": {
                "type": "array",
                "title": "Con",
                "items": {
                    "type": "object",
                    "properties": {"name": {"type": "string", "title": "Tên", "x-prefill": "full_name"}},
                },
            }
        },
    }
    # when / then
    assert prefill(schema, CITIZEN) == {}
