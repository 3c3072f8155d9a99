"""Dossier data generator: a province with N dossiers over several years, loaded in bulk.

Run by hand (not in CI), against a database of its own (created when missing):

    .venv/bin/python bench/generate.py --dossiers 1000000 \\
        --database-url postgres://postgres@127.0.0.1:5432/motcua_bench [--years 3] [--seed 1]

It migrates, loads the administrative units, seeds the demo province (Cao Bằng, 04) with
its catalog, then writes N dossiers received on the working days of the last ``--years``
years: spread over the communes' and departments' agencies (routed by the engine's own
``route``), channels (desk ~60 %, online ~35 %, post ~5 %) and procedures, each with its
events, process steps (from the procedure's process), 1–3 components, fees and pauses, and
the code counters, so codes are ``<receiving agency>-<YYMMDD>-<NNNN>`` exactly as a receipt
numbers them. Most dossiers are returned (≈ 86 % early or on time); the open backlog sits
in the last weeks, plus a thin tail of chronically late and abandoned ones.

On PostgreSQL rows go in with COPY (psycopg 3), in batches of ``--batch-size`` dossiers,
each batch one transaction (foreign keys checked at its commit), written by a second thread
while the next batch is generated; indexes stay in place unless ``--drop-indexes``.
Elsewhere (SQLite, the smoke test) it uses bulk_create. Ends with VACUUM ANALYZE and prints
a JSON report; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import bisect
import inspect
import json
import math
import os
import queue
import random
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PROVINCE_CODE = "04"  # Cao Bằng, the demo province
# Viet Nam keeps UTC+7 all year: a fixed offset is the same as Asia/Ho_Chi_Minh, and faster.
LOCAL = timezone(timedelta(hours=7))

# Office time: the minutes the offices are open, 07:30–11:30 and 13:30–17:00, laid end to end,
# so "two hours later" crosses lunch and nights the way a working day does.
DAY = 450
MORNING = 240
OPENS, REOPENS = 7 * 60 + 30, 13 * 60 + 30
CUTOFF = MORNING + 90  # 15:00: "within the day" procedures received later are due the next day

CHANNELS = (("desk", 0.60), ("online", 0.95), ("post", 1.0))
# Relative popularity of the demo catalog's procedures by field (certified copies and civil
# status dominate a commune's desk); a procedure not listed weighs 1.
FIELD_WEIGHTS = {
    "Chứng thực": 14.0,
    "Hộ tịch": 6.0,
    "Đăng ký, quản lý cư trú": 5.0,
    "Đất đai": 4.0,
    "Bảo trợ xã hội": 2.0,
    "Thành lập và hoạt động của doanh nghiệp": 2.0,
    "Đăng ký, quản lý phương tiện giao thông cơ giới, xe máy chuyên dùng": 2.0,
}
# Names of the region (Tày, Nùng, Kinh), for owners and for officials the demo did not seed.
FAMILY = "Nông Hoàng Lương Bế Đàm Lý Lục Triệu Ma Hà Sầm Nguyễn Vi Đinh Dương Phùng Lâm Trần".split()  # noqa: SIM905
MIDDLE = {"m": ("Văn", "Đức", "Minh", "Quang", "Hữu"), "f": ("Thị", "Thu", "Ngọc", "Hồng", "Thanh")}
GIVEN = {
    "m": "Dũng Minh Tuấn Hùng Sơn Thắng Long Cường Hải Nam Phong Khánh Sình Chàn Đức".split(),  # noqa: SIM905
    "f": "Hoa Lan Mai Hương Thúy Mỷ Thu Linh Hằng Nga Duyên Yến Trang Vân Chi Hiền".split(),  # noqa: SIM905
}
REASONS = {
    "refuse_at_receipt": "Hồ sơ không thuộc thẩm quyền giải quyết",
    "refuse": "Không đủ điều kiện theo quy định",
    "supplement": "Bổ sung bản sao giấy tờ chứng minh nơi cư trú",
    "pause": "Chờ kết quả xác minh của cơ quan liên quan",
    "stop": "Người nộp không bổ sung hồ sơ trong thời hạn",
}
EMPTY = "{}"


# --- what the generator writes ------------------------------------------------------------------


def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Our columns of each table, by attname; any other column gets the model field's default.
DOSSIER_COLUMNS = _names("""
    id reference code procedure_id procedure_revision_id status channel version
    owner_kind owner_name owner_id_number owner_phone owner_email owner_address owner_unit_id
    account_id assurance_level served_at_id receiving_agency_id competent_agency_id
    current_agency_id assignee_id form_data population_data_pending result_delivery copies
    created_at submitted_at received_at received_on appointment_on original_appointment_on
    finished_at outcome returned_at supplement_requests extensions satisfaction rating updated_at
""")
EVENT_COLUMNS = _names("""
    dossier_id seq at action actor_id actor_name actor_kind from_status to_status step_position
    step_name from_agency_id to_agency_id deadline_status note data
""")
STEP_COLUMNS = _names("""
    dossier_id position name kind role agency_id budget_days due_on assignee_id started_at
    finished_at outcome
