from django.utils.translation import gettext_lazy as _

from motcua.core.errors import InvalidInput, MotcuaError, NotFound


class InvalidAgencyCode(InvalidInput):
    code = "agency.code_invalid"
    default_message = _(
        "“%(value)s” is not a valid agency electronic ID code: use groups of digits "
        "separated by dots with a level-1 code such as H14 at one end, at most 35 "
        "characters (for example 000.00.00.H14)."
    )


class UnknownAdminUnit(NotFound):
    code = "admin_unit.not_found"
    default_message = _("There is no administrative unit with code “%(value)s”.")


class UnknownProvince(NotFound):
    code = "admin_unit.unknown_province"
    default_message = _("There is no province with code “%(value)s”.")


class InconsistentAgency(InvalidInput):
    code = "agency.inconsistent"


class ReferenceDataMissing(MotcuaError):
    code = "reference_data.missing"
    status = 500
    default_message = _(
        "The administrative unit list (Python package vietnam-provinces) is not installed "
        "or unreadable: %(reason)s. Run `make install`."
    )
