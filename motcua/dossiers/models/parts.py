"""What a dossier is made of: the people around it, its components and its fees."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.models.dossier import Dossier


class PartyRole(models.TextChoices):
    SUBMITTER = "submitter", _("submitter")
    REPRESENTATIVE = "representative", _("authorised representative")


class DossierParty(models.Model):
    """Someone acting for the owner (domain.md §10): who submitted, who is authorised."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(_("role"), max_length=20, choices=PartyRole.choices)
    name = models.CharField(_("name"), max_length=200)
    id_number = models.CharField(_("citizen ID"), max_length=20, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    authorisation_document = models.CharField(
        _("authorisation document"),
        max_length=300,
        blank=True,
        help_text=_("Number and date of the power of attorney."),
    )
    authorisation_valid_until = models.DateField(_("authorisation valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("person acting for the owner")
        verbose_name_plural = _("people acting for the owner")
        constraints = [models.UniqueConstraint(fields=["dossier", "role"], name="dossier_party_role_uniq")]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.name}"


class DossierComponent(models.Model):
    """One required document as received: a file, e-form data, or both.

    The catalog's component is copied by name and position: the catalog may change after
    submission, the dossier keeps what was asked for then.
    """

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="components")
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("name"), max_length=1000)
    mandatory = models.BooleanField(_("mandatory"), default=True)
    copies = models.PositiveSmallIntegerField(_("copies received"), default=0)
    file = models.FileField(_("file"), upload_to="dossiers/%Y/%m/", blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    form_data = models.JSONField(_("e-form data"), null=True, blank=True)
    digitised = models.BooleanField(_("digitised"), default=False)
    from_store = models.BooleanField(_("taken from the personal data store"), default=False)
    store_document = models.CharField(_("personal store document"), max_length=100, blank=True)
    from_population = models.BooleanField(_("taken from the population database"), default=False)

    class Meta:
        ordering = ["dossier", "position"]
        verbose_name = _("dossier component")
        verbose_name_plural = _("dossier components")
        constraints = [
            models.UniqueConstraint(fields=["dossier", "position"], name="dossier_component_position_uniq")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def provided(self) -> bool:
        return bool(self.file or self.form_data or self.from_store or self.from_population or self.copies)


class PaymentChannel(models.TextChoices):
    NONE = "", _("not paid")
    CASH = "cash", _("cash at the desk")
    NATIONAL = "national", _("national payment platform")
    PROVINCIAL = "provincial", _("province's payment gateway")


class DossierFee(models.Model):
    """A fee or charge due on the dossier, and whether it was paid and how."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="fees")
    name = models.CharField(_("name"), max_length=500)
    amount = models.BigIntegerField(_("amount (VND)"))
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    channel = models.CharField(
        _("paid through"),
        max_length=12,
        choices=PaymentChannel.choices,
        blank=True,
        default=PaymentChannel.NONE,
    )

    class Meta:
        ordering = ["dossier", "id"]
        verbose_name = _("dossier fee")
        verbose_name_plural = _("dossier fees")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="dossier_fee_amount_positive")
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.amount}"

    @property
    def paid_online(self) -> bool:
        return self.channel in (PaymentChannel.NATIONAL, PaymentChannel.PROVINCIAL)