""")
COMPONENT_COLUMNS = _names("dossier_id position name mandatory copies from_store store_document")
FEE_COLUMNS = _names("dossier_id name amount paid_at channel")
PAUSE_COLUMNS = _names("dossier_id kind reason started_at ended_at")


@dataclass
class Batch:
    dossiers: list[tuple] = field(default_factory=list)
    events: list[tuple] = field(default_factory=list)
    steps: list[tuple] = field(default_factory=list)
    components: list[tuple] = field(default_factory=list)
    fees: list[tuple] = field(default_factory=list)
    pauses: list[tuple] = field(default_factory=list)
    counters: dict[tuple[int, date], int] = field(default_factory=dict)

    def sizes(self) -> dict[str, int]:
        return {
            "dossiers": len(self.dossiers),
            "events": len(self.events),
            "steps": len(self.steps),
            "components": len(self.components),
            "fees": len(self.fees),
            "pauses": len(self.pauses),
        }


@dataclass
class Report:
    dossiers: int = 0
    rows: Counter = field(default_factory=Counter)
    statuses: Counter = field(default_factory=Counter)
    outcomes: Counter = field(default_factory=Counter)
    channels: Counter = field(default_factory=Counter)
    counters: int = 0
    first_day: str = ""
    last_day: str = ""
    seconds: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        total = max(self.dossiers, 1)
        return {
            "dossiers": self.dossiers,
            "received_from": self.first_day,
            "received_to": self.last_day,
            "rows": dict(self.rows),
            "code_counters": self.counters,
            "status_share_pct": {k: round(100 * v / total, 2) for k, v in self.statuses.most_common()},
            "outcome_share_pct": {
                k or "-": round(100 * v / total, 2) for k, v in self.outcomes.most_common()
            },
            "channel_share_pct": {k: round(100 * v / total, 2) for k, v in self.channels.most_common()},
            "seconds": {k: round(v, 1) for k, v in self.seconds.items()},
        }


# --- the province the dossiers are drawn from ---------------------------------------------------


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
            found = (None, _person_name(self.rng, self.rng.choice("mf")))
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


def _person_name(rng: random.Random, sex: str) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE[sex])} {rng.choice(GIVEN[sex])}"


# --- the calendar on an office-time axis ------------------------------------------------------------


class Timeline:
    """Working days as indices; a moment is ``day index * DAY + office minute``."""

    def __init__(self, *, now: datetime, years: int) -> None:
        from motcua.dossiers.calendar import province_calendar

        calendar = province_calendar()
        local_now = now.astimezone(LOCAL)
        today = local_now.date()
        first = today - timedelta(days=round(365.25 * years))
        horizon = today + timedelta(days=2 * 365)  # appointments and late finishes run past today
        self.days: list[date] = []
        day = first
        while day <= horizon:
            if calendar.is_working_day(day):
                self.days.append(day)
            day += timedelta(days=1)
        self.midnights = [datetime(d.year, d.month, d.day, tzinfo=LOCAL) for d in self.days]
        self.today = bisect.bisect_right(self.days, today) - 1  # last working day up to today
        minutes = local_now.hour * 60 + local_now.minute + local_now.second / 60
        elapsed = _office_minutes(minutes) if self.days[self.today] == today else DAY
        self.now = self.today * DAY + elapsed

    def at(self, moment: float) -> datetime:
        day = int(moment // DAY)
        minute = moment - day * DAY
        clock = OPENS + minute if minute < MORNING else REOPENS + (minute - MORNING)
        return self.midnights[day] + timedelta(minutes=clock)

    def day_of(self, moment: float) -> int:
        return int(moment // DAY)


def _office_minutes(clock: float) -> float:
    if clock <= OPENS:
        return 0.0
    if clock <= OPENS + MORNING:
        return clock - OPENS
    if clock <= REOPENS:
        return float(MORNING)
    return min(MORNING + clock - REOPENS, float(DAY))


def daily_counts(timeline: Timeline, count: int, rng: random.Random) -> list[int]:
    """How many dossiers each working day receives: a slow upward trend, busier Mondays,
    quiet weeks around Tết (late January–February), noise; today only up to now."""
    last = timeline.today
    weights = []
    for index in range(last + 1):
        day = timeline.days[index]
        weight = 1.0 + 0.25 * index / max(last, 1)
        weight *= (1.2, 1.05, 1.0, 0.95, 0.85, 0.5, 0.4)[day.weekday()]
        if day.month == 2 or (day.month == 1 and day.day > 20):
            weight *= 0.7
        weight *= rng.lognormvariate(0, 0.15)
        weights.append(weight)
    weights[last] *= (timeline.now - last * DAY) / DAY
    total = sum(weights)
    exact = [count * w / total for w in weights]
    counts = [int(x) for x in exact]
    short = count - sum(counts)
    for index in sorted(range(len(exact)), key=lambda i: counts[i] - exact[i])[:short]:
        counts[index] += 1
    return counts


# --- one dossier ----------------------------------------------------------------------------------


@dataclass
class Draft:
    """Who applied for what, where: decided before anything happens to the dossier."""

    id: int
    info: ProcedureInfo
    route: Route
    channel: str
    served: Any
    residence: Any
    owner_kind: str
    owner_name: str
    id_number: str
    created_at: datetime
    submitted_at: datetime


@dataclass
class Planned:
    """One action in the dossier's planned life, at an office-time moment."""

    at: float
    action: str
    before: str
    after: str
    who: tuple[int | None, str]
    kind: str = "official"
    note: str = ""
    finish: tuple[int, ...] = ()  # steps this action finishes
    start: int | None = None  # the step it starts (assign)
    pause: str = ""  # the pause it opens
    resume: tuple[str, int] | None = None  # the pause it closes, and its working days
    ends: bool = False  # processing ends here (finished_at, outcome)
    data: str = EMPTY


