"""check_schema: a usable form passes; each kind of mistake is named at its JSON pointer."""

from __future__ import annotations

import pytest
from django.utils import translation

from motcua.catalog.eforms import SchemaProblem, check_schema
from motcua.catalog.eforms.tests.support import doc_example


def form(**properties) -> dict:
    return {"type": "object", "properties": properties}


NAME = {"type": "string", "title": "Họ và tên"}
BAD_NAME = "A field name may contain only letters, digits and underscores, and must start with a letter."
BAD_EXTRA = "“x-extra” is a whole number from 0 to 20, on a repeating group only."
BAD_ORDER = "“x-order” must name fields of this section, each once."
BAD_TYPE = "A field needs one “type”: string, integer, number, boolean, object or array."
NO_TITLE = "Every field needs a “title”: the label people see."


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_the_documented_birth_registration_form_passes():
    assert check_schema(doc_example()) == []


def test_every_widget_on_its_type_passes():
    # given
    schema = form(
        name=NAME,
        note={"type": "string", "x-widget": "textarea", "title": "Ghi chú"},
        number={"type": "string", "x-widget": "citizen_id", "title": "Số định danh"},
        phone={"type": "string", "x-widget": "phone", "title": "Điện thoại"},
        mail={"type": "string", "x-widget": "email", "title": "Thư điện tử"},
        born={"type": "string", "x-widget": "date", "title": "Ngày sinh"},
        fee={"type": "integer", "x-widget": "money", "title": "Lệ phí"},
        home={"type": "object", "x-widget": "address", "title": "Địa chỉ"},
        sex={"type": "string", "x-widget": "select", "title": "Giới tính", "enum": ["male", "female"]},
        channel={"type": "integer", "x-widget": "radio", "title": "Kênh", "enum": [1, 2, 3]},
        agree={"type": "boolean", "x-widget": "checkbox", "title": "Đồng ý"},
        scan={"type": "string", "x-widget": "file", "title": "Bản quét"},
        more={"type": "object", "x-widget": "group", "title": "Thêm", "properties": {"a": NAME}},
        kids={
            "type": "array",
            "x-widget": "repeat",
            "title": "Con",
            "x-extra": 2,
            "items": {"type": "object", "properties": {"name": NAME}},
        },
    )
    # when / then
    assert check_schema(schema) == []


