from django import template
from django.http import HttpRequest

from motcua.portal.citizen_auth import current_citizen

register = template.Library()


@register.simple_tag(takes_context=True)
def logged_in_citizen(context: template.Context) -> object:
    """``{% logged_in_citizen as citizen %}``: the citizen logged in on this request, or None."""
    request = context.get("request")
    return current_citizen(request) if isinstance(request, HttpRequest) else None
