from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from motcua.api import admin_units, agencies, dossier_actions, dossiers, indicators, integrations, procedures
from motcua.api import calendar as calendar_api

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("admin-units/", admin_units.AdminUnitListApi.as_view(), name="admin-units"),
    path("admin-units/<str:code>/", admin_units.AdminUnitDetailApi.as_view(), name="admin-unit"),
    path("agencies/", agencies.AgencyListApi.as_view(), name="agencies"),
    path("agencies/<str:code>/", agencies.AgencyDetailApi.as_view(), name="agency"),
    path("agencies/<str:code>/ledger/", dossiers.LedgerApi.as_view(), name="agency-ledger"),
    path("procedures/", procedures.ProcedureListApi.as_view(), name="procedures"),
    path("procedures/<str:code>/", procedures.ProcedureDetailApi.as_view(), name="procedure"),
    path("calendar/add-working-days/", calendar_api.AddWorkingDaysApi.as_view(), name="add-working-days"),
    path("calendar/working-days/", calendar_api.WorkingDaysApi.as_view(), name="working-days"),
    path("dossiers/", dossiers.DossierListApi.as_view(), name="dossiers"),
    path("dossiers/<str:code>/", dossiers.DossierDetailApi.as_view(), name="dossier"),
    path("dossiers/<str:code>/events/", dossiers.DossierEventsApi.as_view(), name="dossier-events"),
    path("dossiers/<str:code>/results/", dossiers.DossierResultsApi.as_view(), name="dossier-results"),
    path("dossiers/<str:code>/slips/<str:kind>/", dossiers.DossierSlipApi.as_view(), name="dossier-slip"),
    path(
        "dossiers/<str:code>/<str:action>/", dossier_actions.DossierActionApi.as_view(), name="dossier-action"
    ),
    path(
        "integrations/<str:system>/events/", integrations.InboundEventApi.as_view(), name="integration-events"
    ),
    path("public/dossiers/<str:code>/", dossiers.PublicDossierApi.as_view(), name="public-dossier"),
    path("indicators/", indicators.IndicatorsApi.as_view(), name="indicators"),
]
