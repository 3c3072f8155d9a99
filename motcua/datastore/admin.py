from django.contrib import admin

from motcua.datastore.models import DocumentUse, StoredDocument


@admin.register(StoredDocument)
class StoredDocumentAdmin(admin.ModelAdmin):
    """Read-only: documents arrive by the services (results returned, reuse), never by hand."""

    list_display = ("name", "kind", "owner", "source_code", "created_at")
    list_filter = ("kind",)
    search_fields = ("name", "source_code", "owner__username")
    readonly_fields = [field.name for field in StoredDocument._meta.fields]

    def has_add_permission(self, request) -> bool:  # noqa: ANN001
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False


@admin.register(DocumentUse)
class DocumentUseAdmin(admin.ModelAdmin):
    list_display = ("document", "dossier", "component_position", "used_at")
    readonly_fields = [field.name for field in DocumentUse._meta.fields]

    def has_add_permission(self, request) -> bool:  # noqa: ANN001
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False
