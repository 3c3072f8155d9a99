"""Every write to the catalog; each one atomic and audited."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from motcua.catalog.interchange import Problem, canonical, canonical_steps, check_record, check_steps
from motcua.catalog.models import (
    Component,
    Fee,
    LifeEventTag,
    Procedure,
    ProcedureField,
    ProcedureRevision,
    ProcessStep,
    ProcessTemplate,
    Result,
)
from motcua.catalog.selectors import procedure_record
from motcua.catalog.snapshot import SNAPSHOT_PREFETCH, procedure_snapshot
from motcua.catalog.text import normalise
from motcua.core import clock
from motcua.core.audit import record_audit
from motcua.core.errors import InvalidInput, NotFound


class InvalidProcedure(InvalidInput):
    code = "procedure.invalid"
    default_message = _("The procedure is not valid.")

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


@dataclass(frozen=True)
class SaveOutcome:
    procedure: Procedure
    status: str  # created | updated | unchanged
    changed: tuple[str, ...] = ()


@transaction.atomic
def save_procedure(*, record: dict[str, Any], by: Any, note: str = "") -> SaveOutcome:
    """Create or update a procedure from an interchange record; a change makes a revision."""
    problems = check_record(record)
    if problems:
        raise InvalidProcedure(problems)
    data = canonical(record)
    procedure = (
        Procedure.objects.filter(code=data["code"])
        .prefetch_related(*SNAPSHOT_PREFETCH)
        .select_related("field")
        .first()
    )
    before = procedure_snapshot(procedure) if procedure else None
    if before == data:
        return SaveOutcome(procedure, "unchanged")
    procedure = _write(procedure or Procedure(code=data["code"]), data)
    record_revision(procedure=procedure, by=by, note=note)
    changed = tuple(key for key in data if before is None or before.get(key) != data[key])
    record_audit(
        actor=by,
        action="procedure.created" if before is None else "procedure.updated",
        object_type="procedure",
        object_id=procedure.code,
        data={"changed": list(changed)},
    )
    return SaveOutcome(procedure, "created" if before is None else "updated", changed)


# What the province decides and a national record never overwrites (the rest is national).
LOCAL_KEYS = ("form", "process", "keywords", "life_events")
LOCAL_COMPONENT_KEYS = ("template", "form")


@dataclass(frozen=True)
class NationalOutcome:
    status: str  # created | updated | unchanged | invalid
    changed: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()


@transaction.atomic
def apply_national_procedure(
    *, record: dict[str, Any], by: Any, note: str = "", dry_run: bool = False
) -> NationalOutcome:
    """Apply a national record (the national keys of an interchange record) to the catalog.

    The province's own settings of the stored procedure are kept (``with_local_settings``);
    the result is checked and saved through ``save_procedure``. An invalid result is reported
    (``status="invalid"``), not raised. ``dry_run`` saves nothing and says what would change.
    """
    code = record.get("code")
    before = procedure_record(code) if isinstance(code, str) else None
    merged = with_local_settings(record, before)
    problems = check_record(merged)
    if problems:
        return NationalOutcome("invalid", problems=tuple(str(problem) for problem in problems))
    data = canonical(merged)
    if data == before:
        return NationalOutcome("unchanged")
    if not dry_run:
        save_procedure(record=merged, by=by, note=note)
    if before is None:
        return NationalOutcome("created")
    return NationalOutcome("updated", tuple(key for key in data if before.get(key) != data[key]))


def with_local_settings(national: dict[str, Any], local: dict[str, Any] | None) -> dict[str, Any]:
    """The national record with the province's own settings of ``local`` (a snapshot) kept:
    its e-form, internal process, keywords, life events, component templates and forms, and
    the fee amounts the nation leaves empty."""
    if local is None:
        return national
    merged = {**national, **{key: local[key] for key in LOCAL_KEYS}}
    local_components = {_name(c.get("name")): c for c in local["components"]}
    merged["components"] = [
        {**item, **{key: local_components[_name(item.get("name"))][key] for key in LOCAL_COMPONENT_KEYS}}
        if _name(item.get("name")) in local_components
        else item
        for item in national["components"]
    ]
    local_amounts = {_name(f.get("name")): f["amount"] for f in local["fees"]}
    merged["fees"] = [
        {**fee, "amount": local_amounts.get(_name(fee.get("name")))} if fee.get("amount") is None else fee
        for fee in national["fees"]
    ]
    return merged


def _name(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _write(procedure: Procedure, data: dict[str, Any]) -> Procedure:
    procedure.name = data["name"]
    procedure.field = _field(data["field"])
    procedure.at_province = "province" in data["levels"]
    procedure.at_commune = "commune" in data["levels"]
    procedure.agency_kinds = "," + ",".join(data["agency_kinds"]) + "," if data["agency_kinds"] else ""
    procedure.for_citizens = "citizen" in data["applicants"]
    procedure.for_organisations = "organisation" in data["applicants"]
    procedure.online_level = data["online_level"] or ""
    procedure.time_limit_value = data["time_limit"]["value"]
    procedure.time_limit_unit = data["time_limit"]["unit"]
    procedure.time_limit_note = data["time_limit"]["note"]
    for key in ("exemptions", "legal_basis", "keywords"):
        setattr(procedure, key, data[key])
    procedure.form_schema = data["form"]
    procedure.search_text = search_text(data)
    procedure.save()
    _replace_parts(procedure, data)
    procedure.life_events.set(
        [LifeEventTag.objects.get_or_create(code=code)[0] for code in data["life_events"]]
    )
    _replace_steps(_default_template(procedure), data["process"])
    return procedure


def search_text(data: dict[str, Any]) -> str:
    """Normalised words padded with spaces, so " word" finds a word's start ("so do" ≠ "hồ sơ")."""
    words = [data["code"], data["name"], data["field"], *data["keywords"]]
    words += [result["name"] for result in data["results"]]
    return f" {normalise(' '.join(words))} "


