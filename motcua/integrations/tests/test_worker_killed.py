"""Kill the delivery worker in the middle of a delivery, restart it: nothing lost, nothing applied twice.

The worker is a real ``run_delivery`` process talking over HTTP (live mode) to the
national portal simulator served in this process; it is killed with SIGKILL while calls
are in flight, so claimed messages have no outcome written. A second worker takes them
again once their lease runs out and sends them with the same idempotency key.
"""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction

from motcua.integrations.models import DeliveryState, OutboxMessage
from motcua.integrations.services import enqueue_message
from motcua.integrations.simulator_server import make_server

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]
MESSAGES = 40


def payload(n: int) -> dict:
    return {
        "code": f"H14-260302-{n:04d}",
        "procedure": "1.004884",
        "event_seq": 2,
        "action": "receive",
        "status": "received",
        "at": "2026-03-02T09:00:00+07:00",
        "channel": 1,
    }


@pytest.fixture
def portal_url(simulator):
    simulator.latency = 0.15  # calls in flight long enough to be cut
    server = make_server(simulator, host="127.0.0.1", port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def start_worker(url: str) -> subprocess.Popen:
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "INTEGRATIONS_MODE": "live",
        "NATIONAL_PORTAL_URL": url,
    }
    command = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "run_delivery"]
    options = ["--batch", "5", "--interval", "0.1", "--timeout", "1", "--lease", "2"]
    return subprocess.Popen([*command, *options], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_a_killed_worker_loses_nothing_and_applies_nothing_twice(portal_url, simulator):
    with transaction.atomic():
        for n in range(MESSAGES):
            enqueue_message(
                system="national_portal",
                topic="dossier.status",
                key=f"national_portal:kill:{n}",
                ordering_key=f"dossier-{n % 7}",
                payload=payload(n),
            )
    first = start_worker(portal_url)
    assert wait_for(lambda: len(simulator.received) >= 8, 30), first.stderr.read1().decode()
    first.kill()  # SIGKILL: no clean-up, calls in flight
    first.wait()
    cut_short = OutboxMessage.objects.exclude(state=DeliveryState.ACKNOWLEDGED).filter(attempts__gt=0).count()

    second = start_worker(portal_url)
    try:
        done = wait_for(
            lambda: not OutboxMessage.objects.exclude(state=DeliveryState.ACKNOWLEDGED).exists(), 60
        )
    finally:
        second.terminate()
        second.wait(timeout=15)
    assert done, "the restarted worker did not finish the outbox"
    assert cut_short > 0  # the kill did land in the middle of deliveries
    assert len(simulator.received) == MESSAGES  # every message applied, each once
    keys = [call.key for call in simulator.calls if call.status == 200 and not call.duplicate]
    assert sorted(keys) == sorted(f"national_portal:kill:{n}" for n in range(MESSAGES))
