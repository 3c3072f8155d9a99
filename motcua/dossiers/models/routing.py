from django.db import models
from django.utils.translation import gettext_lazy as _


class Competence(models.Model):
    """Which provincial agency decides a procedure in this province.

    Commune-level procedures go to the People's Committee of the applicant's commune and
    need no row; a provincial procedure is routed to the agency named here, whichever
    center received it.
    """

    procedure = models.OneToOneField(
        "catalog.Procedure", on_delete=models.CASCADE, related_name="+", verbose_name=_("procedure")
    )
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("competent agency")
    )

    class Meta:
        verbose_name = _("competent agency")
        verbose_name_plural = _("competent agencies")

    def __str__(self) -> str:
        return f"{self.procedure_id} → {self.agency_id}"
