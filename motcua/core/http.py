"""Facts about a request that depend on the deployment (proxies in front)."""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's IP address, trusting X-Forwarded-For only as far as configured.

    With ``TRUSTED_PROXY_COUNT=n`` the n-th address from the right of X-Forwarded-For is
    the client (each trusted proxy appends the address it received from); with 0, the
    default, the header is ignored because anyone can send it.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
