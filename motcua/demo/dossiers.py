"""Demo dossiers of Cao Bằng in every lifecycle state, driven through the real services.

Every dossier is a short *script*: a generator that yields the moment of its next action
(an office hour of a working day, or an evening for an online submission). The runner
resumes the scripts in time order with ``clock.now()`` frozen at that moment, so codes,
appointment dates, pauses, outcomes, events, slips and the audit trail are the engine's
own, and a day's codes follow the order of receipt. The plan (who asks for what, where,
when, and how it should go) comes from one ``random.Random(SEED)`` and ``clock.today()``:
a rerun on the same day plans the same dossiers. The dates run from 1 July 2025 (the
two-level local government) to the last working day before today.

The demo has officials in two communes (Phường Thục Phán, Xã Bảo Lâm), at the provincial
center's desk and in one department (Sở Tư pháp). Provincial procedures of departments
without demo officials (Finance, Agriculture and Environment) are received and handed
over by a commune desk and stay open there.
"""

from __future__ import annotations

import heapq
import logging
import math
import random
import time as timer
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model

from motcua.agencies import selectors as agency_selectors
from motcua.catalog import selectors as catalog_selectors
from motcua.core import clock
from motcua.core.errors import MotcuaError
from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers.services import (
    ApplicantInput,
    ComponentInput,
    DossierInput,
    PartyInput,
    approve_dossier,
    assign_dossier,
    complete_step,
    create_dossier,
    extend_dossier,
    pause_dossier,
    rate_dossier,
    receive_dossier,
    refuse_dossier,
    request_supplement,
    resume_dossier,
    return_result,
    sign_result,
    stop_dossier,
    supply_supplement,
    transfer_dossier,
    withdraw_dossier,
)
from motcua.dossiers.types import LOCAL_TIME, Channel, PartyRole, ResultDelivery, Status, WorkCalendar

SEED = 20250701
START = date(2025, 7, 1)  # the two-level local government starts
PROVINCE = "04"  # the scripts are written for Cao Bằng's demo units and officials
Script = Generator[datetime, None, None]

# --- people and places ------------------------------------------------------------------

FAMILY = (
    ("Nông", 10), ("Hoàng", 10), ("Lương", 6), ("Bế", 6), ("Đàm", 5), ("Lục", 5), ("Triệu", 5),
    ("Hà", 5), ("Lý", 5), ("Ma", 3), ("Sầm", 2), ("Mông", 2), ("Vi", 2), ("Lâm", 3), ("Chu", 2),
    ("La", 2), ("Đinh", 2), ("Dương", 2), ("Nguyễn", 6), ("Trần", 3), ("Phạm", 2), ("Lê", 2),
)  # fmt: skip
MOUNTAIN_FAMILY = (("Vàng", 4), ("Sùng", 3), ("Giàng", 2), ("Lầu", 2), ("Bàn", 4), ("Đặng", 2))
MALE_MIDDLE = (("Văn", 12), ("Đức", 2), ("Minh", 2), ("Quang", 1), ("Hữu", 1), ("Ngọc", 1))
FEMALE_MIDDLE = (("Thị", 12), ("Thu", 2), ("Ngọc", 1), ("Thanh", 1), ("Hồng", 1), ("Minh", 1))
MALE_GIVEN = (
    "Hùng", "Dũng", "Tuấn", "Sơn", "Thắng", "Cường", "Đạt", "Phong", "Quân", "Hải", "Chiến", "Long",
    "Nam", "Vinh", "Toàn", "Kiên", "Lợi", "Thành", "Trường", "Khánh", "Huy", "Hưng", "Tiến", "Bình",
    "Mạnh", "Quyết", "Hiếu", "Tùng",
)  # fmt: skip
FEMALE_GIVEN = (
    "Hoa", "Lan", "Mai", "Hương", "Huyền", "Nhung", "Thảo", "Hằng", "Duyên", "Ngân", "Thúy", "Hạnh",
    "Yến", "Liên", "Phượng", "Quyên", "Trang", "Linh", "Nga", "Loan", "Dung", "Hiền", "Vân",
)  # fmt: skip
MOUNTAIN_MALE_GIVEN = ("Pó", "Sình", "Chử", "Páo", "Dình", "Sảo")
MOUNTAIN_FEMALE_GIVEN = ("Mỷ", "Dế", "Sua", "Pà", "Chía")
WARD_STREETS = (
    "Kim Đồng",
    "Vườn Cam",
    "Xuân Trường",
    "Hoàng Đình Giong",
    "Bế Văn Đàn",
    "Vườn Trì",
    "Hiến Giang",
)
MOUNTAIN_HAMLETS = (
    "Nà Pồng",
    "Khuổi Lác",
    "Pác Miầu",
    "Bản Là",
    "Nà Đon",
    "Cốc Phường",
    "Lũng Mần",
    "Nặm Đe",
)
# People born in Cao Bằng who now live elsewhere ask Sở Tư pháp for copies of their records.
ELSEWHERE_PROVINCES = ("01", "19", "20", "08")  # Hà Nội, Thái Nguyên, Lạng Sơn, Tuyên Quang

# --- procedures --------------------------------------------------------------------------

