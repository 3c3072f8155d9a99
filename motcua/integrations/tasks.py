"""Background jobs of the integrations app. Thin: deliver a batch, log, go again if needed."""

from __future__ import annotations

import logging

from django_tasks import task

from motcua.integrations.delivery import deliver_due

logger = logging.getLogger(__name__)

BATCH = 100


@task(queue_name="integrations")
def deliver_outbox(limit: int = BATCH) -> dict:
    """Deliver one batch of due outbox messages; enqueue itself again while batches are full.

    Safe to run many times at once: claims skip what another worker holds.
    """
    report = deliver_due(limit=limit)
    if report.claimed:
        logger.info(
            "outbox: %s claimed, %s acknowledged, %s failed, %s dead",
            report.claimed,
            report.acknowledged,
            report.failed,
            report.dead,
        )
    if report.full:
        deliver_outbox.enqueue(limit=limit)
    return {
        "claimed": report.claimed,
        "acknowledged": report.acknowledged,
        "sent": report.sent,
        "failed": report.failed,
        "dead": report.dead,
    }
