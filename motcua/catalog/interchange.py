"""The catalog interchange format (docs/subsystems/catalog-interchange.md); pure.

``canonical`` turns a procedure record (from a file, a form or the database) into the one
shape everything compares: defaults filled, numbers normalised, keys in a fixed order.
``check_record`` lists every problem of a record with the path of the offending field and
a translated message, so an import can refuse a bad file row by row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext_lazy as _

from motcua.catalog.types import (
    AGENCY_KINDS,
    ComponentKind,
    FeeUnit,
    LifeEvent,
    SourceDatabase,
    StepKind,
    StepRole,
    TimeUnit,
)

FORMAT = "motcua-catalog/1"
CODE = re.compile(r"[0-9]\.[0-9]{6}(\.[0-9A-Z.]{1,35})?")
HOURS_PER_DAY = Decimal(8)
KEYS = (
    "code",
    "name",
    "field",
    "levels",
    "agency_kinds",
    "applicants",
    "online_level",
    "time_limit",
    "fees",
    "exemptions",
    "components",
    "results",
    "legal_basis",
    "life_events",
    "keywords",
    "form",
    "process",
)


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def number(value: Any) -> int | float:
    """JSON-friendly number: 2 not 2.0, 0.25 not Decimal('0.25')."""
    decimal = Decimal(str(value))
    return int(decimal) if decimal == decimal.to_integral_value() else float(decimal)


def budget_days(time_limit: dict[str, Any]) -> Decimal:
    """The time limit in working days, which the process steps must add up to."""
    unit, value = time_limit.get("unit"), Decimal(str(time_limit.get("value", 0)))
    if unit == TimeUnit.HOURS:
        return value / HOURS_PER_DAY
    if unit == TimeUnit.WITHIN_DAY:
        return Decimal(1)
    return value


def canonical(record: dict[str, Any]) -> dict[str, Any]:
    """The record with defaults filled and values normalised (assumes check_record passed)."""
    time_limit = record.get("time_limit") or {}
    return {
        "code": record["code"].strip(),
        "name": " ".join(record["name"].split()),
        "field": record["field"].strip(),
        "levels": sorted(set(record.get("levels") or []), reverse=True),  # province, commune
        "agency_kinds": sorted(set(record.get("agency_kinds") or [])),
        "applicants": sorted(set(record.get("applicants") or ["citizen"])),
        "online_level": record.get("online_level") or None,
        "time_limit": {
            "value": number(time_limit["value"]),
            "unit": time_limit["unit"],
            "note": time_limit.get("note") or "",
        },
        "fees": [_fee(fee) for fee in record.get("fees") or []],
        "exemptions": list(record.get("exemptions") or []),
        "components": [_component(item) for item in record.get("components") or []],
        "results": [_result(item) for item in record.get("results") or []],
        "legal_basis": list(record.get("legal_basis") or []),
        "life_events": sorted(set(record.get("life_events") or [])),
        "keywords": list(record.get("keywords") or []),
        "form": record.get("form") or None,
        "process": [_step(step) for step in record.get("process") or []],
    }


def _fee(fee: dict[str, Any]) -> dict[str, Any]:
    amount = fee.get("amount")
    return {
        "name": fee["name"].strip(),
        "amount": None if amount is None else int(amount),
        "unit": fee.get("unit") or FeeUnit.DOSSIER.value,
        "group": fee.get("group") or "",
        "note": fee.get("note") or "",
    }


def _component(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": item["name"].strip(),
        "kind": item.get("kind") or ComponentKind.ORIGINAL.value,
        "count": int(item.get("count", 1)),
        "mandatory": bool(item.get("mandatory", True)),
        "reusable": bool(item.get("reusable", False)),
        "source_database": item.get("source_database") or "",
        "template": item.get("template") or "",
        "form": item.get("form") or None,
    }


def _result(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": item["name"].strip(),
        "paper": bool(item.get("paper", True)),
        "electronic": bool(item.get("electronic", False)),
        "validity": item.get("validity") or "",
    }


def _step(step: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": step["name"].strip(),
        "kind": step["kind"],
        "role": step["role"],
        "agency_kind": step.get("agency_kind") or "",
        "days": number(step["days"]),
    }


def check_record(record: Any) -> list[Problem]:
    if not isinstance(record, dict):
        return [Problem("", str(_("Each procedure must be an object.")))]
    problems: list[Problem] = []
    unknown = sorted(set(record) - set(KEYS))
    if unknown:
        problems.append(Problem(unknown[0], str(_("Unknown column or key “%(key)s”.") % {"key": unknown[0]})))
    problems += _check_identity(record)
    problems += _check_time_limit(record.get("time_limit"))
    problems += _check_choices(record)
    problems += _check_list(record, "fees", _check_fee)
    problems += _check_list(record, "components", _check_component)
    problems += _check_list(record, "results", _check_named)
    problems += _check_process(record)
    problems += _check_forms(record)
    return problems


def _required_text(record: dict[str, Any], key: str, path: str) -> list[Problem]:
    value = record.get(key)
    if not isinstance(value, str) or not value.strip():
        return [Problem(path, str(_("This field is required.")))]
    return []


def _check_identity(record: dict[str, Any]) -> list[Problem]:
    problems = _required_text(record, "code", "code") + _required_text(record, "name", "name")
    problems += _required_text(record, "field", "field")
    code = record.get("code")
    if isinstance(code, str) and code.strip() and not CODE.fullmatch(code.strip()):
        problems.append(
            Problem(
                "code",
                str(
                    _(
                        "“%(value)s” is not a procedure code: use N.NNNNNN (e.g. 1.001193), optionally "
                        "followed by a dot and an agency code."
                    )
                    % {"value": code}
                ),
            )
        )
    return problems


def _check_time_limit(time_limit: Any) -> list[Problem]:
    if not isinstance(time_limit, dict):
        return [Problem("time_limit", str(_("This field is required.")))]
    problems = []
    if time_limit.get("unit") not in TimeUnit.values:
        problems.append(Problem("time_limit.unit", _choice_message(time_limit.get("unit"), TimeUnit.values)))
    value = _decimal(time_limit.get("value"))
    if value is None or value <= 0:
        problems.append(Problem("time_limit.value", str(_("Enter a number greater than zero."))))
    return problems


def _check_choices(record: dict[str, Any]) -> list[Problem]:
    problems = []
    levels = record.get("levels")
    if not isinstance(levels, list) or not levels:
        problems.append(Problem("levels", str(_("Give at least one level: province or commune."))))
    allowed = {
        "levels": {"province", "commune"},
        "agency_kinds": set(AGENCY_KINDS),
        "applicants": {"citizen", "organisation"},
        "life_events": set(LifeEvent.values),
    }
    for key, values in allowed.items():
        for index, value in enumerate(record.get(key) or []):
            if value not in values:
                problems.append(Problem(f"{key}[{index}]", _choice_message(value, sorted(values))))
    if record.get("online_level") not in (None, "", "full", "partial"):
        problems.append(
            Problem("online_level", _choice_message(record.get("online_level"), ["full", "partial"]))
        )
    return problems


def _check_list(record: dict[str, Any], key: str, check_item: Any) -> list[Problem]:
    items = record.get(key)
    if items is None:
        return []
    if not isinstance(items, list):
        return [Problem(key, str(_("Expected a list.")))]
    problems = []
    for index, item in enumerate(items):
        path = f"{key}[{index}]"
        if not isinstance(item, dict):
            problems.append(Problem(path, str(_("Each item must be an object."))))
        else:
            problems += check_item(item, path)
    return problems


def _check_named(item: dict[str, Any], path: str) -> list[Problem]:
    return _required_text(item, "name", f"{path}.name")


def _check_fee(fee: dict[str, Any], path: str) -> list[Problem]:
    problems = _check_named(fee, path)
    amount = fee.get("amount")
    if amount is not None:
        value = _decimal(amount)
        if value is None or value != value.to_integral_value():
            problems.append(
                Problem(f"{path}.amount", str(_("Enter a whole number of đồng, or leave it empty.")))
            )
        elif value < 0:
            problems.append(Problem(f"{path}.amount", str(_("A fee cannot be below zero."))))
    if fee.get("unit") not in (None, "", *FeeUnit.values):
        problems.append(Problem(f"{path}.unit", _choice_message(fee.get("unit"), FeeUnit.values)))
    return problems


def _check_component(item: dict[str, Any], path: str) -> list[Problem]:
    problems = _check_named(item, path)
    if item.get("kind") not in (None, "", *ComponentKind.values):
        problems.append(Problem(f"{path}.kind", _choice_message(item.get("kind"), ComponentKind.values)))
    if item.get("source_database") not in (None, *SourceDatabase.values):
        problems.append(
            Problem(
                f"{path}.source_database", _choice_message(item.get("source_database"), SourceDatabase.values)
            )
        )
    count = _decimal(item.get("count", 1))
    if count is None or count < 0 or count != count.to_integral_value():
        problems.append(Problem(f"{path}.count", str(_("Enter a whole number, zero or more."))))
    return problems


def _check_process(record: dict[str, Any]) -> list[Problem]:
    problems = _check_list(record, "process", _check_step)
    steps = record.get("process") or []
    if problems or not steps or not isinstance(record.get("time_limit"), dict):
        return problems
    return process_budget_problems(steps, record["time_limit"])


def _check_step(step: dict[str, Any], path: str) -> list[Problem]:
    problems = _check_named(step, path)
    if step.get("kind") not in StepKind.values:
        problems.append(Problem(f"{path}.kind", _choice_message(step.get("kind"), StepKind.values)))
    if step.get("role") not in StepRole.values:
        problems.append(Problem(f"{path}.role", _choice_message(step.get("role"), StepRole.values)))
    days = _decimal(step.get("days"))
    if days is None or days < 0 or days != days.quantize(Decimal("0.01")):
        problems.append(
            Problem(
                f"{path}.days",
                str(
                    _(
                        "Enter a number of working days, zero or more, with at most two decimals "
                        "(0.25 = 2 hours)."
                    )
                ),
            )
        )
    return problems


def process_budget_problems(steps: list[dict[str, Any]], time_limit: dict[str, Any]) -> list[Problem]:
    """The steps' budgets must add up to the time limit (in working days)."""
    if time_limit.get("unit") not in TimeUnit.values or _decimal(time_limit.get("value")) is None:
        return []
    total = sum((_decimal(step.get("days")) or Decimal(0) for step in steps), Decimal(0))
    expected = budget_days(time_limit)
    if total.quantize(Decimal("0.01")) != expected.quantize(Decimal("0.01")):
        return [
            Problem(
                "process",
                str(
                    _(
                        "The steps add up to %(total)s working days but the time limit is %(expected)s "
                        "working days."
                    )
                    % {"total": number(total), "expected": number(expected)}
                ),
            )
        ]
    return []


def _check_forms(record: dict[str, Any]) -> list[Problem]:
    from motcua.catalog.forms_check import form_problems

    problems = form_problems(record.get("form"), "form")
    for index, item in enumerate(record.get("components") or []):
        if isinstance(item, dict):
            problems += form_problems(item.get("form"), f"components[{index}].form")
    return problems


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _choice_message(value: Any, allowed: Any) -> str:
    return str(
        _("“%(value)s” is not one of: %(allowed)s.")
        % {"value": value, "allowed": ", ".join(str(a) for a in allowed if a)}
    )


def check_steps(steps: list[dict[str, Any]], time_limit: dict[str, Any]) -> list[Problem]:
    """Problems of a list of process steps on its own (an agency's variant of the process)."""
    problems = _check_list({"process": steps}, "process", _check_step)
    return problems or process_budget_problems(steps, time_limit)


def canonical_steps(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [_step(step) for step in steps]
