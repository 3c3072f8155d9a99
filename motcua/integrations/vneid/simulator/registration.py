"""motcua's registration as a client of the simulated VNeID (idempotent).

``bootstrap`` (through ``init_vneid_simulator``) registers it for PUBLIC_BASE_URL and the
loopback names; ``ensure_registered`` does it on the first login otherwise, and adds the
callback of whatever host the citizen uses (ALLOWED_HOSTS still decides which hosts exist).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.db import transaction
from oauth2_provider.models import Application

from motcua.core.audit import record_audit
from motcua.env import env

CALLBACK_PATH = "/dang-nhap/vneid/callback/"
CLIENT_NAME = "motcua — Cổng dịch vụ công của tỉnh"


def default_redirect_uris() -> list[str]:
    """The callback on PUBLIC_BASE_URL and on the loopback names ``make run`` serves."""
    port = env.int("PORT", 8000, minimum=1)
    bases = [settings.PUBLIC_BASE_URL, f"http://127.0.0.1:{port}", f"http://localhost:{port}"]
    return list(dict.fromkeys(base.rstrip("/") + CALLBACK_PATH for base in bases))


@transaction.atomic
def register_motcua_client(*, redirect_uris: list[str] | None = None) -> tuple[Application, bool]:
    """Create or update the client (settings' id and secret); existing redirect URIs are kept.

    Returns the application and whether anything changed (nothing changes, and nothing is
    audited, when run again with the same values).
    """
    uris = redirect_uris if redirect_uris is not None else default_redirect_uris()
    wanted = {
        "name": CLIENT_NAME,
        "client_type": Application.CLIENT_CONFIDENTIAL,
        "authorization_grant_type": Application.GRANT_AUTHORIZATION_CODE,
        "algorithm": Application.RS256_ALGORITHM,
        "skip_authorization": True,  # VNeID asks no consent for the province's own portal
    }
    app = Application.objects.select_for_update().filter(client_id=settings.VNEID_CLIENT_ID).first()
    if app is None:
        app = Application(client_id=settings.VNEID_CLIENT_ID, client_secret=settings.VNEID_CLIENT_SECRET)
        changed = True
    else:
        changed = not check_password(settings.VNEID_CLIENT_SECRET, app.client_secret)
        if changed:
            app.client_secret = settings.VNEID_CLIENT_SECRET
    for field, value in wanted.items():
        if getattr(app, field) != value:
            setattr(app, field, value)
            changed = True
    known = app.redirect_uris.split()
    merged = known + [uri for uri in uris if uri not in known]
    if merged != known:
        app.redirect_uris = " ".join(merged)
        changed = True
    if changed:
        app.save()
        record_audit(
            actor="system",
            action="vneid_simulator.client_registered",
            object_type="oauth2_application",
            object_id=app.client_id,
            data={"redirect_uris": merged},
        )
    return app, changed


def ensure_registered(redirect_uri: str) -> None:
    """Register motcua, or allow one more callback, when the simulator does not know it yet."""
    app = Application.objects.filter(client_id=settings.VNEID_CLIENT_ID).only("redirect_uris").first()
    if app is None:
        register_motcua_client(redirect_uris=[*default_redirect_uris(), redirect_uri])
    elif redirect_uri not in app.redirect_uris.split():
        register_motcua_client(redirect_uris=[redirect_uri])
