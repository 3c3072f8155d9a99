"""parse_form: posted dotted names back into the form's JSON data."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.datastructures import MultiValueDict

from motcua.catalog.eforms import add_rows, parse_form, replace_uploads
from motcua.catalog.eforms.tests.support import post_of

NAME = {"type": "string", "title": "Họ tên"}
SCHEMA = {
    "type": "object",
    "properties": {
        "applicant": {
            "type": "object",
            "title": "Người yêu cầu",
            "properties": {
                "full_name": NAME,
                "citizen_id": {"type": "string", "format": "citizen-id", "title": "Số định danh"},
                "phone": {"type": "string", "format": "phone-vn", "title": "Điện thoại"},
                "home": {"type": "object", "x-widget": "address", "title": "Nơi ở"},
            },
        },
        "children": {
            "type": "array",
            "title": "Con",
            "items": {
                "type": "object",
                "properties": {
                    "full_name": NAME,
                    "born": {"type": "string", "format": "date", "title": "Ngày sinh"},
                    "twin": {"type": "boolean", "title": "Sinh đôi"},
                    "birth_paper": {"type": "string", "x-widget": "file", "title": "Giấy chứng sinh"},
                },
            },
        },
        "fee": {"type": "integer", "x-widget": "money", "title": "Lệ phí"},
        "copies": {"type": "integer", "title": "Số bản"},
        "ratio": {"type": "number", "title": "Tỉ lệ"},
        "channel": {"type": "integer", "x-widget": "radio", "title": "Kênh", "enum": [1, 2, 3]},
        "note": {"type": "string", "x-widget": "textarea", "title": "Ghi chú"},
        "agree": {"type": "boolean", "title": "Cam đoan"},
        "extras": {
            "type": "object",
            "title": "Thêm",
            "properties": {"urgent": {"type": "boolean", "title": "Gấp"}},
        },
        "delivery": {"type": "string", "title": "Nhận", "enum": ["counter", "post"]},
        "post_address": {
            "type": "object",
            "x-widget": "address",
            "title": "Địa chỉ nhận",
            "x-show-if": {"field": "delivery", "equals": "post"},
        },
        "scan": {"type": "string", "x-widget": "file", "title": "Bản quét"},
    },
}


def test_nested_sections_repeats_money_and_dates_are_read():
    # given
    post = post_of(
        {
            "f.applicant.full_name": "  Nguyễn Văn An ",
            "f.applicant.citizen_id": "001 090 012 345",
            "f.applicant.phone": "0912.345.678",
            "f.applicant.home.province": "04",
            "f.applicant.home.commune": "01273",
            "f.applicant.home.street": "",
            "f.children.0.full_name": "Bình",
            "f.children.0.born": "27/03/2024",
            "f.children.0.twin": "true",
            "f.children.1.full_name": "Châu",
            "f.children.1.born": "2024-03-27",
            "f.fee": "1.500.000",
            "f.copies": "2",
            "f.ratio": "0,5",
            "f.channel": "2",
            "f.note": "dòng 1\r\ndòng 2",
        }
    )
    # when
    data, requests = parse_form(SCHEMA, post)
    # then
    assert data == {
        "applicant": {
            "full_name": "Nguyễn Văn An",
            "citizen_id": "001090012345",
            "phone": "0912345678",
            "home": {"province": "04", "commune": "01273"},
        },
        "children": [
            {"full_name": "Bình", "born": "2024-03-27", "twin": True},
            {"full_name": "Châu", "born": "2024-03-27", "twin": False},
        ],
        "fee": 1_500_000,
        "copies": 2,
        "ratio": 0.5,
        "channel": 2,
        "note": "dòng 1\ndòng 2",
        "agree": False,
    }
    assert requests == set()


def test_blank_rows_are_dropped_and_the_rest_renumbered_in_order():
    # given: row 1 cleared by the person, row 3 the empty extra row, row 10 after row 2
    post = post_of(
        {
            "f.children.0.full_name": "An",
            "f.children.1.full_name": "",
            "f.children.10.full_name": "Dung",
            "f.children.2.full_name": "Châu",
            "f.children.3.full_name": "",
            "f.children.01.full_name": "not a row number",
        }
    )
    # when
    data, _ = parse_form(SCHEMA, post)
    # then
    assert [row["full_name"] for row in data["children"]] == ["An", "Châu", "Dung"]


def test_a_section_of_only_unticked_boxes_is_not_an_answer():
    data, _ = parse_form(SCHEMA, post_of({}))
    assert data == {"agree": False}


def test_unreadable_text_is_kept_as_typed_for_validation_to_explain():
    # when
    data, _ = parse_form(
        SCHEMA,
        post_of({"f.fee": "1,5", "f.copies": "hai", "f.channel": "9", "f.children.0.born": "31/02/2024"}),
    )
    # then
    assert (data["fee"], data["copies"], data["channel"]) == ("1,5", "hai", "9")
    assert data["children"] == [{"born": "31/02/2024", "twin": False}]


def test_names_the_schema_does_not_define_are_ignored():
    data, _ = parse_form(
        SCHEMA,
        post_of({"f.is_admin": "true", "f.applicant.role": "x", "f.children.0.secret": "x", "g.copies": "3"}),
    )
    assert data == {"agree": False}


def test_answers_hidden_by_their_condition_are_dropped():
    # given: the person filled the postal address, then chose the counter
    post = post_of({"f.delivery": "counter", "f.post_address.province": "04"})
    # when
    data, _ = parse_form(SCHEMA, post)
    # then
    assert data == {"delivery": "counter", "agree": False}
    assert parse_form(SCHEMA, post_of({"f.delivery": "post", "f.post_address.province": "04"}))[0][
        "post_address"
    ] == {"province": "04"}


def test_uploads_and_stored_references_are_read():
    # given
    scan = SimpleUploadedFile("scan.pdf", b"%PDF-1.7")
    paper = SimpleUploadedFile("paper.jpg", b"\xff\xd8\xff")
    files = MultiValueDict({"file:f.scan": [scan], "file:f.children.0.birth_paper": [paper]})
    post = post_of({"f.children.1.birth_paper": "att-7", "f.children.1.full_name": "Bình"})
    # when
    data, _ = parse_form(SCHEMA, post, files)
    # then
    assert data["scan"] is scan
    assert data["children"] == [
        {"birth_paper": paper, "twin": False},
        {"full_name": "Bình", "birth_paper": "att-7", "twin": False},
    ]


def test_replace_uploads_swaps_each_file_for_its_stored_reference():
    # given
    scan = SimpleUploadedFile("scan.pdf", b"%PDF-1.7")
    data = {"scan": scan, "children": [{"birth_paper": scan, "full_name": "An"}], "copies": 2}
    stored = []
    # when
    result = replace_uploads(data, lambda path, upload: stored.append((path, upload.name)) or f"ref:{path}")
    # then
    assert result == {
        "scan": "ref:scan",
        "children": [{"birth_paper": "ref:children.0.birth_paper", "full_name": "An"}],
        "copies": 2,
    }
    assert stored == [("scan", "scan.pdf"), ("children.0.birth_paper", "scan.pdf")]


def test_add_another_and_show_communes_buttons_are_returned_as_paths():
    # given
    post = post_of(
        {
            "_add_f.children": "1",
            "_refresh_f.applicant.home": "1",
            "_add_g.children": "1",
            "_add_f.bad path": "1",
            "f.copies": "1",
        }
    )
    # when
    data, requests = parse_form(SCHEMA, post)
    # then
    assert requests == {"children", "applicant.home"}
    assert data["copies"] == 1


def test_add_rows_appends_an_empty_row_to_each_requested_repeat():
    # given
    schema = {
        "type": "object",
        "properties": {
            "children": SCHEMA["properties"]["children"],
            "family": {
                "type": "object",
                "title": "Gia đình",
                "properties": {
                    "members": {
                        "type": "array",
                        "title": "Thành viên",
                        "items": {"type": "object", "properties": {"full_name": NAME}},
                    }
                },
            },
            "copies": {"type": "integer", "title": "Số bản"},
        },
    }
    data = {"children": [{"full_name": "An"}], "copies": 1}
    # when
    result = add_rows(schema, data, {"children", "family.members", "copies", "nowhere.at.all"})
    # then
    assert result == {"children": [{"full_name": "An"}, {}], "family": {"members": [{}]}, "copies": 1}
    assert data == {"children": [{"full_name": "An"}], "copies": 1}  # the caller's data is left alone
