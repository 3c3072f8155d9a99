from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from motcua.core.tokens import create_api_token


class Command(BaseCommand):
    help = "Issue an API token for a user and print it (it is shown only once)."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="what the token is for")

    def handle(self, *args, username: str, name: str, **options) -> None:
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"no active user named {username!r}")
        _, clear = create_api_token(user=user, name=name)
        self.stdout.write(clear)