WARD_PROCEDURES = (
    ("2.000815", 20), ("2.000884", 6), ("2.001035", 4), ("2.001019", 1), ("1.001193", 8),
    ("1.000656", 3), ("1.000894", 4), ("1.004873", 8), ("2.000635", 5), ("1.004859", 2),
    ("1.004884", 2), ("1.001022", 1), ("1.004837", 1), ("2.002516", 2), ("1.001612", 4),
    ("2.000720", 2), ("1.001266", 1), ("1.013225", 3), ("1.014159", 1), ("1.013133", 2),
    ("2.000806", 1), ("1.001776", 1), ("1.012812", 1),
)  # fmt: skip
MOUNTAIN_PROCEDURES = (
    ("1.001193", 10), ("1.000656", 4), ("1.000894", 5), ("1.004873", 5), ("2.000815", 10),
    ("2.000884", 3), ("1.001776", 4), ("1.013133", 3), ("1.001612", 2), ("1.012812", 2),
    ("1.013225", 1), ("1.004837", 1), ("1.001022", 1), ("1.004884", 2),
)  # fmt: skip
JUSTICE_PROCEDURES = (("2.000635", 5), ("2.002516", 3), ("2.000908", 3))  # decided by Sở Tư pháp
DEPARTMENT_PROCEDURES = ("2.001583", "2.001610", "1.013980", "1.012786")  # Finance, Agriculture
DESK_ONLY = frozenset({"2.000815", "2.000884", "2.001035", "2.001019"})  # signed before the official
# Civil status matters the commune sends to Sở Tư pháp to check its older registers.
VERIFIED_BY_JUSTICE = frozenset({"1.004873", "1.004884", "1.001022", "2.002516", "1.004859", "2.000806"})

# --- what people write -------------------------------------------------------------------

RECEIPT_GAPS = (
    "Bản sao giấy tờ chưa được chứng thực; đề nghị nộp bản sao có chứng thực hoặc xuất trình bản chính.",
    "Tờ khai chưa ghi đủ thông tin về nơi cư trú; đề nghị kê khai lại.",
    "Thiếu văn bản ủy quyền có chứng thực của người được ủy quyền nộp hồ sơ.",
)
PROCESSING_GAPS = (
    "Thông tin ngày, tháng, năm sinh trên các giấy tờ không thống nhất; đề nghị bổ sung giấy tờ chứng minh.",
    "Đề nghị bổ sung văn bản xác nhận thông tin về cư trú.",
    "Đề nghị bổ sung bản sao giấy tờ chứng minh quan hệ nhân thân.",
)
REFUSED_AT_RECEIPT = (
    "Yêu cầu không thuộc thẩm quyền giải quyết; đã hướng dẫn người dân đến cơ quan có thẩm quyền.",
    "Bản chính giấy tờ bị tẩy xóa, sửa chữa, không xác định được nội dung.",
    "Người yêu cầu không đủ điều kiện thực hiện thủ tục theo quy định.",
)
REFUSED_IN_PROCESSING = (
    "Qua xác minh, thông tin kê khai không đúng thực tế; không đủ điều kiện giải quyết.",
    "Việc hộ tịch đã được đăng ký tại cơ quan khác; không đăng ký trùng.",
    "Không đủ điều kiện theo quy định sau khi thẩm định hồ sơ.",
)
WITHDRAWALS = (
    "Người dân đề nghị rút hồ sơ để hoàn thiện lại giấy tờ.",
    "Người dân không còn nhu cầu giải quyết.",
    "Nộp nhầm thủ tục; người dân rút hồ sơ để nộp lại đúng thủ tục.",
)
STOPS = (
    "Người yêu cầu có đơn đề nghị dừng giải quyết hồ sơ.",
    "Người yêu cầu không bổ sung hồ sơ và có văn bản đề nghị dừng giải quyết.",
)
PAUSES = (
    "Chờ kết quả xác minh của Công an xã về thông tin cư trú.",
    "Chờ ý kiến của cơ quan chuyên môn có liên quan.",
    "Tạm dừng để xác minh thực địa.",
)
EXTENSIONS = (
    "Cần xác minh thêm thông tin tại cơ quan đăng ký hộ tịch trước đây.",
    "Địa bàn rộng, đi lại khó khăn; cần thêm thời gian xác minh thực địa.",
    "Hồ sơ phức tạp, cần lấy ý kiến của cơ quan chuyên môn.",
)
COMMENTS = {
    3: ("Cán bộ hướng dẫn nhiệt tình, chu đáo.", "Trả kết quả trước hẹn, rất hài lòng.", ""),
    2: ("Thủ tục nhanh gọn.", "Phải chờ hơi lâu ở quầy.", ""),
    1: ("Trả kết quả chậm so với giấy hẹn.", "Phải đi lại nhiều lần."),
}
TO_JUSTICE = "Đề nghị Sở Tư pháp xác minh thông tin hộ tịch lưu tại Sở."
FROM_JUSTICE = "Sở Tư pháp đã xác minh; chuyển trả kết quả xác minh."


# --- the plan ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Office:
    """An agency that decides, with the demo officials who act there."""

    agency: str
    handler: str
    leader: str
    signer: str


@dataclass(frozen=True)
class Desk:
    """A service center's one-stop desk and its officer."""

    center: str
    user: str


@dataclass(frozen=True)
class Home:
    """A demo commune: where its people live, its desk and its People's Committee."""

    unit: str
    place: str  # "phường Thục Phán, tỉnh Cao Bằng"
    desk: Desk
    office: Office
    procedures: tuple[tuple[str, int], ...]
    mountain: bool = False


