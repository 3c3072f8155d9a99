"""Log a citizen in from a test, without the browser or the VNeID round trip.

    from motcua.citizens.tests.helpers import LEVEL_1, LEVEL_2, log_in_citizen

    def test_my_page(client, db):
        citizen = log_in_citizen(client)                  # Nông Thị Hoa, VNeID level 2
        citizen = log_in_citizen(client, identity=LEVEL_1)  # Lương Minh Khánh, level 1
        citizen = log_in_citizen(client, identity="012345678901", name="Someone", level=1)

The citizen is created (or refreshed) by the same service a real VNeID login uses, and the
session is the one the VNeID callback leaves: the Django login plus the assurance level,
acting for themselves. The real flow (PKCE, signed ID tokens) is tested in
motcua/portal/tests/test_citizen_login.py and tests/e2e/test_citizen_login_journey.py.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.test import Client

from motcua.citizens.models import Citizen
from motcua.citizens.services import sign_in_citizen

__all__ = ["LEVEL_1", "LEVEL_2", "REPRESENTATIVE", "log_in_citizen", "log_out_citizen"]

# The simulator's fixed test identities (docs/integrations/vneid.md).
LEVEL_2 = "004095001234"  # Nông Thị Hoa, level 2, with a phone number
LEVEL_1 = "004301007777"  # Lương Minh Khánh, level 1, no phone number
REPRESENTATIVE = "004085003579"  # Đàm Văn Quang, level 2, legal representative of a company


def log_in_citizen(
    client: Client, identity: str = LEVEL_2, *, name: str = "", level: int | None = None
) -> Citizen:
    """Log ``client`` in as the citizen with this 12-digit ID; their ``Citizen``.

    A simulator identity brings its own name, birth date, phone and level; any other ID
    needs ``name`` (and has level 2 unless ``level`` says otherwise). ``level`` overrides
    the identity's level. Needs the database (``db`` fixture or ``django_db`` mark).
    """
    claims = _claims(identity, name=name, level=level)
    user = sign_in_citizen(claims=claims)
    # The portal owns the session's shape; local imports keep citizens free of portal and integrations.
    from motcua.portal.citizen_auth import BACKEND, citizen_session_data

    client.force_login(user, backend=BACKEND)
    session = client.session
    session.update(citizen_session_data(level=claims["assurance_level"]))
    session.set_expiry(settings.CITIZEN_SESSION_AGE_S)
    session.save()
    return user.citizen


def log_out_citizen(client: Client) -> None:
    client.logout()


def _claims(citizen_id: str, *, name: str, level: int | None) -> dict[str, Any]:
    from motcua.integrations.vneid.simulator.identities import find_fixed_identity

    known = find_fixed_identity(citizen_id)
    claims: dict[str, Any] = known.claims() if known else {"sub": citizen_id, "name": name}
    if name:
        claims["name"] = name
    claims["assurance_level"] = level or (known.level if known else 2)
    return claims
