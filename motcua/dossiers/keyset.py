"""Keyset pagination of dossier queues on (appointment date, id): fast at any depth, unlike OFFSET."""

from __future__ import annotations

import base64
from datetime import date
from typing import Any

from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import InvalidInput

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


class BadCursor(InvalidInput):
    code = "invalid_cursor"
    default_message = _("The page cursor is not valid; start again from the first page.")


def page(
    queryset: QuerySet, *, cursor: str = "", size: int = PAGE_SIZE, newest_first: bool = False
) -> tuple[list[Any], str | None]:
    """One page and the next cursor: soonest appointment first (undated last), then by id;
    or, for finished work, the newest dossier first (an appointment order would sort years)."""
    size = max(1, min(size, MAX_PAGE_SIZE))
    if newest_first:
        ordered = queryset.order_by("-id")
        if cursor:
            ordered = ordered.filter(id__lt=decode(cursor)[1])
    else:
        ordered = queryset.order_by(F("appointment_on").asc(nulls_last=True), "id")
        if cursor:
            ordered = ordered.filter(_after(*decode(cursor)))
    rows = list(ordered[: size + 1])
    if len(rows) <= size:
        return rows, None
    last = rows[size - 1]
    return rows[:size], encode(None if newest_first else last.appointment_on, last.pk)


def encode(day: date | None, pk: int) -> str:
    raw = f"{day.isoformat() if day else ''}|{pk}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str) -> tuple[date | None, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        day, pk = raw.split("|")
        return (date.fromisoformat(day) if day else None), int(pk)
    except (ValueError, UnicodeDecodeError):
        raise BadCursor() from None


def _after(day: date | None, pk: int) -> Q:
    if day is None:
        return Q(appointment_on__isnull=True, id__gt=pk)
    return Q(appointment_on__gt=day) | Q(appointment_on=day, id__gt=pk) | Q(appointment_on__isnull=True)
