from django.contrib.auth import views as auth_views
from django.urls import path

from motcua.backoffice import certificates, dossier_views, intake, ledger, views

app_name = "backoffice"

urlpatterns = [
    path("", views.home, name="home"),
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("co-quan/", views.agency_list, name="agencies"),
    path("co-quan/<str:code>/", views.agency_detail, name="agency"),
    path("co-quan/<str:code>/so-theo-doi/", ledger.ledger, name="ledger"),
    path("chung-thu-so/", certificates.my_certificate, name="certificate"),
    path("chung-thu-so/<str:kind>/", certificates.ask, name="certificate_request"),
    path("ho-so/", dossier_views.queue, name="queue"),
    path("tiep-nhan/", intake.start, name="intake_start"),
    path("tiep-nhan/<str:code>/", intake.intake, name="intake"),
    path("ho-so/<str:ref>/", dossier_views.dossier, name="dossier"),
    path("ho-so/<str:ref>/phieu/<str:kind>/", dossier_views.slip, name="slip"),
    path("ho-so/<str:ref>/thu-phi/", dossier_views.collect_fees, name="collect_fees"),
    path("ho-so/<str:ref>/<str:action>/", dossier_views.act, name="act"),
]