class Generator:
    def __init__(self, *, province: Province, timeline: Timeline, rng: random.Random) -> None:
        from motcua.dossiers.codes import build_dossier_code

        self.p, self.t, self.rng = province, timeline, rng
        self.build_code = build_dossier_code
        self.counters: dict[tuple[int, int], int] = {}
        self.batch = Batch()
        self.report = Report()

    def day(self, index: int, count: int, next_id: int) -> int:
        """Generate the dossiers received on working day ``index``; returns the next free id."""
        limit = self.t.now - index * DAY if index == self.t.today else DAY
        recent = index >= self.t.today - 1
        for minute in sorted(self.rng.random() * limit for _ in range(count)):
            self.one(next_id, index, index * DAY + minute, recent=recent)
            next_id += 1
        return next_id

    def one(self, dossier_id: int, r: int, t_r: float, *, recent: bool) -> None:
        """One dossier received (or to be received) at office-time moment ``t_r`` of day ``r``."""
        draft = self.draft(dossier_id, t_r)
        rng, online = self.rng, draft.channel == "online"
        desk = self.p.actor(draft.route.receiving, "desk_officer")
        applicant = (None, draft.owner_name)
        submitter, submit_kind = (applicant, "applicant") if online else (desk, "official")
        submit = Planned(0, "submit", "draft", "submitted", submitter, submit_kind)
        fate = rng.random()
        if recent and online and fate < 0.3:  # online, not looked at by the desk yet
            when = self.t.at(max(min(self.t.now, t_r) - rng.uniform(1, 300), 0))
            draft.submitted_at, draft.created_at = when, when - timedelta(minutes=5)
            self.write(draft, "submitted", [(when, submit, None, "")])
            return
        if fate < 0.010 or fate > 0.997:  # refused at the desk (Form 03), or withdrawn before receipt
            if fate < 0.010:
                end = Planned(t_r, "refuse", "submitted", "refused", desk, note=REASONS["refuse_at_receipt"])
            else:
                end = Planned(t_r, "withdraw", "submitted", "withdrawn", submitter, submit_kind)
            at = self.t.at(t_r)
            events = [(draft.submitted_at, submit, None, ""), (at, end, None, "")]
            self.write(draft, end.after, events, finished_at=at)
            return
        self.received(draft, r, t_r, submit)

    def draft(self, dossier_id: int, t_r: float) -> Draft:
        rng, p = self.rng, self.p
        info = p.pick_procedure()
        residence = p.pick_unit()
        u = rng.random()
        channel = "desk" if u < CHANNELS[0][1] else "online" if u < CHANNELS[1][1] else "post"
        served = None
        if channel != "online":
            v = rng.random()
            if not info.at_commune:  # a provincial procedure: the province's center or the commune's
                served = p.province_center if v < 0.55 else p.centers[residence.pk]
            elif v < 0.88:
                served = p.centers[residence.pk]
            elif v < 0.95:  # the next commune's center (any center receives)
                served = p.centers[p.units[(p.unit_position[residence.pk] + 1) % len(p.units)].pk]
            else:
                served = p.province_center
        received_at = self.t.at(t_r)
        if channel == "online":
            submitted_at = received_at - timedelta(minutes=rng.uniform(5, 1200))
            created_at = submitted_at - timedelta(minutes=rng.uniform(2, 60))
        else:
            submitted_at = received_at - timedelta(minutes=rng.uniform(1, 20))
            created_at = submitted_at - timedelta(minutes=rng.uniform(1, 5))
        sex = rng.choice("mf")
        if info.organisations and rng.random() < 0.6:
            kind, name = "organisation", f"Công ty TNHH {rng.choice(GIVEN['m'])} {rng.choice(FAMILY)}"
            id_number = f"48{rng.randrange(10**8):08d}"  # a tax code
        else:
            kind, name = "citizen", _person_name(rng, sex)
            century_sex = "0" if sex == "m" else "1"
            id_number = f"004{century_sex}{rng.randrange(60, 100):02d}{rng.randrange(10**6):06d}"
        return Draft(
            id=dossier_id,
            info=info,
            route=p.route(info, served, residence),
            channel=channel,
            served=served,
            residence=residence,
            owner_kind=kind,
            owner_name=name,
            id_number=id_number,
            created_at=created_at,
            submitted_at=submitted_at,
        )

    def received(self, draft: Draft, r: int, t_r: float, submit: Planned) -> None:
        """Plan a received dossier's whole life, then keep what happened up to now."""
        rng, p, t = self.rng, self.p, self.t
        info, route = draft.info, draft.route
        online = draft.channel == "online"
        desk = p.actor(route.receiving, "desk_officer")
        handler = p.actor(route.competent, "handler")
        leader = p.actor(route.competent, "leader")
        signer = p.actor(route.competent, "signer")
        citizen, citizen_kind = ((None, draft.owner_name), "applicant") if online else (desk, "official")
        steps = route.steps
        n = len(steps)

        # The appointment: working day a (the receipt day not counted; "within the day" before 15:00).
        a = r + info.limit_days
        if info.within_day:
            a = r if t_r - r * DAY < CUTOFF else r + 1
        first_open = 1 if steps[0][1] == "receive" else 0
        plan = [Planned(t_r, "receive", "submitted", "received", desk, finish=(0,) if first_open else ())]
        t_as = t_r + rng.uniform(3, 90)

        supplement = rng.random() < (0.06 if info.limit_days >= 2 else 0.01)
        abandoned = supplement and rng.random() < 0.2  # never supplied: stopped 60 working days on
        suspension = not abandoned and rng.random() < 0.004
        s_days = min(1 + int(rng.expovariate(1 / 8)), 60) if supplement else 0
        q_days = min(5 + int(rng.expovariate(1 / 15)), 90) if suspension else 0
        paused = (0 if abandoned else s_days) + q_days
        ae = a + paused  # the appointment once the pauses have moved it

        u = rng.random()  # when processing ends: ≈ 50 % early, 36 % on the day, 14 % late
        if u < 0.012:  # stalled: still open years later (the overdue backlog every province has)
            f = ae + 20 + int(rng.expovariate(1 / 500))
        elif u < 0.50 and ae - 1 >= r + paused:
            f = rng.randint(r + paused, ae - 1)
        elif u < 0.86:
            f = ae
        elif rng.random() < 0.08:  # badly late
            f = ae + 10 + int(rng.expovariate(1 / 60))
        else:
            f = ae + 1 + int(rng.expovariate(1 / 3))
        t_f = max(f * DAY + rng.random() * DAY, t_as + paused * DAY + 30)

        ending = rng.random()
        if abandoned:
            end_action = "stop"
        elif ending < 0.006:
            end_action = "refuse"
        elif ending < 0.010:
            end_action = "withdraw"
        elif ending < 0.013:
            end_action = "stop"
        else:
            end_action = "sign-result"
        # Plan in active time (pauses left out), then move what comes after a pause by its length.
        active_f = t_f - paused * DAY
        active_end = (
            active_f if end_action == "sign-result" else t_as + rng.uniform(0.2, 0.9) * (active_f - t_as)
        )
        s0 = t_as + rng.uniform(0.1, 0.5) * (active_end - t_as) if supplement else math.inf
        q_from = t_as if s0 == math.inf else s0
        q0 = q_from + rng.uniform(0.05, 0.3) * (active_end - q_from) if suspension else math.inf
        shift_s = 0 if abandoned else s_days * DAY

        def real(active: float) -> float:
            return active + (shift_s if active > s0 else 0) + (q_days * DAY if active > q0 else 0)

        assignee = p.usernames.get(handler[0], "") if handler[0] else ""
        plan.append(
            Planned(
                t_as,
                "assign",
                "received",
                "processing",
                desk,
                start=first_open if first_open < n else None,
                data=json.dumps({"assignee": assignee}),
            )
        )
        # The steps before the approval are completed one event each (two at most).
        middle = []
        for i in range(first_open, n):
            if steps[i][1] in ("approve", "sign", "return"):
                break
            middle.append(i)
        middle = middle[: 1 if supplement or suspension else 2]
        last_active = s0 if abandoned else active_end
        for j, step in enumerate(middle, start=1):
            moment = t_as + j / (len(middle) + 2) * (last_active - t_as)
            plan.append(
                Planned(real(moment), "complete-step", "processing", "processing", handler, finish=(step,))
            )
        if supplement:
            plan.append(
                Planned(
                    s0,
                    "request-supplement",
                    "processing",
                    "awaiting_supplement",
                    handler,
                    note=REASONS["supplement"],
                    pause="supplement",
                )
            )
            if not abandoned:
                days = json.dumps({"paused_working_days": s_days})
                plan.append(
                    Planned(
                        s0 + s_days * DAY,
                        "supplement",
                        "awaiting_supplement",
                        "processing",
                        citizen,
                        citizen_kind,
                        resume=("supplement", s_days),
                        data=days,
                    )
                )
        if suspension:
            start = real(q0)
            plan.append(
                Planned(
                    start, "pause", "processing", "paused", leader, note=REASONS["pause"], pause="suspension"
                )
            )
            days = json.dumps({"paused_working_days": q_days})
            plan.append(
                Planned(
                    start + q_days * DAY,
                    "resume",
                    "paused",
                    "processing",
                    leader,
                    resume=("suspension", q_days),
                    data=days,
                )
            )
        rest = [i for i in range(first_open, n) if i not in middle]
        if end_action == "sign-result":
            # approve: through the approval step (or just the current one); sign: through signing.
            approve_at = real(t_as + (len(middle) + 1) / (len(middle) + 2) * (active_f - t_as))
            done, rest = _through(rest, steps, "approve")
            plan.append(Planned(approve_at, "approve", "processing", "approved", leader, finish=done))
            done, rest = _through(rest, steps, "sign")
            plan.append(Planned(t_f, "sign-result", "approved", "signed", signer, finish=done, ends=True))
            g = rng.random()
            # Results wait for their owner: most the same or the next day, some for weeks.
            gap = 0 if g < 0.35 else 1 if g < 0.55 else rng.randint(2, 5) if g < 0.85 else rng.randint(6, 30)
            t_ret = t_f + rng.uniform(5, 60) if gap == 0 else (f + gap) * DAY + rng.random() * DAY
            t_ret = max(t_ret, t_f + 1)
            plan.append(Planned(t_ret, "return-result", "signed", "returned", desk, finish=tuple(rest)))
            if rng.random() < 0.12 and len(plan) < 7:
                score = rng.choices((3, 2, 1), (70, 25, 5))[0]
                plan.append(
                    Planned(
                        t_ret + rng.uniform(1, 30),
                        "rate",
                        "returned",
                        "returned",
                        citizen,
                        citizen_kind,
                        data=json.dumps({"satisfaction": score}),
                    )
                )
        elif abandoned:
            plan.append(
                Planned(
                    s0 + 60 * DAY,
                    "stop",
                    "awaiting_supplement",
                    "stopped",
                    leader,
                    note=REASONS["stop"],
                    resume=("supplement", 60),
                    ends=True,
                )
            )
        else:
            to = {"refuse": "refused", "withdraw": "withdrawn", "stop": "stopped"}[end_action]
            who, kind = (citizen, citizen_kind) if end_action == "withdraw" else (leader, "official")
            note = REASONS.get(end_action, "")
            plan.append(
                Planned(real(active_end), end_action, "processing", to, who, kind, note=note, ends=True)
            )

        # What has happened by now, in time order.
        plan.sort(key=lambda e: e.at)
        kept = [e for e in plan if e.at <= t.now]
        status = kept[-1].after
        due = [min(r + offset, a) for offset in route.offsets]
        started: list[float | None] = [t_r if first_open else None] + [None] * (n - 1)
        finished: list[float | None] = [None] * n
        appointment = a
        events: list[tuple[datetime, Planned, int | None, str]] = [(draft.submitted_at, submit, None, "")]
        finished_at = returned_at = None
        outcome = ""
        satisfaction = None
        pauses: list[list] = []
        assigned = False
        for e in kept:
            at = t.at(e.at)
            step, deadline = None, ""
            if e.start is not None:
                started[e.start] = e.at
                step, assigned = e.start, True
            for s in e.finish:
                finished[s] = e.at
                started[s] = started[s] if started[s] is not None else e.at
                if s + 1 < n and started[s + 1] is None:
                    started[s + 1] = e.at
                step, deadline = s, _outcome(r if s == 0 else t.day_of(e.at), due[s])
            if e.pause:
                pauses.append([e.pause, e.note, at, None])
            if e.resume is not None:
                kind, days = e.resume
                for pause in pauses:
                    if pause[0] == kind and pause[3] is None:
                        pause[3] = at
                appointment += days
                due = [d + days if finished[s] is None else d for s, d in enumerate(due)]
            if e.ends:
                finished_at = at
                outcome = _outcome(t.day_of(e.at), appointment)
            if e.action == "return-result":
                returned_at = at
            if e.action == "rate":
                satisfaction = json.loads(e.data)["satisfaction"]
            # The receipt's event carries the deadline status but names no step.
            events.append((at, e, None if e.action == "receive" else step, deadline))
        handler_id = handler[0] if assigned else None
        step_rows = [
            (
                name,
                kind,
                role,
                route.competent,
                budget,
                t.days[due[s]],
                handler_id if s == first_open else None,
                t.at(started[s]) if started[s] is not None else None,
                t.at(finished[s]) if finished[s] is not None else None,
                _outcome(r if s == 0 else t.day_of(finished[s]), due[s]) if finished[s] is not None else "",
            )
            for s, (name, kind, role, budget) in enumerate(steps)
        ]
        open_processing = status not in ("signed", "returned", "refused", "withdrawn", "stopped")
        self.write(
            draft,
            status,
            events,
            received={
                "r": r,
                "received_at": t.at(t_r),
                "received_on": t.days[r],
                "appointment_on": t.days[appointment],
                "original_appointment_on": t.days[a],
                "steps": step_rows,
                "pauses": pauses,
                "assignee": handler_id if open_processing else None,
                "supplements": sum(1 for e in kept if e.action == "request-supplement"),
            },
            finished_at=finished_at,
            outcome=outcome,
            returned_at=returned_at,
            satisfaction=satisfaction,
        )

    def write(
        self,
        draft: Draft,
        status: str,
        events: list[tuple],
        *,
        received: dict[str, Any] | None = None,
        finished_at: datetime | None = None,
        outcome: str = "",
        returned_at: datetime | None = None,
        satisfaction: int | None = None,
    ) -> None:
        rng, batch, route = self.rng, self.batch, draft.route
        code = None
        if received is not None:
            key = (route.receiving, received["r"])
            number = self.counters.get(key, 0) + 1
            self.counters[key] = number
            batch.counters[(route.receiving, received["received_on"])] = number
            code = self.build_code(route.receiving_code, received["received_on"], number)
        online = draft.channel == "online"
        get = received.get if received is not None else {}.get
        batch.dossiers.append(
            (
                draft.id,
                uuid.UUID(int=rng.getrandbits(128), version=4),
                code,
                draft.info.id,
                draft.info.revision_id,
                status,
                draft.channel,
                1 + len(events),  # every action raises the version
                draft.owner_kind,
                draft.owner_name,
                draft.id_number,
                f"09{rng.randrange(10**8):08d}",
                "",
                f"Tổ {rng.randint(1, 30)}, {draft.residence.name_in_text}, {self.p.province_name}",
                draft.residence.pk,
                None,
                None,
                draft.served.pk if draft.served else None,
                route.receiving,
                route.competent,
                route.competent,
                get("assignee"),
                EMPTY,
                False,
                draft.channel,
                1,
                draft.created_at,
                draft.submitted_at,
                get("received_at"),
                get("received_on"),
                get("appointment_on"),
                get("original_appointment_on"),
                finished_at,
                outcome,
                returned_at,
                get("supplements") or 0,
                0,
                satisfaction,
                EMPTY,
                events[-1][0],
            )
        )
        steps = received["steps"] if received is not None else ()
        for seq, (at, e, step, deadline) in enumerate(events, start=1):
            agencies = (route.receiving, route.competent) if e.action == "receive" else (None, None)
            batch.events.append(
                (
                    draft.id,
                    seq,
                    at,
                    e.action,
                    e.who[0],
                    e.who[1],
                    e.kind,
                    e.before,
                    e.after,
                    step + 1 if step is not None else None,
                    steps[step][0] if step is not None else "",
                    agencies[0],
                    agencies[1],
                    deadline,
                    e.note,
                    e.data,
                )
            )
        if received is not None:
            for position, row in enumerate(steps, start=1):
                batch.steps.append((draft.id, position, *row))
            for kind, reason, started_at, ended_at in received["pauses"]:
                batch.pauses.append((draft.id, kind, reason, started_at, ended_at))
        for position, name, mandatory in draft.info.components[: rng.randint(1, 3)]:
            store = f"KDL-{rng.randrange(10**9):09d}" if online else ""
            batch.components.append((draft.id, position, name, mandatory, 0 if online else 1, online, store))
        for name, amount in draft.info.fees:
            paid_at = (draft.submitted_at if online else received["received_at"]) if received else None
            channel = ("national" if online else "cash") if received else ""
            batch.fees.append((draft.id, name, amount, paid_at, channel))
        report = self.report
        report.dossiers += 1
        report.statuses[status] += 1
        report.outcomes[outcome] += 1
        report.channels[draft.channel] += 1


