"""Structured (JSON) logs with personal identifiers masked before they are written."""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime

# 12-digit citizen ID numbers (also 9-digit old ID cards) and Vietnamese phone numbers.
_CITIZEN_ID = re.compile(r"(?<!\d)(\d{3})\d{6}(\d{3})(?!\d)|(?<!\d)\d{5}(\d{4})(?!\d)")
_PHONE = re.compile(r"(?<![\d+])(\+84|0)(\d{2})\d{4,5}(\d{3})(?!\d)")


def mask_personal_data(text: str) -> str:
    text = _PHONE.sub(lambda m: f"{m.group(1)}{m.group(2)}****{m.group(3)}", text)

    def _id(match: re.Match[str]) -> str:
        if match.group(1):
            return f"{match.group(1)}******{match.group(2)}"
        return f"*****{match.group(3)}"

    return _CITIZEN_ID.sub(_id, text)


class MaskPersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_personal_data(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key in ("request_id", "path", "status", "duration_ms", "user"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["exception"] = mask_personal_data(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False, default=str)
