from django.core.management.base import BaseCommand, CommandError

from motcua.core.audit import verify_audit_chain


class Command(BaseCommand):
    help = "Recompute the audit trail's hash chain; exit 1 at the first broken entry."

    def handle(self, *args, **options) -> None:
        report = verify_audit_chain()
        if not report.ok:
            broken = report.first_break
            raise CommandError(
                f"audit chain broken at entry #{broken.seq}: {broken.reason} "
                f"({report.checked} entries before it are intact)",
                returncode=1,
            )
        self.stdout.write(f"audit chain intact: {report.checked} entries verified")
