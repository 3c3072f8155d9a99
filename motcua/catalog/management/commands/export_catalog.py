import json
from pathlib import Path

from django.core.management.base import BaseCommand

from motcua.catalog.csvio import write_csv
from motcua.catalog.selectors import export_catalog


class Command(BaseCommand):
    help = "Export the catalog in the interchange shape (JSON by default, or CSV)."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
        parser.add_argument(
            "--format", choices=["json", "csv"], help="default: from the file name, else json"
        )

    def handle(self, *args, output: Path | None, format: str | None, **options) -> None:
        kind = format or ("csv" if output and output.suffix.lower() == ".csv" else "json")
        catalog = export_catalog()
        text = (
            write_csv(catalog["procedures"])
            if kind == "csv"
            else json.dumps(catalog, ensure_ascii=False, indent=1) + "\n"
        )
        if output:
            output.write_text(text, encoding="utf-8")
            self.stdout.write(f"exported {len(catalog['procedures'])} procedures to {output}")
        else:
            self.stdout.write(text, ending="")
