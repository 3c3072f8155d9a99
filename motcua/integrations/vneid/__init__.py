"""VNeID, the national electronic identity: citizens log in to the portal over OpenID Connect.

``client.py`` is the relying party (Authlib: discovery, PKCE S256, state and nonce, ID-token
checks against the provider's JWKS); ``login.py`` turns its outcomes into our errors;
``simulator/`` is a real OIDC provider (django-oauth-toolkit) standing in for VNeID in
simulated mode. See docs/integrations/vneid.md.
"""