def _through(rest: list[int], steps: tuple, kind: str) -> tuple[tuple[int, ...], list[int]]:
    """The steps an action finishes: up to the first of ``kind``, or just the current one."""
    if not rest:
        return (), rest
    last = next((i for i in rest if steps[i][1] == kind), rest[0])
    return tuple(i for i in rest if i <= last), [i for i in rest if i > last]


def _outcome(day: int, due: int) -> str:
    return "early" if day < due else "on_time" if day == due else "late"


# --- writing --------------------------------------------------------------------------------------


class Table:
    """A model's table as the generator writes it: our columns, then the model's defaults."""

    def __init__(self, model: Any, columns: tuple[str, ...]) -> None:
        fields = {f.attname: f for f in model._meta.concrete_fields}
        unknown = set(columns) - set(fields)
        if unknown:
            raise SystemExit(f"{model.__name__} has no column {sorted(unknown)}: update bench/generate.py")
        self.model = model
        self.attnames = list(columns)
        self.extra: tuple = ()
        for name, f in fields.items():
            if name in columns or (f.primary_key and name == "id"):
                continue
            value = f.get_default()  # "" for a text or file field without one
            if value is None and not f.null:
                raise SystemExit(f"{model.__name__}.{name} has no default: update bench/generate.py")
            if isinstance(value, dict | list):
                value = json.dumps(value)
            self.attnames.append(name)
            self.extra += (value,)
        self.columns = [fields[a].column for a in self.attnames]
        self.json = [i for i, a in enumerate(self.attnames) if fields[a].get_internal_type() == "JSONField"]


