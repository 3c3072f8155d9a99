from django.utils.translation import gettext_lazy as _

from motcua.core.errors import Conflict, InvalidInput


class InvalidCitizenClaims(InvalidInput):
    code = "citizen.invalid_claims"
    default_message = _("VNeID did not send a usable identity (%(problem)s), so you were not logged in.")


class NotACitizenAccount(Conflict):
    code = "citizen.not_a_citizen_account"
    default_message = _(
        "This identity is linked to an official's or administrator's account, which cannot be "
        "used on the citizens' portal. Officials log in at the back office."
    )


class InvalidTaxCode(InvalidInput):
    code = "citizen.invalid_tax_code"
    default_message = _(
        "The tax code must have 10 digits (for example 4800123456), or 10 digits, a hyphen "
        "and the 3 digits of a branch (for example 4800123456-001)."
    )


class InvalidOrganisationName(InvalidInput):
    code = "citizen.invalid_organisation_name"
    default_message = _("Enter the organisation's name as registered (at most %(max)s characters).")
