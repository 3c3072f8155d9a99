"""Recompute the indicator rollups from the dossiers (all, or a period)."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.reporting import rollups


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"not a date (YYYY-MM-DD): {text!r}") from None


class Command(BaseCommand):
    help = (
        "Recompute the indicator rollups from the dossiers. Without --from/--to everything is "
        "rebuilt; with them, the dossiers received or ended in that period."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="start", help="first day, YYYY-MM-DD")
        parser.add_argument("--to", dest="end", help="last day, YYYY-MM-DD")

    def handle(self, *args: Any, start: str | None, end: str | None, **options: Any) -> None:
        if (start is None) != (end is None):
            raise CommandError("give both --from and --to, or neither")
        first, last = (_day(start), _day(end)) if start and end else (None, None)
        if first and last and last < first:
            raise CommandError("--to is before --from")
        began = time.monotonic()
        count = rollups.rebuild(start=first, end=last)
        self.stdout.write(f"{count} dossiers rolled up in {time.monotonic() - began:.1f} s")
