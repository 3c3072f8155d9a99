from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models.agency import Agency


class Role(models.TextChoices):
    DESK_OFFICER = "desk_officer", _("desk officer")
    HANDLER = "handler", _("handler")
    LEADER = "leader", _("leader (approver)")
    SIGNER = "signer", _("signer")
    AGENCY_ADMIN = "agency_admin", _("agency administrator")
    PROVINCE_ADMIN = "province_admin", _("province administrator")


class Official(models.Model):
    """A civil servant (cán bộ, công chức) with a login and a home agency."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="official")
    full_name = models.CharField(_("full name"), max_length=150)
    position = models.CharField(_("position"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="officials", verbose_name=_("agency")
    )

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("official")
        verbose_name_plural = _("officials")

    def __str__(self) -> str:
        return self.full_name


class OfficialRole(models.Model):
    """A role an official holds in an agency (one official may hold several)."""

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="roles")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="role_holders")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["official", "agency", "role"], name="unique_official_role"),
        ]

    def __str__(self) -> str:
        return f"{self.official} — {self.get_role_display()} — {self.agency}"
