from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import dateformat
from django.utils.translation import gettext_lazy as _

from motcua.core.admin_audit import AuditedAdminMixin
from motcua.dossiers import selectors
from motcua.dossiers.models import (
    CalendarDay,
    Competence,
    Dossier,
    DossierEvent,
    DossierStep,
    PersonalDataAccess,
)
from motcua.dossiers.services import log_personal_data_access


class YearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        years = CalendarDay.objects.dates("date", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request: HttpRequest, queryset: QuerySet[CalendarDay]) -> QuerySet[CalendarDay]:
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(date__year=int(value))
        return queryset


@admin.register(CalendarDay)
class CalendarDayAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """The province's own days off and make-up working days, over the national holidays."""

    list_display = ("date", "weekday", "kind", "name")
    list_filter = ("kind", YearFilter)
    search_fields = ("name", "note")
    ordering = ("date",)
    fields = ("date", "kind", "name", "note", "updated_at")
    readonly_fields = ("updated_at",)

    @admin.display(description=_("weekday"))
    def weekday(self, obj: CalendarDay) -> str:
        # Thứ Hai…Chủ nhật, in the interface language, to catch a swap typed on the wrong day.
        return dateformat.format(obj.date, "l")


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class StepInline(ReadOnlyInline):
    model = DossierStep
    fields = ("position", "name", "agency", "due_on", "started_at", "finished_at", "outcome")


class EventInline(ReadOnlyInline):
    model = DossierEvent
    fields = ("seq", "at", "action", "actor_name", "from_status", "to_status", "step_name", "note")


class ReadOnlyAdmin(admin.ModelAdmin):
    """History is written by the services only; the admin shows it."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Dossier)
class DossierAdmin(ReadOnlyAdmin):
    """Read-only: dossiers change only through the lifecycle actions, which keep the trail."""

    list_display = (
        "__str__",
        "procedure",
        "status",
        "channel",
        "current_agency",
        "received_on",
        "appointment_on",
    )
    list_filter = ("status", "channel")
    search_fields = ("code", "owner_name")
    list_select_related = ("procedure", "current_agency")
    show_full_result_count = False  # no COUNT(*) over a million rows on every page
    inlines = [StepInline, EventInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Dossier]:
        return selectors.visible_dossiers(request.user)

    def change_view(self, request: HttpRequest, object_id: str, *args, **kwargs):  # noqa: ANN201
        dossier = self.get_object(request, object_id)
        if dossier is not None:
            log_personal_data_access(dossier=dossier, by=request.user, purpose="admin")
        return super().change_view(request, object_id, *args, **kwargs)


@admin.register(Competence)
class CompetenceAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Which provincial agency decides each provincial procedure (routing by competence)."""

    list_display = ("procedure", "agency")
    search_fields = ("procedure__code", "procedure__name", "agency__name")
    autocomplete_fields = ("procedure", "agency")


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(ReadOnlyAdmin):
    list_display = ("at", "user_name", "dossier", "purpose")
    list_filter = ("purpose",)
    search_fields = ("user_name", "dossier__code")
    list_select_related = ("dossier",)
    show_full_result_count = False
