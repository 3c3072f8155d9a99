"""JSON errors with a stable ``code`` and a translated ``detail``; never a 500 for bad input."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from motcua.core.errors import MotcuaError

_CODES = {
    exceptions.ParseError: "malformed_request",
    exceptions.AuthenticationFailed: "authentication_failed",
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.PermissionDenied: "permission_denied",
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.NotAcceptable: "not_acceptable",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
    exceptions.Throttled: "throttled",
    exceptions.ValidationError: "invalid",
}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, MotcuaError):
        return Response({"code": exc.code, "detail": exc.detail}, status=exc.status)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.messages)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    code = next((c for kind, c in _CODES.items() if isinstance(exc, kind)), "error")
    if isinstance(exc, exceptions.ValidationError):
        response.data = {"code": code, "detail": str(_MESSAGES["invalid"]), "fields": exc.detail}
        response.status_code = status.HTTP_400_BAD_REQUEST
    else:
        detail = _MESSAGES.get(code) if code != "authentication_failed" else None
        response.data = {"code": code, "detail": str(detail or getattr(exc, "detail", exc))}
    return response


# Our own wording, translated with the rest of the interface (DRF's catalogue is partial).
_MESSAGES = {
    "invalid": _("The data sent is not valid."),
    "malformed_request": _("The request body is not valid JSON."),
    "not_authenticated": _(
        "Authentication is required: send an API token (Authorization: Bearer …) or log in."
    ),
    "permission_denied": _("You do not have permission to do this."),
    "not_found": _("Not found."),
    "method_not_allowed": _("This method is not allowed here."),
    "unsupported_media_type": _("Send the request body as JSON (Content-Type: application/json)."),
    "throttled": _("Too many requests. Please try again later."),
}
