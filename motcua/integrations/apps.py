from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationsConfig(AppConfig):
    name = "motcua.integrations"
    verbose_name = _("integrations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Each system's adapter module registers its factory by system id.
        from motcua.integrations.national_portal import adapter  # noqa: F401
