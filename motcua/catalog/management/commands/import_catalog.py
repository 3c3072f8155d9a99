import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from motcua.catalog.csvio import CsvShapeError, read_csv
from motcua.catalog.services import import_catalog


def read_records(path: Path) -> list:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"cannot read {path}: {error}") from None
    if path.suffix.lower() == ".csv":
        try:
            return read_csv(text)
        except CsvShapeError as error:
            raise CommandError(
                f"{path}: wrong columns — missing {error.missing or 'none'}, "
                f"unknown {error.unknown or 'none'}"
            ) from None
    try:
        data = json.loads(text)
    except ValueError as error:
        raise CommandError(f"{path}: not valid JSON ({error})") from None
    records = data.get("procedures") if isinstance(data, dict) else data
    if not isinstance(records, list):
        raise CommandError(f'{path}: expected {{"procedures": [...]}} or a list of procedures')
    return records


class Command(BaseCommand):
    help = "Import procedures from a JSON or CSV file (all or nothing; safe to run again)."
    PROGRESS_EVERY = 100

    def show_progress(self, done: int, total: int) -> None:
        if done % self.PROGRESS_EVERY == 0 or done == total:
            self.stderr.write(f"  saved {done}/{total}", ending="\r" if done < total else "\n")

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="show what would change, save nothing")

    def handle(self, *args, file: Path, dry_run: bool, **options) -> None:
        report = import_catalog(
            records=read_records(file), by="import_catalog", dry_run=dry_run, progress=self.show_progress
        )
        if not report.ok:
            for row, problems in sorted(report.errors.items()):
                for problem in problems:
                    self.stderr.write(f"row {row}, {problem.path or 'record'}: {problem.message}")
            raise CommandError(f"{len(report.errors)} bad row(s); nothing was imported", returncode=1)
        for code, changed in report.updated.items():
            self.stdout.write(f"  updated {code}: {', '.join(changed)}")
        prefix = "would import" if dry_run else "imported"
        self.stdout.write(
            f"{prefix}: {len(report.created)} created, {len(report.updated)} updated, "
            f"{len(report.unchanged)} unchanged"
        )
