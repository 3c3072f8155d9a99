"""The birth registration example in docs/subsystems/eforms.md works end to end."""

from __future__ import annotations

from django.utils import translation

from motcua.catalog.eforms import FieldError, parse_form, render_form, validate_form
from motcua.catalog.eforms.tests.support import UNITS, doc_example, submitted

FILLED = {
    "applicant": {
        "full_name": "Nguyễn Văn An",
        "date_of_birth": "1990-05-01",
        "citizen_id": "001090012345",
        "residence": {"province": "04", "commune": "01273", "street": "12 Hoàng Đình Giong"},
        "relationship": "father",
        "phone": "0912345678",
    },
    "child": {
        "full_name": "Nguyễn Minh Khang",
        "date_of_birth": "2025-07-20",
        "sex": "male",
        "place_of_birth": {"province": "04", "commune": "01290"},
        "ethnicity": "Tày",
    },
    "father_known": True,
    "father": {"full_name": "Nguyễn Văn An", "citizen_id": "001090012345"},
    "mother": {"full_name": "Hoàng Thị Mai", "citizen_id": "004192001234", "date_of_birth": "1992-02-14"},
    "documents": [{"name": "Giấy chứng sinh", "file": "att-1"}],
    "copies": 2,
    "delivery": "post",
    "delivery_address": {"province": "04", "commune": "01273", "street": "12 Hoàng Đình Giong"},
    "declaration": True,
}


def test_a_filled_birth_registration_is_valid_and_survives_the_round_trip():
    # given
    schema = doc_example()
    assert validate_form(schema, FILLED, units=UNITS) == []
    # when
    html = render_form(schema, data=FILLED, units=UNITS)
    parsed, requests = parse_form(schema, submitted(html))
    # then
    assert parsed == FILLED and requests == set()


def test_an_empty_birth_registration_lists_what_is_missing_in_form_order():
    # when
    with translation.override("en"):
        errors = validate_form(doc_example(), {"father_known": False, "declaration": False}, units=UNITS)
    # then: the father is not asked about, the postal address not needed
    assert errors == [
        FieldError("applicant", "This field is required."),
        FieldError("child", "This field is required."),
        FieldError("mother", "This field is required."),
        FieldError("delivery", "This field is required."),
        FieldError("declaration", "Tick this box to continue."),
    ]
