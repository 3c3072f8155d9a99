from django.contrib import admin

from motcua.core.admin_audit import AuditedAdminMixin
from motcua.core.models import ApiToken, AuditEntry, ScheduledJob


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("seq", "at", "actor", "action", "object_type", "object_id")
    list_filter = ("action", "object_type")
    search_fields = ("actor", "object_id", "action")

    def has_add_permission(self, request) -> bool:  # noqa: ANN001
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("prefix", "user", "name", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "digest", "created_at", "last_used_at")
    raw_id_fields = ("user",)

    def has_add_permission(self, request) -> bool:  # noqa: ANN001
        return False  # tokens are issued with `manage.py create_api_token`


@admin.register(ScheduledJob)
class ScheduledJobAdmin(admin.ModelAdmin):
    """Read-only: the scheduler writes these rows; `run_scheduler --run JOB` runs one now."""

    list_display = ("name", "next_run_at", "last_finished_at", "last_summary", "last_error")
    readonly_fields = (
        "name",
        "next_run_at",
        "last_started_at",
        "last_finished_at",
        "last_summary",
        "last_error",
    )

    def has_add_permission(self, request) -> bool:  # noqa: ANN001
        return False
