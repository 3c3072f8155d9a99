"""The plan of the demo dossiers: who asks for what, where, when, and how it should go."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from motcua.agencies import selectors as agency_selectors
from motcua.catalog import selectors as catalog_selectors
from motcua.demo.dossiers.casting import (
    DEPARTMENT_PROCEDURES,
    DESK_ONLY,
    ELSEWHERE_PROVINCES,
    FAMILY,
    FEMALE_GIVEN,
    FEMALE_MIDDLE,
    JUSTICE_PROCEDURES,
    MALE_GIVEN,
    MALE_MIDDLE,
    MOUNTAIN_FAMILY,
    MOUNTAIN_FEMALE_GIVEN,
    MOUNTAIN_HAMLETS,
    MOUNTAIN_MALE_GIVEN,
    MOUNTAIN_PROCEDURES,
    START,
    VERIFIED_BY_JUSTICE,
    WARD_PROCEDURES,
    WARD_STREETS,
)
from motcua.dossiers.services import (
    ApplicantInput,
    PartyInput,
)
from motcua.dossiers.types import Channel, PartyRole, ResultDelivery, WorkCalendar


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


def demo_procedures() -> dict[str, Procedure]:
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


# Planning

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


def weighted(rng: random.Random, table: tuple[tuple[Any, int], ...]) -> Any:
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
            delivery=weighted(self.rng, DELIVERIES[channel]),
            parties=self.parties(place, channel, day, family=owner.name.split()[0]),
            options=options,
            outcome=weighted(self.rng, OUTCOMES_EXTENDED if extended else OUTCOMES),
        )

    def first_day(
        self, procedure: Procedure, *, day: date | None, when: Any = None, closed: bool = False
    ) -> date:
        if closed:  # early enough to finish before the end, whatever happens on the way
            latest = working_days_back(self.end, procedure.days + 12, self.calendar)
            if day > latest:
                day = working_days_back(latest, self.rng.randint(0, 15), self.calendar)
            return max(day, self.calendar.roll_forward(START))
        if isinstance(when, tuple):
            back = self.rng.randint(*when)
        elif when == "within":
            back = self.rng.randint(0, max(procedure.days - 1, 0))
        elif when == "overdue":
            back = procedure.days + self.rng.randint(1, 4)
        else:  # "due": the work is nearly done now
            back = max(procedure.days - self.rng.randint(0, 1), 0)
        return working_days_back(self.end, back, self.calendar)

    # -- where and what

    def where(self, where: str) -> _Where:
        rng, site = self.rng, self.site
        if where == "any":
            where = weighted(rng, (("ward", 50), ("commune", 30), ("justice", 12), ("cross", 8)))
        elif where == "home":
            where = weighted(rng, (("ward", 60), ("commune", 40)))
        if where == "justice":
            desk = weighted(rng, ((site.province_desk, 60), (site.ward.desk, 25), (site.commune.desk, 15)))
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
        return weighted(self.rng, table)

    def channel(self, place: _Where, code: str, script: str) -> str:
        if script in ONLINE_ONLY:
            return Channel.ONLINE
        if script in NOT_AT_DESK:
            return weighted(self.rng, ((Channel.ONLINE, 75), (Channel.POST, 25)))
        if place.kind in ("department", "cross") or code in DESK_ONLY:
            return Channel.DESK
        return weighted(self.rng, CHANNELS[place.kind])

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
        family = family or weighted(rng, FAMILY + (MOUNTAIN_FAMILY if mountain else ()))
        middle = weighted(rng, FEMALE_MIDDLE if female else MALE_MIDDLE)
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


def working_days_back(day: date, working_days: int, calendar: WorkCalendar) -> date:
    """The working day ``working_days`` before ``day`` (``day`` itself when 0)."""
    day = last_working_day_before(day + timedelta(days=1), calendar)
    for _n in range(working_days):
        day = last_working_day_before(day, calendar)
    return day


def last_working_day_before(day: date, calendar: WorkCalendar) -> date:
    day -= timedelta(days=1)
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day
