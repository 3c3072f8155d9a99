from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    name = "motcua.backoffice"
    label = "backoffice"
    verbose_name = _("Back office")

    def ready(self) -> None:
        from django.contrib import admin

        from motcua.backoffice.forms import ThrottledAdminLoginForm

        admin.site.login_form = ThrottledAdminLoginForm
        admin.site.site_header = _("motcua configuration")
        admin.site.site_title = _("motcua configuration")
