"""Writes of the reporting app that other apps may call (the demo seeding, commands)."""

from __future__ import annotations

from datetime import date

from motcua.reporting import rollups

__all__ = ["rebuild_rollups"]


def rebuild_rollups(*, start: date | None = None, end: date | None = None) -> int:
    """Recompute the indicator rollups from the dossiers (all, or a period); the dossiers counted."""
    return rollups.rebuild(start=start, end=end)