@pytest.mark.parametrize(
    ("schema", "path", "message"),
    [
        pytest.param(form(a={"type": "string"}), "/properties/a", NO_TITLE, id="field without title"),
        pytest.param(
            form(a={**NAME, "x-widget": "slider"}),
            "/properties/a/x-widget",
            "Unknown widget “slider”.",
            id="unknown widget",
        ),
        pytest.param(
            form(a={"type": "integer", "title": "Tệp", "x-widget": "file"}),
            "/properties/a/x-widget",
            "The “file” widget cannot be used for a field of type “integer”.",
            id="file widget on a number",
        ),
        pytest.param(
            form(a={"type": "string", "title": "Tiền", "x-widget": "money"}),
            "/properties/a/x-widget",
            "The “money” widget cannot be used for a field of type “string”.",
            id="money on a string",
        ),
        pytest.param(
            form(a={**NAME, "x-prefill": "nickname"}),
            "/properties/a/x-prefill",
            "Unknown prefill key “nickname”; use one of: citizen_id, date_of_birth, full_name, "
            "permanent_address, sex.",
            id="bad prefill key",
        ),
        pytest.param(
            form(a={**NAME, "x-prefill": "date_of_birth"}),
            "/properties/a/x-prefill",
            "The prefill key “date_of_birth” does not fit the “text” widget.",
            id="prefill key on the wrong widget",
        ),
        pytest.param(
            form(
                kids={
                    "type": "array",
                    "title": "Con",
                    "items": {"type": "object", "properties": {"name": {**NAME, "x-prefill": "full_name"}}},
                }
            ),
            "/properties/kids/items/properties/name/x-prefill",
            "A field inside a repeating group cannot be prefilled.",
            id="prefill inside a repeat",
        ),
        pytest.param(
            form(a={**NAME, "x-show-if": {"field": "b", "equals": "x"}}),
            "/properties/a/x-show-if",
            "“x-show-if” refers to “b”, which is not another field of the same section.",
            id="condition on a missing field",
        ),
        pytest.param(
            form(a={**NAME, "x-show-if": {"field": "a", "equals": "x"}}),
            "/properties/a/x-show-if",
            "“x-show-if” refers to “a”, which is not another field of the same section.",
            id="condition on itself",
        ),
        pytest.param(
            form(a={**NAME, "x-show-if": {"field": "b"}}, b=NAME),
            "/properties/a/x-show-if",
            '“x-show-if” must be {"field": …, "equals": …}.',
            id="condition without a value",
        ),
        pytest.param(
            form(
                a={**NAME, "x-show-if": {"field": "b", "equals": "maybe"}},
                b={"type": "string", "title": "B", "enum": ["yes", "no"]},
            ),
            "/properties/a/x-show-if",
            "The value in “x-show-if” is not a possible answer to “b”.",
            id="condition value not an option",
        ),
        pytest.param(
            form(a={**NAME, "x-show-if": {"field": "b", "equals": 1}}, b={"type": "boolean", "title": "B"}),
            "/properties/a/x-show-if",
            "The value in “x-show-if” is not a possible answer to “b”.",
            id="condition 1 on a checkbox",
        ),
        pytest.param(
            form(
                a={**NAME, "x-show-if": {"field": "b", "equals": "x"}},
                b={"type": "object", "title": "B", "properties": {"c": NAME}},
            ),
            "/properties/a/x-show-if",
            "“x-show-if” must refer to a field with a single value.",
            id="condition on a section",
        ),
        pytest.param(
            form(a={**NAME, "x-wigdet": "text"}),
            "/properties/a/x-wigdet",
            "Unknown keyword “x-wigdet”.",
            id="misspelt keyword",
        ),
        pytest.param(
            form(a={"$ref": "#/$defs/name", "title": "A"}),
            "/properties/a/$ref",
            "References (“$ref”) are not supported in e-forms; write the fields out.",
            id="reference",
        ),
        pytest.param(form(a={"title": "A"}), "/properties/a/type", BAD_TYPE, id="no type"),
        pytest.param(
            form(a={"type": ["string", "null"], "title": "A"}),
            "/properties/a/type",
            BAD_TYPE,
            id="several types",
        ),
        pytest.param(
            form(a={**NAME, "format": "uuid"}),
            "/properties/a/format",
            "Unknown format “uuid”; use one of: citizen-id, date, email, phone-vn.",
            id="unknown format",
        ),
        pytest.param(
            form(a={**NAME, "x-widget": "select"}),
            "/properties/a",
            "A choice field needs an “enum” list of options.",
            id="select without options",
        ),
        pytest.param(
            form(a={**NAME, "enum": ["M", "F"], "x-enum-titles": ["Nam"]}),
            "/properties/a/x-enum-titles",
            "“x-enum-titles” must give one title for each option in “enum”.",
            id="titles missing",
        ),
        pytest.param(
            form(a={"type": "array", "title": "A", "items": {"type": "string"}}),
            "/properties/a/items",
            "A repeating group needs “items” of type “object” with its fields.",
            id="list of strings",
        ),
        pytest.param(
            form(a={**NAME, "x-extra": 2}), "/properties/a/x-extra", BAD_EXTRA, id="extra rows on a text"
        ),
        pytest.param(
            form(
                a={
                    "type": "array",
                    "title": "A",
                    "x-extra": 50,
                    "items": {"type": "object", "properties": {"b": NAME}},
                }
            ),
            "/properties/a/x-extra",
            BAD_EXTRA,
            id="too many extra rows",
        ),
        pytest.param(
            form(a={"type": "object", "title": "A", "properties": {}}),
            "/properties/a",
            "A section needs fields (“properties”).",
            id="empty group",
        ),
        pytest.param(
            form(a={"type": "object", "x-widget": "address", "title": "A", "properties": {"district": NAME}}),
            "/properties/a",
            "An address has only the parts province, commune and street.",
            id="address with a district",
        ),
        pytest.param(form(**{"a.b": NAME}), "/properties/a.b", BAD_NAME, id="dotted name"),
        pytest.param(form(**{"1": NAME}), "/properties/1", BAD_NAME, id="digits-only name"),
        pytest.param(
            {**form(a=NAME), "required": ["b"]},
            "/required",
            "“required” names “b”, which is not a field.",
            id="required names a missing field",
        ),
        pytest.param(
            {**form(a=NAME, b=NAME), "x-order": ["a", "c"]},
            "/x-order",
            BAD_ORDER,
            id="order names a missing field",
        ),
        pytest.param(
            {**form(a=NAME, b=NAME), "x-order": ["a", "a"]}, "/x-order", BAD_ORDER, id="order repeats a field"
        ),
        pytest.param(
            {"type": "array", "items": {}},
            "/type",
            "An e-form must be of type “object”.",
            id="root is not an object",
        ),
        pytest.param(
            {"type": "object", "properties": {}},
            "",
            "A section needs fields (“properties”).",
            id="form without fields",
        ),
        pytest.param(
            form(group={"type": "object", "title": "G", "properties": {"b": {"type": "string"}}}),
            "/properties/group/properties/b",
            NO_TITLE,
            id="nested field without title",
        ),
    ],
)
def test_each_kind_of_mistake_is_reported_at_its_path(schema, path, message):
    # when
    problems = check_schema(schema)
    # then
    assert problems == [SchemaProblem(path, message)]


def test_invalid_json_schema_is_reported_with_the_meta_schema_detail():
    # when
    problems = check_schema(form(a={"type": "strin", "title": "A"}))
    # then
    assert [problem.path for problem in problems] == ["/properties/a/type"]
    assert problems[0].message.startswith("Not valid JSON Schema (2020-12): ")


def test_a_schema_that_is_not_an_object_is_refused():
    assert check_schema(["type", "object"]) == [SchemaProblem("", "An e-form must be a JSON Schema object.")]


def test_several_problems_are_all_reported():
    # given
    schema = form(a={"type": "string"}, b={**NAME, "x-prefill": "nickname"})
    # when
    paths = [problem.path for problem in check_schema(schema)]
    # then
    assert paths == ["/properties/a", "/properties/b/x-prefill"]


def test_problems_are_translated():
    with translation.override("vi"):
        problems = check_schema(form(a={"type": "string"}))
    assert problems[0].path == "/properties/a"
    assert isinstance(problems[0].message, str) and problems[0].message