@dataclass(frozen=True)
class Site:
    ward: Home
    commune: Home
    justice: Office
    province_desk: Desk
    elsewhere: tuple[tuple[str, str], ...]  # (unit code, "phường …, thành phố Hà Nội")


@dataclass(frozen=True)
class Procedure:
    code: str
    days: int  # working days to the appointment; 0 for "within the day"
    components: tuple[tuple[int, str, bool, str], ...]  # position, kind, mandatory, source


@dataclass(frozen=True)
class Plan:
    """One dossier to be: which script, from which day, who asks for what, where."""

    script: str
    day: date
    procedure: str
    channel: str
    owner: ApplicantInput
    desk: Desk
    office: Office | None  # None: a department without demo officials
    delivery: str
    parties: tuple[PartyInput, ...] = ()
    options: frozenset[str] = frozenset()
    outcome: str = "early"


@dataclass
class DossierCounts:
    created: int = 0
    total: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    failed: int = 0  # scripts stopped by an engine error (none expected)
    seconds: float = 0.0


def seed_dossiers(*, province_code: str, level1: str, seed: int = SEED) -> DossierCounts:
    """The demo dossiers, unless the database has dossiers already (then: their counts)."""
    started = timer.perf_counter()
    if province_code != PROVINCE or dossier_selectors.count_by_status():
        return _counted(DossierCounts(), started)
    calendar = dossier_selectors.calendar_for(unit_code=None)
    end = _last_working_day_before(clock.today(), calendar)
    site = build_site(level1)
    procedures = _procedures()
    plans = plan_dossiers(seed=seed, site=site, procedures=procedures, calendar=calendar, end=end)
    world = World(calendar=calendar, end=end, site=site, procedures=procedures, users=_officials(site))
    counts = _counted(DossierCounts(failed=run_plans(plans, world=world, seed=seed)), started)
    counts.created = counts.total
    return counts


def _counted(counts: DossierCounts, started: float) -> DossierCounts:
    found = dossier_selectors.count_by_status()
    counts.by_status = {status: found[status] for status in Status.values if status in found}
    counts.total = sum(found.values())
    counts.seconds = timer.perf_counter() - started
    return counts


def build_site(level1: str) -> Site:
    ward = _home("01273", "thucphan", WARD_PROCEDURES)
    commune = _home("01290", "baolam", MOUNTAIN_PROCEDURES, mountain=True)
    justice = Office(f"000.00.03.{level1}", "sotuphap.xuly", "sotuphap.lanhdao", "sotuphap.kyso")
    elsewhere = tuple(
        (unit.code, f"{unit.name_in_text}, {unit.parent.name_in_text}")
        for code in ELSEWHERE_PROVINCES
        for unit in agency_selectors.admin_units(parent=code)[:6]
    )
    return Site(ward, commune, justice, Desk(f"000.00.20.{level1}", "tinh.motcua"), elsewhere)


def _home(unit_code: str, staff: str, procedures: tuple, *, mountain: bool = False) -> Home:
    unit = agency_selectors.get_admin_unit(code=unit_code)
    committee = agency_selectors.agency_at(unit_id=unit.pk, kind="peoples_committee")
    center = agency_selectors.agency_at(unit_id=unit.pk, kind="service_center")
    office = Office(committee.code, f"{staff}.xuly", f"{staff}.lanhdao", f"{staff}.kyso")
    place = f"{unit.name_in_text}, {unit.parent.name_in_text}"
    return Home(unit_code, place, Desk(center.code, f"{staff}.motcua"), office, procedures, mountain)


def _procedures() -> dict[str, Procedure]:
    """Each catalog procedure's time limit and documents, as the dossiers will copy them."""
    found = {}
    for procedure in catalog_selectors.active_procedures():
        revision = catalog_selectors.current_revision(procedure)
        rows = (revision.snapshot if revision else {}).get("components", [])
        days = 0 if procedure.time_limit_unit == "within_day" else math.ceil(procedure.time_limit_value)
        components = tuple(
            (n, c.get("kind", ""), bool(c.get("mandatory", True)), c.get("source_database", ""))
            for n, c in enumerate(rows, start=1)
        )
        found[procedure.code] = Procedure(procedure.code, days, components)
    return found


# --- planning ----------------------------------------------------------------------------

