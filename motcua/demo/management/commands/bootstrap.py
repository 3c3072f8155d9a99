"""Everything `make run` needs before serving, in one process (fast when nothing changed)."""

import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Migrate, load reference data, seed the demo and collect static files (idempotent)."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--province", default=settings.MOTCUA_PROVINCE_CODE)
        parser.add_argument("--no-demo", action="store_true", help="skip seed_demo")

    def handle(self, *args, province: str, no_demo: bool, **options) -> None:
        started = time.perf_counter()
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        call_command("load_admin_units")
        call_command("init_signing", verbosity=0)
        call_command("init_vneid_simulator", verbosity=0)  # no-op in live mode
        if not no_demo:
            call_command("seed_demo", province=province, quiet_logins=True)
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"ready in {time.perf_counter() - started:.1f} s")
