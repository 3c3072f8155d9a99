"""The province the dossiers are drawn from: agencies, routes, procedures, names."""

from __future__ import annotations

import bisect
import math
import random
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from dossiergen.shape import FAMILY, FIELD_WEIGHTS, GIVEN, MIDDLE, PROVINCE_CODE


@dataclass(frozen=True)
class ProcedureInfo:
    obj: Any
    id: int
    revision_id: int
    limit_days: int  # ceil(working days); 0 for "within the day"
    within_day: bool
    at_commune: bool
    organisations: bool
    components: tuple[tuple[int, str, bool], ...]
    fees: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Route:
    receiving: int
    receiving_code: str
    competent: int
    steps: tuple[tuple[str, str, str, Decimal], ...]
    offsets: tuple[int, ...]  # working days from receipt to each step's due date, ceil(cumulative)


class Province:
    """Reference data read once: communes, centers, procedures, routes and who acts where."""

    def __init__(self, rng: random.Random) -> None:
        from motcua.agencies.models import AdminUnit, Agency, OfficialRole
        from motcua.catalog import selectors as catalog_selectors
        from motcua.catalog.models import Procedure

        self.rng = rng
        province = AdminUnit.objects.get(code=PROVINCE_CODE, level="province")
        self.province_name = province.name_in_text
        agencies = list(Agency.objects.filter(is_active=True).select_related("unit"))
        self.centers = {a.unit_id: a for a in agencies if a.kind == "service_center"}
        self.province_center = self.centers[province.pk]
        self.units = [
            u for u in AdminUnit.objects.filter(parent=province).order_by("code") if u.pk in self.centers
        ]
        if not self.units:
            raise SystemExit("no commune of province 04 has a service center: run seed_demo first")
        weights = [rng.lognormvariate(0, 0.6) * (1.8 if u.kind == "ward" else 1.0) for u in self.units]
        self.unit_cum = _cumulative(weights)
        self.unit_position = {u.pk: i for i, u in enumerate(self.units)}
        self.agency_codes = {a.pk: a.code for a in agencies}

        self._routes: dict[tuple[int, int, int], Route] = {}
        self._templates: dict[tuple[int, int], list] = {}
        self._catalog = catalog_selectors
        self.procedures: list[ProcedureInfo] = []
        weights = []
        for procedure in Procedure.objects.filter(is_active=True).select_related("field").order_by("code"):
            revision = catalog_selectors.current_revision(procedure)
            if revision is None:
                continue
            info = _procedure_info(procedure, revision)
            if not self._routable(info):
                print(f"  skipping {procedure.code}: no competent agency in the demo", file=sys.stderr)
                continue
            self.procedures.append(info)
            weights.append(FIELD_WEIGHTS.get(procedure.field.name if procedure.field else "", 1.0))
        self.procedure_cum = _cumulative(weights)

        self.staff: dict[tuple[int, str], tuple[int | None, str]] = {}
        for held in OfficialRole.objects.select_related("official__user"):
            self.staff.setdefault(
                (held.agency_id, held.role), (held.official.user_id, held.official.full_name)
            )
        self.usernames = dict(
            OfficialRole.objects.values_list("official__user_id", "official__user__username")
        )

    def _routable(self, info: ProcedureInfo) -> bool:
        from motcua.core.errors import MotcuaError

        try:
            self.route(info, self.province_center, self.units[0])
            self.route(info, None, self.units[-1])
        except MotcuaError:
            return False
        return True

    def route(self, info: ProcedureInfo, served_at: Any, residence: Any) -> Route:
        """The engine's own routing (``motcua.dossiers.routing.route``), once per combination."""
        key = (info.id, served_at.pk if served_at else 0, residence.pk)
        found = self._routes.get(key)
        if found is None:
            from motcua.dossiers.routing import route

            path = route(procedure=info.obj, served_at=served_at, residence=residence)
            template = self._templates.get((info.id, path.competent.pk))
            if template is None:
                template = self._catalog.process_steps_for(info.obj, agency_id=path.competent.pk)
                self._templates[(info.id, path.competent.pk)] = template
            rows = tuple((s.name, s.kind, s.role, Decimal(s.days)) for s in template) or (
                ("Thẩm định, xử lý hồ sơ", "assess", "handler", Decimal(info.obj.time_limit_value)),
            )
            total, offsets = Decimal(0), []
            for row in rows:
                total += row[3]
                offsets.append(math.ceil(total))
            found = Route(
                receiving=path.receiving.pk,
                receiving_code=path.receiving.code,
                competent=path.competent.pk,
                steps=rows,
                offsets=tuple(offsets),
            )
            self._routes[key] = found
        return found

    def pick_procedure(self) -> ProcedureInfo:
        return self.procedures[bisect.bisect(self.procedure_cum, self.rng.random() * self.procedure_cum[-1])]

    def pick_unit(self) -> Any:
        return self.units[bisect.bisect(self.unit_cum, self.rng.random() * self.unit_cum[-1])]

    def actor(self, agency_id: int, role: str) -> tuple[int | None, str]:
        found = self.staff.get((agency_id, role))
        if found is None:
            found = (None, person_name(self.rng, self.rng.choice("mf")))
            self.staff[(agency_id, role)] = found
        return found


def _procedure_info(procedure: Any, revision: Any) -> ProcedureInfo:
    snapshot = revision.snapshot or {}
    components = tuple(
        (position, c["name"][:1000], bool(c.get("mandatory", True)) and c.get("kind") != "show_only")
        for position, c in enumerate(snapshot.get("components", []), start=1)
    )
    fees = tuple(
        (f["name"][:500], int(f["amount"]))
        for f in snapshot.get("fees", [])
        if f.get("amount") and f.get("unit", "dossier") == "dossier" and not f.get("group")
    )
    within_day = procedure.time_limit_unit == "within_day"
    if procedure.time_limit_unit not in ("within_day", "working_days"):
        raise SystemExit(
            f"{procedure.code}: time limits in {procedure.time_limit_unit} are not generated yet"
        )
    return ProcedureInfo(
        obj=procedure,
        id=procedure.pk,
        revision_id=revision.pk,
        limit_days=0 if within_day else math.ceil(procedure.time_limit_value),
        within_day=within_day,
        at_commune=procedure.at_commune,
        organisations=procedure.for_organisations and not procedure.for_citizens,
        components=components,
        fees=fees,
    )


def _cumulative(weights: Iterable[float]) -> list[float]:
    total, out = 0.0, []
    for weight in weights:
        total += weight
        out.append(total)
    return out


def person_name(rng: random.Random, sex: str) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE[sex])} {rng.choice(GIVEN[sex])}"
