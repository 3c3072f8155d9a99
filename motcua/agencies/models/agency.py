from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.agencies.codes import validate_agency_code
from motcua.agencies.models.unit import AdminUnit


class AgencyLevel(models.TextChoices):
    PROVINCE = "province", _("province")
    COMMUNE = "commune", _("commune")


class AgencyKind(models.TextChoices):
    PEOPLES_COMMITTEE = "peoples_committee", _("People's Committee")
    DEPARTMENT = "department", _("department")
    SERVICE_CENTER = "service_center", _("Public Administration Service Center")
    OFFICE = "office", _("specialised office")
    VERTICAL = "vertical", _("vertical agency")


class Agency(models.Model):
    """A state agency (cơ quan), identified by its electronic ID code."""

    code = models.CharField(
        _("electronic ID code"),
        max_length=35,
        unique=True,
        validators=[validate_agency_code],
        help_text=_("For example 000.00.00.H14 (level-1 code at either end)."),
    )
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    level = models.CharField(_("level"), max_length=10, choices=AgencyLevel.choices, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent agency"),
    )
    unit = models.ForeignKey(
        AdminUnit,
        on_delete=models.PROTECT,
        related_name="agencies",
        verbose_name=_("administrative unit served"),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        indexes = [models.Index(fields=["unit", "level"], name="agency_unit_level_idx")]

    def __str__(self) -> str:
        return self.name
