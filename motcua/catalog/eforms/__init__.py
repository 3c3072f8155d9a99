"""The e-forms engine: JSON Schema 2020-12 forms with UI hints; pure Python + Django utilities.

See docs/subsystems/eforms.md. No models and no database: addresses are checked through
an injected ``units`` object (``motcua.agencies.selectors.UnitsDirectory`` in production).
"""

from motcua.catalog.eforms.citizen_id import CitizenId, parse_citizen_id
from motcua.catalog.eforms.conditions import drop_hidden
from motcua.catalog.eforms.expand import expand
from motcua.catalog.eforms.parse import add_rows, parse_form, replace_uploads
from motcua.catalog.eforms.prefill import prefill
from motcua.catalog.eforms.render import render_form
from motcua.catalog.eforms.schema import check_schema
from motcua.catalog.eforms.types import (
    PREFILL_KEYS,
    WIDGETS,
    FieldError,
    FormError,
    SchemaProblem,
    StaticUnits,
    Units,
)
from motcua.catalog.eforms.validate import validate_form

__all__ = [
    "PREFILL_KEYS",
    "WIDGETS",
    "CitizenId",
    "FieldError",
    "FormError",
    "SchemaProblem",
    "StaticUnits",
    "Units",
    "add_rows",
    "check_schema",
    "drop_hidden",
    "expand",
    "parse_citizen_id",
    "parse_form",
    "prefill",
    "render_form",
    "replace_uploads",
    "validate_form",
]
