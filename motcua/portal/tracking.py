"""Public tracking of a dossier: ``/tra-cuu/`` (also ``/track/``), the QR code's ``?ma=<code>``.

Anyone with the code and the last digits of the owner's phone sees the status, the
appointment date and the agency, nothing personal. An unknown code and wrong digits get
the same answer, and guesses are limited through the cache shared by every web process:
per client address (every lookup) and per code (every failed lookup), each in a fixed
window. Past a limit no lookup is made and the page says when to try again.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from motcua.core import clock
from motcua.core.http import client_address
from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers.codes import normalise_code
from motcua.dossiers.types import Status

__all__ = ["TrackForm", "track"]


@dataclass(frozen=True)
class Limit:
    """At most ``settings.<setting>`` counted events per window (motcua/settings/security.py)."""

    name: str
    setting: str

    @property
    def allowed(self) -> int:
        return int(getattr(settings, self.setting))


PER_ADDRESS = Limit("addr", "TRACKING_LOOKUPS_PER_ADDRESS")
PER_CODE = Limit("code", "TRACKING_FAILURES_PER_CODE")


def window_seconds() -> int:
    return int(settings.TRACKING_WINDOW_SECONDS)


class TrackForm(forms.Form):
    ma = forms.CharField(
        label=_("Dossier code"),
        max_length=60,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "spellcheck": "false"}),
    )
    so = forms.RegexField(
        label=_("Last 4 digits of the phone number given in the dossier"),
        regex=r"^\s*\d{4}\s*$",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": 6}),
        error_messages={"invalid": _("Enter the last 4 digits of the phone number, e.g. 5678.")},
    )

    def clean_ma(self) -> str:
        return normalise_code(self.cleaned_data["ma"])

    def clean_so(self) -> str:
        return self.cleaned_data["so"].strip()


@require_http_methods(["GET", "HEAD", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    """GET: the form (the code prefilled from the QR code's link); POST: the lookup."""
    if request.method != "POST":
        form = TrackForm(initial={"ma": (request.GET.get("ma") or "")[:60]})
        return _page(request, form)
    form = TrackForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    code, digits = form.cleaned_data["ma"], form.cleaned_data["so"]
    address = client_address(request)
    retry_at = blocked_until(address=address, code=code)
    if retry_at is not None:
        return _page(request, form, retry_at=retry_at, status=429)
    count(PER_ADDRESS, address)
    found = dossier_selectors.track_dossier(code=code, phone_digits=digits)
    if found is None:
        count(PER_CODE, code)
        return _page(request, form, not_found=True)
    return _page(request, TrackForm(initial={"ma": code}), found=found)


def _page(request: HttpRequest, form: TrackForm, *, status: int = 200, **context: Any) -> HttpResponse:
    found = context.get("found")
    if found is not None:
        context["status_label"] = Status(found.status).label
    retry_at = context.get("retry_at")
    if retry_at is not None:
        context["retry_minutes"] = max(1, math.ceil((retry_at - clock.now()).total_seconds() / 60))
    response = render(request, "portal/follow/track.html", {"form": form, **context}, status=status)
    response["Cache-Control"] = "no-store"  # a status read on a shared computer stays there
    return response


# The limits: fixed windows in the cache, keyed by a hash (no address or code kept in clear).


def blocked_until(*, address: str, code: str) -> datetime | None:
    """When a new lookup will be allowed, if the address or the code is over its limit now."""
    now = clock.now().timestamp()
    until = [
        record["until"]
        for limit, value in ((PER_ADDRESS, address), (PER_CODE, code))
        if (record := _record(limit, value, now)) and record["count"] >= limit.allowed
    ]
    if not until:
        return None
    return datetime.fromtimestamp(max(until), tz=timezone.get_current_timezone())


def count(limit: Limit, value: str) -> None:
    now = clock.now().timestamp()
    record = _record(limit, value, now) or {"count": 0, "until": now + window_seconds()}
    record["count"] += 1
    cache.set(_key(limit, value), record, timeout=max(1, math.ceil(record["until"] - now)))


def _record(limit: Limit, value: str, now: float) -> dict[str, float] | None:
    record = cache.get(_key(limit, value))
    return record if record and record["until"] > now else None


def _key(limit: Limit, value: str) -> str:
    return f"tracking:{limit.name}:" + hashlib.sha256(value.lower().encode()).hexdigest()[:32]
