from django.urls import path

from motcua.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.home, name="home"),
    path("cong-khai/", views.public, name="public"),
    path("cong-khai/xuat/<str:table>.<str:fmt>", views.public_export, name="public_export"),
    path("xuat/<str:table>.<str:fmt>", views.export, name="export"),
    path("ho-so/", views.dossiers, name="dossiers"),
]
