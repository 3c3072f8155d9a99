"""Errors of the payments app, with stable codes."""

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied

__all__ = ["MayNotTakePayment", "MismatchNotFound", "NothingDue", "PaymentNotFound", "UnknownMethod"]


class NothingDue(Conflict):
    code = "payments.nothing_due"
    default_message = _("This dossier has no unpaid fee.")


class MayNotTakePayment(PermissionDenied):
    code = "payments.may_not_take_payment"
    default_message = _(
        "Only the desk handling this dossier, or its applicant, may ask for its fees to be paid."
    )


class UnknownMethod(InvalidInput):
    code = "payments.unknown_method"
    default_message = _("Unknown payment method %(method)s (use vietqr or card).")


class PaymentNotFound(NotFound):
    code = "payments.not_found"
    default_message = _("There is no such payment, or you may not see it.")


class MismatchNotFound(NotFound):
    code = "payments.mismatch_not_found"
    default_message = _("There is no such payment mismatch.")
