"""Citizens log in with VNeID only: the login page, the callback, logout and "my account"."""

from __future__ import annotations

import logging

from django.contrib.auth import logout as auth_logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.citizens import selectors as citizen_selectors
from motcua.citizens import services as citizen_services
from motcua.citizens.errors import InvalidCitizenClaims, NotACitizenAccount
from motcua.integrations import services as integrations
from motcua.integrations.errors import VNeIDLoginFailed
from motcua.portal.acting_forms import OrganisationForm
from motcua.portal.citizen_auth import (
    acting_for,
    citizen_required,
    current_citizen,
    current_level,
    login_url,
    start_citizen_session,
)

log = logging.getLogger(__name__)
SESSION_NEXT = "vneid_next"


@require_http_methods(["GET", "POST"])
def login(request: HttpRequest) -> HttpResponse:
    """GET: what VNeID is and the button; POST (the button): off to VNeID."""
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if request.method == "GET":
        return render(request, "portal/login.html", {"next": next_url, "citizen": current_citizen(request)})
    request.session[SESSION_NEXT] = next_url
    callback = request.build_absolute_uri(reverse("portal:vneid_callback"))
    try:
        return integrations.begin_vneid_login(request, redirect_uri=callback)
    except VNeIDLoginFailed as error:
        return _failed(request, error, next_url)


@require_GET
def vneid_callback(request: HttpRequest) -> HttpResponse:
    next_url = _safe_next(request, request.session.get(SESSION_NEXT))
    try:
        claims = integrations.finish_vneid_login(request)
        user = citizen_services.sign_in_citizen(claims=claims)
    except VNeIDLoginFailed as error:
        return _failed(request, error, next_url)
    except (InvalidCitizenClaims, NotACitizenAccount) as error:
        log.warning("vneid login refused (%s)", error.code)
        return _failed(request, error, next_url)
    start_citizen_session(request, user, level=claims["assurance_level"])
    return HttpResponseRedirect(next_url)


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    auth_logout(request)
    return HttpResponseRedirect(reverse("portal:home"))


@require_GET
@citizen_required
def account(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/account.html", account_context(request))


def account_context(request: HttpRequest, organisation_form: OrganisationForm | None = None) -> dict:
    """The account page: who is logged in, at which level, and on whose behalf they act."""
    citizen = current_citizen(request)
    return {
        "citizen": citizen,
        "masked_id": citizen_selectors.mask_citizen_id(citizen.citizen_id),
        "level": current_level(request),
        "acting": acting_for(request),
        "organisation_form": organisation_form or OrganisationForm(),
    }


def _failed(request: HttpRequest, error: Exception, next_url: str) -> HttpResponse:
    status = getattr(error, "status", 400)
    return render(
        request,
        "portal/login_failed.html",
        {"message": getattr(error, "detail", str(error)), "retry_url": login_url(next_url)},
        status=status if status >= 400 else 400,
    )


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("portal:account")
