"""Error pages: HTML in Vietnamese for people, JSON with a stable code under /api/."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


_TITLES = {
    400: gettext_lazy("Bad request"),
    403: gettext_lazy("Access denied"),
    404: gettext_lazy("Page not found"),
    500: gettext_lazy("System error"),
}


def _respond(request: HttpRequest, status: int, code: str, detail: str) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"code": code, "detail": detail}, status=status)
    context = {"status": status, "title": _TITLES[status], "detail": detail}
    return render(request, "error.html", context, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _respond(request, 400, "bad_request", _("The request is not valid."))


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _respond(request, 403, "permission_denied", _("You do not have permission to view this page."))


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _respond(request, 404, "not_found", _("The page you asked for does not exist."))


def server_error(request: HttpRequest) -> HttpResponse:
    detail = _("Something went wrong on our side. Your data is safe; please try again.")
    if _wants_json(request):
        return JsonResponse({"code": "server_error", "detail": detail}, status=500)
    # Rendered without a request context: the error may come from a context processor.
    from django.template import loader

    context = {"status": 500, "title": _TITLES[500], "detail": detail}
    return HttpResponse(loader.get_template("error.html").render(context), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _respond(
        request,
        403,
        "csrf_failed",
        _("The form expired or was sent from another page. Reload it and try again."),
    )