def _field(name: str) -> ProcedureField:
    code = slugify(normalise(name))[:80] or "khac"
    field, _created = ProcedureField.objects.get_or_create(code=code, defaults={"name": name})
    return field


# Model attribute ← interchange key, for each kind of part of a procedure.
_PART_FIELDS = {
    "components": (
        Component,
        {
            "name": "name",
            "kind": "kind",
            "count": "count",
            "mandatory": "mandatory",
            "reusable": "reusable",
            "source_database": "source_database",
            "template": "template",
            "form_schema": "form",
        },
    ),
    "fees": (Fee, {"name": "name", "amount": "amount", "unit": "unit", "group": "group", "note": "note"}),
    "results": (
        Result,
        {"name": "name", "paper": "paper", "electronic": "electronic", "validity": "validity"},
    ),
}


def _replace_parts(procedure: Procedure, data: dict[str, Any]) -> None:
    for key, (model, fields) in _PART_FIELDS.items():
        model.objects.filter(procedure=procedure).delete()
        model.objects.bulk_create(
            model(procedure=procedure, position=i, **{attr: row[name] for attr, name in fields.items()})
            for i, row in enumerate(data[key])
        )


def _default_template(procedure: Procedure) -> ProcessTemplate:
    template, _created = ProcessTemplate.objects.get_or_create(procedure=procedure, agency=None)
    return template


def _replace_steps(template: ProcessTemplate, steps: list[dict[str, Any]]) -> None:
    template.steps.all().delete()
    ProcessStep.objects.bulk_create(
        ProcessStep(
            template=template,
            position=i,
            name=s["name"],
            kind=s["kind"],
            role=s["role"],
            agency_kind=s["agency_kind"],
            days=s["days"],
        )
        for i, s in enumerate(steps)
    )


@transaction.atomic
def record_revision(*, procedure: Procedure, by: Any, note: str = "") -> ProcedureRevision | None:
    """Keep the procedure's current content as a new revision, unless it is unchanged."""
    fresh = (
        Procedure.objects.prefetch_related(*SNAPSHOT_PREFETCH).select_related("field").get(pk=procedure.pk)
    )
    snapshot = procedure_snapshot(fresh)
    latest = procedure.revisions.order_by("-number").first()
    if latest is not None and latest.snapshot == snapshot:
        return None
    number = (latest.number if latest else 0) + 1
    revision = ProcedureRevision.objects.create(
        procedure=procedure,
        number=number,
        snapshot=snapshot,
        created_at=clock.now(),
        created_by=_actor_name(by),
        note=note,
    )
    Procedure.objects.filter(pk=procedure.pk).update(revision=number)
    procedure.revision = number
    return revision


def _fresh_snapshot(procedure: Procedure) -> dict[str, Any]:
    """The procedure as stored now (its parts may have just been replaced)."""
    fresh = (
        Procedure.objects.prefetch_related(*SNAPSHOT_PREFETCH).select_related("field").get(pk=procedure.pk)
    )
    return procedure_snapshot(fresh)


