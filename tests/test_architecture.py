"""The import rules of docs/architecture.md, enforced.

portal/backoffice/api/demo (edges) → services/selectors → models → core. An app reaches
another app only through its ``services``, ``selectors``, ``errors`` or ``types`` modules
(type-only imports under ``if TYPE_CHECKING:`` are free); domain apps never import edges;
edges never import each other; ``core`` imports no other app.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "motcua"
EDGES = {"portal", "backoffice", "api", "demo"}
PROJECT = {"settings", "urls", "wsgi", "env", "__init__"}
# eforms: the catalog's pure e-form engine (no models), used by the pages that show forms.
# codes: pure code-format modules (agency e-ID codes, dossier codes), no models.
PUBLIC_SURFACE = {"services", "selectors", "errors", "types", "eforms", "codes"}


def _modules() -> Iterator[Path]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if "migrations" in parts or "tests" in parts:
            continue
        yield path


def _app_of(path: Path) -> str:
    first = path.relative_to(PACKAGE).parts[0]
    return first.removesuffix(".py")


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only = {id(node) for block in ast.walk(tree) if _is_type_checking(block) for node in ast.walk(block)}
    package = ".".join(("motcua", *path.relative_to(PACKAGE).with_suffix("").parts[:-1]))
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(node, package)
            for alias in node.names:
                yield node.lineno, f"{base}.{alias.name}" if base else alias.name


def _is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _resolve(node: ast.ImportFrom, package: str) -> str:
    if not node.level:
        return node.module or ""
    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
    return ".".join([*parts, node.module] if node.module else parts)


def _violation(app: str, target: str) -> str | None:
    parts = target.split(".")
    if parts[0] != "motcua" or len(parts) < 2:
        return None
    target_app = parts[1]
    if target_app == app or target_app == "env":
        return None
    if app in PROJECT:
        return None
    if app == "core":
        return "core imports no other app"
    if target_app in EDGES:
        return f"{app} must not import the edge {target_app}"
    if target_app == "core" or target_app in PROJECT:
        return None
    if len(parts) < 3 or parts[2] not in PUBLIC_SURFACE:
        return f"{app} reaches into {target_app} beyond its services/selectors/errors/types"
    return None


def _all_violations() -> list[str]:
    found = []
    for path in _modules():
        app = _app_of(path)
        for line, target in _imports(path):
            problem = _violation(app, target)
            if problem:
                found.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {target}: {problem}")
    return found


def test_import_rules_hold():
    assert _all_violations() == []


@pytest.mark.parametrize(
    ("app", "target", "allowed"),
    [
        ("agencies", "motcua.core.audit.record_audit", True),
        ("agencies", "motcua.api.base.ApiView", False),
        ("core", "motcua.agencies.selectors.visible_agencies", False),
        ("api", "motcua.agencies.selectors.visible_agencies", True),
        ("api", "motcua.agencies.models.Agency", False),
        ("api", "motcua.backoffice.views.home", False),
        ("demo", "motcua.agencies.services.upsert_agency", True),
    ],
)
def test_the_rule_itself(app, target, allowed):
    assert (_violation(app, target) is None) is allowed