def tables() -> dict[str, Table]:
    from motcua.dossiers.models import (
        Dossier,
        DossierComponent,
        DossierEvent,
        DossierFee,
        DossierPause,
        DossierStep,
    )

    return {
        "dossiers": Table(Dossier, DOSSIER_COLUMNS),
        "events": Table(DossierEvent, EVENT_COLUMNS),
        "steps": Table(DossierStep, STEP_COLUMNS),
        "components": Table(DossierComponent, COMPONENT_COLUMNS),
        "fees": Table(DossierFee, FEE_COLUMNS),
        "pauses": Table(DossierPause, PAUSE_COLUMNS),
    }


def write_batch(batch: Batch, schema: dict[str, Table], *, copy: bool) -> None:
    """One transaction: the rows of a batch and the code counters they raised."""
    from django.db import connection, transaction

    with transaction.atomic():
        for name, table in schema.items():
            rows: list[tuple] = getattr(batch, name)
            if not rows:
                continue
            if copy:
                _copy(connection, table, rows)
            else:
                _bulk_create(table, rows)
        _save_counters(batch.counters)


def _copy(connection: Any, table: Table, rows: list[tuple]) -> None:
    qn = connection.ops.quote_name
    sql = f"COPY {qn(table.model._meta.db_table)} ({', '.join(qn(c) for c in table.columns)}) FROM STDIN"
    extra = table.extra
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        write = copy.write_row
        if extra:
            for row in rows:
                write(row + extra)
        else:
            for row in rows:
                write(row)


