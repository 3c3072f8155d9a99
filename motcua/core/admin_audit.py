"""Configuration changed in /admin/ lands in the audit trail like any other change."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet
from django.http import HttpRequest

from motcua.core.audit import record_audit


class AuditedAdminMixin:
    """For a ModelAdmin: one audit entry per save or delete (Django's views are atomic)."""

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        _record(
            request,
            obj,
            "updated" if change else "created",
            {"fields": sorted(form.changed_data)} if change else {},
        )

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        _record(request, obj, "deleted", {"was": str(obj)})
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for obj in queryset:
            _record(request, obj, "deleted", {"was": str(obj)})
        super().delete_queryset(request, queryset)


def _record(request: HttpRequest, obj: Model, verb: str, data: dict) -> None:
    name = obj._meta.model_name
    record_audit(
        actor=request.user, action=f"{name}.{verb}_in_admin", object_type=name, object_id=obj.pk, data=data
    )
