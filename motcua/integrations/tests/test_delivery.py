"""Outbox delivery against the in-process national portal, with real dossier messages."""

import random
from datetime import timedelta

import pytest

from motcua.core.models import AuditEntry
from motcua.dossiers import services
from motcua.dossiers.tests.helpers import at, desk_dossier, frozen, user
from motcua.integrations import delivery
from motcua.integrations.delivery import DeliveryPolicy, deliver_due
from motcua.integrations.errors import NotADeadLetter
from motcua.integrations.models import OutboxMessage
from motcua.integrations.selectors import dead_letters, messages_for, sync_state_for
from motcua.integrations.services import replay_message

pytestmark = pytest.mark.django_db

PORTAL = "national_portal"
DESK = "thucphan.motcua"


def _received_dossier():
    dossier = desk_dossier()
    return services.receive_dossier(dossier=dossier, by=user(DESK))


def _deliver(**kw):
    return deliver_due(rng=random.Random(8), **kw)


def _states(dossier):
    return list(messages_for(ordering_key=str(dossier.reference)).values_list("state", flat=True))


def test_a_dossier_action_reaches_the_portal(demo_catalog, simulator):
    with frozen(2026, 3, 2, 9, 0):
        dossier = _received_dossier()
        report = _deliver()
    assert (report.claimed, report.acknowledged) == (1, 1)
    [held] = simulator.statuses(dossier.code)
    assert (held["TrangThaiHoSo"], held["ThoiDiemSuKien"], held["NgayHenTra"]) == (
        2,
        "20260302090000",
        "20260309",
    )
    message = messages_for(ordering_key=str(dossier.reference)).get()
    assert list(simulator.received) == [message.key]
    assert (message.state, message.attempts, message.delivered_at) == (
        "acknowledged",
        1,
        at(2026, 3, 2, 9, 0),
    )
    sync = sync_state_for(system=PORTAL, ordering_key=str(dossier.reference))
    assert (sync.state, sync.last_acknowledged_key, sync.last_acknowledged_seq) == (
        "acknowledged",
        message.key,
        message.payload["event_seq"],
    )


def test_an_hour_long_outage_blocks_nothing_and_the_backlog_drains_in_order(demo_catalog, simulator):
    simulator.outages = [(at(2026, 3, 2, 9, 0), at(2026, 3, 2, 10, 0))]
    with frozen(2026, 3, 2, 9, 0) as clock:
        dossier = _received_dossier()
        other = _received_dossier()
        for minute in range(60):
            if minute == 20:  # the desk keeps working while the portal is down
                services.assign_dossier(dossier=dossier.code, by=user(DESK))
                services.complete_step(dossier=dossier.code, by=user("thucphan.xuly"), note="Hợp lệ")
            _deliver()
            clock.tick(timedelta(minutes=1))
        assert simulator.received == {}
        assert _states(dossier) == ["failed", "pending", "pending"]  # only the head was tried
        assert sync_state_for(system=PORTAL, ordering_key=str(dossier.reference)).state == "failed"
        for _ in range(20):  # recovery: passes every 10 minutes (the backoff cap)
            _deliver()
            clock.tick(timedelta(minutes=10))
    assert _states(dossier) == ["acknowledged"] * 3
    assert _states(other) == ["acknowledged"]
    seqs = [body["ThuTuSuKien"] for body in simulator.statuses(dossier.code)]
    assert seqs == sorted(seqs) and len(seqs) == 3
    assert [body["TrangThaiHoSo"] for body in simulator.statuses(dossier.code)] == [2, 4, 4]
    assert sync_state_for(system=PORTAL, ordering_key=str(dossier.reference)).state == "acknowledged"


def test_message_two_waits_while_message_one_backs_off(demo_catalog, simulator):
    with frozen(2026, 3, 2, 9, 0):
        dossier = _received_dossier()
        simulator.down = True
        _deliver()
        simulator.down = False
        services.assign_dossier(dossier=dossier.code, by=user(DESK))
        report = _deliver(now=at(2026, 3, 2, 9, 0))  # the first is not due again yet
    assert report.claimed == 0
    assert _states(dossier) == ["failed", "pending"]