def _bulk_create(table: Table, rows: list[tuple]) -> None:
    model, attnames, extra, json_at = table.model, table.attnames, table.extra, table.json
    objects = []
    for row in rows:
        values = list(row + extra)
        for i in json_at:
            values[i] = None if values[i] is None else json.loads(values[i])
        objects.append(model(**dict(zip(attnames, values, strict=True))))
    model.objects.bulk_create(objects, batch_size=500)


def _save_counters(counters: dict[tuple[int, date], int]) -> None:
    from motcua.dossiers.models import CodeCounter

    CodeCounter.objects.bulk_create(
        [CodeCounter(agency_id=agency, day=day, last=last) for (agency, day), last in counters.items()],
        update_conflicts=True,
        unique_fields=["agency", "day"],
        update_fields=["last"],
        batch_size=2000,
    )


class Writer(threading.Thread):
    """Writes batches on its own connection while the main thread generates the next one."""

    def __init__(self, schema: dict[str, Table]) -> None:
        super().__init__(name="bench-writer", daemon=True)
        self.schema = schema
        self.batches: queue.Queue[Batch | None] = queue.Queue(maxsize=1)
        self.error: BaseException | None = None
        self.busy = 0.0

    def run(self) -> None:
        from django.db import connection

        try:
            while (batch := self.batches.get()) is not None:
                started = time.perf_counter()
                write_batch(batch, self.schema, copy=True)
                self.busy += time.perf_counter() - started
        except BaseException as error:  # handed to the main thread
            self.error = error
            while self.batches.get() is not None:  # let the producer finish
                pass
        finally:
            connection.close()

    def put(self, batch: Batch | None) -> None:
        if self.error is not None:
            raise RuntimeError("the writer thread failed") from self.error
        self.batches.put(batch)


