"""The dashboards' pages, their exports and the drill-down lists. Thin: parse, scope, read, render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from motcua.core.errors import NotFound
from motcua.dashboard import exports, pages
from motcua.dashboard.figures import build
from motcua.dashboard.tables import TABLES, table_of, tables_of
from motcua.reporting import selectors as reporting

PAGE_SIZE = 50


def _official_scope(user: Any) -> reporting.Scope | None:
    """The official's scope, or None for anyone else (visitors, citizens): they get the public summary."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return reporting.scope_of(user)
    except NotFound:
        return None


def _filters(request: HttpRequest, scope: reporting.Scope, *, public: bool) -> reporting.Filters:
    try:
        return reporting.parse_filters(request.GET, scope=scope, user=None if public else request.user)
    except NotFound:
        raise Http404 from None


def _page(request: HttpRequest, scope: reporting.Scope, *, public: bool) -> HttpResponse:
    options = pages.filter_options(scope)
    try:
        filters = _filters(request, scope, public=public)
    except reporting.InvalidFilter as error:
        context = {"error": error.detail, "public": public, "options": options, "values": request.GET}
        return render(request, "dashboard/page.html", context, status=400)
    board = build(filters, scope)
    link = pages.linker(filters, public=public)
    context = {
        "board": board,
        "public": public,
        "options": options,
        "values": filters.as_query(),
        "period": pages.describe(filters),
        "tables": tables_of(board, link),
        "charts": pages.charts(board, link),
        "export_name": "dashboard:public_export" if public else "dashboard:export",
        "query": urlencode(filters.as_query()),
    }
    return render(request, "dashboard/page.html", context)


def home(request: HttpRequest) -> HttpResponse:
    """An official's dashboard (the province for its leaders); anyone else gets the public summary."""
    scope = _official_scope(request.user)
    if scope is None:
        query = request.GET.urlencode()
        return redirect(reverse("dashboard:public") + (f"?{query}" if query else ""))
    return _page(request, scope, public=False)


def public(request: HttpRequest) -> HttpResponse:
    """The public summary: the province's figures and rankings, no dossier."""
    return _page(request, reporting.province_scope(), public=True)


def _export(
    request: HttpRequest, scope: reporting.Scope, table: str, fmt: str, *, public: bool
) -> HttpResponse:
    if fmt not in exports.FORMATS:
        raise Http404
    try:
        filters = _filters(request, scope, public=public)
    except reporting.InvalidFilter as error:
        return HttpResponse(error.detail, status=400, content_type="text/plain; charset=utf-8")
    if table not in TABLES:
        raise Http404
    found = table_of(build(filters, scope, table=table), table)
    if found is None:
        raise Http404
    write: Callable[..., bytes] = exports.to_csv if fmt == "csv" else exports.to_xlsx
    body = write(found) if fmt == "csv" else write(found, subtitle=pages.describe(filters))
    response = HttpResponse(body, content_type=exports.FORMATS[fmt])
    name = f"motcua-{table}-{filters.start:%Y%m%d}-{filters.end:%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def export(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    scope = _official_scope(request.user)
    if scope is None:
        raise Http404
    return _export(request, scope, table, fmt, public=False)


def public_export(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    return _export(request, reporting.province_scope(), table, fmt, public=True)


@login_required(login_url="backoffice:login")
def dossiers(request: HttpRequest) -> HttpResponse:
    """The dossiers behind a figure, within the official's scope (404 outside it)."""
    scope = _official_scope(request.user)
    figure = request.GET.get("figure", "")
    if scope is None or figure not in reporting.DRILLDOWNS:
        raise Http404
    try:
        filters = _filters(request, scope, public=False)
    except reporting.InvalidFilter as error:
        return render(request, "dashboard/dossiers.html", {"error": error.detail}, status=400)
    paginator = Paginator(reporting.drilldown(filters, scope, figure=figure), PAGE_SIZE)
    query = filters.as_query() | {"figure": figure}
    context = {
        "page": paginator.get_page(request.GET.get("page")),
        "figure": reporting.DRILLDOWNS[figure],
        "period": pages.describe(filters),
        "query": urlencode(query),
        "back": f"{reverse('dashboard:home')}?{urlencode(filters.as_query())}",
    }
    return render(request, "dashboard/dossiers.html", context)
