from django import template
from django.http import HttpRequest

from motcua.citizens.types import SELF
from motcua.portal.citizen_auth import acting_for, current_citizen

register = template.Library()


@register.simple_tag(takes_context=True)
def logged_in_citizen(context: template.Context) -> object:
    """``{% logged_in_citizen as citizen %}``: the citizen logged in on this request, or None."""
    request = context.get("request")
    return current_citizen(request) if isinstance(request, HttpRequest) else None


@register.simple_tag(takes_context=True)
def acting_for_now(context: template.Context) -> object:
    """``{% acting_for_now as acting %}``: on whose behalf the logged-in citizen acts (``ActingFor``)."""
    request = context.get("request")
    return acting_for(request) if isinstance(request, HttpRequest) else SELF
