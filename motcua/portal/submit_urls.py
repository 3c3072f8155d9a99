"""Applying online (nộp hồ sơ trực tuyến); included by ``portal.urls`` under the portal namespace."""

from django.urls import path

from motcua.portal import submit_views

urlpatterns = [
    path("nop-ho-so/ban-nhap/", submit_views.drafts, name="submit_drafts"),
    path("nop-ho-so/ban-nhap/<str:reference>/", submit_views.draft, name="submit_draft"),
    path("nop-ho-so/da-nop/<str:reference>/", submit_views.receipt, name="submit_receipt"),
    path("nop-ho-so/da-nop/<str:reference>/mau-01.pdf", submit_views.receipt_pdf, name="submit_receipt_pdf"),
    path("nop-ho-so/da-nop/<str:reference>/thanh-toan/", submit_views.pay, name="submit_pay"),
    path("nop-ho-so/<str:code>/", submit_views.start, name="submit_start"),
]
