from datetime import date

from django.core.management.base import BaseCommand, CommandError

from motcua.agencies.services import record_unit_merger
from motcua.core.errors import MotcuaError


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--on {value!r} is not a date (YYYY-MM-DD)") from None


class Command(BaseCommand):
    help = "Record that one administrative unit is superseded by another from a date."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("old", help="code of the unit that ceases (e.g. 01273)")
        parser.add_argument("new", help="code of the unit that takes it over")
        parser.add_argument("--on", required=True, help="effective date, YYYY-MM-DD")
        parser.add_argument("--legal-basis", default="", help="e.g. Nghị quyết 1234/NQ-UBTVQH15")

    def handle(self, *args, old: str, new: str, on: str, legal_basis: str, **options) -> None:
        try:
            merger = record_unit_merger(
                old_code=old, new_code=new, effective_on=_date(on), legal_basis=legal_basis, by="command"
            )
        except MotcuaError as error:
            raise CommandError(error.detail) from None
        self.stdout.write(f"recorded: {merger}")