# Finished dossiers, spread evenly over the working days since START (however long ago).
CLOSED = (
    ("returned", 122),
    ("refused_at_receipt", 8),
    ("refused_in_processing", 6),
    ("withdrawn", 8),
    ("stopped", 6),
)
# Open dossiers near today: script, where, options, when (working days before the last
# working day: a range, or relative to the time limit), how many.
OPEN = (
    ("draft", "any", (), (0, 8), 6),
    ("submitted", "any", (), (0, 1), 7),
    ("supplement_requested", "any", (), (1, 5), 5),
    ("received", "any", (), (0, 0), 5),
    ("received", "department", (), (0, 1), 2),
    ("processing", "any", (), "within", 5),
    ("processing", "any", ("worked",), "within", 3),
    ("processing", "any", (), "overdue", 2),
    ("processing", "any", ("extend",), "due", 1),
    ("processing", "home", ("transfer",), "within", 2),
    ("processing", "justice", (), "within", 1),
    ("processing", "department", (), "within", 2),
    ("awaiting_supplement", "any", (), (1, 8), 5),
    ("paused", "any", (), (2, 8), 3),
    ("approved", "any", (), "due", 4),
    ("signed", "any", (), "due", 6),
)
ONLINE_ONLY = frozenset({"draft"})
NOT_AT_DESK = frozenset({"draft", "submitted"})  # a desk receives what it is handed
RATED_SOMETIMES = frozenset({"refused_at_receipt", "refused_in_processing", "stopped"})
NEEDS_DAYS = frozenset({"processing", "awaiting_supplement", "paused", "refused_in_processing", "stopped"})
CHANNELS = {
    "ward": ((Channel.DESK, 55), (Channel.ONLINE, 35), (Channel.POST, 10)),
    "commune": ((Channel.DESK, 70), (Channel.ONLINE, 22), (Channel.POST, 8)),
    "justice": ((Channel.DESK, 40), (Channel.ONLINE, 40), (Channel.POST, 20)),
}
DELIVERIES = {
    Channel.DESK: ((ResultDelivery.DESK, 85), (ResultDelivery.POST, 15)),
    Channel.ONLINE: ((ResultDelivery.ONLINE, 70), (ResultDelivery.DESK, 30)),
    Channel.POST: ((ResultDelivery.POST, 80), (ResultDelivery.DESK, 20)),
}
OUTCOMES = (("early", 62), ("on_time", 30), ("late", 8))
OUTCOMES_EXTENDED = (("early", 25), ("on_time", 60), ("late", 15))


def plan_dossiers(
    *, seed: int, site: Site, procedures: dict[str, Procedure], calendar: WorkCalendar, end: date
) -> list[Plan]:
    """What to create, in a fixed order: the finished dossiers since START, then the open ones."""
    planner = _Planner(random.Random(seed), site, procedures, calendar, end)
    return planner.closed() + planner.open()


def _weighted(rng: random.Random, table: tuple[tuple[Any, int], ...]) -> Any:
    return rng.choices([value for value, _ in table], weights=[w for _, w in table])[0]


@dataclass(frozen=True)
class _Where:
    kind: str  # ward, commune, justice, department, cross
    home: Home | None
    desk: Desk
    office: Office | None


