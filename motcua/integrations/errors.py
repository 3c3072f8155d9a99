"""Errors the integrations app raises to other apps."""

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import Conflict


class NotADeadLetter(Conflict):
    code = "integrations.not_dead"
    default_message = _("Only a dead letter can be replayed; this message is %(state)s.")
