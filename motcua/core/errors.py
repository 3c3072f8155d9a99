"""Errors with a stable machine code and a translated message.

Edges turn them into responses: the API into JSON ``{"code", "detail"}`` with the
error's HTTP status, pages into a message for the user. Codes never change once
published (integrators match on them); messages may be reworded and are translated.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


class MotcuaError(Exception):
    code: str = "error"
    status: int = 400
    default_message: Any = _("The request could not be completed.")

    def __init__(self, message: Any = None, *, code: str | None = None, **params: Any) -> None:
        self.message = message if message is not None else self.default_message
        if code:
            self.code = code
        self.params = params
        super().__init__(self.detail)

    @property
    def detail(self) -> str:
        text = str(self.message)
        return text % self.params if self.params else text


class InvalidInput(MotcuaError):
    code = "invalid"
    status = 400
    default_message = _("The data sent is not valid.")


class NotAuthenticated(MotcuaError):
    code = "not_authenticated"
    status = 401
    default_message = _("Please log in.")


class PermissionDenied(MotcuaError):
    code = "permission_denied"
    status = 403
    default_message = _("You do not have permission to do this.")


class NotFound(MotcuaError):
    code = "not_found"
    status = 404
    # The same answer for "not there" and "not yours", so scoping leaks nothing.
    default_message = _("Not found.")


class Conflict(MotcuaError):
    code = "conflict"
    status = 409
    default_message = _("This action is not allowed in the current state.")


class Throttled(MotcuaError):
    code = "throttled"
    status = 429
    default_message = _("Too many attempts. Please try again later.")
