"""Prepare the bundled VNeID simulator: its RS256 key and motcua's client registration."""

from django.conf import settings
from django.core.management.base import BaseCommand

from motcua.integrations.vneid.simulator.keys import ensure_signing_key
from motcua.integrations.vneid.simulator.registration import default_redirect_uris, register_motcua_client


class Command(BaseCommand):
    help = "Create the VNeID simulator's signing key and register motcua as its client (idempotent)."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument(
            "--redirect-uri",
            action="append",
            default=None,
            help="a callback URL to allow (repeatable); default: PUBLIC_BASE_URL and the loopback names",
        )

    def handle(self, *args, redirect_uri: list[str] | None, **options) -> None:
        if settings.INTEGRATIONS_MODE != "simulated":
            self.stdout.write(
                "INTEGRATIONS_MODE is not simulated: the VNeID simulator is off; nothing to do."
            )
            return
        path, created = ensure_signing_key()
        app, changed = register_motcua_client(redirect_uris=redirect_uri or default_redirect_uris())
        if options["verbosity"] >= 1:
            key = "created" if created else "kept"
            client = "registered" if changed else "unchanged"
            self.stdout.write(f"VNeID simulator: key {key} ({path.name}), client {app.client_id} {client}")
