"""The VNeID relying party (Authlib): the wire side of "log in with VNeID", no domain knowledge.

- Discovery through ``server_metadata_url``; authorization code flow with PKCE S256, a
  ``state`` (checked against the session) and a ``nonce`` (checked in the ID token).
- The ID token's signature is checked against the provider's JWKS, RS256 only, whatever
  the discovery document offers (no ``none``, no HS256 keyed with our client secret);
  then ``iss`` (the discovered issuer), ``aud`` (our client id), ``exp``, ``iat``, ``sub``
  and ``acr``.
- A login must come back within ``LOGIN_WINDOW_S``: Authlib stores an expiry with the
  state but does not check it when reading it back; ``_Integration`` does.
- Back-channel calls (discovery, token, JWKS) go through ``requests`` with a timeout.
  ``use_transport`` swaps the HTTP adapter: tests route them to Django's test client.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from authlib.integrations.django_client import DjangoIntegration, DjangoOAuth2App, OAuth
from authlib.integrations.requests_client import OAuth2Session
from django.http import HttpRequest, HttpResponseRedirect
from requests.adapters import BaseAdapter  # noqa: TID251  (Authlib's Django client is built on requests)

NAME = "vneid"
SCOPE = "openid profile"
SIGNING_ALGORITHMS = ["RS256"]
# VNeID's assurance level as it arrives in the ``acr`` claim (docs/integrations/vneid.md).
ACR_LEVELS = {"vneid:level1": 1, "vneid:level2": 2}
LEEWAY_S = 60
LOGIN_WINDOW_S = 15 * 60  # from the VNeID button to the callback

_transport: BaseAdapter | None = None


@contextmanager
def use_transport(adapter: BaseAdapter) -> Iterator[None]:
    """Send every back-channel request through ``adapter`` (tests: Django's test client)."""
    global _transport
    previous, _transport = _transport, adapter
    try:
        yield
    finally:
        _transport = previous


class _Session(OAuth2Session):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if _transport is not None:
            self.mount("http://", _transport)
            self.mount("https://", _transport)


class _App(DjangoOAuth2App):
    client_cls = _Session

    def load_server_metadata(self) -> dict[str, Any]:
        metadata = super().load_server_metadata()
        # Accept RS256 only, whatever the provider advertises.
        metadata["id_token_signing_alg_values_supported"] = SIGNING_ALGORITHMS
        return metadata


class _Integration(DjangoIntegration):
    expires_in = LOGIN_WINDOW_S

    def get_state_data(self, session: Any, state: str | None) -> dict[str, Any] | None:
        """The login's saved data (PKCE verifier, nonce), unless it is missing or too old."""
        entry = session.get(f"_state_{self.name}_{state}") or {}
        if entry.get("exp", 0) < time.time():
            return None
        return super().get_state_data(session, state)


class _OAuth(OAuth):
    oauth2_client_cls = _App
    framework_integration_cls = _Integration


class VNeIDClient:
    """One login's worth of Authlib client (metadata and keys are fetched per login)."""

    def __init__(self, *, discovery_url: str, client_id: str, client_secret: str, timeout: float) -> None:
        oauth = _OAuth()
        self.client_id = client_id
        self.app = oauth.register(
            NAME,
            client_id=client_id,
            client_secret=client_secret,
            server_metadata_url=discovery_url,
            client_kwargs={"scope": SCOPE, "code_challenge_method": "S256", "default_timeout": timeout},
        )

    def authorize_redirect(self, request: HttpRequest, *, redirect_uri: str) -> HttpResponseRedirect:
        """Redirect to VNeID; state, nonce and the PKCE verifier are kept in the session."""
        return self.app.authorize_redirect(request, redirect_uri)

    def verified_claims(self, request: HttpRequest) -> dict[str, Any]:
        """Check the callback, exchange the code and verify the ID token; its claims.

        Raises Authlib's ``OAuthError`` (``MismatchingStateError``, an ``error`` from the
        provider), joserfc's ``JoseError`` (signature, claims), or ``requests`` errors.
        """
        metadata = self.app.load_server_metadata()
        options = {
            "iss": {"essential": True, "value": metadata.get("issuer")},
            "aud": {"essential": True, "value": self.client_id},
            "sub": {"essential": True},
            "exp": {"essential": True},
            "acr": {"essential": True, "values": list(ACR_LEVELS)},
        }
        token = self.app.authorize_access_token(request, claims_options=options, leeway=LEEWAY_S)
        claims = token.get("userinfo")
        if not claims:
            from authlib.integrations.base_client import OAuthError

            raise OAuthError(error="missing_id_token", description="the token answer has no ID token")
        verified = dict(claims)
        verified["assurance_level"] = ACR_LEVELS[verified["acr"]]
        return verified
