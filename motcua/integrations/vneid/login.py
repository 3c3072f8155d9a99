"""Start and finish a VNeID login for a portal view; Authlib's outcomes become our errors.

In simulated mode with no ``VNEID_DISCOVERY_URL`` the provider is the bundled simulator on
the host the citizen is using (so ``make run`` on any port, and the browser tests'
live server, need no configuration); in live mode the three VNEID_* settings are required.
"""

from __future__ import annotations

import logging
from typing import Any

from authlib.common.errors import AuthlibBaseError
from authlib.integrations.base_client import MismatchingStateError, OAuthError
from django.conf import settings
from django.http import HttpRequest, HttpResponseRedirect
from joserfc.errors import JoseError
from requests import RequestException  # noqa: TID251  (errors of Authlib's back channel)

from motcua.integrations.errors import (
    VNeIDBadToken,
    VNeIDCancelled,
    VNeIDLoginFailed,
    VNeIDNotConfigured,
    VNeIDSessionMismatch,
    VNeIDUnavailable,
)
from motcua.integrations.vneid.client import VNeIDClient
from motcua.integrations.vneid.simulator.registration import ensure_registered

log = logging.getLogger(__name__)
SIMULATOR_DISCOVERY_PATH = "/gia-lap/vneid/.well-known/openid-configuration"


def uses_simulator() -> bool:
    return settings.INTEGRATIONS_MODE == "simulated" and not settings.VNEID_DISCOVERY_URL


def discovery_url(request: HttpRequest) -> str:
    if uses_simulator():
        return request.build_absolute_uri(SIMULATOR_DISCOVERY_PATH)
    return settings.VNEID_DISCOVERY_URL


def _client(request: HttpRequest) -> VNeIDClient:
    url = discovery_url(request)
    if not url or not settings.VNEID_CLIENT_ID:
        raise VNeIDNotConfigured("VNEID_DISCOVERY_URL and VNEID_CLIENT_ID must be set in live mode")
    return VNeIDClient(
        discovery_url=url,
        client_id=settings.VNEID_CLIENT_ID,
        client_secret=settings.VNEID_CLIENT_SECRET,
        timeout=settings.VNEID_TIMEOUT_S,
    )


def begin_login(request: HttpRequest, *, redirect_uri: str) -> HttpResponseRedirect:
    """The redirect to VNeID's authorize endpoint (state, nonce and PKCE verifier in the session)."""
    if uses_simulator():
        ensure_registered(redirect_uri)  # so `make run` works even without `bootstrap`
    try:
        return _client(request).authorize_redirect(request, redirect_uri=redirect_uri)
    except VNeIDLoginFailed as error:
        raise _logged(error) from None
    except (RequestException, ValueError, RuntimeError) as error:
        raise _logged(VNeIDUnavailable(f"discovery failed: {error!r}")) from error


def finish_login(request: HttpRequest) -> dict[str, Any]:
    """The verified ID-token claims of the callback, plus ``assurance_level`` (1 or 2)."""
    try:
        return _client(request).verified_claims(request)
    except VNeIDLoginFailed as error:
        raise _logged(error) from None
    except MismatchingStateError as error:
        raise _logged(VNeIDSessionMismatch(f"state mismatch: {error!r}")) from error
    except OAuthError as error:
        if error.error == "access_denied":
            raise _logged(VNeIDCancelled("the citizen cancelled on VNeID")) from error
        raise _logged(VNeIDBadToken(f"provider refused: {error.error}: {error.description}")) from error
    except JoseError as error:
        raise _logged(VNeIDBadToken(f"ID token refused: {error!r}")) from error
    except AuthlibBaseError as error:
        raise _logged(VNeIDBadToken(f"protocol error: {error!r}")) from error
    except (RequestException, ValueError) as error:
        raise _logged(VNeIDUnavailable(f"back channel failed: {error!r}")) from error


def _logged(error: VNeIDLoginFailed) -> VNeIDLoginFailed:
    log.warning("vneid login failed (%s): %s", error.code, error.reason)
    return error
