"""Round trip: what render_form shows, a browser sends back, and parse_form reads, is the data.

For any data valid against a (generated) simple schema:
parse_form(submitted(render_form(schema, data))) == data, and validate_form finds nothing.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.catalog.eforms import check_schema, parse_form, render_form, validate_form
from motcua.catalog.eforms.citizen_id import PROVINCE_OF_BIRTH_CODES
from motcua.catalog.eforms.tests.support import submitted

# Mostly Vietnamese letters and the characters HTML must escape, sometimes any printable
# text; no control characters (\r among them: browsers send CRLF, parse_form stores LF).
_VIETNAMESE = st.sampled_from(list("aăâbdđeêghiklmnoôơpqrstuưvxyÁẢẠẤỆỪỹ0129 .,-/<>&\"'"))
_PRINTABLE = st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"])
TEXT = (
    (st.text(_VIETNAMESE, min_size=1, max_size=20) | st.text(_PRINTABLE, min_size=1, max_size=20))
    .map(str.strip)
    .filter(bool)
)
MULTILINE = st.lists(TEXT, min_size=1, max_size=3).map("\n".join)
CITIZEN_ID = st.builds(
    lambda province, century_sex, year, serial: f"{province}{century_sex}{year:02d}{serial:06d}",
    st.sampled_from(sorted(PROVINCE_OF_BIRTH_CODES)),
    st.integers(0, 9),
    st.integers(0, 99),
    st.integers(0, 999_999),
)
PHONE = st.from_regex(r"(0|\+84)[0-9]{9,10}", fullmatch=True)
EMAIL = st.from_regex(r"[a-z]{1,8}@[a-z]{1,8}\.vn", fullmatch=True)
ROW = {
    "type": "object",
    "required": ["name"],
    "properties": {
        "name": {"type": "string", "title": "Tên"},
        "count": {"type": "integer", "title": "Số"},
        "flag": {"type": "boolean", "title": "Cờ"},
    },
}
# kind → (field schema, strategy of a valid value)
KINDS = {
    "text": ({"type": "string"}, TEXT),
    "textarea": ({"type": "string", "x-widget": "textarea"}, MULTILINE),
    "integer": ({"type": "integer"}, st.integers(-(10**6), 10**6)),
    "number": ({"type": "number"}, st.integers(-(10**8), 10**8).map(lambda n: n / 100)),
    "money": ({"type": "integer", "x-widget": "money"}, st.integers(0, 10**12)),
    "date": ({"type": "string", "format": "date"}, st.dates().map(lambda day: day.isoformat())),
    "citizen_id": ({"type": "string", "format": "citizen-id"}, CITIZEN_ID),
    "phone": ({"type": "string", "format": "phone-vn"}, PHONE),
    "email": ({"type": "string", "format": "email"}, EMAIL),
    "select": ({"type": "string", "enum": ["a", "b c", "<d>"]}, st.sampled_from(["a", "b c", "<d>"])),
    "radio": ({"type": "integer", "x-widget": "radio", "enum": [1, 2, 3]}, st.sampled_from([1, 2, 3])),
    "file": ({"type": "string", "x-widget": "file"}, TEXT),
    "address": (
        {"type": "object", "x-widget": "address"},
        st.fixed_dictionaries(
            {
                "province": st.from_regex(r"[0-9]{2}", fullmatch=True),
                "commune": st.from_regex(r"[0-9]{5}", fullmatch=True),
            },
            optional={"street": TEXT},
        ),
    ),
    "group": (
        {
            "type": "object",
            "required": ["name"],
            "properties": {
                "name": {"type": "string", "title": "Tên"},
                "flag": {"type": "boolean", "title": "Cờ"},
            },
        },
        st.fixed_dictionaries({"name": TEXT, "flag": st.booleans()}),
    ),
    "repeat": (
        {"type": "array", "items": ROW},
        st.lists(
            st.fixed_dictionaries(
                {"name": TEXT, "flag": st.booleans()}, optional={"count": st.integers(-99, 99)}
            ),
            min_size=1,
            max_size=3,
        ),
    ),
}


@st.composite
def forms(draw):
    kinds = draw(st.lists(st.sampled_from(sorted(KINDS)), min_size=1, max_size=6))
    schema = {"type": "object", "properties": {}}
    data = {}
    for index, kind in enumerate(kinds):
        name = f"field{index}"
        schema["properties"][name] = {**KINDS[kind][0], "title": f"{kind} <{index}>"}
        if draw(st.booleans()):
            data[name] = draw(KINDS[kind][1])
    # A checkbox is always answered: unticked means false.
    schema["properties"]["agree"] = {"type": "boolean", "title": "Đồng ý"}
    data["agree"] = draw(st.booleans())
    return schema, data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(forms())
def test_rendered_data_parses_back_to_itself(form):
    # given
    schema, data = form
    assert check_schema(schema) == []
    assert validate_form(schema, data) == []
    # when
    parsed, requests = parse_form(schema, submitted(render_form(schema, data=data)))
    # then
    assert parsed == data
    assert requests == set()
