"""Errors of the dossier engine, with stable codes (integrators match on them)."""

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import Conflict, InvalidInput, NotFound

__all__ = [
    "AlreadyRated",
    "ComponentMissing",
    "DossierChanged",
    "DossierNotFound",
    "ExtensionTooLate",
    "NoCompetentAgency",
    "NoProcessStep",
    "ReasonMissing",
    "UnknownAgency",
    "UnknownAssignee",
]


class DossierNotFound(NotFound):
    code = "dossier.not_found"
    default_message = _("There is no dossier %(value)s, or you may not see it.")


class DossierChanged(Conflict):
    code = "dossier.changed"
    default_message = _(
        "Someone else changed dossier %(value)s a moment ago (version %(current)s, you had "
        "%(expected)s). Reload it and check before acting again."
    )


class ComponentMissing(InvalidInput):
    code = "dossier.component_missing"
    default_message = _("A required document is missing: %(name)s.")


class ReasonMissing(InvalidInput):
    code = "dossier.reason_missing"
    default_message = _("Give the reason: it is printed on the slip the applicant receives.")


class NoCompetentAgency(Conflict):
    code = "dossier.no_competent_agency"
    default_message = _(
        "No agency of the province is set to decide procedure %(procedure)s%(where)s. "
        "An administrator sets it under Competent agencies."
    )


class UnknownAgency(InvalidInput):
    code = "dossier.unknown_agency"
    default_message = _("There is no active agency with code “%(value)s” in this province.")


class UnknownAssignee(InvalidInput):
    code = "dossier.unknown_assignee"
    default_message = _("“%(value)s” is not an official of the agency handling this dossier.")


class NoProcessStep(Conflict):
    code = "dossier.no_step"
    default_message = _("There is no step to do that with: %(detail)s.")


class ExtensionTooLate(Conflict):
    code = "dossier.extension_too_late"
    default_message = _(
        "The appointment date %(appointment)s has passed: an extension must be asked for before it."
    )


class AlreadyRated(Conflict):
    code = "dossier.already_rated"
    default_message = _("This dossier has already been rated.")
