"""One dossier at a time: its route, dates, events, steps, components, fees and pauses."""

from __future__ import annotations

import json
import math
import random
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from dossiergen.province import ProcedureInfo, Province, Route, person_name
from dossiergen.shape import CHANNELS, CUTOFF, DAY, EMPTY, FAMILY, GIVEN, REASONS, Batch, Report
from dossiergen.timeline import Timeline


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
            kind, name = "citizen", person_name(rng, sex)
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
