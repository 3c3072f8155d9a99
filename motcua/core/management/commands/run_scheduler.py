"""Run the periodic jobs (reconciliation, back-fills, rollups) in a loop until stopped."""

from __future__ import annotations

import logging
import signal
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from motcua.core.schedule import jobs, run_due, run_job

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run motcua's periodic jobs when they are due (safe to run on several machines at once)."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--once", action="store_true", help="run what is due now, then exit")
        parser.add_argument("--interval", type=float, default=20.0, help="seconds between passes")
        parser.add_argument("--list", action="store_true", help="list the jobs and exit")
        parser.add_argument("--run", metavar="JOB", help="run one job now, due or not, then exit")

    def handle(self, *args, once: bool, interval: float, list: bool, run: str | None, **options) -> None:
        if list:
            for job in jobs():
                self.stdout.write(f"{job.name}\tevery {job.every}\t{job.description}")
            return
        if run:
            self.run_one(run)
            return
        self.stopping = False
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        while not self.stopping:
            try:
                for name in run_due():
                    self.stdout.write(f"ran {name}")
            except DatabaseError:  # the database restarting must not end the loop
                logger.exception("scheduler pass failed; trying again in %s s", interval)
                if once:
                    raise
            if once:
                return
            self.sleep(interval)

    def run_one(self, name: str) -> None:
        job = next((job for job in jobs() if job.name == name), None)
        if job is None:
            known = ", ".join(job.name for job in jobs()) or "none"
            raise CommandError(f"no periodic job named {name!r} (known: {known})")
        outcome = run_job(job)
        self.stdout.write(f"{name}: {outcome or 'done'}")

    def sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(min(0.2, seconds))

    def stop(self, signum: int, frame: object) -> None:
        self.stopping = True
