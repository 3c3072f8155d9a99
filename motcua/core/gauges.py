from motcua.core import metrics
from motcua.core.models import AuditEntry


def _tasks_waiting() -> float:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status="READY").count()


def register() -> None:
    metrics.register_gauge(
        "motcua_audit_entries", "Entries in the audit trail.", lambda: AuditEntry.objects.count()
    )
    metrics.register_gauge("motcua_tasks_waiting", "Background jobs waiting for a worker.", _tasks_waiting)
