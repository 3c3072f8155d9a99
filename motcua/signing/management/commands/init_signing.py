import time

from django.core.management.base import BaseCommand, CommandError

from motcua.core.errors import MotcuaError
from motcua.signing.services import ensure_certificate_authority


class Command(BaseCommand):
    help = (
        "Create the province's test certificate authority (root CA, issuing CA, timestamp "
        "authority, QR key) and a fresh CRL; safe to run again."
    )

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        try:
            report = ensure_certificate_authority(by="init_signing")
        except MotcuaError as error:
            raise CommandError(error.detail) from None
        for name in report.created:
            self.stdout.write(f"created: {name}")
        for name in report.existing:
            self.stdout.write(f"exists:  {name}")
        self.stdout.write(f"CRL #{report.crl_number}; done in {time.perf_counter() - started:.2f} s")