class _Planner:
    def __init__(
        self,
        rng: random.Random,
        site: Site,
        procedures: dict[str, Procedure],
        calendar: WorkCalendar,
        end: date,
    ) -> None:
        self.rng, self.site, self.procedures, self.calendar, self.end = rng, site, procedures, calendar, end
        self.ids: set[str] = set()

    # -- what and when

    def closed(self) -> list[Plan]:
        days = _working_days(START, self.end, self.calendar)
        scripts = [script for script, count in CLOSED for _n in range(count)]
        self.rng.shuffle(scripts)
        return [self.plan(script, "any", (), day=self.rng.choice(days), closed=True) for script in scripts]

    def open(self) -> list[Plan]:
        return [
            self.plan(script, where, options, when=when)
            for script, where, options, when, count in OPEN
            for _n in range(count)
        ]

    def plan(self, script: str, where: str, options: tuple, *, day: date | None = None, **kw: Any) -> Plan:
        place = self.where(where)
        procedure = self.procedures[self.procedure(place, script, options)]
        day = self.first_day(procedure, day=day, **kw)
        channel = self.channel(place, procedure.code, script)
        desk = self.receiving_desk(place) if channel == Channel.ONLINE else place.desk
        options = frozenset(options) | self.options(script, place, procedure)
        extended = "extend" in options
        owner = self.owner(place)
        return Plan(
            script=script,
            day=day,
            procedure=procedure.code,
            channel=channel,
            owner=owner,
            desk=desk,
            office=place.office,
            delivery=_weighted(self.rng, DELIVERIES[channel]),
            parties=self.parties(place, channel, day, family=owner.name.split()[0]),
            options=options,
            outcome=_weighted(self.rng, OUTCOMES_EXTENDED if extended else OUTCOMES),
        )

    def first_day(
        self, procedure: Procedure, *, day: date | None, when: Any = None, closed: bool = False
    ) -> date:
        if closed:  # early enough to finish before the end, whatever happens on the way
            latest = _back(self.end, procedure.days + 12, self.calendar)
            if day > latest:
                day = _back(latest, self.rng.randint(0, 15), self.calendar)
            return max(day, self.calendar.roll_forward(START))
        if isinstance(when, tuple):
            back = self.rng.randint(*when)
        elif when == "within":
            back = self.rng.randint(0, max(procedure.days - 1, 0))
        elif when == "overdue":
            back = procedure.days + self.rng.randint(1, 4)
        else:  # "due": the work is nearly done now
            back = max(procedure.days - self.rng.randint(0, 1), 0)
        return _back(self.end, back, self.calendar)

    # -- where and what

    def where(self, where: str) -> _Where:
        rng, site = self.rng, self.site
        if where == "any":
            where = _weighted(rng, (("ward", 50), ("commune", 30), ("justice", 12), ("cross", 8)))
        elif where == "home":
            where = _weighted(rng, (("ward", 60), ("commune", 40)))
        if where == "justice":
            desk = _weighted(rng, ((site.province_desk, 60), (site.ward.desk, 25), (site.commune.desk, 15)))
            return _Where("justice", None, desk, site.justice)
        home = site.commune if where == "commune" else site.ward
        if where == "cross":  # served wherever they happened to be: any center of the province
            home = rng.choice((site.ward, site.commune))
            other = site.commune if home is site.ward else site.ward
            return _Where("cross", home, rng.choice((other.desk, site.province_desk)), home.office)
        if where == "department":
            home = rng.choice((site.ward, site.commune))
            return _Where("department", home, home.desk, None)
        return _Where(where, home, home.desk, home.office)

    def procedure(self, place: _Where, script: str, options: tuple) -> str:
        if place.kind == "department":
            return self.rng.choice([code for code in DEPARTMENT_PROCEDURES if code in self.procedures])
        table = JUSTICE_PROCEDURES if place.kind == "justice" else place.home.procedures
        table = tuple(row for row in table if row[0] in self.procedures)  # still in the catalog
        if "transfer" in options:
            table = tuple(row for row in table if row[0] in VERIFIED_BY_JUSTICE)
        if script in NOT_AT_DESK:
            table = tuple(row for row in table if row[0] not in DESK_ONLY)
        if script in NEEDS_DAYS or {"extend", "worked"} & set(options):
            table = tuple(row for row in table if self.procedures[row[0]].days >= 2) or table
        return _weighted(self.rng, table)

    def channel(self, place: _Where, code: str, script: str) -> str:
        if script in ONLINE_ONLY:
            return Channel.ONLINE
        if script in NOT_AT_DESK:
            return _weighted(self.rng, ((Channel.ONLINE, 75), (Channel.POST, 25)))
        if place.kind in ("department", "cross") or code in DESK_ONLY:
            return Channel.DESK
        return _weighted(self.rng, CHANNELS[place.kind])

    def receiving_desk(self, place: _Where) -> Desk:
        """Online, the center of the deciding agency receives."""
        return place.home.desk if place.home is not None else self.site.province_desk

    def options(self, script: str, place: _Where, procedure: Procedure) -> frozenset[str]:
        if script in RATED_SOMETIMES:
            return frozenset({"rate"}) if self.rng.random() < 0.2 else frozenset()
        if script != "returned":
            return frozenset()
        chances = {"receipt_supplement": 0.08, "rate": 0.4}
        if procedure.days >= 2:
            chances |= {"supplement": 0.1, "extend": 0.2}
        if procedure.days >= 3:
            chances["pause"] = 0.04
        if place.kind in ("ward", "commune") and procedure.code in VERIFIED_BY_JUSTICE:
            chances["transfer"] = 0.35
        return frozenset(name for name, chance in chances.items() if self.rng.random() < chance)

    # -- who

    def owner(self, place: _Where) -> ApplicantInput:
        name, id_number = self.person(mountain=bool(place.home and place.home.mountain))
        if place.home is None:  # born in Cao Bằng, living elsewhere
            unit_code, where = self.rng.choice(self.site.elsewhere)
            address = f"Tổ {self.rng.randint(1, 25)}, {where}"
        else:
            unit_code, address = place.home.unit, self.address(place.home)
        return ApplicantInput(
            name=name, id_number=id_number, phone=self.phone(), address=address, unit_code=unit_code
        )

    def address(self, home: Home) -> str:
        if home.mountain:
            return f"Thôn {self.rng.choice(MOUNTAIN_HAMLETS)}, {home.place}"
        return f"Số {self.rng.randint(2, 160)}, phố {self.rng.choice(WARD_STREETS)}, {home.place}"

    def person(self, *, mountain: bool = False, family: str = "") -> tuple[str, str]:
        rng = self.rng
        female = rng.random() < 0.5
        family = family or _weighted(rng, FAMILY + (MOUNTAIN_FAMILY if mountain else ()))
        middle = _weighted(rng, FEMALE_MIDDLE if female else MALE_MIDDLE)
        given = rng.choice(FEMALE_GIVEN if female else MALE_GIVEN)
        if mountain and rng.random() < 0.3:  # H'Mông and Dao names
            middle = "Thị" if female else "Văn"
            given = rng.choice(MOUNTAIN_FEMALE_GIVEN if female else MOUNTAIN_MALE_GIVEN)
        year = rng.randint(1950, 2004)
        century_and_sex = (0 if year < 2000 else 2) + int(female)  # Circular 07/2016/TT-BCA
        id_number = ""
        while not id_number or id_number in self.ids:
            id_number = f"004{century_and_sex}{year % 100:02d}{rng.randrange(10**6):06d}"
        self.ids.add(id_number)
        return f"{family} {middle} {given}", id_number

    def phone(self) -> str:
        return f"09{self.rng.choice('1346789')}{self.rng.randrange(10**7):07d}"

    def parties(self, place: _Where, channel: str, day: date, *, family: str) -> tuple[PartyInput, ...]:
        """Sometimes a relative hands the dossier in, or a representative with an authorisation."""
        roll = self.rng.random()
        if channel == Channel.ONLINE or roll > 0.14:
            return ()
        mountain = bool(place.home and place.home.mountain)
        if roll > 0.04:
            name, id_number = self.person(mountain=mountain, family=family)
            return (PartyInput(role=PartyRole.SUBMITTER, name=name, id_number=id_number, phone=self.phone()),)
        name, id_number = self.person(mountain=mountain)
        document = f"Giấy ủy quyền số {self.rng.randint(1, 120):02d}/{day.year}/GUQ (có chứng thực)"
        return (
            PartyInput(
                role=PartyRole.REPRESENTATIVE,
                name=name,
                id_number=id_number,
                phone=self.phone(),
                authorisation_document=document,
                authorisation_valid_until=day + timedelta(days=self.rng.choice((90, 180, 365))),
            ),
        )


