"""Who is logged in on the citizens' portal: helpers for the pages that need a citizen.

Stable names other portal pages import (keep them):

- ``citizen_required``: view decorator; anyone else goes to ``/dang-nhap/?next=<this page>``.
- ``current_citizen(request)``: the logged-in ``Citizen`` (citizen_id, full_name, …) or None.
- ``current_level(request)``: the VNeID assurance level of this login, 1 or 2 (the dossier
  records it), or None.
- ``acting_for(request)``: an ``ActingFor``: the person themselves, or the organisation
  they declared on the account page (``set_acting_for``; a new login starts as oneself).
- ``login_url(next_url)``: the login page's URL that comes back to ``next_url``.
- ``start_citizen_session(request, user, level=…)``: what the VNeID callback does once
  the login is verified. Tests use ``motcua.citizens.tests.helpers.log_in_citizen(client)``.

A citizen is logged in when the session's user has a citizen profile and the session
holds the VNeID level of that login (``vneid_level``). Officials and administrators are
never citizens here, even when logged in to the back office in the same browser. The
session ends ``CITIZEN_SESSION_AGE_S`` after the login (or its last change); logging out
ends it at once.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import login as auth_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from motcua.citizens import selectors
from motcua.citizens.types import SELF, ActingFor

SESSION_LEVEL = "vneid_level"  # 1 or 2: the assurance level of this login (dossiers record it)
SESSION_ACTING_FOR = "acting_for_tax_code"  # "" = the person acts for themselves (see ActingFor)
SESSION_ACTING_FOR_NAME = "acting_for_name"  # the organisation's name as declared
BACKEND = "django.contrib.auth.backends.ModelBackend"


def citizen_session_data(*, level: int) -> dict[str, Any]:
    """What a citizen's session holds besides Django's login (the test helper sets it too)."""
    return {SESSION_LEVEL: level, SESSION_ACTING_FOR: "", SESSION_ACTING_FOR_NAME: ""}  # for themselves


def start_citizen_session(request: HttpRequest, user: Any, *, level: int) -> None:
    """Log ``user`` in as a citizen at this VNeID level (a new session key: any earlier
    login in this browser, an official's included, ends here)."""
    auth_login(request, user, backend=BACKEND)
    request.session.update(citizen_session_data(level=level))
    request.session.set_expiry(settings.CITIZEN_SESSION_AGE_S)
    request._current_citizen = False  # forget what this request saw before the login


def current_citizen(request: HttpRequest) -> Any:
    """The logged-in citizen (their ``Citizen`` profile), or None."""
    cached = getattr(request, "_current_citizen", False)  # False: not looked up yet
    if cached is not False:
        return cached
    citizen = selectors.citizen_of(request.user) if request.session.get(SESSION_LEVEL) else None
    request._current_citizen = citizen
    return citizen


def current_level(request: HttpRequest) -> int | None:
    """The VNeID assurance level of this session's login (1 or 2), or None."""
    return request.session.get(SESSION_LEVEL) if current_citizen(request) else None


def acting_for(request: HttpRequest) -> ActingFor:
    """On whose behalf the logged-in citizen acts: themselves, or a declared organisation."""
    tax_code = request.session.get(SESSION_ACTING_FOR, "") if current_citizen(request) else ""
    if not tax_code:
        return SELF
    return ActingFor(
        organisation_tax_code=tax_code, organisation_name=request.session.get(SESSION_ACTING_FOR_NAME, "")
    )


def set_acting_for(request: HttpRequest, acting: ActingFor) -> None:
    """Keep the choice for the rest of this session (``citizens.services`` checked and audited it)."""
    request.session[SESSION_ACTING_FOR] = acting.organisation_tax_code
    request.session[SESSION_ACTING_FOR_NAME] = acting.organisation_name


def login_url(next_url: str) -> str:
    return f"{reverse('portal:login')}?{urlencode({'next': next_url})}"


def citizen_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Send anyone who is not a logged-in citizen (or whose session expired) to the login, with ``next``."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if current_citizen(request) is None:
            return HttpResponseRedirect(login_url(request.get_full_path()))
        return view(request, *args, **kwargs)

    return wrapper
