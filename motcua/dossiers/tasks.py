"""Background jobs of the dossier engine. Thin: load by id, call a service; safe to repeat."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from motcua.dossiers.services.slips import store_slip


@task(queue_name="default")
def generate_slip(*, dossier_id: int, kind: str, event_seq: int, details: dict[str, Any]) -> str:
    return store_slip(dossier_id=dossier_id, kind=kind, event_seq=event_seq, details=details).sha256
