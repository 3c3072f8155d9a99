from django.urls import path

from motcua.portal import catalog_views, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("thu-tuc/", catalog_views.catalog_index, name="catalog"),
    path("thu-tuc/<str:code>/", catalog_views.procedure_detail, name="procedure"),
    path("procedures/", catalog_views.catalog_index),
    path("procedures/<str:code>/", catalog_views.procedure_detail),
]
