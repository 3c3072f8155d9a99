import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from motcua.core.errors import MotcuaError
from motcua.demo.data import DEMO_SIGNING_PIN
from motcua.demo.services import SeedReport, seed_demo
from motcua.env import env


class Command(BaseCommand):
    help = (
        "Seed the demo province: agencies with codes, officials for every role, the catalog and "
        "dossiers in every lifecycle state (idempotent: dossiers only into a database with none)."
    )

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument(
            "--province",
            default=settings.MOTCUA_PROVINCE_CODE,
            help="2-digit province code (default: %(default)s, Cao Bằng)",
        )
        parser.add_argument("--level1-code", help="agency level-1 code when none is known, e.g. H14")
        parser.add_argument("--quiet-logins", action="store_true", help="do not list the logins")
        parser.add_argument("--no-dossiers", action="store_true", help="do not create demo dossiers")

    def handle(
        self,
        *args,
        province: str,
        level1_code: str | None,
        quiet_logins: bool,
        no_dossiers: bool = False,
        **options,
    ) -> None:
        if settings.INTEGRATIONS_MODE == "live":
            raise CommandError("refusing to seed demo data with INTEGRATIONS_MODE=live")
        if not (len(province) == 2 and province.isdigit()):
            raise CommandError(f"--province {province!r}: a province code is 2 digits, e.g. 04")
        started = time.perf_counter()
        try:
            report = seed_demo(
                province_code=province,
                password=demo_password(),
                level1_code=level1_code,
                with_dossiers=not no_dossiers,
            )
        except MotcuaError as error:
            hint = (
                ""
                if error.code != "admin_unit.unknown_province"
                else " (run `manage.py load_admin_units` first?)"
            )
            raise CommandError(error.detail + hint) from None
        self.stdout.write(
            f"demo {report.province}: {report.agencies_total} agencies "
            f"({report.agencies_written} written), {report.officials_created} officials created, "
            f"{report.procedures_total} procedures ({report.procedures_written} written)"
            f"{format_dossier_total(report)} in {time.perf_counter() - started:.1f} s"
        )
        if report.dossiers_by_status:
            self.stdout.write(format_dossier_counts(report.dossiers_by_status))
        if not quiet_logins:
            self.stdout.write(format_logins(report.logins))


def demo_password() -> str:
    from motcua.demo.data import DEMO_PASSWORD_DEFAULT

    return env.str("DEMO_PASSWORD", DEMO_PASSWORD_DEFAULT)


def format_dossier_total(report: SeedReport) -> str:
    if not report.dossiers_total:
        return ""
    took = f" in {report.dossiers_seconds:.1f} s" if report.dossiers_created else ""
    return f", {report.dossiers_total} dossiers ({report.dossiers_created} created{took})"


def format_dossier_counts(by_status: dict[str, int]) -> str:
    return "demo dossiers by status: " + ", ".join(f"{status} {n}" for status, n in by_status.items())


def format_logins(logins: list[tuple[str, str, str]]) -> str:
    width = max(len(username) for username, _, _ in logins)
    lines = [
        f"demo logins (password: {demo_password()}; signing PIN of the *.kyso signers: {DEMO_SIGNING_PIN}):"
    ]
    lines += [f"  {username:<{width}}  {name} — {where}" for username, name, where in logins]
    return "\n".join(lines)
