from django.contrib.auth import views as auth_views
from django.urls import path

from motcua.backoffice import (
    certificates,
    dossier_views,
    intake,
    integration_views,
    ledger,
    payment_views,
    views,
)

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
    path("tich-hop/", integration_views.health, name="integrations"),
    path("tich-hop/thu-chet/", integration_views.dead_letters, name="dead_letters"),
    path("tich-hop/thu-chet/<int:message_id>/gui-lai/", integration_views.replay, name="replay"),
    path("tich-hop/doi-soat/", integration_views.reconciliation, name="reconciliation"),
    path("tich-hop/doi-soat/<int:run_id>/", integration_views.reconciliation_run, name="reconciliation_run"),
    path("tich-hop/doi-soat/<int:run_id>/gui-lai/", integration_views.resync, name="resync"),
    path("tich-hop/thanh-toan/", payment_views.report, name="payment_report"),
    path("tich-hop/thanh-toan/<int:mismatch_id>/da-xu-ly/", payment_views.resolve, name="payment_resolve"),
    path("ho-so/", dossier_views.queue, name="queue"),
    path("tiep-nhan/", intake.start, name="intake_start"),
    path("tiep-nhan/<str:code>/", intake.intake, name="intake"),
    path("ho-so/<str:ref>/", dossier_views.dossier, name="dossier"),
    path("ho-so/<str:ref>/phieu/<str:kind>/", dossier_views.slip, name="slip"),
    path("ho-so/<str:ref>/thu-phi/", dossier_views.collect_fees, name="collect_fees"),
    path("ho-so/<str:ref>/thu-phi/vietqr/", payment_views.vietqr, name="fees_vietqr"),
    path("ho-so/<str:ref>/thu-phi/vietqr/<str:payment>/kiem-tra/", payment_views.check, name="fees_check"),
    path(
        "ho-so/<str:ref>/thu-phi/vietqr/<str:payment>/gia-lap/",
        payment_views.simulate_paid,
        name="fees_simulate_paid",
    ),
    path("ho-so/<str:ref>/thu-phi/tien-mat/", payment_views.cash, name="fees_cash"),
    path("ho-so/<str:ref>/thu-phi/bien-lai/<str:payment>/", payment_views.receipt, name="fees_receipt"),
    path("ho-so/<str:ref>/<str:action>/", dossier_views.act, name="act"),
]
