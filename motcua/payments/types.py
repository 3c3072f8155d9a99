"""Enumerations of the payments app other apps and the edges may use."""

from motcua.payments.models import ONLINE_METHODS, Channel, Method, MismatchKind, State

__all__ = ["ONLINE_METHODS", "Channel", "Method", "MismatchKind", "State"]
