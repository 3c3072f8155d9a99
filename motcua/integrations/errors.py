"""Errors the integrations app raises to other apps."""

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import Conflict, InvalidInput, MotcuaError, NotAuthenticated, NotFound


class NotADeadLetter(Conflict):
    code = "integrations.not_dead"
    default_message = _("Only a dead letter can be replayed; this message is %(state)s.")


class UnknownInboundSystem(NotFound):
    code = "integrations.unknown_system"
    default_message = _("No system named %(system)s sends events here.")


class BadEventSignature(NotAuthenticated):
    code = "integrations.bad_signature"
    default_message = _("The event's signature is missing or wrong; nothing was changed.")


class MalformedEvent(InvalidInput):
    code = "integrations.malformed_event"
    default_message = _("The event is not valid: %(reason)s.")


class UnknownDossier(NotFound):
    code = "integrations.unknown_dossier"
    default_message = _("No dossier %(dossier)s is known here.")

    def __init__(self, code: str = "") -> None:
        # ``code`` is the dossier's code here, not the error code.
        super().__init__(dossier=code or "?")


class UnknownPayment(NotFound):
    code = "integrations.unknown_payment"
    default_message = _("No payment %(reference)s is known here.")


class PaymentPlatformUnavailable(MotcuaError):
    code = "integrations.payment_platform_unavailable"
    status = 503
    default_message = _(
        "The payment platform does not answer now (%(reason)s). Try again in a few minutes, "
        "or collect the fees in cash."
    )


class PaymentPlatformRefused(MotcuaError):
    code = "integrations.payment_platform_refused"
    status = 502
    default_message = _("The payment platform refused the request: %(reason)s.")


class PaymentNotAtPlatform(NotFound):
    code = "integrations.payment_not_at_platform"
    default_message = _("The payment platform does not know payment %(reference)s.")


class PaymentSimulatorRefused(Conflict):
    code = "integrations.payment_simulator_refused"
    default_message = _("The simulated payer could not do that: %(reason)s.")


class VNeIDLoginFailed(InvalidInput):
    """A VNeID login did not complete; ``reason`` (for the log) says why, never shown as is."""

    code = "integrations.vneid_failed"
    default_message = _("The login with VNeID could not be completed. Please try again.")

    def __init__(self, reason: str = "", message: object = None) -> None:
        self.reason = reason
        super().__init__(message)


class VNeIDCancelled(VNeIDLoginFailed):
    code = "integrations.vneid_cancelled"
    default_message = _("You cancelled the login on VNeID. Nothing was changed.")


class VNeIDUnavailable(VNeIDLoginFailed):
    code = "integrations.vneid_unavailable"
    status = 502
    default_message = _("VNeID is not answering at the moment. Please try again in a few minutes.")


class VNeIDSessionMismatch(VNeIDLoginFailed):
    code = "integrations.vneid_state_mismatch"
    default_message = _(
        "This login does not match the one started in this browser (it may have expired). Please start again."
    )


class VNeIDBadToken(VNeIDLoginFailed):
    code = "integrations.vneid_bad_token"
    default_message = _("VNeID's answer could not be verified, so you were not logged in. Please try again.")


class VNeIDNotConfigured(VNeIDLoginFailed):
    code = "integrations.vneid_not_configured"
    status = 503
    default_message = _("Login with VNeID is not set up on this site yet.")


class MalformedCitizenId(InvalidInput):
    code = "integrations.malformed_citizen_id"
    default_message = _("A citizen ID has exactly 12 digits; %(value)s is not one. Nothing was looked up.")
