"""Read-only lists of payments, mismatches and daily reports; mismatches can be marked resolved."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from motcua.payments.models import Payment, PaymentMismatch, ReconciliationReport
from motcua.payments.services import resolve_mismatch


class ReadOnlyAdmin(admin.ModelAdmin):
    list_per_page = 50

    def get_readonly_fields(self, request: Any, obj: Any = None) -> list[str]:
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ("reference", "dossier", "method", "channel", "amount", "state", "created_at", "paid_at")
    list_filter = ("state", "method", "channel")
    search_fields = ("reference", "platform_ref", "dossier__code")
    list_select_related = ("dossier",)
    date_hierarchy = "created_at"


@admin.register(PaymentMismatch)
class PaymentMismatchAdmin(ReadOnlyAdmin):
    list_display = ("day", "kind", "platform_ref", "expected_amount", "platform_amount", "resolved")
    list_filter = ("resolved", "kind")
    search_fields = ("platform_ref", "payment__reference", "payment__dossier__code")
    list_select_related = ("payment",)
    date_hierarchy = "day"
    actions = ["mark_resolved"]

    @admin.action(description=_("Mark the selected mismatches resolved"), permissions=["change"])
    def mark_resolved(self, request: Any, queryset: Any) -> None:
        done = 0
        for mismatch in queryset.filter(resolved=False).order_by("id"):
            resolve_mismatch(mismatch_id=mismatch.pk, by=request.user, resolution=str(_("settled by hand")))
            done += 1
        self.message_user(
            request,
            ngettext("%(count)d mismatch resolved.", "%(count)d mismatches resolved.", done)
            % {"count": done},
            messages.SUCCESS,
        )


@admin.register(ReconciliationReport)
class ReconciliationReportAdmin(ReadOnlyAdmin):
    list_display = ("day", "platform_count", "platform_total", "local_count", "local_total", "mismatches")
    date_hierarchy = "day"
