"""The public catalog: search, browse by field and life event, a procedure's page."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from motcua.catalog import selectors
from motcua.catalog.types import LifeEvent
from motcua.core.errors import NotFound

PAGE_SIZE = 20


class CatalogSearchForm(forms.Form):
    q = forms.CharField(label=_("What do you need to do?"), required=False, max_length=200)
    level = forms.ChoiceField(
        label=_("Level"),
        required=False,
        choices=[("", _("All levels")), ("commune", _("Commune / ward")), ("province", _("Province"))],
    )
    online = forms.ChoiceField(
        label=_("Online"),
        required=False,
        choices=[("", _("All")), ("full", _("Fully online")), ("partial", _("Partly online"))],
    )
    field = forms.SlugField(required=False, max_length=80, widget=forms.HiddenInput)
    life_event = forms.ChoiceField(
        required=False, choices=[("", ""), *LifeEvent.choices], widget=forms.HiddenInput
    )


def catalog_index(request: HttpRequest) -> HttpResponse:
    form = CatalogSearchForm(request.GET or None)
    filters, query = {}, ""
    if form.is_valid():
        data = form.cleaned_data
        query = data["q"]
        filters = {
            "level": data["level"] or None,
            "online_level": data["online"] or None,
            "field": data["field"] or None,
            "life_event": data["life_event"] or None,
        }
    queryset = selectors.filter_procedures(selectors.active_procedures(), **filters)
    fuzzy = False
    if query:
        found = selectors.search_procedures(query, queryset)
        results, fuzzy = found.procedures, found.fuzzy
    else:
        results = queryset.order_by("field__name", "name")
    searching = bool(query or any(filters.values()))
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/catalog_index.html",
        {
            "form": form,
            "page": page,
            "fuzzy": fuzzy,
            "searching": searching,
            "fields": selectors.procedure_fields() if not searching else [],
            "life_events": selectors.life_events() if not searching else [],
            "query_string": _query_without_page(request),
        },
    )


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def procedure_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        procedure = selectors.get_procedure(code=code)
    except NotFound:
        raise Http404 from None
    content = selectors.procedure_content(procedure)
    return render(
        request,
        "portal/procedure_detail.html",
        {
            "procedure": procedure,
            "content": content,
            "form_html": _form_preview(content["form"]),
        },
    )


def _form_preview(schema: dict | None) -> str:
    if not schema:
        return ""
    from motcua.agencies.selectors import UnitsDirectory
    from motcua.catalog.eforms import render_form

    return render_form(schema, units=UnitsDirectory())