def test_a_terminal_error_goes_dead_at_once_and_replay_delivers_it(demo_catalog, simulator):
    with frozen(2026, 3, 2, 9, 0):
        dossier = _received_dossier()
        simulator.refuse_codes = {dossier.code}
        report = _deliver()
        assert report.dead == 1
        [dead] = dead_letters(system=PORTAL)
        assert (dead.attempts, dead.state) == (1, "dead")
        assert "HTTP 422" in dead.last_error
        sync = sync_state_for(system=PORTAL, ordering_key=str(dossier.reference))
        assert (sync.state, sync.last_acknowledged_key) == ("dead", "")
        simulator.refuse_codes = set()
        replayed = replay_message(message_id=dead.pk, by="operator")
        assert (replayed.state, replayed.replayed_at) == ("pending", at(2026, 3, 2, 9, 0))
        assert sync_state_for(system=PORTAL, ordering_key=str(dossier.reference)).state == "pending"
        assert _deliver().acknowledged == 1
    entry = AuditEntry.objects.filter(action="integrations.replay").get()
    assert (entry.object_id, entry.actor, entry.data["key"]) == (str(dead.pk), "operator", dead.key)
    assert sync_state_for(system=PORTAL, ordering_key=str(dossier.reference)).state == "acknowledged"
    assert len(simulator.statuses(dossier.code)) == 1
    with pytest.raises(NotADeadLetter):
        replay_message(message_id=dead.pk, by="operator")


def test_a_dead_letter_does_not_hold_back_later_messages(demo_catalog, simulator):
    with frozen(2026, 3, 2, 9, 0):
        dossier = _received_dossier()
        simulator.refuse_codes = {dossier.code}
        _deliver()
        simulator.refuse_codes = set()
        services.assign_dossier(dossier=dossier.code, by=user(DESK))
        _deliver()
    assert _states(dossier) == ["dead", "acknowledged"]
    assert sync_state_for(system=PORTAL, ordering_key=str(dossier.reference)).state == "dead"


def test_retries_stop_when_the_time_budget_is_spent(demo_catalog, simulator):
    policy = DeliveryPolicy(budget=timedelta(minutes=30))
    simulator.down = True
    with frozen(2026, 3, 2, 9, 0) as clock:
        dossier = _received_dossier()
        for _ in range(60):
            _deliver(policy=policy)
            clock.tick(timedelta(minutes=1))
    [message] = messages_for(ordering_key=str(dossier.reference))
    assert message.state == "dead"
    assert message.last_error.startswith(
        "time budget of 0:30:00 spent; last error: RetryableError: connection"
    )
    assert message.attempts > 3


def test_a_crash_between_the_remote_call_and_the_commit_is_applied_once(demo_catalog, simulator, monkeypatch):
    with frozen(2026, 3, 2, 9, 0) as clock:
        dossier = _received_dossier()

        def killed(*args, **kwargs):
            raise KeyboardInterrupt("worker killed")

        with monkeypatch.context() as patch:
            patch.setattr(delivery, "record_outcomes", killed)
            with pytest.raises(KeyboardInterrupt):
                _deliver()
        assert len(simulator.received) == 1  # the portal has it; we never recorded that
        assert _states(dossier) == ["pending"]
        assert _deliver().claimed == 0  # leased: no one sends it again before the lease ends
        clock.tick(delivery.DEFAULT_POLICY.lease)
        assert _deliver().acknowledged == 1
    assert [call.duplicate for call in simulator.calls] == [False, True]
    assert len(simulator.statuses(dossier.code)) == 1
    assert _states(dossier) == ["acknowledged"]


def test_an_unknown_system_is_a_dead_letter(db, simulator):
    from django.db import transaction

    from motcua.integrations.services import enqueue_message

    with transaction.atomic():
        enqueue_message(system="nowhere", topic="x", key="nowhere:1", payload={})
    assert _deliver().dead == 1
    assert OutboxMessage.objects.get().last_error == "UnknownSystem: nowhere"
