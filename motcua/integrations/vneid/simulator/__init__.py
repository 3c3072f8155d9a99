"""The bundled VNeID simulator: a real OpenID Connect provider at /gia-lap/vneid/.

Mounted only when ``INTEGRATIONS_MODE=simulated``. django-oauth-toolkit does the protocol
(discovery, JWKS, authorize, token, userinfo; PKCE S256 required; authorization code only);
this package adds the test identities, a password-less "log in as" page, the claims VNeID
releases and the registration of motcua as a client. Import-light: settings import
``keys``.
"""
