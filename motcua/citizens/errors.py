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
