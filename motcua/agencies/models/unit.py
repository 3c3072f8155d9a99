from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitLevel(models.TextChoices):
    PROVINCE = "province", _("province")
    COMMUNE = "commune", _("commune")


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("province")
    CITY = "city", _("centrally-run city")
    COMMUNE = "commune", _("commune")
    WARD = "ward", _("ward")
    SPECIAL_ZONE = "special_zone", _("special zone")


class AdminUnit(models.Model):
    """An administrative unit (đơn vị hành chính): a province or a commune, ward, zone."""

    code = models.CharField(
        _("code"), max_length=5, unique=True, help_text=_("National code: 2 digits (province), 5 (commune).")
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    level = models.CharField(_("level"), max_length=10, choices=UnitLevel.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("province"),
    )
    codename = models.CharField(max_length=120, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        indexes = [models.Index(fields=["parent", "code"], name="unit_parent_code_idx")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        # The 2025 list names cities with their type ("Thành phố Hà Nội") and provinces
        # without it ("Cao Bằng"); communes always carry it ("Phường Thục Phán").
        if self.level == UnitLevel.PROVINCE and self.kind == UnitKind.PROVINCE:
            return f"Tỉnh {self.name}"
        return self.name

    @property
    def name_in_text(self) -> str:
        """The full name as written inside a sentence: "tỉnh Cao Bằng", "phường Thục Phán"."""
        full = self.full_name
        for prefix in ("Thành phố", "Tỉnh", "Phường", "Xã", "Đặc khu"):
            if full.startswith(prefix + " "):
                return prefix.lower() + full[len(prefix) :]
        return full


class UnitSupersession(models.Model):
    """Unit ``old`` was merged into (superseded by) ``new`` from ``effective_on``."""

    old = models.ForeignKey(
        AdminUnit, on_delete=models.PROTECT, related_name="superseded_by", verbose_name=_("former unit")
    )
    new = models.ForeignKey(
        AdminUnit, on_delete=models.PROTECT, related_name="supersedes", verbose_name=_("successor unit")
    )
    effective_on = models.DateField(_("effective on"))
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)

    class Meta:
        ordering = ["effective_on"]
        verbose_name = _("unit merger")
        verbose_name_plural = _("unit mergers")
        constraints = [
            models.UniqueConstraint(fields=["old", "new"], name="unique_unit_supersession"),
            models.CheckConstraint(condition=~models.Q(old=models.F("new")), name="supersession_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.old} → {self.new} ({self.effective_on})"
