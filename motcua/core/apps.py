from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "motcua.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from motcua.core import gauges

        gauges.register()
        # Each app declares its periodic jobs in periodic.py (core.schedule).
        autodiscover_modules("periodic")
