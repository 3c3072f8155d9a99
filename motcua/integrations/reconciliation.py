"""Does the national portal hold what we hold? Compare, dossier by dossier, and keep the report.

The caller (the dossier engine) hands over, per dossier, the status payload of its latest
event — what the last ``dossier.status`` message carried. Each is mapped to the portal's
fields and compared with the record the portal returns for the code: nothing there is
*missing*, an older event there is *stale*, the same event with different facts is
*conflicting*. The run stops (and says why) if the portal cannot be reached: a partial
comparison must not look like "no differences".
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date
from typing import Any

from motcua.core import clock
from motcua.integrations.base import DeliveryError, registry
from motcua.integrations.models import DifferenceKind, ReconciliationDifference, ReconciliationRun
from motcua.integrations.national_portal.adapter import SYSTEM, status_to_wire

logger = logging.getLogger(__name__)

SEQUENCE = "ThuTuSuKien"
# The facts the portal scores and shows; compared when both sides are at the same event.
COMPARED = ("MaTTHC", "TrangThaiHoSo", "KenhThucHien", "NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy")
BATCH = 200


def reconcile_national_portal(
    *, start: date, end: date, expected: Iterable[tuple[str, dict[str, Any]]], triggered_by: str
) -> ReconciliationRun:
    """Compare each (dossier reference, latest status payload) with the portal; the stored run."""
    run = ReconciliationRun.objects.create(
        system=SYSTEM, period_start=start, period_end=end, started_at=clock.now(), triggered_by=triggered_by
    )
    adapter = registry.get(SYSTEM)
    found: list[ReconciliationDifference] = []
    try:
        for ordering_key, payload in expected:
            ours = status_to_wire(payload)
            theirs = adapter.holding(ours["MaHoSo"])
            difference = compare(ours, theirs)
            run.checked += 1
            if difference:
                kind, fields = difference
                setattr(run, kind, getattr(run, kind) + 1)
                found.append(_difference(run, ordering_key, kind, fields, ours, theirs))
            if len(found) >= BATCH:
                ReconciliationDifference.objects.bulk_create(found)
                found = []
    except DeliveryError as error:
        logger.warning("reconciliation with the national portal stopped: %s", error)
        run.error = f"{type(error).__name__}: {error}"[:2000]
    ReconciliationDifference.objects.bulk_create(found)
    run.finished_at = clock.now()
    run.save()
    return run


def compare(ours: dict[str, Any], theirs: dict[str, Any] | None) -> tuple[str, list[str]] | None:
    """``(kind, fields)`` when the portal's record differs from ours, else None."""
    if theirs is None:
        return DifferenceKind.MISSING.value, []
    fields = [name for name in COMPARED if theirs.get(name) != ours.get(name)]
    their_seq, our_seq = theirs.get(SEQUENCE) or 0, ours[SEQUENCE]
    if their_seq < our_seq:
        return DifferenceKind.STALE.value, [SEQUENCE, *fields]
    if their_seq > our_seq:  # the portal knows of an event we do not: never expected
        return DifferenceKind.CONFLICTING.value, [SEQUENCE, *fields]
    return (DifferenceKind.CONFLICTING.value, fields) if fields else None


def _difference(
    run: ReconciliationRun, key: str, kind: str, fields: list[str], ours: dict, theirs: dict | None
) -> ReconciliationDifference:
    shown = (SEQUENCE, "MaHoSo", *COMPARED)
    return ReconciliationDifference(
        run=run,
        dossier_code=ours["MaHoSo"],
        ordering_key=key,
        kind=kind,
        fields=fields,
        ours={name: ours.get(name) for name in shown},
        theirs={name: theirs.get(name) for name in shown} if theirs else {},
    )
