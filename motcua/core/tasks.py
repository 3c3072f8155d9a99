"""Background jobs of the core. Thin: call a function, log its outcome."""

from __future__ import annotations

import logging

from django_tasks import task

from motcua.core.audit import verify_audit_chain

logger = logging.getLogger(__name__)


@task(queue_name="reports")
def verify_audit_chain_job() -> dict:
    """Verify the audit chain in the background (scheduled nightly by operators)."""
    report = verify_audit_chain()
    if report.ok:
        logger.info("audit chain intact: %s entries", report.checked)
        return {"ok": True, "checked": report.checked}
    broken = report.first_break
    logger.error("audit chain broken at entry #%s: %s", broken.seq, broken.reason)
    return {"ok": False, "checked": report.checked, "broken_seq": broken.seq, "reason": broken.reason}
