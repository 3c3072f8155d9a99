from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import dateformat
from django.utils.translation import gettext_lazy as _

from motcua.core.admin_audit import AuditedAdminMixin
from motcua.dossiers.models import CalendarDay


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
