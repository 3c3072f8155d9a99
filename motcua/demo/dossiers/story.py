"""Living the plans: each dossier a script resumed in time order with the clock frozen."""

from __future__ import annotations

import heapq
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model

from motcua.core import clock
from motcua.core.errors import MotcuaError
from motcua.demo.dossiers.casting import COMMENTS, SEED, Script
from motcua.demo.dossiers.plan import Plan, Procedure, Site, weighted, working_days_back
from motcua.demo.dossiers.scripts import SCRIPTS
from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers.services import (
    ApplicantInput,
    ComponentInput,
    DossierInput,
    complete_step,
    create_dossier,
)
from motcua.dossiers.types import LOCAL_TIME, Channel, WorkCalendar

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
            return self.between(today, working_days_back(due, 1, self.world.calendar))
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
        satisfaction = weighted(self.rng, levels)
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


def demo_officials(site: Site) -> dict[str, Any]:
    offices = (site.ward.office, site.commune.office, site.justice)
    names = {desk.user for desk in (site.ward.desk, site.commune.desk, site.province_desk)}
    names |= {getattr(office, role) for office in offices for role in ("handler", "leader", "signer")}
    users = {user.username: user for user in get_user_model().objects.filter(username__in=names)}
    if names - users.keys():
        raise LookupError(f"demo officials missing: {', '.join(sorted(names - users.keys()))}")
    return users
