"""Template filters of the back office: what the navigation offers to whom."""

from typing import Any

from django import template

from motcua.backoffice.integration_views import can_manage_integrations

register = template.Library()


@register.filter
def manages_integrations(user: Any) -> bool:
    """{% if user|manages_integrations %}: the integration pages are open to this user."""
    return can_manage_integrations(user)
