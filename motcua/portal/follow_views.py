"""Following one's dossiers: the list, a dossier's timeline, answering a supplement request,
withdrawing, the signed results, rating, and the personal data store with its access log.

Every page is the logged-in citizen's own: the selectors scope by account, by the citizen
ID at VNeID level 2 (dossiers filed at a desk, by post or on the national portal), and by
the organisation the person acts for; another citizen's code, reference, result or
document answers 404 like a missing one. Actions go
through the engine's services with the version the citizen saw (a stale page is refused).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from motcua.core.errors import MotcuaError, NotFound
from motcua.datastore import selectors as store_selectors
from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers import services as dossier_services
from motcua.dossiers.services.components import ComponentInput
from motcua.dossiers.types import Action, Satisfaction
from motcua.portal.citizen_auth import acting_for, citizen_required, current_citizen, current_level
from motcua.portal.follow_forms import RATING_CRITERIA, RatingForm, SupplementForm, WithdrawForm

PAGE_SIZE = 20
TIMELINE_PAGE_SIZE = 50
# How each kind of official read is shown to the citizen (PersonalDataAccess.purpose).
ACCESS_PURPOSES = {
    "backoffice": gettext_lazy("opened your dossier in the back office"),
    "slip": gettext_lazy("printed a slip of your dossier"),
    "api": gettext_lazy("read your dossier through a connected system"),
    "admin": gettext_lazy("opened your dossier in the administration site"),
}


def citizen_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A citizen's own page: the login (saying so when the session ended), and 404 for what is not theirs."""
    protected = citizen_required(view)

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if current_citizen(request) is None:
            _say_why_login(request)
        try:
            return protected(request, *args, **kwargs)
        except NotFound:
            raise Http404 from None

    return wrapper


