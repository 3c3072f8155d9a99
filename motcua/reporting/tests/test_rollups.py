"""Rollups equal figures computed straight from the dossiers; the event cursor adds each change once."""

from collections import Counter
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from motcua.core import clock
from motcua.dossiers import services as dossier_services
from motcua.dossiers.deadlines import LOCAL_TIME
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.reporting import rollups
from motcua.reporting.indicators import Counts
from motcua.reporting.models import DailyRollup, DossierFact, OpenRollup, RollupCursor
from motcua.reporting.selectors import Filters, counts_by, counts_for, province_scope

pytestmark = pytest.mark.django_db

EVERYTHING = (date(2000, 1, 1), date(2100, 1, 1))


def raw_counts(start: date, end: date, **filters) -> Counts:
    """The counts computed the slow, obvious way: every dossier, in Python."""
    today = clock.today()
    c = Counter()
    procedures, online_procedures = set(), set()
    rows = Dossier.objects.filter(received_on__isnull=False, **filters).select_related("procedure")
    for d in rows.prefetch_related("components", "fees", "results"):
        many = d.supplement_requests > 1
        if start <= d.received_on <= end:
            comps, fees = list(d.components.all()), [f for f in d.fees.all() if f.amount > 0]
            online, full = d.channel == "online", d.procedure.online_level == "full"
            c["received"] += 1
            c["received_online"] += online
            c["received_full_eligible"] += full
            c["received_full_online"] += full and online
            c["digitised"] += any(x.digitised for x in comps)
            c["from_store"] += any(x.from_store for x in comps)
            c["from_population"] += any(x.from_population for x in comps)
            c["reused"] += any(x.from_store or x.from_population for x in comps)
            c["with_fees"] += bool(fees)
            c["paid_online"] += bool(fees) and all(f.paid_at and f.paid_online for f in fees)
            c["supplement_requested"] += d.supplement_requests > 0
            c["multi_supplement"] += many
            c["extended"] += d.extensions > 0
            procedures.add(d.procedure_id)
            if d.procedure.online_level:
                online_procedures.add(d.procedure_id)
            if d.finished_at is None:
                c["open"] += 1
                c["open_within_time"] += not many and (d.appointment_on is None or d.appointment_on >= today)
        if d.finished_at and start <= d.finished_at.astimezone(LOCAL_TIME).date() <= end:
            on_time = d.outcome in ("early", "on_time") and not many
            processed = d.status in ("signed", "returned")
            c["finished"] += 1
            c["finished_on_time"] += on_time
            c["finished_late"] += not on_time
            c[d.status if d.status in ("withdrawn", "refused", "stopped") else "other"] += 1
            c["processed"] += processed
            c["e_results"] += processed and bool(list(d.results.all()))
            c["rated"] += d.satisfaction is not None
            c["rated_very"] += d.satisfaction == 3
            c["rated_satisfied"] += d.satisfaction == 2
            c["rated_unsatisfied"] += d.satisfaction == 1
            c["satisfaction_bad"] += d.satisfaction == 1 or not on_time
    c["procedures_used"], c["procedures_online"] = len(procedures), len(online_procedures)
    return Counts(**{name: int(c[name]) for name in Counts.names()})


def _admin():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="admin")


def _rollup_counts(start, end) -> Counts:
    return counts_for(Filters(start=start, end=end), province_scope())


def test_rebuilt_rollups_equal_the_raw_figures_on_the_demo_data(demo):
    rollups.rebuild()
    assert DossierFact.objects.count() == Dossier.objects.count()
    raw = raw_counts(*EVERYTHING)
    assert raw.received > 150 and raw.finished > 50 and raw.open > 10 and raw.finished_late > 0
    assert _rollup_counts(*EVERYTHING) == raw
    today = clock.today()
    for start, end in (
        (today - timedelta(days=30), today),
        (today - timedelta(days=90), today - timedelta(days=31)),
    ):
        assert _rollup_counts(start, end) == raw_counts(start, end)


