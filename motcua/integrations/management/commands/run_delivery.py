"""Deliver the outbox in a loop: a batch, and a short sleep whenever nothing was due."""

from __future__ import annotations

import logging
import signal
import time
from dataclasses import replace
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from motcua.integrations.delivery import DEFAULT_POLICY, deliver_due

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Deliver due outbox messages to the national and sector systems until stopped."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--once", action="store_true", help="deliver what is due now, then exit")
        parser.add_argument("--interval", type=float, default=2.0, help="seconds to wait when idle")
        parser.add_argument("--batch", type=int, default=100, help="messages claimed at a time")
        parser.add_argument("--timeout", type=float, default=DEFAULT_POLICY.timeout, help="seconds per call")
        parser.add_argument(
            "--lease",
            type=float,
            default=DEFAULT_POLICY.lease.total_seconds(),
            help="seconds a claimed message is held before another worker may take it (> --timeout)",
        )

    def handle(
        self, *args, once: bool, interval: float, batch: int, timeout: float, lease: float, **options
    ) -> None:
        if not 0 < timeout < lease:
            raise CommandError("--timeout must be positive and shorter than --lease")
        policy = replace(DEFAULT_POLICY, timeout=timeout, lease=timedelta(seconds=lease))
        self.stopping = False
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        while not self.stopping:
            try:
                report = deliver_due(limit=batch, policy=policy)
            except DatabaseError:  # the database restarting must not end the loop
                logger.exception("outbox delivery pass failed; trying again in %s s", interval)
                if once:
                    raise
                self.sleep(interval)
                continue
            if report.claimed:
                self.stdout.write(
                    f"outbox: {report.claimed} claimed, {report.acknowledged} acknowledged, "
                    f"{report.failed} failed, {report.dead} dead"
                )
            if once and not report.full:
                break
            if not report.full:
                self.sleep(interval)

    def stop(self, signum: int, frame: object) -> None:
        self.stopping = True

    def sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(min(0.2, seconds))
