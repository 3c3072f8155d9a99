"""Bring the catalog in line with the national database of administrative procedures."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from motcua.integrations.base import DeliveryError
from motcua.integrations.national_portal.catalog_sync import sync_catalog


class Command(BaseCommand):
    help = (
        "Fetch the national portal's procedure records and apply new and changed ones to the "
        "catalog (a revision each); the province's own settings are kept."
    )

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--dry-run", action="store_true", help="report what would change, save nothing")
        parser.add_argument(
            "--since", default="", help="only records the portal changed since (ISO 8601); default all"
        )

    def handle(self, *args, dry_run: bool, since: str, **options) -> None:
        try:
            report = sync_catalog(updated_since=since, dry_run=dry_run)
        except DeliveryError as error:
            raise CommandError(f"the national portal could not be reached: {error}") from error
        for code in report.created:
            self.stdout.write(f"+ {code}")
        for code, keys in report.updated.items():
            self.stdout.write(f"~ {code}: {', '.join(keys)}")
        for code, problems in report.invalid.items():
            self.stderr.write(f"! {code}: {'; '.join(problems)}")
        prefix = "dry run, nothing saved: " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(f"{prefix}{report}"))
