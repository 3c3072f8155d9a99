from django.contrib import admin

from motcua.integrations.models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ("id", "system", "topic", "key", "state", "attempts", "created_at", "next_attempt_at")
    list_filter = ("system", "state", "topic")
    search_fields = ("key", "ordering_key")
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]

    def has_add_permission(self, request) -> bool:  # noqa: ANN001
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False
