"""Reads of the integrations app for other apps."""

from __future__ import annotations

from django.db.models import QuerySet

from motcua.integrations.models import OutboxMessage


def messages_for(*, ordering_key: str) -> QuerySet[OutboxMessage]:
    return OutboxMessage.objects.filter(ordering_key=ordering_key).order_by("id")
