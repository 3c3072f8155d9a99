from django.contrib.auth import get_user_model

from motcua.agencies import selectors as agency_selectors


def demo_logins(limit: int = 40) -> list[tuple[str, str, str]]:
    """Logins to print beside the URL: the superuser, then officials by agency."""
    rows: list[tuple[str, str, str]] = []
    if get_user_model().objects.filter(username="admin", is_superuser=True).exists():
        rows.append(("admin", "Superuser", "/admin/"))
    officials = agency_selectors.all_officials().order_by("agency__level", "user__username")[:limit]
    rows += [(o.user.username, o.full_name, o.agency.name) for o in officials]
    return rows