def _actor_name(by: Any) -> str:
    return by if isinstance(by, str) else (by.get_username() if by is not None else "system")


@transaction.atomic
def save_process_variant(
    *,
    procedure: Procedure,
    agency: Any,
    steps: list[dict[str, Any]],
    by: Any,
) -> ProcessTemplate:
    """An agency's own version of the internal process; budgets must add up as for the default."""
    time_limit = {"value": procedure.time_limit_value, "unit": procedure.time_limit_unit}
    problems = check_steps(steps, time_limit)
    if problems:
        raise InvalidProcedure(problems)
    template, _created = ProcessTemplate.objects.get_or_create(procedure=procedure, agency=agency)
    _replace_steps(template, canonical_steps(steps))
    record_audit(
        actor=by,
        action="procedure.process_variant_saved",
        object_type="procedure",
        object_id=procedure.code,
        scope=getattr(agency, "pk", ""),
        data={"steps": len(steps)},
    )
    return template


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: dict[str, tuple[str, ...]] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)
    errors: dict[int, list[Problem]] = field(default_factory=dict)  # row number (1-based) → problems

    @property
    def ok(self) -> bool:
        return not self.errors


class _DryRun(Exception):
    pass


def import_catalog(
    *, records: list[Any], by: Any, dry_run: bool = False, progress: Callable[[int, int], None] | None = None
) -> ImportReport:
    """Import many procedures: all or nothing. Bad rows are reported and nothing is saved.

    ``progress(done, total)`` is called after each saved procedure (a big file takes a while).
    """
    report = ImportReport()
    codes: dict[str, int] = {}
    for row, record in enumerate(records, start=1):
        problems = check_record(record)
        code = record.get("code") if isinstance(record, dict) else None
        if isinstance(code, str) and code in codes:
            problems.append(
                Problem("code", str(_("The same code is already on row %(row)s.") % {"row": codes[code]}))
            )
        codes.setdefault(code, row)
        if problems:
            report.errors[row] = problems
    if report.errors:
        return report
    try:
        with transaction.atomic():
            for done, record in enumerate(records, start=1):
                _tally(report, save_procedure(record=record, by=by, note="import"))
                if progress is not None:
                    progress(done, len(records))
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


def _tally(report: ImportReport, outcome: SaveOutcome) -> None:
    code = outcome.procedure.code
    if outcome.status == "created":
        report.created.append(code)
    elif outcome.status == "updated":
        report.updated[code] = outcome.changed
    else:
        report.unchanged.append(code)


@transaction.atomic
def refresh_after_edit(*, procedure: Procedure, by: Any) -> ProcedureRevision | None:
    """After an edit in the admin: search text, revision and audit entry follow the change."""
    fresh = (
        Procedure.objects.prefetch_related(*SNAPSHOT_PREFETCH).select_related("field").get(pk=procedure.pk)
    )
    snapshot = procedure_snapshot(fresh)
    Procedure.objects.filter(pk=procedure.pk).update(search_text=search_text(snapshot))
    revision = record_revision(procedure=fresh, by=by, note="admin")
    if revision is not None:
        record_audit(
            actor=by,
            action="procedure.edited_in_admin",
            object_type="procedure",
            object_id=procedure.code,
            data={"revision": revision.number},
        )
    return revision


# The province's own switches on a procedure: how it is run here, not what it is, so they
# are neither in the interchange record nor in a revision; each change is audited.


@transaction.atomic
def set_auto_receive_online(*, procedure_code: str, enabled: bool, by: Any) -> Procedure:
    """Let the system receive complete online dossiers of this procedure at once (or stop it)."""
    procedure = Procedure.objects.select_for_update().filter(code=procedure_code).first()
    if procedure is None:
        raise NotFound(code="procedure.not_found")
    if procedure.auto_receive_online != enabled:
        procedure.auto_receive_online = enabled
        procedure.save(update_fields=["auto_receive_online", "updated_at"])
        record_setting_change(procedure=procedure, setting="auto_receive_online", by=by)
    return procedure


def record_setting_change(*, procedure: Procedure, setting: str, by: Any) -> None:
    """The audit entry of a province setting changed (also after an edit in the admin)."""
    record_audit(
        actor=by,
        action="procedure.setting_changed",
        object_type="procedure",
        object_id=procedure.code,
        data={"setting": setting, "value": getattr(procedure, setting)},
    )
