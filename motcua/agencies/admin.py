from django.contrib import admin

from motcua.agencies.models import AdminUnit, Agency, Official, OfficialRole, UnitSupersession
from motcua.core.admin_audit import AuditedAdminMixin


@admin.register(AdminUnit)
class AdminUnitAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("code", "name", "kind", "level", "parent", "valid_until")
    list_filter = ("level", "kind")
    search_fields = ("code", "name")
    list_select_related = ("parent",)
    raw_id_fields = ("parent",)


@admin.register(UnitSupersession)
class UnitSupersessionAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("old", "new", "effective_on", "legal_basis")
    raw_id_fields = ("old", "new")


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "kind", "unit", "is_active")
    list_filter = ("level", "kind", "is_active")
    search_fields = ("code", "name", "short_name")
    list_select_related = ("unit", "unit__parent")
    raw_id_fields = ("parent", "unit")

    def get_readonly_fields(self, request, obj=None) -> tuple[str, ...]:  # noqa: ANN001
        # The code identifies the agency everywhere (dossier codes, other systems): an
        # edit here would create a second agency, so it is fixed once created.
        return ("code",) if obj is not None else ()

    def delete_model(self, request, obj) -> None:  # noqa: ANN001
        from motcua.core.audit import record_audit

        record_audit(
            actor=request.user,
            action="agency.deleted_in_admin",
            object_type="agency",
            object_id=obj.code,
            scope=obj.pk,
        )
        super().delete_model(request, obj)

    def save_model(self, request, obj, form, change) -> None:  # noqa: ANN001
        # Admin edits go through the service: same validation and audit trail.
        from motcua.agencies.services import upsert_agency

        agency, _ = upsert_agency(
            code=obj.code,
            name=obj.name,
            short_name=obj.short_name,
            level=obj.level,
            kind=obj.kind,
            unit=obj.unit,
            parent=obj.parent,
            address=obj.address,
            phone=obj.phone,
            email=obj.email,
            is_active=obj.is_active,
            by=request.user,
        )
        obj.pk = agency.pk


class OfficialRoleInline(admin.TabularInline):
    # Role changes made inline are recorded through OfficialAdmin.save_related.
    model = OfficialRole
    extra = 0
    raw_id_fields = ("agency",)


@admin.register(Official)
class OfficialAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("full_name", "user", "agency", "position")
    search_fields = ("full_name", "user__username", "agency__name")
    list_select_related = ("user", "agency")
    raw_id_fields = ("user", "agency")
    inlines = [OfficialRoleInline]

    def save_related(self, request, form, formsets, change) -> None:  # noqa: ANN001
        from motcua.core.audit import record_audit

        super().save_related(request, form, formsets, change)
        roles = sorted(f"{r.role}@{r.agency.code}" for r in form.instance.roles.select_related("agency"))
        record_audit(
            actor=request.user,
            action="official.roles_set_in_admin",
            object_type="official",
            object_id=form.instance.user.get_username(),
            data={"roles": roles},
        )
