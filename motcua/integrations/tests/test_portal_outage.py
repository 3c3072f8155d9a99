"""The national portal down for an hour: desks keep working, nothing is lost, the report agrees.

Fault test of issue 8: dossiers are received and processed while the simulated portal is
in an outage window; delivery keeps failing (retryable) without blocking anything; after
the window the backlog drains and reconciliation finds no difference. Also: a portal that
lost a dossier or holds a stale status shows up in the report, and a resync repairs it.
"""

from datetime import timedelta

import pytest

from motcua.core import clock
from motcua.dossiers import services
from motcua.dossiers.tests.helpers import at, desk_dossier, user
from motcua.integrations.delivery import deliver_due
from motcua.integrations.models import DeliveryState, OutboxMessage
from motcua.integrations.selectors import differences_of

pytestmark = pytest.mark.django_db
PORTAL = OutboxMessage.objects.filter(system="national_portal")
DESK, HANDLER = "thucphan.motcua", "thucphan.xuly"
DAY = at(2026, 3, 2, 0, 0).date()


def receive_and_process(count: int, *, start) -> list[str]:
    codes = []
    with clock.frozen(start) as frozen:
        for _ in range(count):
            dossier = services.receive_dossier(dossier=desk_dossier(), by=user(DESK))
            services.assign_dossier(dossier=dossier.code, by=user(DESK))
            frozen.tick(timedelta(minutes=5))
            codes.append(dossier.code)
        services.complete_step(dossier=codes[0], by=user(HANDLER), note="Hồ sơ hợp lệ")
    return codes


def drain(*, start, until, step=timedelta(minutes=1)):
    """Run the delivery loop minute by minute from ``start`` to ``until``."""
    now = start
    while now <= until:
        with clock.frozen(now):
            while deliver_due(limit=100, now=now).full:
                pass
        now += step


def reconcile():
    with clock.frozen(at(2026, 3, 2, 15, 0)):
        return services.reconcile_with_national_portal(start=DAY, end=DAY, triggered_by="test")


def test_an_hour_of_outage_blocks_nothing_and_the_backlog_drains_to_zero_differences(demo_catalog, simulator):
    simulator.outages = [(at(2026, 3, 2, 9, 0), at(2026, 3, 2, 10, 0))]
    with clock.frozen(at(2026, 3, 2, 8, 55)):
        assert desk_dossier().code is None  # submitted, not yet received: the portal cannot know it
    codes = receive_and_process(6, start=at(2026, 3, 2, 9, 0))  # every desk action went through
    drain(start=at(2026, 3, 2, 9, 0), until=at(2026, 3, 2, 9, 59))
    assert not PORTAL.filter(state=DeliveryState.ACKNOWLEDGED).exists()
    assert PORTAL.filter(state=DeliveryState.FAILED).count() == 6  # one head per dossier
    assert simulator.received == {}

    during = reconcile_at(at(2026, 3, 2, 9, 30))
    assert during.error and "outage" in during.error  # an unreachable portal is not "no differences"

    drain(start=at(2026, 3, 2, 10, 0), until=at(2026, 3, 2, 10, 45))
    assert set(PORTAL.values_list("state", flat=True)) == {DeliveryState.ACKNOWLEDGED}
    assert len(simulator.received) == PORTAL.count() == 6 * 2 + 1
    run = reconcile()
    assert (run.error, run.checked, run.differences_count) == ("", 6, 0)
    assert {simulator.holding(code)["ThuTuSuKien"] for code in codes} == {3, 4}


def reconcile_at(moment):
    with clock.frozen(moment):
        return services.reconcile_with_national_portal(start=DAY, end=DAY, triggered_by="test")


def test_a_lost_or_stale_record_is_reported_and_a_resync_repairs_it(demo_catalog, simulator):
    first, second, _third = receive_and_process(3, start=at(2026, 3, 2, 9, 0))
    drain(start=at(2026, 3, 2, 9, 0), until=at(2026, 3, 2, 9, 20))
    simulator.received = {k: v for k, v in simulator.received.items() if v["MaHoSo"] != first}  # lost
    stale = [k for k, v in simulator.received.items() if v["MaHoSo"] == second and v["ThuTuSuKien"] == 3]
    del simulator.received[stale[0]]  # the portal missed the last event
    run = reconcile()
    kinds = {d.dossier_code: (d.kind, d.fields) for d in differences_of(run)}
    assert kinds == {
        first: ("missing", []),
        second: ("stale", ["ThuTuSuKien", "TrangThaiHoSo"]),
    }  # received, not processing
    assert (run.missing, run.stale, run.conflicting, run.checked) == (1, 1, 0, 3)

    with clock.frozen(at(2026, 3, 2, 15, 0)):
        for difference in differences_of(run):
            services.resync_with_national_portal(
                code=difference.dossier_code, by="admin", difference_id=difference.pk
            )
    assert all(d.resynced_at for d in differences_of(run))
    drain(start=at(2026, 3, 2, 15, 0), until=at(2026, 3, 2, 15, 2))
    assert reconcile().differences_count == 0


def test_the_daily_job_reconciles_yesterday_and_today(demo_catalog, simulator):
    from django.core.management import call_command

    from motcua.integrations.models import ReconciliationRun

    receive_and_process(2, start=at(2026, 3, 2, 9, 0))
    drain(start=at(2026, 3, 2, 9, 0), until=at(2026, 3, 2, 9, 20))
    with clock.frozen(at(2026, 3, 3, 1, 0)):
        call_command("run_scheduler", "--run", "dossiers.reconcile_national_portal")
    run = ReconciliationRun.objects.get(triggered_by="schedule")
    assert (str(run.period_start), str(run.period_end), run.checked, run.differences_count) == (
        "2026-03-02",
        "2026-03-03",
        2,
        0,
    )
