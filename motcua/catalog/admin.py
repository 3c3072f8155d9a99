from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from motcua.catalog import selectors, services
from motcua.catalog.admin_forms import ProcedureAdminForm, StepFormSet
from motcua.catalog.models import (
    Component,
    Fee,
    Procedure,
    ProcedureField,
    ProcedureRevision,
    ProcessStep,
    ProcessTemplate,
    Result,
)
from motcua.core.admin_audit import AuditedAdminMixin


class ComponentInline(admin.StackedInline):
    model = Component
    extra = 0
    fields = (
        ("position", "name"),
        ("kind", "count", "mandatory"),
        ("reusable", "source_database"),
        "template",
        "form_schema",
    )


class FeeInline(admin.TabularInline):
    model = Fee
    extra = 0


class ResultInline(admin.TabularInline):
    model = Result
    extra = 0


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    form = ProcedureAdminForm
    list_display = (
        "code",
        "name",
        "field",
        "at_commune",
        "at_province",
        "online_level",
        "revision",
        "is_active",
    )
    list_filter = ("is_active", "at_commune", "at_province", "online_level", "auto_receive_online", "field")
    search_fields = ("code", "name", "search_text")
    list_select_related = ("field",)
    readonly_fields = ("revision", "updated_at", "links")
    filter_horizontal = ("life_events",)
    inlines = [ComponentInline, FeeInline, ResultInline]
    fieldsets = (
        (None, {"fields": ("code", "name", "field", "is_active", "links")}),
        (
            _("Who and where"),
            {
                "fields": (
                    ("at_commune", "at_province"),
                    "agency_kinds",
                    ("for_citizens", "for_organisations"),
                    "online_level",
                )
            },
        ),
        (_("Online receipt (province setting)"), {"fields": ("auto_receive_online",)}),
        (_("Time limit"), {"fields": (("time_limit_value", "time_limit_unit"), "time_limit_note")}),
        (_("Details"), {"fields": ("exemptions", "legal_basis", "keywords", "life_events")}),
        (_("E-form"), {"fields": ("form_schema",)}),
        (_("Revision"), {"fields": ("revision", "updated_at")}),
    )

    @admin.display(description=_("Links"))
    def links(self, obj: Procedure) -> str:
        if not obj.pk:
            return "—"
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}?procedure__id__exact={}">{}</a>',
            reverse("admin:catalog_procedure_preview", args=[obj.pk]),
            _("Preview the e-form"),
            reverse("admin:catalog_processtemplate_changelist") + f"?procedure__id__exact={obj.pk}",
            _("Internal process"),
            reverse("admin:catalog_procedurerevision_changelist"),
            obj.pk,
            _("Revisions"),
        )

    def save_related(self, request, form, formsets, change) -> None:  # noqa: ANN001
        super().save_related(request, form, formsets, change)
        if change and "auto_receive_online" in form.changed_data:
            # Not part of the revision (a province setting, not the procedure's content): audited apart.
            services.record_setting_change(
                procedure=form.instance, setting="auto_receive_online", by=request.user
            )
        revision = services.refresh_after_edit(procedure=form.instance, by=request.user)
        if revision is not None:
            messages.info(request, _("Saved as revision %(n)s.") % {"n": revision.number})

    def get_urls(self) -> list:
        return [
            path(
                "<int:pk>/preview/",
                self.admin_site.admin_view(self.preview),
                name="catalog_procedure_preview",
            ),
            *super().get_urls(),
        ]

    def preview(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The e-form as the citizen sees it; sending it shows the validation messages."""
        from motcua.agencies.selectors import UnitsDirectory
        from motcua.catalog.eforms import add_rows, parse_form, render_form, replace_uploads, validate_form

        procedure = get_object_or_404(Procedure, pk=pk)
        schema, units = procedure.form_schema or {}, UnitsDirectory()
        data, errors = None, None
        if request.method == "POST" and schema:
            data, requests = parse_form(schema, request.POST, request.FILES)
            data = replace_uploads(data, lambda path, upload: upload.name)  # a preview keeps no file
            if requests:  # "add another" / "reload communes": show the form again, no checks yet
                data = add_rows(schema, data, requests)
            else:
                errors = validate_form(schema, data, units=units)
        form_html = render_form(schema, data=data, errors=errors, units=units) if schema else ""
        return render(
            request,
            "catalog/admin_preview.html",
            {
                **self.admin_site.each_context(request),
                "procedure": procedure,
                "form_html": form_html,
                "checked": errors is not None,
                "error_count": len(errors or []),
                "title": _("Preview: %(name)s") % {"name": procedure.name},
                "opts": self.model._meta,
            },
        )


class StepInline(admin.TabularInline):
    model = ProcessStep
    formset = StepFormSet
    extra = 0


@admin.register(ProcessTemplate)
class ProcessTemplateAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("procedure", "agency", "name")
    list_filter = ("procedure__field",)
    search_fields = ("procedure__code", "procedure__name")
    raw_id_fields = ("procedure", "agency")
    list_select_related = ("procedure", "agency")
    inlines = [StepInline]

    def save_related(self, request, form, formsets, change) -> None:  # noqa: ANN001
        super().save_related(request, form, formsets, change)
        if form.instance.agency_id is None:  # the default process belongs to the revision
            services.refresh_after_edit(procedure=form.instance.procedure, by=request.user)


@admin.register(ProcedureRevision)
class ProcedureRevisionAdmin(admin.ModelAdmin):
    list_display = ("procedure", "number", "created_at", "created_by", "note")
    list_filter = ("created_by",)
    search_fields = ("procedure__code", "procedure__name")
    list_select_related = ("procedure",)
    readonly_fields = ("procedure", "number", "created_at", "created_by", "note", "changes")
    exclude = ("snapshot",)

    @admin.display(description=_("What changed from the revision before"))
    def changes(self, obj: ProcedureRevision) -> str:
        rows = selectors.revision_changes(obj)
        return render(None, "catalog/revision_changes.html", {"changes": rows}).content.decode()

    def has_add_permission(self, request) -> bool:  # noqa: ANN001
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False


@admin.register(ProcedureField)
class ProcedureFieldAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("name",)
