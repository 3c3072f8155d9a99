"""Checking an e-form schema, through the e-forms engine when it is there."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from motcua.catalog.interchange import Problem


def form_problems(schema: Any, path: str) -> list[Problem]:
    if schema in (None, {}):
        return []
    if not isinstance(schema, dict):
        return [Problem(path, str(_("An e-form must be a JSON Schema object.")))]
    from motcua.catalog.eforms import check_schema

    return [
        Problem(f"{path}{_pointer(problem.path)}", str(problem.message)) for problem in check_schema(schema)
    ]


def _pointer(path: str) -> str:
    return "" if path in ("", "/") else path if path.startswith(("/", ".")) else f"/{path}"
