from django.urls import path

from motcua.portal import catalog_views, verify, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("thu-tuc/", catalog_views.catalog_index, name="catalog"),
    path("thu-tuc/<str:code>/", catalog_views.procedure_detail, name="procedure"),
    path("procedures/", catalog_views.catalog_index),
    path("procedures/<str:code>/", catalog_views.procedure_detail),
    # Verification of electronic results (the QR code's link); fixed paths before <token>.
    path("xac-thuc/khoa-cong-khai/", verify.qr_public_key, name="verify_key"),
    path("xac-thuc/chung-thu-goc/", verify.root_certificate, name="verify_root"),
    path("xac-thuc/crl/", verify.revocation_list, name="verify_crl"),
    path("xac-thuc/<str:token>/", verify.verify_result, name="verify"),
    path("verify/public-key/", verify.qr_public_key),
    path("verify/<str:token>/", verify.verify_result),
]