def test_rollups_per_agency_equal_the_raw_figures(demo):
    rollups.rebuild()
    by_agency = counts_by(Filters(start=EVERYTHING[0], end=EVERYTHING[1]), province_scope(), by="agency")
    assert len(by_agency) >= 3
    for agency_id, counts in by_agency.items():
        assert counts == raw_counts(*EVERYTHING, competent_agency_id=agency_id)


def test_the_job_from_the_first_event_builds_the_same_rollups_as_a_rebuild(demo):
    assert rollups.process_new_events(limit=100) == DossierEvent.objects.count()
    incremental = _rollup_counts(*EVERYTHING)
    daily = set(DailyRollup.objects.values_list("day", "agency_id", "procedure_id", "channel", "received"))
    rollups.rebuild()
    assert _rollup_counts(*EVERYTHING) == incremental == raw_counts(*EVERYTHING)
    assert daily == set(
        DailyRollup.objects.values_list("day", "agency_id", "procedure_id", "channel", "received")
    )


def test_new_events_are_added_once_and_a_second_run_adds_nothing(demo):
    rollups.rebuild()
    before = _rollup_counts(*EVERYTHING)
    assert rollups.process_new_events() == 0  # the rebuild moved the cursor to the last event
    dossier = Dossier.objects.filter(status="processing", supplement_requests=0).first()
    dossier_services.withdraw_dossier(dossier=dossier, by=_admin(), reason="Người nộp rút hồ sơ")
    assert rollups.process_new_events() == 1
    after = _rollup_counts(*EVERYTHING)
    assert (after.finished, after.withdrawn, after.open) == (
        before.finished + 1,
        before.withdrawn + 1,
        before.open - 1,
    )
    assert after == raw_counts(*EVERYTHING)
    assert rollups.process_new_events() == 0
    # Taking the same events in again (cursor moved back) changes nothing either.
    RollupCursor.objects.update(last_event_id=0)
    assert rollups.process_new_events() == DossierEvent.objects.count()
    assert _rollup_counts(*EVERYTHING) == after


def test_rows_that_fall_to_zero_are_removed(demo):
    rollups.rebuild()
    dossier = Dossier.objects.filter(status="processing").order_by("id").first()
    key = {"agency_id": dossier.competent_agency_id, "received_on": dossier.received_on}
    assert OpenRollup.objects.filter(**key).exists()
    alone = list(OpenRollup.objects.filter(**key).values_list("count", flat=True))
    dossier_services.withdraw_dossier(dossier=dossier, by=_admin(), reason="rút")
    rollups.process_new_events()
    assert sum(OpenRollup.objects.filter(**key).values_list("count", flat=True)) == sum(alone) - 1
    assert not OpenRollup.objects.filter(count=0).exists()
    assert not DailyRollup.objects.filter(received=0, finished=0).exists()


def test_rebuild_of_a_period_recomputes_only_its_dossiers(demo):
    rollups.rebuild()
    today = clock.today()
    DailyRollup.objects.filter(day=today).delete()  # damage the rows of today …
    DossierFact.objects.filter(received_on=today).delete()
    out = StringIO()
    call_command("rebuild_rollups", "--from", today.isoformat(), "--to", today.isoformat(), stdout=out)
    assert "dossiers rolled up" in out.getvalue()
    assert _rollup_counts(today, today) == raw_counts(today, today)


def test_the_command_refuses_bad_dates():
    with pytest.raises(CommandError, match="not a date"):
        call_command("rebuild_rollups", "--from", "2025-13-01", "--to", "2025-12-31")
    with pytest.raises(CommandError, match="both"):
        call_command("rebuild_rollups", "--from", "2025-01-01")
    with pytest.raises(CommandError, match="before"):
        call_command("rebuild_rollups", "--from", "2025-02-01", "--to", "2025-01-01")


def test_the_job_is_registered_every_minute():
    from motcua.core import schedule

    job = next(j for j in schedule.jobs() if j.name == "reporting.rollup")
    assert job.every == timedelta(minutes=1)
