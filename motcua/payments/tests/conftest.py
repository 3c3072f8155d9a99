"""A fresh simulated payment platform per test, and a received dossier with a 50,000 đồng fee."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from motcua.core import clock
from motcua.dossiers import services as dossier_services
from motcua.dossiers.tests.helpers import at, desk_dossier, user
from motcua.integrations import signatures
from motcua.integrations.base import registry
from motcua.integrations.payment.simulator import simulator

DESK = "thucphan.motcua"
FEE_PROCEDURE = "2.001035"  # one fee of 50,000 đồng in the demo catalog


@pytest.fixture(autouse=True)
def platform(settings):
    settings.INTEGRATIONS_MODE = "simulated"
    registry.reset()
    simulator.reset()
    yield simulator
    simulator.reset()
    registry.reset()


@pytest.fixture
def now():
    """Time stands still at 09:00 on 2 March 2026 unless a test moves it (``now.tick``)."""
    with clock.frozen(at(2026, 3, 2, 9, 0)) as frozen:
        yield frozen


@pytest.fixture
def dossier(demo_catalog, now):
    return dossier_services.receive_dossier(dossier=desk_dossier(FEE_PROCEDURE), by=user(DESK))


def signed(body: bytes, *, secret: str | None = None, when: datetime | None = None) -> dict[str, str]:
    from django.conf import settings

    key = settings.INBOUND_SECRETS["payment"] if secret is None else secret
    return {"HTTP_X_MOTCUA_SIGNATURE": signatures.sign(key, body, at=when)}


def envelope(**fields) -> bytes:
    return json.dumps(fields).encode()
