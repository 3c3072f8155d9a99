"""API tokens: issued once in clear, stored as a SHA-256 digest, looked up by digest."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from motcua.core import clock
from motcua.core.audit import record_audit
from motcua.core.models import ApiToken

TOKEN_PREFIX = "mc_"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def create_api_token(*, user: AbstractBaseUser, name: str = "") -> tuple[ApiToken, str]:
    """Return the stored token and the clear text, which is shown to the caller only once."""
    clear = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=clear[:10], digest=_digest(clear), created_at=clock.now()
    )
    record_audit(
        actor=user,
        action="api_token.created",
        object_type="api_token",
        object_id=token.pk,
        data={"name": name, "prefix": token.prefix},
    )
    return token, clear


def find_active_token(clear: str) -> ApiToken | None:
    if not clear.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(clear), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is not None:
        # Refresh at most once a minute so busy integrations do not write on every call.
        now = clock.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


@transaction.atomic
def revoke_api_token(*, token: ApiToken, by: AbstractBaseUser | str) -> None:
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=clock.now())
    record_audit(actor=by, action="api_token.revoked", object_type="api_token", object_id=token.pk)
