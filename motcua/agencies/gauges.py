from motcua.agencies.models import Agency, Official
from motcua.core import metrics


def register() -> None:
    metrics.register_gauge(
        "motcua_agencies", "Active agencies.", lambda: Agency.objects.filter(is_active=True).count()
    )
    metrics.register_gauge(
        "motcua_officials",
        "Officials with a login.",
        lambda: Official.objects.filter(user__is_active=True).count(),
    )
