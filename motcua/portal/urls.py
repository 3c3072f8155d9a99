from django.urls import include, path

from motcua.portal import acting_views, catalog_views, login_views, verify, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    # Citizens log in with VNeID only (docs/integrations/vneid.md).
    path("dang-nhap/", login_views.login, name="login"),
    path("dang-nhap/vneid/callback/", login_views.vneid_callback, name="vneid_callback"),
    path("dang-xuat/", login_views.logout, name="logout"),
    path("tai-khoan/", login_views.account, name="account"),
    path("tai-khoan/dai-dien-to-chuc/", acting_views.act_for_organisation, name="act_for_organisation"),
    path("tai-khoan/ca-nhan/", acting_views.act_for_self, name="act_for_self"),
    path("thu-tuc/", catalog_views.catalog_index, name="catalog"),
    path("thu-tuc/<str:code>/", catalog_views.procedure_detail, name="procedure"),
    path("procedures/", catalog_views.catalog_index),
    path("", include("motcua.portal.submit_urls")),  # applying online: drafts, paying, the receipt
    path("", include("motcua.portal.follow_urls")),  # tracking, my dossiers, the personal data store
    path("procedures/<str:code>/", catalog_views.procedure_detail),
    # Verification of electronic results (the QR code's link); fixed paths before <token>.
    path("xac-thuc/khoa-cong-khai/", verify.qr_public_key, name="verify_key"),
    path("xac-thuc/chung-thu-goc/", verify.root_certificate, name="verify_root"),
    path("xac-thuc/crl/", verify.revocation_list, name="verify_crl"),
    path("xac-thuc/<str:token>/", verify.verify_result, name="verify"),
    path("verify/public-key/", verify.qr_public_key),
    path("verify/<str:token>/", verify.verify_result),
]
