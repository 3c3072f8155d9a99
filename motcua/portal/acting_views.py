"""Acting for an organisation: the representative declares it on the account page, and back.

The choice lives in the session (``citizen_auth.SESSION_ACTING_FOR``) until the person
switches back or logs out; a new login always starts as oneself. Only the tax code's
format is checked: there is no business-registry check in this version. The declaration
is audited with the person's VNeID identity, each dossier they submit for the
organisation names them as its representative, and the official checks the
authorisation documents at receipt.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.citizens import services as citizen_services
from motcua.citizens.errors import InvalidOrganisationName, InvalidTaxCode
from motcua.portal.acting_forms import OrganisationForm
from motcua.portal.citizen_auth import citizen_required, set_acting_for
from motcua.portal.login_views import account_context

__all__ = ["act_for_organisation", "act_for_self"]


@require_POST
@citizen_required
def act_for_organisation(request: HttpRequest) -> HttpResponse:
    """Start acting for the organisation in the form; the account page again when it is wrong."""
    form = OrganisationForm(request.POST)
    if form.is_valid():
        try:
            acting = citizen_services.act_for_organisation(
                user=request.user, tax_code=form.cleaned_data["tax_code"], name=form.cleaned_data["name"]
            )
        except (InvalidTaxCode, InvalidOrganisationName) as error:
            form.add_error(None, error.detail)
        else:
            set_acting_for(request, acting)
            messages.success(
                request,
                _(
                    "You now act for %(name)s (tax code %(code)s). "
                    "Switch back at any time at the top of the page."
                )
                % {"name": acting.organisation_name, "code": acting.organisation_tax_code},
            )
            return HttpResponseRedirect(reverse("portal:account"))
    return render(request, "portal/account.html", account_context(request, form), status=400)


@require_POST
@citizen_required
def act_for_self(request: HttpRequest) -> HttpResponse:
    set_acting_for(request, citizen_services.act_for_self(user=request.user))
    messages.success(request, _("You now act for yourself."))
    return HttpResponseRedirect(reverse("portal:account"))
