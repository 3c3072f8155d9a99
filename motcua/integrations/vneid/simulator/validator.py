"""The claims the simulated VNeID puts in its ID tokens and userinfo answers.

``sub`` is the 12-digit citizen ID (not the provider's user key); ``name``, ``birthdate``
and ``phone_number`` come with the ``profile`` scope; ``acr`` is the account's assurance
level, ``vneid:level1`` or ``vneid:level2``, always released with ``openid``.
"""

from __future__ import annotations

from typing import Any

from oauth2_provider.oauth2_validators import OAuth2Validator

from motcua.integrations.vneid.simulator.identities import identity_of


class SimulatorValidator(OAuth2Validator):
    oidc_claim_scope = {
        **OAuth2Validator.oidc_claim_scope,
        "acr": "openid",
        "phone_number": "profile",  # VNeID releases the phone with the profile
    }

    def get_claim_dict(self, request: Any) -> dict[str, Any]:
        identity = identity_of(request.user)
        if identity is None:  # not a simulated person: release nothing but an opaque subject
            return {"sub": f"unknown-{request.user.pk}"}
        return identity.claims()

    def get_discovery_claims(self, request: Any) -> list[str]:
        return ["sub", "name", "birthdate", "phone_number", "acr"]
