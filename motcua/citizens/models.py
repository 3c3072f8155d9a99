"""A citizen (công dân) who logs in to the portal with VNeID, and nothing else."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AssuranceLevel(models.IntegerChoices):
    """The VNeID account level (Decree 69/2024): level 2 was verified in person."""

    LEVEL_1 = 1, _("level 1")
    LEVEL_2 = 2, _("level 2")


class Citizen(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="citizen")
    citizen_id = models.CharField(_("citizen ID number"), max_length=12, unique=True)  # số định danh cá nhân
    full_name = models.CharField(_("full name"), max_length=150)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    last_assurance_level = models.PositiveSmallIntegerField(
        _("VNeID level at the last login"), choices=AssuranceLevel.choices
    )
    last_login_at = models.DateTimeField(_("last login"))
    created_at = models.DateTimeField(_("created"))

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("citizen")
        verbose_name_plural = _("citizens")

    def __str__(self) -> str:
        return self.full_name
