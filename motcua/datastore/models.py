"""The personal e-data store (kho quản lý dữ liệu điện tử của tổ chức, cá nhân).

Each citizen's documents: the electronic results issued to them, the components an
official digitised for them, and what they uploaded themselves. A new dossier may take a
document from here instead of an upload; every such reuse is recorded (domain.md §8 and the
service index's "dossiers using the personal data store").
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    E_RESULT = "e_result", _("electronic result")
    DIGITISED = "digitised", _("digitised document")
    UPLOADED = "uploaded", _("uploaded by me")


class StoredDocument(models.Model):
    """One document in a citizen's store; the file is a copy, so the dossier may change."""

    reference = models.UUIDField(_("reference"), default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="stored_documents",
        verbose_name=_("owner"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=DocumentKind.choices)
    name = models.CharField(_("name"), max_length=500)
    file = models.FileField(_("file"), upload_to="datastore/%Y/%m/")
    file_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    source_dossier = models.ForeignKey(
        "dossiers.Dossier",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("from the dossier"),
    )
    source_code = models.CharField(
        _("source code"),
        max_length=100,
        blank=True,
        help_text=_("The electronic result's code, or the dossier's code for a digitised component."),
    )
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("stored document")
        verbose_name_plural = _("stored documents")
        indexes = [models.Index(fields=["owner", "created_at"], name="datastore_owner_idx")]
        constraints = [
            # Storing the same result or scan twice (a retried hook) keeps one copy.
            models.UniqueConstraint(fields=["owner", "kind", "sha256"], name="datastore_document_uniq")
        ]

    def __str__(self) -> str:
        return self.name


class DocumentUse(models.Model):
    """A dossier that took this document instead of an upload (tái sử dụng)."""

    document = models.ForeignKey(
        StoredDocument, on_delete=models.CASCADE, related_name="uses", verbose_name=_("document")
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="+", verbose_name=_("dossier")
    )
    component_position = models.PositiveSmallIntegerField(_("component position"))
    component_name = models.CharField(_("component"), max_length=1000)
    used_at = models.DateTimeField(_("used at"))

    class Meta:
        ordering = ["-used_at", "-id"]
        verbose_name = _("use of a stored document")
        verbose_name_plural = _("uses of stored documents")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "dossier", "component_position"], name="datastore_use_uniq"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document} → {self.dossier}"
