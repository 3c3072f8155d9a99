"""The outbox at speed: what writing outbox rows adds to a dossier action, and the drain rate.

Run by hand (not in CI) against a PostgreSQL database of its own (created and migrated
when missing; its outbox is emptied first):

    .venv/bin/python bench/outbox_speed.py \\
        --database-url postgres://postgres@127.0.0.1:5432/motcua_outbox_bench \\
        [--actions 300] [--messages 20000] [--workers 4] [--batch 100]

1. **Cost per action**: seeds the demo catalog (no dossiers) once, then receives
   ``--actions`` desk dossiers and assigns them, timing ``queue_messages`` (every outbox
   row an action writes: the national portal's status, notifications, sector messages)
   inside the action's transaction, and the whole action next to it. The receipt slip's
   background job, which ``queue_messages`` also schedules, is timed apart.
2. **Drain rate**: writes ``--messages`` status messages over 5,000 dossiers (ordering
   keys), serves the national portal simulator as its own process (``run_simulator``),
   starts ``--workers`` ``run_delivery`` processes in live mode against it over loopback,
   and times until every message is acknowledged.

Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--actions", type=int, default=300)
    parser.add_argument("--messages", type=int, default=20000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--batch", type=int, default=100)
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        sys.exit("bench/outbox_speed.py measures PostgreSQL: pass a postgres:// URL")
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    _create_database(args.database_url)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    report = {"cost_per_action": _cost(args.actions), "drain": _drain(args)}
    print(json.dumps(report, indent=2))


def _create_database(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        if not conn.execute("select 1 from pg_database where datname = %s", (name,)).fetchone():
            conn.execute(f'create database "{name}"')


def _cost(actions: int) -> dict:
    from django.contrib.auth import get_user_model

    from motcua.agencies.services import load_admin_units
    from motcua.demo.services import seed_demo
    from motcua.dossiers import services
    from motcua.dossiers.services import acting
    from motcua.dossiers.services import messages as outbox_rows
    from motcua.dossiers.tests.helpers import desk_dossier

    if not get_user_model().objects.filter(username="thucphan.motcua").exists():
        load_admin_units()
        seed_demo(province_code="04", password="bench-only", with_dossiers=False)
    desk = get_user_model().objects.get(username="thucphan.motcua")
    spent: list[float] = []
    slips: list[float] = []
    real, real_slip = outbox_rows.queue_messages, outbox_rows.schedule_slip

    def timed(**kwargs: object) -> None:
        slips.append(0.0)
        started = time.perf_counter()
        real(**kwargs)
        spent.append(time.perf_counter() - started - slips[-1])

    def timed_slip(**kwargs: object) -> None:
        # The slip's background job is not an outbox row: timed apart and left out.
        started = time.perf_counter()
        real_slip(**kwargs)
        slips[-1] = time.perf_counter() - started

    acting.queue_messages = timed  # the name acting.perform calls
    outbox_rows.schedule_slip = timed_slip
    whole: list[float] = []
    try:
        for _ in range(actions):
            dossier = desk_dossier()
            started = time.perf_counter()
            dossier = services.receive_dossier(dossier=dossier, by=desk)
            whole.append(time.perf_counter() - started)
            started = time.perf_counter()
            services.assign_dossier(dossier=dossier.code, by=desk)
            whole.append(time.perf_counter() - started)
    finally:
        acting.queue_messages, outbox_rows.schedule_slip = real, real_slip
    outbox_ms = [s * 1000 for s in spent[-2 * actions :]]
    slip_ms = [s * 1000 for s in slips[-2 * actions :] if s]
    action_ms = [s * 1000 for s in whole]
    return {
        "actions": len(action_ms),
        "outbox_rows_ms": _summary(outbox_ms),
        "slip_job_ms": _summary(slip_ms),
        "whole_action_ms": _summary(action_ms),
    }


def _drain(args: argparse.Namespace) -> dict:
    from django.db import connection

    from motcua.core import clock
    from motcua.integrations.models import DeliveryState, OutboxMessage, SyncState

    OutboxMessage.objects.all().delete()
    SyncState.objects.all().delete()
    now = clock.now()
    rows = [
        OutboxMessage(
            system="national_portal",
            topic="dossier.status",
            key=f"bench:{n}",
            ordering_key=f"bench-dossier-{n % 5000}",
            payload=_payload(n),
            created_at=now,
            next_attempt_at=now,
        )
        for n in range(args.messages)
    ]
    OutboxMessage.objects.bulk_create(rows, batch_size=2000)
    connection.close()
    port = _free_port()
    manage = [sys.executable, str(ROOT / "manage.py")]
    simulator = subprocess.Popen([*manage, "run_simulator", "national-portal", "--port", str(port)])
    time.sleep(3)
    env = {**os.environ, "INTEGRATIONS_MODE": "live", "NATIONAL_PORTAL_URL": f"http://127.0.0.1:{port}"}
    worker = [*manage, "run_delivery", "--batch", str(args.batch), "--interval", "0.05"]
    started = time.perf_counter()
    workers = [subprocess.Popen(worker, env=env, stdout=subprocess.DEVNULL) for _ in range(args.workers)]
    curve = []
    try:
        while True:
            done = OutboxMessage.objects.filter(state=DeliveryState.ACKNOWLEDGED).count()
            curve.append((round(time.perf_counter() - started, 1), done))
            if done >= args.messages or time.perf_counter() - started > 900:
                break
            time.sleep(1)
    finally:
        for process in [*workers, simulator]:
            process.terminate()
        for process in [*workers, simulator]:
            process.wait(timeout=20)
    seconds = time.perf_counter() - started
    return {
        "messages": args.messages,
        "workers": args.workers,
        "batch": args.batch,
        "seconds": round(seconds, 1),
        "messages_per_second": round(done / seconds),
        "steady_rate": _steady(curve),
    }


def _steady(curve: list[tuple[float, int]]) -> int:
    """Messages per second between 10 % and 90 % done (start-up and tail left out)."""
    total = curve[-1][1]
    inside = [(t, n) for t, n in curve if 0.1 * total <= n <= 0.9 * total]
    if len(inside) < 2:
        return 0
    (t0, n0), (t1, n1) = inside[0], inside[-1]
    return round((n1 - n0) / (t1 - t0)) if t1 > t0 else 0


def _payload(n: int) -> dict:
    return {
        "code": f"H14-260302-{n:06d}",
        "procedure": "1.004884",
        "event_seq": n // 5000 + 1,
        "action": "receive",
        "status": "received",
        "at": "2026-03-02T09:00:00+07:00",
        "channel": 1,
    }


def _summary(values: list[float]) -> dict:
    values = sorted(values)
    return {
        "p50": round(statistics.median(values), 2),
        "p95": round(values[int(len(values) * 0.95) - 1], 2),
        "mean": round(statistics.fmean(values), 2),
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


if __name__ == "__main__":
    main()
