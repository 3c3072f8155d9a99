"""Following one's dossiers and the personal data store; included by ``portal.urls`` (portal namespace)."""

from django.urls import path

from motcua.portal import follow_views, tracking

urlpatterns = [
    path("tra-cuu/", tracking.track, name="track"),
    path("track/", tracking.track),
    path("ho-so-cua-toi/", follow_views.my_dossiers, name="my_dossiers"),
    path("ho-so-cua-toi/<str:identifier>/", follow_views.dossier_detail, name="my_dossier"),
    path("ho-so-cua-toi/<str:identifier>/bo-sung/", follow_views.supplement, name="my_dossier_supplement"),
    path("ho-so-cua-toi/<str:identifier>/rut/", follow_views.withdraw, name="my_dossier_withdraw"),
    path("ho-so-cua-toi/<str:identifier>/danh-gia/", follow_views.rate, name="my_dossier_rate"),
    path(
        "ho-so-cua-toi/<str:identifier>/ket-qua/<int:number>/",
        follow_views.result_file,
        name="my_dossier_result",
    ),
    path("kho-du-lieu/", follow_views.data_store, name="data_store"),
    path("kho-du-lieu/nhat-ky-truy-cap/", follow_views.access_log, name="access_log"),
    path("kho-du-lieu/<str:reference>/", follow_views.stored_document_file, name="stored_document"),
]
