"""/gia-lap/vneid/: the simulator's pages and its OpenID Connect endpoints.

Included by motcua/urls.py only when INTEGRATIONS_MODE=simulated. django-oauth-toolkit
reverses its views as ``oauth2_provider:…``, so the protocol endpoints keep that namespace.
"""

from django.urls import include, path, re_path
from oauth2_provider import views as oauth2_views

from motcua.integrations.vneid.simulator import views

provider = [
    path("authorize/", views.SimulatedAuthorizationView.as_view(), name="authorize"),
    path("token/", oauth2_views.TokenView.as_view(), name="token"),
    re_path(
        r"^\.well-known/openid-configuration/?$",
        oauth2_views.ConnectDiscoveryInfoView.as_view(),
        name="oidc-connect-discovery-info",
    ),
    path(".well-known/jwks.json", oauth2_views.JwksInfoView.as_view(), name="jwks-info"),
    path("userinfo/", oauth2_views.UserInfoView.as_view(), name="user-info"),
]
pages = [path("dang-nhap/", views.login, name="login")]

urlpatterns = [
    path("", include((provider, "oauth2_provider"))),
    path("", include((pages, "vneid_simulator"))),
]
