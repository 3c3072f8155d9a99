import json
import logging

from hypothesis import given
from hypothesis import strategies as st

from motcua.core.logging import JsonFormatter, MaskPersonalDataFilter, mask_personal_data


def test_citizen_id_and_phone_are_masked():
    text = "Công dân 001090012345 gọi 0912345678 và +84987654321, hồ sơ 000.00.00.H14-250701-0001"
    masked = mask_personal_data(text)
    assert "001090012345" not in masked and "001******345" in masked
    assert "0912345678" not in masked and "091****678" in masked
    assert "+84987654321" not in masked
    assert "000.00.00.H14-250701-0001" in masked  # dossier codes stay readable


@given(st.from_regex(r"\A\d{12}\Z"))
def test_no_twelve_digit_number_survives(number):
    assert number not in mask_personal_data(f"id={number};")


def test_log_records_are_masked_and_written_as_json():
    record = logging.LogRecord("motcua", logging.INFO, __file__, 1, "lookup %s", ("079203001234",), None)
    assert MaskPersonalDataFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "lookup 079******234"
    assert line["level"] == "INFO" and line["logger"] == "motcua"
