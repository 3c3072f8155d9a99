"""The simulator's test identities: who can "log in as" on /gia-lap/vneid/dang-nhap/.

Fixed people (documented in docs/integrations/vneid.md, used by the tests) plus, when the
demo has been seeded, the owners of the demo dossiers: their accounts are named by their
12-digit citizen ID, so logging in as one of them shows their dossiers. A simulated person
is a Django user ``vneid-sim-<citizen ID>`` (inactive, no password) only because
django-oauth-toolkit's grants point at a user; motcua's own citizen accounts are separate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model

SIM_USER_PREFIX = "vneid-sim-"
CITIZEN_ID = re.compile(r"^\d{12}$")
DEMO_OWNERS_SHOWN = 8
ACR_BY_LEVEL = {1: "vneid:level1", 2: "vneid:level2"}


@dataclass(frozen=True)
class Identity:
    citizen_id: str
    name: str
    level: int  # VNeID account level: 1 (self-registered) or 2 (verified in person, with the chip card)
    birthdate: date | None = None
    phone: str = ""
    note: str = ""

    @property
    def acr(self) -> str:
        return ACR_BY_LEVEL[self.level]

    def claims(self) -> dict[str, Any]:
        """What VNeID releases to the relying party (scope ``openid profile``)."""
        claims: dict[str, Any] = {"sub": self.citizen_id, "name": self.name, "acr": self.acr}
        if self.birthdate:
            claims["birthdate"] = self.birthdate.isoformat()
        if self.phone:
            claims["phone_number"] = self.phone
        return claims


FIXED = (
    Identity("004095001234", "Nông Thị Hoa", 2, date(1995, 3, 14), "0912345678", "Phường Thục Phán"),
    Identity("004088004321", "Hoàng Văn Dũng", 2, date(1988, 11, 2), "0987654321", "Xã Hòa An, Cao Bằng"),
    Identity("004301007777", "Lương Minh Khánh", 1, date(2001, 7, 30), "", "chưa có số điện thoại"),
    Identity("004176002468", "Bế Thị Thu Huyền", 1, date(1976, 1, 9), "0203852468", "tài khoản mức 1"),
    Identity("001092013579", "Nguyễn Đức Tùng", 2, date(1992, 5, 19), "0904135790", "sống ở Hà Nội"),
    Identity("004060000001", "Sùng Văn Pó", 2, date(1960, 12, 1), "", "người cao tuổi, xã vùng cao"),
    Identity("004085003579", "Đàm Văn Quang", 2, date(1985, 9, 23), "0915003579",
             "người đại diện theo pháp luật, Công ty TNHH Thương mại Non Nước Cao Bằng (MST 4800123456)"),
)  # fmt: skip


def all_identities() -> list[Identity]:
    """The fixed people, then up to eight owners of demo dossiers (level 2) if seeded."""
    known = {identity.citizen_id for identity in FIXED}
    people = list(FIXED)
    candidates = (
        get_user_model()
        .objects.filter(username__regex=r"^[0-9]{12}$", is_staff=False, official__isnull=True)
        .exclude(first_name="")
        .order_by("username")
        .values_list("username", "first_name")[: DEMO_OWNERS_SHOWN * 2]
    )
    for citizen_id, name in candidates:
        if citizen_id in known or len(people) >= len(FIXED) + DEMO_OWNERS_SHOWN:
            continue
        people.append(Identity(citizen_id, name, 2, note="chủ hồ sơ mẫu"))
        known.add(citizen_id)
    return people


def find_fixed_identity(citizen_id: str) -> Identity | None:
    """One of the fixed people (no database query), or None."""
    return next((i for i in FIXED if i.citizen_id == citizen_id), None)


def find_identity(citizen_id: str) -> Identity | None:
    if not CITIZEN_ID.match(citizen_id or ""):
        return None
    return next((i for i in all_identities() if i.citizen_id == citizen_id), None)


def simulated_user(identity: Identity) -> Any:
    """The provider-side user of a simulated person (created on first use; never logs in)."""
    user, created = get_user_model().objects.get_or_create(
        username=f"{SIM_USER_PREFIX}{identity.citizen_id}",
        defaults={"first_name": identity.name[:150], "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def identity_of(user: Any) -> Identity | None:
    username = getattr(user, "username", "")
    if not username.startswith(SIM_USER_PREFIX):
        return None
    return find_identity(username.removeprefix(SIM_USER_PREFIX))
