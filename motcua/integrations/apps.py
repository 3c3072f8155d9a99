from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationsConfig(AppConfig):
    name = "motcua.integrations"
    verbose_name = _("integrations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Each system's adapter module registers its factory by system id.
        from motcua.integrations.national_portal import adapter  # noqa: F401
        from motcua.integrations.notifications import adapter as notify_adapter  # noqa: F401
        from motcua.integrations.payment import adapter as payment_adapter  # noqa: F401
        from motcua.integrations.payment import inbound as payment_inbound  # noqa: F401
        from motcua.integrations.population import adapter as population_adapter  # noqa: F401
        from motcua.integrations.tax import adapter as tax_adapter  # noqa: F401
        from motcua.integrations.tax import inbound as tax_inbound  # noqa: F401
