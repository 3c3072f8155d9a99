from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from motcua.core import error_views
from motcua.core.views import healthz, prometheus_metrics

urlpatterns = [
    path("", include("motcua.portal.urls")),
    path("backoffice/", include("motcua.backoffice.urls")),
    path("dashboard/", include("motcua.dashboard.urls")),
    path("api/v1/", include("motcua.api.urls")),
    path("admin/", admin.site.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("healthz", healthz, name="healthz"),
    path("metrics", prometheus_metrics, name="metrics"),
]

# The bundled VNeID simulator (an OpenID Connect provider), never in live mode.
if settings.INTEGRATIONS_MODE == "simulated":
    urlpatterns.append(path("gia-lap/vneid/", include("motcua.integrations.vneid.simulator.urls")))
    # The simulated payment platform's card checkout page.
    urlpatterns.append(path("gia-lap/thanh-toan/", include("motcua.integrations.payment.checkout_urls")))

handler400 = error_views.bad_request
handler403 = error_views.permission_denied
handler404 = error_views.page_not_found
handler500 = error_views.server_error
