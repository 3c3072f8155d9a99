from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.catalog.types import LifeEvent, OnlineLevel, TimeUnit


class ProcedureField(models.Model):
    """A field of procedures (lĩnh vực), e.g. Hộ tịch."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("field")
        verbose_name_plural = _("fields")

    def __str__(self) -> str:
        return self.name


class LifeEventTag(models.Model):
    """A life event under which citizens browse procedures (having a baby, marriage…)."""

    code = models.CharField(_("code"), max_length=30, unique=True, choices=LifeEvent.choices)

    class Meta:
        ordering = ["code"]
        verbose_name = _("life event")
        verbose_name_plural = _("life events")

    def __str__(self) -> str:
        return str(self.get_code_display())


class Procedure(models.Model):
    """An administrative procedure (thủ tục hành chính) as currently in force.

    Every change is also kept as an immutable ProcedureRevision; dossiers point at the
    revision they were submitted under.
    """

    code = models.CharField(_("procedure code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=500)
    field = models.ForeignKey(
        ProcedureField, on_delete=models.PROTECT, related_name="procedures", verbose_name=_("field")
    )
    at_province = models.BooleanField(_("performed at province level"), default=False)
    at_commune = models.BooleanField(_("performed at commune level"), default=False)
    # ",department,vertical," — delimited so "agency kind X" is a portable LIKE query.
    agency_kinds = models.CharField(_("competent agency kinds"), max_length=200, blank=True)
    for_citizens = models.BooleanField(_("citizens may apply"), default=True)
    for_organisations = models.BooleanField(_("organisations may apply"), default=False)
    online_level = models.CharField(
        _("online level"), max_length=10, blank=True, choices=OnlineLevel.choices, db_index=True
    )
    time_limit_value = models.DecimalField(_("time limit"), max_digits=6, decimal_places=2)
    time_limit_unit = models.CharField(_("time limit unit"), max_length=20, choices=TimeUnit.choices)
    time_limit_note = models.CharField(_("time limit note"), max_length=500, blank=True)
    exemptions = models.JSONField(_("fee exemptions"), default=list, blank=True)
    legal_basis = models.JSONField(_("legal basis"), default=list, blank=True)
    keywords = models.JSONField(_("search keywords"), default=list, blank=True)
    form_schema = models.JSONField(_("e-form (JSON Schema)"), null=True, blank=True)
    life_events = models.ManyToManyField(
        LifeEventTag, blank=True, related_name="procedures", verbose_name=_("life events")
    )
    is_active = models.BooleanField(_("active"), default=True)
    # The province's own setting, outside the interchange record: a national import keeps it.
    auto_receive_online = models.BooleanField(
        _("receive complete online dossiers automatically"),
        default=False,
        help_text=_(
            "When on, a complete dossier submitted online is received by the system at once: it gets "
            "its code, appointment date and receipt (Form 01) without waiting for the desk. Turn it "
            "on only for procedures whose receipt check needs no official."
        ),
    )
    search_text = models.TextField(editable=False, default="")
    revision = models.PositiveIntegerField(_("current revision"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        indexes = [
            models.Index(fields=["is_active", "at_commune"], name="procedure_commune_idx"),
            models.Index(fields=["is_active", "at_province"], name="procedure_province_idx"),
            models.Index(fields=["field", "is_active"], name="procedure_field_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    @property
    def levels(self) -> list[str]:
        return [level for level, on in (("province", self.at_province), ("commune", self.at_commune)) if on]

    @property
    def time_limit_count(self) -> int:
        """An integer to choose the plural form of "N working days" (1.5 reads as plural)."""
        value = self.time_limit_value
        return int(value) if value == int(value) else 2

    @property
    def online_level_or_none(self) -> str | None:
        return self.online_level or None

    @property
    def agency_kind_list(self) -> list[str]:
        return [kind for kind in self.agency_kinds.split(",") if kind]