# --- the run --------------------------------------------------------------------------------------


def generate(
    *,
    count: int,
    years: int = 3,
    seed: int = 1,
    batch_size: int = 50_000,
    drop_indexes: bool = False,
    now: datetime | None = None,
    log: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True),
) -> Report:
    """Write ``count`` dossiers received over the last ``years`` years; the province must be seeded."""
    from django.db import connection

    from motcua.core import clock
    from motcua.dossiers.models import CodeCounter, Dossier

    started = time.perf_counter()
    rng = random.Random(seed)
    postgres = connection.vendor == "postgresql"
    # A separate writer thread needs committed reference data: not inside a test's transaction.
    threaded = postgres and not connection.in_atomic_block
    timeline = Timeline(now=now or clock.now(), years=years)
    province = Province(rng)
    schema = tables()
    generator = Generator(province=province, timeline=timeline, rng=rng)
    day_index = {d: i for i, d in enumerate(timeline.days)}
    for agency, day, last in CodeCounter.objects.values_list("agency_id", "day", "last"):
        if day in day_index:  # go on from numbers already issued (a second run, real receipts)
            generator.counters[(agency, day_index[day])] = last
    first_id = _reserve_ids(Dossier, count)
    counts = daily_counts(timeline, count, rng)
    report = generator.report
    report.first_day = timeline.days[0].isoformat()
    report.last_day = timeline.days[timeline.today].isoformat()
    log(
        f"generating {count:,} dossiers over {timeline.today + 1} working days "
        f"({report.first_day} … {report.last_day}), {len(province.procedures)} procedures, "
        f"{len(province.units)} communes; {'COPY' if postgres else 'bulk_create'}"
        f"{', writer thread' if threaded else ''}"
    )
    dropped = _drop_indexes(schema) if postgres and drop_indexes else []
    prepared = time.perf_counter()
    report.seconds["prepare"] = prepared - started
    writer = Writer(schema) if threaded else None
    if writer is not None:
        writer.start()
    generating = 0.0
    next_id, done = first_id, 0

    def flush(day: date) -> None:
        nonlocal done
        batch, generator.batch = generator.batch, Batch()
        done += len(batch.dossiers)
        for name, size in batch.sizes().items():
            report.rows[name] += size
        if writer is not None:
            writer.put(batch)
        else:
            write_batch(batch, schema, copy=postgres)
        elapsed = time.perf_counter() - prepared
        rows = sum(report.rows.values())
        log(
            f"  {done:>10,} / {count:,} dossiers  {day}  {done / elapsed:>8,.0f} dossiers/s  "
            f"{rows / elapsed:>9,.0f} rows/s  (generating {generating:.0f} s of {elapsed:.0f} s)"
        )

    try:
        for index, day_count in enumerate(counts):
            if not day_count:
                continue
            t0 = time.perf_counter()
            next_id = generator.day(index, day_count, next_id)
            generating += time.perf_counter() - t0
            if len(generator.batch.dossiers) >= batch_size:
                flush(timeline.days[index])
        if generator.batch.dossiers:
            flush(timeline.days[timeline.today])
    finally:
        if writer is not None:
            writer.put(None)
            writer.join()
        loaded = time.perf_counter()
        if dropped:  # even after a failure: the database stays usable
            log(f"recreating {len(dropped)} indexes")
            _recreate_indexes(dropped)
            report.seconds["recreate_indexes"] = time.perf_counter() - loaded
    if writer is not None and writer.error is not None:
        raise RuntimeError("the writer thread failed") from writer.error
    report.seconds["generate_python"] = generating
    report.seconds["load"] = loaded - prepared
    if writer is not None:
        report.seconds["writer_busy"] = writer.busy
    t0 = time.perf_counter()
    _analyze()
    report.seconds["vacuum_analyze"] = time.perf_counter() - t0
    report.counters = CodeCounter.objects.count()
    report.seconds["total"] = time.perf_counter() - started
    return report