def _working_days(first: date, last: date, calendar: WorkCalendar) -> list[date]:
    days = (first + timedelta(days=n) for n in range((last - first).days + 1))
    return [day for day in days if calendar.is_working_day(day)]


def _back(day: date, working_days: int, calendar: WorkCalendar) -> date:
    """The working day ``working_days`` before ``day`` (``day`` itself when 0)."""
    day = _last_working_day_before(day + timedelta(days=1), calendar)
    for _n in range(working_days):
        day = _last_working_day_before(day, calendar)
    return day


def _last_working_day_before(day: date, calendar: WorkCalendar) -> date:
    day -= timedelta(days=1)
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day


# --- living the plans --------------------------------------------------------------------

OPENING, LUNCH, REOPENING, CLOSING = time(7, 30), time(11, 30), time(13, 30), time(17, 0)
log = logging.getLogger(__name__)


@dataclass
class World:
    calendar: WorkCalendar
    end: date
    site: Site
    procedures: dict[str, Procedure]
    users: dict[str, Any]


def run_plans(plans: list[Plan], *, world: World, seed: int = SEED) -> int:
    """Live every plan, all interleaved in time order; the number of scripts an error stopped."""
    queue: list[tuple[datetime, int, Script]] = []
    for n, plan in enumerate(plans):
        script = SCRIPTS[plan.script](Story(plan, world, random.Random(f"{seed}-{n}")))
        heapq.heappush(queue, (next(script), n, script))
    failed = 0
    while queue:
        moment, n, script = heapq.heappop(queue)
        try:
            with clock.frozen(moment):
                following = next(script, None)
        except MotcuaError as error:  # one dossier less; the others go on
            log.warning("demo dossier %s (%s) stopped: %s", n, plans[n].script, error)
            failed += 1
            continue
        if following is not None:
            heapq.heappush(queue, (following, n, script))
    return failed


class Story:
    """A plan being lived: the dossier so far, its own clock, and who acts for whom."""

    def __init__(self, plan: Plan, world: World, rng: random.Random) -> None:
        self.plan, self.world, self.rng = plan, world, rng
        self.now = _local(plan.day, OPENING)
        self.dossier: Any = None
        self.account: Any = None
        self.office = plan.office

    @property
    def today(self) -> date:
        return self.now.date()

    @property
    def online(self) -> bool:
        return self.plan.channel == Channel.ONLINE

    # -- time: office hours of working days, never after the last one

    def start(self) -> datetime:
        if self.online and self.plan.day < self.world.end and self.rng.random() < 0.35:
            self.now = _local(self.plan.day, time(19)) + timedelta(minutes=self.rng.randint(0, 210))
        else:
            self.now = self._office_time(self.plan.day)
        return self.now

    def later(self, low: int = 5, high: int = 40) -> datetime:
        self.now = self._open(self.now + timedelta(minutes=self.rng.randint(low, high)))
        return self.now

    def on(self, day: date, *, morning: bool = False) -> datetime:
        morning = morning or day > self.world.end  # squeezed into the last day: start early
        day = min(day, self.world.end)
        if day <= self.today:
            return self.later()
        self.now = self._office_time(day, morning=morning)
        return self.now

    def after(self, low: int, high: int) -> datetime:
        days = self.rng.randint(low, high)
        return self.on(self.world.calendar.add_working_days(self.today, days)) if days else self.later()

    def between(self, first: date, last: date) -> date:
        """A working day from ``first`` to ``last``."""
        if last <= first:
            return first
        calendar = self.world.calendar
        return calendar.add_working_days(
            first, self.rng.randint(0, calendar.working_days_between(first, last))
        )

    def finish_day(self) -> date:
        """When the decision falls, for the planned outcome against the appointment."""
        due, today = self.dossier.appointment_on, self.today
        if self.plan.outcome == "early" and today < due:
            return self.between(today, _back(due, 1, self.world.calendar))
        if self.plan.outcome != "late" and today <= due:
            return due
        return self.world.calendar.add_working_days(max(today, due), self.rng.randint(1, 4))

    def _office_time(self, day: date, *, morning: bool = False) -> datetime:
        if morning or self.rng.random() < 0.6:
            return _local(day, time(7, 35)) + timedelta(minutes=self.rng.randint(0, 215))
        return _local(day, time(13, 35)) + timedelta(minutes=self.rng.randint(0, 190))

    def _open(self, moment: datetime) -> datetime:
        """``moment``, or the next time an office is open."""
        calendar, day, at = self.world.calendar, moment.date(), moment.time()
        if calendar.is_working_day(day) and at < CLOSING:
            if at < OPENING:
                return _local(day, OPENING) + timedelta(minutes=self.rng.randint(5, 40))
            if LUNCH <= at < REOPENING:
                return _local(day, REOPENING) + timedelta(minutes=self.rng.randint(0, 25))
            return moment
        following = calendar.next_working_day(day)
        if following > self.world.end:  # nothing may happen after the last day: squeeze it in
            return max(
                self.now + timedelta(seconds=30), min(moment, _local(day, CLOSING) - timedelta(minutes=2))
            )
        return _local(following, OPENING) + timedelta(minutes=self.rng.randint(5, 60))

    # -- acting

    def pick(self, texts: tuple[str, ...]) -> str:
        return self.rng.choice(texts)

    def user(self, who: str) -> Any:
        if who == "applicant" and self.account is not None:
            return self.account
        if who in ("applicant", "desk"):
            return self.world.users[self.plan.desk.user]
        return self.world.users[getattr(self.office, who)]

    def act(self, service: Callable[..., Any], who: str, **values: Any) -> None:
        self.dossier = service(dossier=self.dossier, by=self.user(who), **values)

    def create(self, *, submit: bool = True) -> None:
        plan = self.plan
        if self.online:
            self.account = _citizen_account(plan.owner)
        data = DossierInput(
            procedure_code=plan.procedure,
            channel=plan.channel,
            owner=plan.owner,
            parties=plan.parties,
            components=self.components(),
            served_at="" if self.online else plan.desk.center,
            result_delivery=plan.delivery,
        )
        self.dossier = create_dossier(
            data=data, by=self.user("applicant"), submit=submit, account=self.account
        )

    def components(self) -> tuple[ComponentInput, ...]:
        """Paper at a desk or by post; online the e-form and documents from the data store."""
        given = []
        owner = self.plan.owner
        for position, kind, mandatory, source in self.world.procedures[self.plan.procedure].components:
            if kind == "show_only" and source == "population":
                given.append(ComponentInput(position, from_population=True))
            elif kind == "show_only" or not mandatory:
                continue
            elif not self.online:
                given.append(ComponentInput(position, copies=1))
            elif kind == "form":
                given.append(ComponentInput(position, form_data=_declaration(owner)))
            else:
                given.append(ComponentInput(position, store_document=f"KDL-{owner.id_number}-{position:02d}"))
        return tuple(given)

    def missing(self) -> list[str]:
        names = [c.name for c in self.dossier.components.order_by("position") if c.position > 1]
        return names[:1]

    def work(self) -> None:
        """The handler's steps before the leader's: assessing, passing data on."""
        for _n in range(5):
            step = dossier_selectors.current_step(self.dossier)
            if step is None or step.kind not in ("assess", "transfer"):
                return
            self.act(complete_step, "handler", note="Hồ sơ hợp lệ, đủ điều kiện giải quyết; trình lãnh đạo.")

    def rating(self) -> dict[str, Any]:
        late = self.dossier.outcome == "late"
        levels = ((1, 40), (2, 40), (3, 20)) if late else ((3, 75), (2, 22), (1, 3))
        satisfaction = _weighted(self.rng, levels)
        criteria = {
            "punctuality": 1 if late else 3,
            "staff_attitude": max(satisfaction, self.rng.choice((2, 3))),
            "visits_needed": 3 if self.plan.channel != Channel.DESK else self.rng.choice((2, 3)),
        }
        comment = self.pick(COMMENTS[satisfaction])
        return {"satisfaction": satisfaction, "criteria": criteria, "comment": comment}