def _say_why_login(request: HttpRequest) -> None:
    hours = max(1, settings.CITIZEN_SESSION_AGE_S // 3600)
    if request.method == "POST":
        messages.warning(
            request,
            _("Your session has ended, so nothing was sent. Log in again with VNeID, then send it again."),
        )
    elif settings.SESSION_COOKIE_NAME in request.COOKIES and not request.user.is_authenticated:
        messages.warning(
            request,
            _("Your session has ended (after %(hours)d hours, for your safety). Log in again with VNeID.")
            % {"hours": hours},
        )
    else:
        messages.info(request, _("Log in with VNeID to follow your dossiers."))


def _owned(request: HttpRequest) -> dict[str, Any]:
    """Who asks, for the scoped selectors: this login's VNeID level and on whose behalf."""
    return {"level": current_level(request), "acting_for": acting_for(request)}


def _mine(request: HttpRequest, identifier: str) -> Any:
    return dossier_selectors.dossier_of_account(request.user, identifier=identifier, **_owned(request))


def _page(request: HttpRequest, items: Any, size: int = PAGE_SIZE, param: str = "trang") -> Any:
    return Paginator(items, size).get_page(request.GET.get(param))


# My dossiers and one dossier.


@require_GET
@citizen_page
def my_dossiers(request: HttpRequest) -> HttpResponse:
    page = _page(request, dossier_selectors.dossiers_of_account(request.user, **_owned(request)))
    rows = [(d, status) for d, status in zip(page, map(dossier_selectors.deadline_status, page), strict=True)]
    context = {"page": page, "rows": rows, "acting": acting_for(request), "level": current_level(request)}
    return render(request, "portal/follow/list.html", context)


@require_GET
@citizen_page
def dossier_detail(request: HttpRequest, identifier: str) -> HttpResponse:
    dossier = _mine(request, identifier)
    timeline = _page(request, dossier_selectors.timeline_of(dossier), TIMELINE_PAGE_SIZE)
    allowed = set(dossier_selectors.allowed_actions_for(request.user, dossier))
    context = {
        "dossier": dossier,
        "deadline": dossier_selectors.deadline_status(dossier),
        "timeline": timeline,
        "entries": dossier_selectors.timeline_entries(timeline),
        "supplement": dossier_selectors.supplement_request_of(dossier),
        "results": dossier_selectors.results_for_applicant(dossier),
        "may_supplement": Action.SUPPLEMENT in allowed,
        "may_withdraw": Action.WITHDRAW in allowed,
        "may_rate": Action.RATE in allowed and dossier.satisfaction is None,
        "rating": _rating(dossier),
    }
    return render(request, "portal/follow/detail.html", context)


def _rating(dossier: Any) -> dict[str, Any] | None:
    if dossier.satisfaction is None:
        return None
    criteria = (dossier.rating or {}).get("criteria", {})
    return {
        "label": Satisfaction(dossier.satisfaction).label,
        "criteria": [
            (RATING_CRITERIA[k], Satisfaction(v).label) for k, v in criteria.items() if k in RATING_CRITERIA
        ],
        "comment": (dossier.rating or {}).get("comment", ""),
    }


# The applicant's actions: each form posts the version it was shown.


@require_http_methods(["GET", "POST"])
@citizen_page
def supplement(request: HttpRequest, identifier: str) -> HttpResponse:
    """Answer a request for a supplement: upload what was missing; the clock resumes."""
    dossier = _mine(request, identifier)
    components = list(dossier.components.order_by("position"))
    form = SupplementForm(
        request.POST or None,
        request.FILES or None,
        components=components,
        initial={"version": dossier.version},
    )
    if request.method == "POST" and form.is_valid():
        inputs = [
            ComponentInput(position=c.position, file=upload) for c, upload in form.cleaned_data["uploads"]
        ]
        done = _act(
            request,
            form,
            lambda: dossier_services.supply_supplement(
                dossier=dossier,
                by=request.user,
                components=inputs,
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["version"],
            ),
            _("Thank you: the documents were sent and the processing time runs again."),
        )
        if done:
            return done
    context = {"dossier": dossier, "form": form, "request_": dossier_selectors.supplement_request_of(dossier)}
    return _form_page(request, "portal/follow/supplement.html", context, form)


@require_http_methods(["GET", "POST"])
@citizen_page
def withdraw(request: HttpRequest, identifier: str) -> HttpResponse:
    dossier = _mine(request, identifier)
    form = WithdrawForm(request.POST or None, initial={"version": dossier.version})
    if request.method == "POST" and form.is_valid():
        done = _act(
            request,
            form,
            lambda: dossier_services.withdraw_dossier(
                dossier=dossier,
                by=request.user,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            ),
            _("Your dossier was withdrawn."),
        )
        if done:
            return done
    return _form_page(request, "portal/follow/withdraw.html", {"dossier": dossier, "form": form}, form)


@require_http_methods(["GET", "POST"])
@citizen_page
def rate(request: HttpRequest, identifier: str) -> HttpResponse:
    """Rate the service once the dossier has ended (3 levels, optional criteria and comment)."""
    dossier = _mine(request, identifier)
    form = RatingForm(request.POST or None, initial={"version": dossier.version})
    if request.method == "POST" and form.is_valid():
        done = _act(
            request,
            form,
            lambda: dossier_services.rate_dossier(
                dossier=dossier,
                by=request.user,
                satisfaction=form.cleaned_data["satisfaction"],
                criteria=form.criteria(),
                comment=form.cleaned_data["comment"],
                expected_version=form.cleaned_data["version"],
            ),
            _("Thank you for your rating."),
        )
        if done:
            return done
    allowed = Action.RATE in dossier_selectors.allowed_actions_for(request.user, dossier)
    context = {"dossier": dossier, "form": form, "rating": _rating(dossier), "may_rate": allowed}
    return _form_page(request, "portal/follow/rate.html", context, form)


def _act(request: HttpRequest, form: Any, action: Callable[[], Any], success: str) -> HttpResponse | None:
    """Run the engine's action; on success back to the dossier, else its message on the form."""
    try:
        dossier = action()
    except MotcuaError as error:
        form.add_error(None, error.detail)
        form.failed_status = error.status
        return None
    messages.success(request, success)
    return HttpResponseRedirect(reverse("portal:my_dossier", args=[dossier.identifier]))


def _form_page(request: HttpRequest, template: str, context: dict[str, Any], form: Any) -> HttpResponse:
    status = 200
    if request.method == "POST":
        status = getattr(form, "failed_status", 400)
    return render(request, template, context, status=status)


@require_GET
@citizen_page
def result_file(request: HttpRequest, identifier: str, number: int) -> HttpResponse:
    """The signed electronic result (PDF) of one of the citizen's dossiers."""
    result = dossier_selectors.result_of_account(
        request.user, identifier=identifier, number=number, **_owned(request)
    )
    return FileResponse(result.file.open("rb"), as_attachment=True, filename=f"{result.code}.pdf")


# The personal data store and who read the citizen's data.


@require_GET
@citizen_page
def data_store(request: HttpRequest) -> HttpResponse:
    # A dossier's results and scans at the level "my dossiers" shows that dossier (datastore.selectors).
    level = current_level(request)
    # Newest first: the use count's GROUP BY drops the model's default order.
    stored = store_selectors.documents_of(request.user, level=level)
    page = _page(request, stored.order_by("-created_at", "-id"))
    # The page's uses in one query: the dossiers that took each document.
    documents = list(page.object_list)
    prefetch_related_objects(documents, "uses__dossier__procedure")
    context = {"page": page, "documents": documents, "level": level}
    return render(request, "portal/follow/store.html", context)


@require_GET
@citizen_page
def stored_document_file(request: HttpRequest, reference: str) -> HttpResponse:
    document = store_selectors.document_of(request.user, reference, level=current_level(request))
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.file_name)


@require_GET
@citizen_page
def access_log(request: HttpRequest) -> HttpResponse:
    accesses = dossier_selectors.data_accesses_of_account(request.user, level=current_level(request))
    page = _page(request, accesses)
    rows = [(access, ACCESS_PURPOSES.get(access.purpose, access.purpose)) for access in page]
    return render(request, "portal/follow/access_log.html", {"page": page, "rows": rows})
