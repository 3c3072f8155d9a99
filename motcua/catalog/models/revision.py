from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models.procedure import Procedure


class ProcedureRevision(models.Model):
    """An immutable snapshot of a procedure, in the interchange shape.

    A dossier points at the revision it was submitted under, so what the citizen was asked
    for stays readable after the procedure changes.
    """

    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    snapshot = models.JSONField(_("content"))
    created_at = models.DateTimeField(_("created at"))
    created_by = models.CharField(_("created by"), max_length=150)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["procedure", "-number"]
        verbose_name = _("procedure revision")
        verbose_name_plural = _("procedure revisions")
        constraints = [models.UniqueConstraint(fields=["procedure", "number"], name="unique_revision_number")]

    def __str__(self) -> str:
        return f"{self.procedure.code} r{self.number}"
