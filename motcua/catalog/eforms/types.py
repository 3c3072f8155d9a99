"""The e-forms vocabulary: widgets, prefill keys, the units port and result records; pure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

# The UI hints an admin may write in a schema (docs/subsystems/eforms.md).
WIDGETS = frozenset(
    {
        "text",
        "textarea",
        "citizen_id",
        "phone",
        "email",
        "date",
        "money",
        "address",
        "select",
        "radio",
        "checkbox",
        "file",
        "group",
        "repeat",
    }
)
# Fields of the National Population Database a form may be prefilled from ("declare once").
PREFILL_KEYS = frozenset({"full_name", "date_of_birth", "sex", "citizen_id", "permanent_address"})
KEYWORDS = frozenset({"x-widget", "x-prefill", "x-show-if", "x-order", "x-extra", "x-enum-titles"})
FORMATS = frozenset({"date", "email", "citizen-id", "phone-vn"})
ADDRESS_PARTS = ("province", "commune", "street")


@dataclass(frozen=True)
class SchemaProblem:
    """Something wrong with a schema: ``path`` is a JSON pointer into it ("" = the root)."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path or '/'}: {self.message}"


@dataclass(frozen=True)
class FieldError:
    """Something wrong with a filled-in form: ``path`` is dotted (``children.1.full_name``)."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


# Not frozen: Python assigns attributes such as __traceback__ on exceptions.
@dataclass(eq=False)
class FormError(Exception):
    """A schema the engine cannot use; raised only for schemas that never passed ``check_schema``."""

    problems: tuple[SchemaProblem, ...]

    def __str__(self) -> str:
        return "; ".join(str(problem) for problem in self.problems)


class Units(Protocol):
    """Administrative units for addresses; ``motcua.agencies.selectors.UnitsDirectory`` in production."""

    def province_exists(self, code: str) -> bool: ...

    def commune_in_province(self, commune: str, province: str) -> bool: ...

    def provinces(self) -> list[tuple[str, str]]: ...

    def communes(self, province_code: str) -> list[tuple[str, str]]: ...


class StaticUnits:
    """Units from a fixed table, for tests and demos: ``{province: (name, {commune: name})}``."""

    def __init__(self, table: dict[str, tuple[str, dict[str, str]]]) -> None:
        self._table = table

    def province_exists(self, code: str) -> bool:
        return code in self._table

    def commune_in_province(self, commune: str, province: str) -> bool:
        return commune in self._table.get(province, ("", {}))[1]

    def provinces(self) -> list[tuple[str, str]]:
        return [(code, name) for code, (name, _) in sorted(self._table.items())]

    def communes(self, province_code: str) -> list[tuple[str, str]]:
        return sorted(self._table.get(province_code, ("", {}))[1].items())
