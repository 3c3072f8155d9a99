"""The simulator's own pages: "log in as" a test identity, then django-oauth-toolkit's authorize.

The simulator shares motcua's host and session cookie, so it never uses Django's login: the
chosen person is kept under its own session key, for one authorization only, and the
authorize endpoint acts for that person alone (a motcua official or citizen who happens to
be logged in is ignored there).
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from oauth2_provider.http import OAuth2ResponseRedirect
from oauth2_provider.models import Application
from oauth2_provider.views import AuthorizationView

from motcua.integrations.vneid.simulator.identities import all_identities, find_identity, simulated_user

log = logging.getLogger(__name__)
SESSION_KEY = "vneid_simulator_person"


class SimulatedAuthorizationView(AuthorizationView):
    template_name = "vneid_simulator/authorize.html"
    login_url = reverse_lazy("vneid_simulator:login")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        identity = find_identity(request.session.get(SESSION_KEY, ""))
        request.user = simulated_user(identity) if identity else AnonymousUser()
        response = super().dispatch(request, *args, **kwargs)
        if identity and response.status_code == 302:  # a code or an error went to the client
            request.session.pop(SESSION_KEY, None)
        return response


@require_http_methods(["GET", "POST"])
def login(request: HttpRequest) -> HttpResponse:
    """Choose a test identity (no password), or cancel back to the client."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    authorization = _authorization_request(next_url)
    if authorization is None:
        return _error(request, _("This page is reached from a service's 'Log in with VNeID' button."))
    application, params = authorization
    if request.method == "POST":
        if "cancel" in request.POST:
            return _cancel(request, application, params)
        identity = find_identity(request.POST.get("citizen_id", ""))
        if identity is None:
            return _error(request, _("Choose one of the test identities."), next_url=next_url)
        request.session[SESSION_KEY] = identity.citizen_id
        log.info(
            "vneid simulator: log in as a level-%s identity for %s", identity.level, application.client_id
        )
        return HttpResponseRedirect(next_url)
    return render(
        request,
        "vneid_simulator/login.html",
        {"identities": all_identities(), "application": application, "next": next_url},
    )


def _authorization_request(next_url: str) -> tuple[Application, dict[str, str]] | None:
    """The registered client and the parameters of the authorize URL in ``next``, if valid."""
    parts = urlsplit(next_url)
    if parts.scheme or parts.netloc or parts.path != reverse("oauth2_provider:authorize"):
        return None
    params = {key: values[0] for key, values in parse_qs(parts.query).items()}
    application = Application.objects.filter(client_id=params.get("client_id", "")).first()
    if application is None or not application.redirect_uri_allowed(params.get("redirect_uri", "")):
        return None
    return application, params


def _cancel(request: HttpRequest, application: Application, params: dict[str, str]) -> HttpResponse:
    """The person refused: send ``access_denied`` to the client, as VNeID would."""
    answer = {"error": "access_denied", "error_description": "The user cancelled the login."}
    if params.get("state"):
        answer["state"] = params["state"]
    request.session.pop(SESSION_KEY, None)
    log.info("vneid simulator: login cancelled for %s", application.client_id)
    return OAuth2ResponseRedirect(
        f"{params['redirect_uri']}?{urlencode(answer)}", application.get_allowed_schemes()
    )


def _error(request: HttpRequest, message: str, *, next_url: str = "") -> HttpResponse:
    return render(request, "vneid_simulator/error.html", {"message": message, "next": next_url}, status=400)