def _reserve_ids(model: Any, count: int) -> int:
    """The first of ``count`` dossier ids taken for this run (the sequence moves past them)."""
    from django.db import connection
    from django.db.models import Max

    first = (model.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    if connection.vendor == "postgresql":
        table = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [table, first + max(count, 1) - 1]
            )
    return first


def _drop_indexes(schema: dict[str, Table]) -> list[str]:
    """Drop the tables' plain indexes (not those behind a primary key or a unique constraint)."""
    from django.db import connection

    definitions = []
    with connection.cursor() as cursor:
        for table in schema.values():
            cursor.execute(
                "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                "WHERE i.indrelid = %s::regclass AND NOT EXISTS "
                "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
                [table.model._meta.db_table],
            )
            for name, definition in cursor.fetchall():
                cursor.execute(f"DROP INDEX {name}")
                definitions.append(definition)
    return definitions


def _recreate_indexes(definitions: list[str]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for definition in definitions:
            cursor.execute(definition)


def _analyze() -> None:
    """Statistics for every table, not only the loaded ones: the agencies, procedures and users
    seeded a minute ago have none yet, and with a guess of 30 agencies instead of 130 the
    planner ran an official's queue as a nested loop over agencies (224 ms instead of 90).
    VACUUM also sets the visibility map and hint bits, as autovacuum would in a live database."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            cursor.execute("VACUUM (ANALYZE)")
        else:
            cursor.execute("ANALYZE")


def prepare_province(*, password: str | None = None) -> float:
    """Migrate, load the administrative units and seed the demo province with its catalog."""
    from django.core.management import call_command

    from motcua.agencies.services import load_admin_units
    from motcua.demo.data import DEMO_PASSWORD_DEFAULT
    from motcua.demo.services import seed_demo

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    load_admin_units()
    options: dict[str, Any] = {"with_catalog": True}
    if "with_dossiers" in inspect.signature(seed_demo).parameters:
        options["with_dossiers"] = False  # the demo's own dossiers go through the services: slow
    seed_demo(province_code=PROVINCE_CODE, password=password or DEMO_PASSWORD_DEFAULT, **options)
    return time.perf_counter() - started


def ensure_database(url: str, *, recreate: bool) -> None:
    """Create the PostgreSQL database named in ``url`` when it does not exist (or drop it first)."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as conn:
        if recreate:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created database {name}", file=sys.stderr)


def boot(database_url: str, *, recreate: bool = False) -> None:
    """Point Django at ``database_url`` (bench scripts may set the environment) and set it up."""
    if database_url.startswith(("postgres://", "postgresql://")):
        ensure_database(database_url, recreate=recreate)
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    import django

    django.setup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument(
        "--database-url", required=True, help="e.g. postgres://postgres@127.0.0.1:5432/motcua_bench"
    )
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=50_000, help="dossiers per COPY transaction")
    parser.add_argument("--recreate", action="store_true", help="drop the database first")
    parser.add_argument(
        "--drop-indexes", action="store_true", help="drop plain indexes for the load and build them after"
    )
    args = parser.parse_args()
    boot(args.database_url, recreate=args.recreate)
    from django.db import connection

    seconds = prepare_province()
    print(f"province ready in {seconds:.1f} s ({connection.vendor})", file=sys.stderr)
    report = generate(
        count=args.dossiers,
        years=args.years,
        seed=args.seed,
        batch_size=args.batch_size,
        drop_indexes=args.drop_indexes,
    )
    report.seconds["prepare_province"] = seconds
    print(json.dumps(report.as_dict(), indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
