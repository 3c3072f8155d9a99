"""Reads about citizens. A citizen sees only themselves."""

from __future__ import annotations

from typing import Any

from motcua.citizens.models import Citizen

__all__ = ["citizen_of", "mask_citizen_id"]


def citizen_of(user: Any) -> Citizen | None:
    """The citizen profile of a logged-in user, or None (anonymous, official, administrator)."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.citizen
    except Citizen.DoesNotExist:
        return None


def mask_citizen_id(citizen_id: str) -> str:
    """All but the last three digits hidden: ``*********123``."""
    return "*" * max(len(citizen_id) - 3, 0) + citizen_id[-3:]
