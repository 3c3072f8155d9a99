from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from motcua.core.tokens import find_active_token


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer mc_…`` (``Token mc_…`` is accepted too)."""

    keywords = ("bearer", "token")

    def authenticate(self, request):  # noqa: ANN001, ANN201
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode(errors="replace").lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Malformed Authorization header."))
        token = find_active_token(header[1].decode(errors="replace"))
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked API token."))
        return token.user, token

    def authenticate_header(self, request) -> str:  # noqa: ANN001
        return 'Bearer realm="api"'
