"""Officials' pages. Thin: parse, call a selector or service, render."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from motcua.agencies import selectors
from motcua.backoffice.forms import AgencySearchForm, OfficialLoginForm
from motcua.core.errors import NotFound

PAGE_SIZE = 50


class LoginView(auth_views.LoginView):
    template_name = "backoffice/login.html"
    authentication_form = OfficialLoginForm
    redirect_authenticated_user = True


@login_required
def home(request: HttpRequest) -> HttpResponse:
    official = selectors.official_of(request.user)
    return render(
        request,
        "backoffice/home.html",
        {
            "official": official,
            "roles": selectors.roles_of(request.user),
            "agency_count": selectors.visible_agencies(request.user).count(),
        },
    )


@login_required
def agency_list(request: HttpRequest) -> HttpResponse:
    form = AgencySearchForm(request.GET or None)
    agencies = selectors.visible_agencies(request.user).order_by("code")
    if form.is_valid() and form.cleaned_data["q"]:
        term = form.cleaned_data["q"]
        agencies = agencies.filter(Q(name__icontains=term) | Q(code__icontains=term))
    page = Paginator(agencies, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "backoffice/agency_list.html", {"form": form, "page": page})


@login_required
def agency_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        agency = selectors.get_visible_agency(request.user, code=code)
    except NotFound:
        raise Http404 from None
    officials = (
        selectors.visible_officials(request.user).filter(agency=agency).prefetch_related("roles__agency")
    )
    page = Paginator(officials, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "backoffice/agency_detail.html", {"agency": agency, "page": page})
