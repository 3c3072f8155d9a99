"""Building dossiers in tests through the real services."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from motcua.core import clock
from motcua.dossiers.services import ApplicantInput, DossierInput, create_dossier

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
THUC_PHAN = "01273"  # Phường Thục Phán (the demo ward)
THUC_PHAN_CENTER = "001.01.50.H14"
THUC_PHAN_COMMITTEE = "000.01.50.H14"
PROVINCE_CENTER = "000.00.20.H14"
JUSTICE = "000.00.03.H14"
BIRTH = "1.001193"  # within the day, commune level
MARRIAGE_STATUS = "1.004884"  # re-registration of birth: 5 working days, commune level
BUSINESS = "2.001583"  # one-member LLC: 3 working days, province (Finance)


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=HANOI)


def user(username: str):
    return get_user_model().objects.get(username=username)


def owner(**overrides) -> ApplicantInput:
    values = {
        "name": "Nông Văn Dũng",
        "id_number": "004095001234",
        "phone": "0912345678",
        "address": "Tổ 5, phường Thục Phán, tỉnh Cao Bằng",
        "unit_code": THUC_PHAN,
    } | overrides
    return ApplicantInput(**values)


def desk_dossier(
    procedure: str = MARRIAGE_STATUS, *, center: str = THUC_PHAN_CENTER, by: str = "thucphan.motcua", **kw
):
    """A dossier submitted at a center's desk with every document ticked."""
    data = DossierInput(procedure_code=procedure, channel="desk", owner=owner(), served_at=center, **kw)
    dossier = create_dossier(data=data, by=user(by), submit=False)
    dossier.components.update(copies=1)
    from motcua.dossiers.services import submit_dossier

    return submit_dossier(dossier=dossier, by=user(by))


def frozen(*args: int):
    return clock.frozen(at(*args))
