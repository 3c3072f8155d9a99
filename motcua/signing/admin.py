"""Certificates (read only) and certificate requests, approved or rejected by an administrator."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import MotcuaError
from motcua.signing import services
from motcua.signing.models import (
    END_ENTITY_KINDS,
    Certificate,
    CertificateRequest,
    RequestKind,
    RequestStatus,
    RevocationList,
    RevocationReason,
)
from motcua.signing.services.certificates import PIN_MAX, PIN_MIN


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ("subject_cn", "kind", "agency", "official", "status", "not_after", "is_locked")
    list_filter = ("kind", "status", "is_locked")
    search_fields = ("subject_cn", "serial")
    exclude = ("sealed_key", "pin_hash")


@admin.register(RevocationList)
class RevocationListAdmin(ReadOnlyAdmin):
    list_display = ("number", "this_update", "next_update", "revoked_count")
    exclude = ("der",)


class RequestForm(forms.ModelForm):
    pin = forms.CharField(
        label=_("new PIN"),
        required=False,
        min_length=PIN_MIN,
        max_length=PIN_MAX,
        widget=forms.PasswordInput,
        help_text=_("Chosen by the holder; required to issue, optional to renew or unlock."),
    )
    revocation_reason = forms.ChoiceField(
        label=_("revocation reason"), required=False, choices=[("", "—"), *RevocationReason.choices]
    )

    class Meta:
        model = CertificateRequest
        fields = ("kind", "agency", "official", "certificate", "revocation_reason", "note")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind, holders = data.get("kind"), [data.get("agency"), data.get("official")]
        if kind == RequestKind.ISSUE and (sum(h is not None for h in holders) != 1 or not data.get("pin")):
            raise forms.ValidationError(_("To issue, choose one agency or one official, and a PIN."))
        if kind != RequestKind.ISSUE and not data.get("certificate"):
            raise forms.ValidationError(_("Choose the certificate this request is about."))
        if kind == RequestKind.REVOKE and not data.get("revocation_reason"):
            raise forms.ValidationError(_("Choose a revocation reason."))
        certificate = data.get("certificate")
        if certificate is not None and certificate.kind not in END_ENTITY_KINDS:
            raise forms.ValidationError(
                _("Only agencies' and officials' certificates are handled by request.")
            )
        if _waiting(kind, data):
            raise forms.ValidationError(_("The same request is already waiting."))
        return data


@admin.register(CertificateRequest)
class CertificateRequestAdmin(admin.ModelAdmin):
    form = RequestForm
    list_display = ("__str__", "kind", "status", "requested_by", "requested_at", "handled_by", "handled_at")
    list_filter = ("status", "kind")
    actions = ("approve", "reject")
    raw_id_fields = ("agency", "official", "certificate")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # handled only through the actions, which call the services

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_handle_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("signing.change_certificaterequest")

    def save_model(self, request: HttpRequest, obj: CertificateRequest, form: Any, change: bool) -> None:
        created = _create(form.cleaned_data, by=request.user)
        obj.pk = created.pk
        obj.refresh_from_db()

    @admin.action(description=_("Approve the selected requests"), permissions=["handle"])
    def approve(self, request: HttpRequest, queryset: QuerySet[CertificateRequest]) -> None:
        self._handle(request, queryset, services.approve_request, _("approved"))

    @admin.action(description=_("Reject the selected requests"), permissions=["handle"])
    def reject(self, request: HttpRequest, queryset: QuerySet[CertificateRequest]) -> None:
        self._handle(request, queryset, services.reject_request, _("rejected"))

    def _handle(self, request: HttpRequest, queryset: QuerySet, service: Any, verb: Any) -> None:
        for item in queryset.filter(status=RequestStatus.PENDING):
            try:
                service(request=item, by=request.user)
            except MotcuaError as error:
                self.message_user(request, f"{item}: {error.detail}", messages.ERROR)
            else:
                self.message_user(request, f"{item}: {verb}", messages.SUCCESS)


def _waiting(kind: str | None, data: dict[str, Any]) -> bool:
    if kind == RequestKind.ISSUE:
        target = {"agency": data.get("agency"), "official": data.get("official")}
    else:
        target = {"certificate": data.get("certificate")}
    return CertificateRequest.objects.filter(kind=kind, status=RequestStatus.PENDING, **target).exists()


def _create(data: dict[str, Any], *, by: Any) -> CertificateRequest:
    kind, note, pin = data["kind"], data.get("note", ""), data.get("pin") or None
    if kind == RequestKind.ISSUE:
        return services.request_issue(
            holder=data.get("agency") or data["official"], pin=pin, by=by, note=note
        )
    certificate = data["certificate"]
    if kind == RequestKind.RENEW:
        return services.request_renewal(certificate=certificate, pin=pin, by=by, note=note)
    if kind == RequestKind.REVOKE:
        reason = data["revocation_reason"]
        return services.request_revocation(certificate=certificate, reason=reason, by=by, note=note)
    return services.request_unlock(certificate=certificate, pin=pin, by=by, note=note)
