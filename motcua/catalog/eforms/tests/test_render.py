"""render_form: accessible HTML without JavaScript, with every admin text escaped."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.utils import translation

from motcua.catalog.eforms import FieldError, render_form, validate_form
from motcua.catalog.eforms.tests.support import UNITS, doc_example

NAME = {"type": "string", "title": "Họ tên"}
ADDRESS_FORM = {
    "type": "object",
    "properties": {"home": {"type": "object", "x-widget": "address", "title": "Nơi ở"}},
}


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def elements(html: str, tag: str | None = None) -> list[dict[str, str | None]]:
    parser = _Elements()
    parser.feed(html)
    return [attrs for name, attrs in parser.elements if tag is None or name == tag]


def controls(html: str) -> list[dict[str, str | None]]:
    return [
        attrs
        for name, attrs in _all(html)
        if name in ("input", "select", "textarea") and attrs.get("type") != "hidden"
    ]


def _all(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.elements


def one(items: list[dict], **wanted) -> dict:
    found = [item for item in items if all(item.get(key) == value for key, value in wanted.items())]
    assert len(found) == 1, (wanted, found)
    return found[0]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def birth_form() -> str:
    schema = doc_example()
    data = {
        "applicant": {"full_name": "Nguyễn Văn An", "residence": {"province": "04"}},
        "delivery": "post",
        "documents": [{"name": "Giấy chứng sinh", "file": "att-1"}],
    }
    return render_form(schema, data=data, errors=validate_form(schema, data, units=UNITS), units=UNITS)


def test_every_control_has_a_label_and_a_unique_id(birth_form):
    # given
    ids = [attrs["id"] for attrs in elements(birth_form) if attrs.get("id")]
    labelled = {attrs["for"] for attrs in elements(birth_form, "label")}
    # when
    unlabelled = [attrs for attrs in controls(birth_form) if attrs["id"] not in labelled]
    # then
    assert len(controls(birth_form)) > 30
    assert unlabelled == []
    assert len(ids) == len(set(ids))


def test_help_and_error_texts_are_linked_to_their_control(birth_form):
    # given
    ids = {attrs["id"] for attrs in elements(birth_form) if attrs.get("id")}
    # when
    described = [attrs for attrs in elements(birth_form) if attrs.get("aria-describedby")]
    # then
    assert described, "no aria-describedby at all"
    for attrs in described:
        assert set(attrs["aria-describedby"].split()) <= ids, attrs
    phone = one(controls(birth_form), name="f.applicant.phone")
    assert phone["aria-describedby"] == "f-applicant-phone-error"
    assert phone["aria-invalid"] == "true" and phone["aria-required"] == "true"
    assert (
        '<fieldset class="eform-group eform-field--error" id="f-child" aria-describedby="f-child-error">'
        in birth_form
    )
    place = one(elements(birth_form, "fieldset"), id="f-child-place_of_birth")
    assert place["aria-describedby"] == "f-child-place_of_birth-help"


def test_an_error_is_shown_beside_its_field_and_in_the_summary_with_a_link():
    # given
    schema = {
        "type": "object",
        "required": ["father"],
        "properties": {
            "father": {
                "type": "object",
                "title": "Người cha",
                "required": ["full_name"],
                "properties": {
                    "full_name": NAME,
                    "born": {"type": "string", "format": "date", "title": "Sinh"},
                },
            },
        },
    }
    errors = [
        FieldError("father.full_name", "This field is required."),
        FieldError("father.born", "Enter a real date as dd/mm/yyyy."),
        FieldError("", "Whole form."),
    ]
    # when
    html = render_form(schema, data={"father": {"born": "x"}}, errors=errors)
    # then
    assert (
        '<div class="eform-error-summary" role="alert" tabindex="-1" aria-labelledby="f-error-summary">'
        '<h2 id="f-error-summary">There is a problem with your answers</h2><ul>'
        '<li><a href="#f-father-full_name">Người cha – Họ tên: This field is required.</a></li>'
        '<li><a href="#f-father-born">Người cha – Sinh: Enter a real date as dd/mm/yyyy.</a></li>'
        "<li>Whole form.</li></ul></div>"
    ) in html
    assert (
        '<p class="eform-error" id="f-father-full_name-error" role="alert">This field is required.</p>'
        '<input id="f-father-full_name" name="f.father.full_name"'
    ) in html
    assert html.index("eform-error-summary") < html.index("<fieldset")


def test_without_errors_there_is_no_summary_and_no_invalid_mark():
    html = render_form({"type": "object", "properties": {"a": NAME}})
    assert "eform-error-summary" not in html and "aria-invalid" not in html and 'role="alert"' not in html


def test_required_fields_say_so_in_words():
    # when
    html = render_form({"type": "object", "required": ["a"], "properties": {"a": NAME, "b": NAME}})
    # then
    assert '<label for="f-a">Họ tên <span class="eform-required">(required)</span></label>' in html
    assert '<label for="f-b">Họ tên</label>' in html


def test_admin_texts_and_answers_are_escaped():
    # given
    evil = "<script>alert(1)</script>"
    schema = {
        "type": "object",
        "properties": {
            "a": {"type": "string", "title": evil, "description": evil},
            "b": {"type": "string", "title": "B", "enum": ["x"], "x-enum-titles": [evil]},
            "c": {"type": "object", "title": evil, "properties": {"d": {"type": "string", "title": "D"}}},
            "e": {"type": "string", "title": "E", "x-show-if": {"field": "a", "equals": evil}},
        },
    }
    # when
    html = render_form(schema, data={"a": '"><script>x()</script>'}, errors=[FieldError("a", evil)])
    # then
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'value="&quot;&gt;&lt;script&gt;x()&lt;/script&gt;"' in html


def test_a_repeating_group_shows_its_rows_plus_empty_ones_and_an_add_button():
    # given
    schema = {
        "type": "object",
        "properties": {
            "children": {
                "type": "array",
                "title": "Con",
                "x-extra": 2,
                "items": {"type": "object", "title": "Người con", "properties": {"full_name": NAME}},
            }
        },
    }
    # when
    html = render_form(schema, data={"children": [{"full_name": "An"}, {"full_name": "Bình"}]})
    # then
    names = [attrs["name"] for attrs in controls(html)]
    assert names == [f"f.children.{index}.full_name" for index in range(4)]
    assert '<fieldset class="eform-item" id="f-children-1"><legend>Người con 2</legend>' in html
    assert (
        '<button type="submit" class="eform-secondary" name="_add_f.children" value="1" formnovalidate>'
        "Add another</button>"
    ) in html
    assert one(controls(html), name="f.children.1.full_name")["value"] == "Bình"


def test_a_full_repeating_group_has_no_add_button_and_min_items_shows_enough_rows():
    # given
    items = {"type": "object", "properties": {"full_name": NAME}}
    full = {
        "type": "object",
        "properties": {"kids": {"type": "array", "title": "Con", "maxItems": 1, "items": items}},
    }
    at_least = {
        "type": "object",
        "properties": {
            "kids": {"type": "array", "title": "Con", "minItems": 3, "x-extra": 0, "items": items}
        },
    }
    # when
    full_html = render_form(full, data={"kids": [{"full_name": "An"}]})
    at_least_html = render_form(at_least)
    # then
    assert "_add_f.kids" not in full_html and len(controls(full_html)) == 1
    assert len(controls(at_least_html)) == 3


def test_a_conditional_section_stays_visible_with_a_note():
    # given
    schema = doc_example()
    # when
    html = render_form(schema, units=UNITS)
    # then
    assert (
        '<div class="eform-conditional" data-show-if-field="f.delivery" data-show-if-value="post">'
        '<p class="eform-condition">Fill in only if the answer to “Hình thức nhận kết quả” is '
        "“Qua bưu chính công ích”.</p><fieldset"
    ) in html
    assert (
        '<div class="eform-conditional" data-show-if-field="f.father_known" data-show-if-value="true">'
        '<p class="eform-condition">Fill in only if you ticked “Có thông tin về người cha”.</p>'
    ) in html


def test_each_widget_gets_the_right_control():
    # given
    schema = {
        "type": "object",
        "properties": {
            "born": {"type": "string", "format": "date", "title": "Ngày sinh"},
            "fee": {"type": "integer", "x-widget": "money", "title": "Lệ phí"},
            "phone": {"type": "string", "format": "phone-vn", "title": "Điện thoại"},
            "mail": {"type": "string", "format": "email", "title": "Thư"},
            "number": {
                "type": "string",
                "format": "citizen-id",
                "title": "Số định danh",
                "x-prefill": "citizen_id",
            },
            "name": {"type": "string", "title": "Họ tên", "x-prefill": "full_name"},
            "note": {"type": "string", "x-widget": "textarea", "title": "Ghi chú"},
            "copies": {"type": "integer", "title": "Số bản"},
            "sex": {
                "type": "string",
                "title": "Giới tính",
                "enum": ["male", "female"],
                "x-enum-titles": ["Nam", "Nữ"],
            },
            "way": {"type": "string", "x-widget": "radio", "title": "Cách", "enum": ["a", "b"]},
            "agree": {"type": "boolean", "title": "Đồng ý"},
            "scan": {"type": "string", "x-widget": "file", "title": "Bản quét"},
        },
    }
    data = {
        "born": "2024-03-27",
        "fee": 1500000,
        "note": "a\nb",
        "copies": 2,
        "sex": "female",
        "way": "b",
        "agree": True,
        "scan": "att-42",
    }
    # when
    html = render_form(schema, data=data)
    found = controls(html)
    # then
    assert one(found, name="f.born")["type"] == "date" and one(found, name="f.born")["value"] == "2024-03-27"
    fee = one(found, name="f.fee")
    assert (fee["inputmode"], fee["value"]) == ("numeric", "1.500.000")
    assert one(found, name="f.phone")["type"] == "tel"
    assert one(found, name="f.mail")["type"] == "email"
    number = one(found, name="f.number")
    assert (number["inputmode"], number["maxlength"], number["autocomplete"]) == ("numeric", "12", "off")
    assert one(found, name="f.name")["autocomplete"] == "name"
    assert '<textarea id="f-note" name="f.note" rows="4">a\nb</textarea>' in html
    assert one(found, name="f.copies")["inputmode"] == "numeric"
    assert '<option value="female" selected>Nữ</option>' in html
    assert '<option value="">— Choose —</option>' in html
    assert "checked" in one(found, name="f.way", value="b")
    assert "checked" not in one(found, name="f.way", value="a")
    assert one(found, name="f.way", value="a")["id"] == "f-way"  # where the summary's link lands
    assert "checked" in one(found, name="f.agree")
    assert one(found, name="file:f.scan")["type"] == "file"
    assert one(elements(html, "input"), type="hidden")["name"] == "f.scan"
    assert one(elements(html, "input"), type="hidden")["value"] == "att-42"


def test_an_address_lists_the_communes_of_the_chosen_province():
    # given
    schema = ADDRESS_FORM
    # when
    html = render_form(
        schema, data={"home": {"province": "04", "commune": "01290", "street": "Số 1"}}, units=UNITS
    )
    # then
    names = [attrs["name"] for attrs in controls(html)]
    assert names == ["f.home.province", "f.home.commune", "f.home.street"]
    assert '<option value="04" selected>Tỉnh Cao Bằng</option>' in html
    assert '<option value="01290" selected>Xã Hòa An</option>' in html
    assert "Phường Ba Đình" not in html  # a commune of another province
    assert 'name="_refresh_f.home"' in html
    assert one(controls(html), name="f.home.street")["value"] == "Số 1"


def test_an_address_without_a_province_asks_to_choose_one_first():
    # given
    schema = ADDRESS_FORM
    # when
    html = render_form(schema, units=UNITS)
    # then
    commune = one(controls(html), name="f.home.commune")
    assert commune["aria-describedby"] == "f-home-commune-help"
    assert (
        '<p class="eform-help" id="f-home-commune-help">Choose the province first, then press '
        "“Show the communes of this province”.</p>"
    ) in html
    assert "Phường" not in html and "Xã" not in html


def test_the_prefix_names_every_input():
    html = render_form({"type": "object", "properties": {"a": NAME}}, prefix="g")
    assert one(controls(html), name="g.a")["id"] == "g-a"


def test_the_words_the_engine_adds_are_translated():
    # given
    schema = {"type": "object", "required": ["a"], "properties": {"a": NAME}}
    # when
    with translation.override("vi"):
        html = render_form(schema, errors=[FieldError("a", "x")])
    # then: each engine text is present and not empty, whatever locale/vi says
    required = html.split('<span class="eform-required">', 1)[1].split("</span>", 1)[0]
    heading = html.split('<h2 id="f-error-summary">', 1)[1].split("</h2>", 1)[0]
    assert required.strip() and heading.strip()


def test_the_unit_lists_are_asked_for_once_per_rendering():
    # given: the birth form has five addresses, two of them in the same province
    class CountingUnits:
        def __init__(self):
            self.calls = []

        def provinces(self):
            self.calls.append("provinces")
            return UNITS.provinces()

        def communes(self, province_code):
            self.calls.append(f"communes {province_code}")
            return UNITS.communes(province_code)

    units = CountingUnits()
    data = {
        "applicant": {"residence": {"province": "04"}},
        "child": {"place_of_birth": {"province": "04"}},
        "mother": {"residence": {"province": "01"}},
    }
    # when
    render_form(doc_example(), data=data, units=units)
    # then
    assert sorted(units.calls) == ["communes 01", "communes 04", "provinces"]