def _local(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=LOCAL_TIME)


def _declaration(owner: ApplicantInput) -> dict[str, str]:
    return {
        "ho_ten": owner.name,
        "so_dinh_danh": owner.id_number,
        "dia_chi": owner.address,
        "dien_thoai": owner.phone,
    }


def _citizen_account(owner: ApplicantInput) -> Any:
    """The applicant's own account (VNeID signs citizens in by their citizen ID)."""
    user_model = get_user_model()
    user = user_model.objects.filter(username=owner.id_number).first()
    if user is None:
        user = user_model(username=owner.id_number, first_name=owner.name)
        user.set_unusable_password()
        user.save()
    return user


def _officials(site: Site) -> dict[str, Any]:
    offices = (site.ward.office, site.commune.office, site.justice)
    names = {desk.user for desk in (site.ward.desk, site.commune.desk, site.province_desk)}
    names |= {getattr(office, role) for office in offices for role in ("handler", "leader", "signer")}
    users = {user.username: user for user in get_user_model().objects.filter(username__in=names)}
    if names - users.keys():
        raise LookupError(f"demo officials missing: {', '.join(sorted(names - users.keys()))}")
    return users


# --- the scripts: one per state the dossier ends the demo in --------------------------------


def _intake(s: Story, *, receive: bool = True) -> Script:
    yield s.start()
    s.create()
    if "receipt_supplement" in s.plan.options:
        yield s.later()
        s.act(request_supplement, "desk", reason=s.pick(RECEIPT_GAPS), missing=s.missing())
        yield s.after(1, 3)
        s.act(supply_supplement, "applicant", note="Đã bổ sung theo phiếu yêu cầu.")
    if receive:
        yield s.later(3, 25)
        s.act(receive_dossier, "desk")


def _assign(s: Story) -> Script:
    yield s.later(3, 30)
    s.act(assign_dossier, "desk", assignee=s.office.handler if s.office else "")


def _to_justice(s: Story) -> Script:
    yield s.after(0, 1)
    s.act(transfer_dossier, "handler", to_agency=s.world.site.justice.agency, note=TO_JUSTICE)
    s.office = s.world.site.justice


def _from_justice(s: Story) -> Script:
    yield s.after(1, 2)
    s.act(transfer_dossier, "handler", to_agency=s.plan.office.agency, note=FROM_JUSTICE)
    s.office = s.plan.office


def _supplement(s: Story, *, answered: bool = True) -> Script:
    yield s.after(0, 1)
    s.act(request_supplement, "handler", reason=s.pick(PROCESSING_GAPS), missing=[])
    if answered:
        yield s.after(2, 5)
        s.act(supply_supplement, "applicant", note="Đã nộp bổ sung giấy tờ.")


