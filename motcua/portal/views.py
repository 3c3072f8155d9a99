"""Citizen pages. Thin: parse, call a selector or service, render."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from motcua.agencies import selectors
from motcua.core.errors import NotFound


def home(request: HttpRequest) -> HttpResponse:
    try:
        province = selectors.get_province(code=settings.MOTCUA_PROVINCE_CODE)
    except NotFound:
        province = None
    centers = selectors.public_service_centers(province_code=settings.MOTCUA_PROVINCE_CODE)
    page = Paginator(centers, 60).get_page(request.GET.get("page"))
    return render(request, "portal/home.html", {"province": province, "page": page})
