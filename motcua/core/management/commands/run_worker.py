"""Run the background worker (outbox delivery, reminders, rollups).

A thin name over django-tasks-db's ``db_worker`` so operators and docs have one command
whatever the backend becomes; every option of ``db_worker`` is accepted.
"""

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand


class Command(DbWorkerCommand):
    help = "Run motcua's background worker (all queues by default)."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        super().add_arguments(parser)
        parser.set_defaults(queue_name="*")
