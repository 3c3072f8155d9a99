from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from motcua.core.errors import MotcuaError
from motcua.integrations.models import OutboxMessage, PortalSubmission, SyncState
from motcua.integrations.services import replay_message


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ("id", "system", "topic", "key", "state", "attempts", "created_at", "next_attempt_at")
    list_filter = ("system", "state", "topic")
    search_fields = ("key", "ordering_key")
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]
    actions = ["replay"]

    def has_add_permission(self, request) -> bool:  # noqa: ANN001
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False

    @admin.action(description=_("Replay the selected dead letters"), permissions=["change"])
    def replay(self, request, queryset) -> None:  # noqa: ANN001
        done = 0
        for message in queryset.order_by("id"):
            try:
                replay_message(message_id=message.pk, by=request.user)
                done += 1
            except MotcuaError as error:
                self.message_user(request, f"{message.key}: {error.detail}", messages.WARNING)
        if done:
            self.message_user(
                request,
                ngettext(
                    "%(count)d message will be sent again.", "%(count)d messages will be sent again.", done
                )
                % {"count": done},
                messages.SUCCESS,
            )


@admin.register(SyncState)
class SyncStateAdmin(admin.ModelAdmin):
    list_display = ("system", "ordering_key", "state", "last_acknowledged_seq", "updated_at")
    list_filter = ("system", "state")
    search_fields = ("ordering_key",)
    readonly_fields = [f.name for f in SyncState._meta.fields]

    def has_add_permission(self, request) -> bool:  # noqa: ANN001
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False


@admin.register(PortalSubmission)
class PortalSubmissionAdmin(admin.ModelAdmin):
    """Dossiers taken from the national portal; the rejected ones (with why) to follow up."""

    list_display = ("external_id", "sequence", "procedure_code", "outcome", "reason", "received_at")
    list_filter = ("source", "outcome")
    search_fields = ("external_id", "procedure_code", "dossier_reference")
    readonly_fields = [f.name for f in PortalSubmission._meta.fields]

    def has_add_permission(self, request) -> bool:  # noqa: ANN001
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False
