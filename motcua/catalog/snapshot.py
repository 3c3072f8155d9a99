"""A procedure as it is in the database, in the interchange shape (reads only)."""

from __future__ import annotations

from typing import Any

from motcua.catalog.interchange import canonical
from motcua.catalog.models import Procedure


def procedure_snapshot(procedure: Procedure) -> dict[str, Any]:
    process = next((t for t in procedure.processes.all() if t.agency_id is None), None)
    return canonical(
        {
            "code": procedure.code,
            "name": procedure.name,
            "field": procedure.field.name,
            "levels": procedure.levels,
            "agency_kinds": procedure.agency_kind_list,
            "applicants": [
                who
                for who, on in (
                    ("citizen", procedure.for_citizens),
                    ("organisation", procedure.for_organisations),
                )
                if on
            ],
            "online_level": procedure.online_level or None,
            "time_limit": {
                "value": procedure.time_limit_value,
                "unit": procedure.time_limit_unit,
                "note": procedure.time_limit_note,
            },
            "fees": [
                {"name": f.name, "amount": f.amount, "unit": f.unit, "group": f.group, "note": f.note}
                for f in procedure.fees.all()
            ],
            "exemptions": procedure.exemptions,
            "components": [
                {
                    "name": c.name,
                    "kind": c.kind,
                    "count": c.count,
                    "mandatory": c.mandatory,
                    "reusable": c.reusable,
                    "source_database": c.source_database,
                    "template": c.template,
                    "form": c.form_schema,
                }
                for c in procedure.components.all()
            ],
            "results": [
                {"name": r.name, "paper": r.paper, "electronic": r.electronic, "validity": r.validity}
                for r in procedure.results.all()
            ],
            "legal_basis": procedure.legal_basis,
            "life_events": [tag.code for tag in procedure.life_events.all()],
            "keywords": procedure.keywords,
            "form": procedure.form_schema,
            "process": [
                {"name": s.name, "kind": s.kind, "role": s.role, "agency_kind": s.agency_kind, "days": s.days}
                for s in (process.steps.all() if process else [])
            ],
        }
    )


SNAPSHOT_PREFETCH = ("fees", "components", "results", "life_events", "processes__steps")