def _pause(s: Story, *, resumed: bool = True) -> Script:
    yield s.after(0, 1)
    s.act(pause_dossier, "leader", reason=s.pick(PAUSES))
    if resumed:
        yield s.after(1, 3)
        s.act(resume_dossier, "leader", note="Đã có kết quả xác minh; tiếp tục giải quyết.")


def _extend(s: Story) -> Script:
    """Form 04 on the appointment date or the day before it, never after."""
    due = s.dossier.appointment_on
    day = max(s.today, _back(due, s.rng.randint(0, 1), s.world.calendar))
    if day > due:
        return
    yield s.on(day)
    if s.today <= due:
        new_date = s.world.calendar.add_working_days(due, s.rng.randint(2, 5))
        s.act(extend_dossier, "leader", reason=s.pick(EXTENSIONS), new_appointment=new_date)


def _decide(s: Story, decision: Callable[..., Any], **values: Any) -> Script:
    finish = s.finish_day()
    yield s.on(s.between(s.today, finish))
    s.work()
    yield s.on(finish, morning=True)
    s.act(decision, "leader", **values)


def _sign(s: Story) -> Script:
    yield s.later()
    s.act(sign_result, "signer")


def _hand_back(s: Story) -> Script:
    if s.plan.delivery == ResultDelivery.DESK:  # the applicant comes by the appointment date
        yield s.on(s.between(s.today, max(s.today, s.dossier.appointment_on)))
    else:
        yield s.later()
    s.act(return_result, "desk", delivery=s.plan.delivery)


def _rate(s: Story) -> Script:
    yield s.after(0, 2) if s.online else s.later(1, 20)
    s.act(rate_dossier, "applicant", **s.rating())


def returned(s: Story) -> Script:
    options = s.plan.options
    yield from _intake(s)
    yield from _assign(s)
    if "transfer" in options:
        yield from _to_justice(s)
        yield from _from_justice(s)
    if "supplement" in options:
        yield from _supplement(s)
    if "pause" in options:
        yield from _pause(s)
    if "extend" in options:
        yield from _extend(s)
    yield from _decide(s, approve_dossier)
    yield from _sign(s)
    yield from _hand_back(s)
    if "rate" in options:
        yield from _rate(s)


def refused_at_receipt(s: Story) -> Script:
    yield from _intake(s, receive=False)
    yield s.later()
    s.act(refuse_dossier, "desk", reason=s.pick(REFUSED_AT_RECEIPT))
    if "rate" in s.plan.options:
        yield from _rate(s)


def refused_in_processing(s: Story) -> Script:
    yield from _intake(s)
    yield from _assign(s)
    yield from _decide(s, refuse_dossier, reason=s.pick(REFUSED_IN_PROCESSING))
    if "rate" in s.plan.options:
        yield from _rate(s)


def withdrawn(s: Story) -> Script:
    received = s.rng.random() < 0.6
    yield from _intake(s, receive=received)
    if received and s.rng.random() < 0.5:
        yield from _assign(s)
    yield s.after(0, 1) if s.world.procedures[s.plan.procedure].days else s.later()
    s.act(withdraw_dossier, "applicant", reason=s.pick(WITHDRAWALS))


def stopped(s: Story) -> Script:
    yield from _intake(s)
    yield from _assign(s)
    if s.rng.random() < 0.5:
        yield from _supplement(s, answered=False)
    yield s.after(1, 3)
    s.act(stop_dossier, "leader", reason=s.pick(STOPS))
    if "rate" in s.plan.options:
        yield from _rate(s)


def draft(s: Story) -> Script:
    yield s.start()
    s.create(submit=False)


def submitted(s: Story) -> Script:
    yield s.start()
    s.create()


def supplement_requested(s: Story) -> Script:
    yield from _intake(s, receive=False)
    yield s.later()
    s.act(request_supplement, "desk", reason=s.pick(RECEIPT_GAPS), missing=s.missing())


def received(s: Story) -> Script:
    yield from _intake(s)


def processing(s: Story) -> Script:
    yield from _intake(s)
    yield from _assign(s)
    if "transfer" in s.plan.options:  # still at Sở Tư pháp
        yield from _to_justice(s)
        return
    if "extend" in s.plan.options:
        yield from _extend(s)
    if "worked" in s.plan.options:
        yield s.after(0, 1)
        s.work()


def awaiting_supplement(s: Story) -> Script:
    yield from _intake(s)
    yield from _assign(s)
    yield from _supplement(s, answered=False)


def paused(s: Story) -> Script:
    yield from _intake(s)
    yield from _assign(s)
    yield from _pause(s, resumed=False)


def approved(s: Story) -> Script:
    yield from _intake(s)
    yield from _assign(s)
    yield from _decide(s, approve_dossier)


def signed(s: Story) -> Script:
    yield from approved(s)
    yield from _sign(s)


SCRIPTS: dict[str, Callable[[Story], Script]] = {
    "draft": draft,
    "submitted": submitted,
    "supplement_requested": supplement_requested,
    "received": received,
    "processing": processing,
    "awaiting_supplement": awaiting_supplement,
    "paused": paused,
    "approved": approved,
    "signed": signed,
    "returned": returned,
    "refused_at_receipt": refused_at_receipt,
    "refused_in_processing": refused_in_processing,
    "withdrawn": withdrawn,
    "stopped": stopped,
}
