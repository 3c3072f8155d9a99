from django.contrib import admin

from motcua.citizens.models import Citizen


@admin.register(Citizen)
class CitizenAdmin(admin.ModelAdmin):
    """Read-only: citizens are created and updated by their VNeID logins only."""

    list_display = ("full_name", "citizen_id", "last_assurance_level", "last_login_at")
    search_fields = ("full_name", "citizen_id")
    readonly_fields = [field.name for field in Citizen._meta.fields]

    def has_add_permission(self, request) -> bool:  # noqa: ANN001
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False
