import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from motcua.agencies.services import load_admin_units
from motcua.core.errors import MotcuaError


class Command(BaseCommand):
    help = "Load the 34 provinces and 3,321 communes of the 2025 list (safe to run again)."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument(
            "--source",
            type=Path,
            help="A nested-divisions JSON file to load instead of the one bundled with vietnam-provinces.",
        )

    def handle(self, *args, source: Path | None = None, **options) -> None:
        started = time.perf_counter()
        try:
            report = load_admin_units(source=source)
        except MotcuaError as error:
            raise CommandError(error.detail) from None
        self.stdout.write(
            f"administrative units: {report.total} ({report.created} created, "
            f"{report.updated} updated, {report.unchanged} unchanged) "
            f"in {time.perf_counter() - started:.1f} s"
        )
