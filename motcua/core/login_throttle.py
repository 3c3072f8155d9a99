"""Officials' login throttle, shared by every web process through the cache.

Failures are counted per username and per client address; past the limit, further
attempts are refused until the lockout window ends, even with the right password.
"""

from __future__ import annotations

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache

from motcua.core.http import client_address


def _key(kind: str, value: str) -> str:
    return "login-fail:" + kind + ":" + hashlib.sha256(value.lower().encode()).hexdigest()[:32]


def _keys(username: str, address: str) -> list[str]:
    return [_key("user", username), _key("addr", address)]


def seconds_locked(*, username: str, address: str) -> int:
    """Seconds until a new attempt is allowed; 0 when not locked."""
    now = time.time()
    remaining = 0.0
    for key in _keys(username, address):
        record = cache.get(key)
        if record and record["count"] >= _limit(key):
            remaining = max(remaining, record["until"] - now)
    return max(0, math.ceil(remaining))


def record_failure(*, username: str, address: str) -> None:
    window = settings.LOGIN_LOCKOUT_SECONDS
    now = time.time()
    for key in _keys(username, address):
        record = cache.get(key) or {"count": 0, "until": now + window}
        record["count"] += 1
        record["until"] = now + window
        cache.set(key, record, timeout=window)


def record_success(*, username: str, address: str) -> None:
    cache.delete(_key("user", username))


def _limit(key: str) -> int:
    # One address may serve a whole commune office behind NAT: allow it more attempts.
    base = settings.LOGIN_MAX_FAILURES
    return base * 4 if ":addr:" in key else base


class ThrottledLoginMixin:
    """For a Django ``AuthenticationForm``: refuse attempts while locked, count failures."""

    def clean(self) -> dict:
        from django import forms
        from django.utils.translation import ngettext

        username = (self.data.get("username") or "").strip()
        request = getattr(self, "request", None)
        address = client_address(request) if request else ""
        wait = seconds_locked(username=username, address=address)
        if wait:
            minutes = max(1, (wait + 59) // 60)
            raise forms.ValidationError(
                ngettext(
                    "Too many failed attempts. Login is locked; try again in %(minutes)d minute.",
                    "Too many failed attempts. Login is locked; try again in %(minutes)d minutes.",
                    minutes,
                )
                % {"minutes": minutes},
                code="locked",
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            record_failure(username=username, address=address)
            raise
        record_success(username=username, address=address)
        return cleaned
