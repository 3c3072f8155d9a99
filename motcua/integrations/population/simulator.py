"""An in-process National Population Database, for simulated mode, tests, demos and training.

It answers the same wire requests as the real database is assumed to (through
:class:`SimulatorTransport`, or over HTTP with ``run_simulator population --port N``) from
a deterministic directory: the test identities below (docs/integrations/population.md),
plus every person of the demo dossiers, which ``seed_demo`` registers in a JSON file
(``POPULATION_SIMULATOR_FILE``) that every process of the deployment reads. Switches:
``latency`` (seconds; beyond the caller's budget it is a timeout), ``error_rate`` (share of
503 answers, seeded by ``seed``), ``down`` and ``outages`` (``[(start, end)]`` judged on
``motcua.core.clock``). ``lookups`` records every request that reached it.
"""

from __future__ import annotations

import json
import os
import random
import tempfile
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings

from motcua.core import clock
from motcua.integrations.population.client import CITIZENS_PATH
from motcua.integrations.simulators import register_simulator
from motcua.integrations.transport import WireRequest, WireResponse


def _citizen(number: str, name: str, born: str, sex: int, home: tuple, now: tuple | None = None) -> dict:
    permanent = {"MaXa": home[0], "DiaChi": home[1]}
    current = {"MaXa": now[0], "DiaChi": now[1]} if now else dict(permanent)
    return {
        "SoDinhDanh": number,
        "HoVaTen": name,
        "NgaySinh": born,
        "GioiTinh": sex,
        "QuocTich": "VN",
        "ThuongTru": permanent,
        "NoiOHienTai": current,
    }


THUC_PHAN = "01273"  # Phường Thục Phán, tỉnh Cao Bằng (the demo ward)
TAN_GIANG = "01288"  # Phường Tân Giang, tỉnh Cao Bằng
BAO_LAM = "01290"  # Xã Bảo Lâm, tỉnh Cao Bằng (the demo mountain commune)
HOA_AN = "01654"  # Xã Hòa An, tỉnh Cao Bằng
BA_DINH = "00004"  # Phường Ba Đình, thành phố Hà Nội

# The test identities (documented in docs/integrations/population.md). Any other number is
# unknown unless the demo registered it; 004099999999 is never known. The first seven are
# the VNeID simulator's fixed identities (vneid/simulator/identities.py), with the same
# names and dates of birth, so that a citizen logged in as one of them gets prefilled; the
# last four are known here only (the desk and back-fill tests use them).
TEST_CITIZENS = {
    citizen["SoDinhDanh"]: citizen
    for citizen in (
        _citizen(
            "004095001234",
            "Nông Thị Hoa",
            "19950314",
            2,
            (THUC_PHAN, "Số 25, phố Hoàng Đình Giong, phường Thục Phán, tỉnh Cao Bằng"),
        ),
        _citizen(
            "004088004321", "Hoàng Văn Dũng", "19881102", 1, (HOA_AN, "Xóm Nà Rị, xã Hòa An, tỉnh Cao Bằng")
        ),
        _citizen(
            "004301007777",
            "Lương Minh Khánh",
            "20010730",
            2,
            (TAN_GIANG, "Tổ 3, phường Tân Giang, tỉnh Cao Bằng"),
        ),
        _citizen(
            "004176002468",
            "Bế Thị Thu Huyền",
            "19760109",
            2,
            (THUC_PHAN, "Số 9, phố Vườn Cam, phường Thục Phán, tỉnh Cao Bằng"),
        ),
        _citizen(
            "001092013579",
            "Nguyễn Đức Tùng",
            "19920519",
            1,
            (BA_DINH, "Số 18, phố Đội Cấn, phường Ba Đình, thành phố Hà Nội"),
        ),
        _citizen(
            "004060000001",
            "Sùng Văn Pó",
            "19601201",
            1,
            (BAO_LAM, "Thôn Khuổi Pết, xã Bảo Lâm, tỉnh Cao Bằng"),
        ),
        _citizen(
            "004085003579",
            "Đàm Văn Quang",
            "19850923",
            1,
            (THUC_PHAN, "Số 3, phố Xuân Trường, phường Thục Phán, tỉnh Cao Bằng"),
        ),
        _citizen(
            "004190001234",
            "Hoàng Thị Mai",
            "19900312",
            2,
            (THUC_PHAN, "Số 12, phố Kim Đồng, phường Thục Phán, tỉnh Cao Bằng"),
        ),
        _citizen(
            "004085002345",
            "Nông Văn Hùng",
            "19851102",
            1,
            (BAO_LAM, "Thôn Nà Pồng, xã Bảo Lâm, tỉnh Cao Bằng"),
        ),
        _citizen(
            "004203003456",
            "Lý Văn Toàn",
            "20030625",
            1,
            (BAO_LAM, "Thôn Khuổi Lác, xã Bảo Lâm, tỉnh Cao Bằng"),
            (THUC_PHAN, "Số 40, phố Vườn Cam, phường Thục Phán, tỉnh Cao Bằng"),
        ),
        _citizen(
            "001192004567",
            "Nguyễn Thị Lan",
            "19920130",
            2,
            (THUC_PHAN, "Số 7, phố Hiến Giang, phường Thục Phán, tỉnh Cao Bằng"),
        ),
    )
}
NEVER_KNOWN = "004099999999"


@dataclass(frozen=True)
class Lookup:
    citizen_id: str
    status: int
    at: datetime


@dataclass
class PopulationSimulator:
    SWITCHES = ("latency", "error_rate", "down")

    latency: float = 0.0  # seconds per request
    error_rate: float = 0.0  # share of requests answered 503
    down: bool = False  # refuse connections
    outages: list[tuple[datetime, datetime]] = field(default_factory=list)  # [start, end)
    seed: int | None = None
    citizens: dict[str, dict[str, Any]] = field(default_factory=lambda: dict(TEST_CITIZENS))
    lookups: list[Lookup] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._random = random.Random(self.seed)
        self._file_seen: tuple[str, float] | None = None
        self._from_file: dict[str, dict[str, Any]] = {}

    def reset(self) -> None:
        with self._lock:
            self.latency, self.error_rate, self.down, self.outages = 0.0, 0.0, False, []
            self.citizens, self.lookups = dict(TEST_CITIZENS), []
            self._random = random.Random(self.seed)

    def is_down(self, at: datetime | None = None) -> bool:
        at = at or clock.now()
        return self.down or any(start <= at < end for start, end in self.outages)

    def record(self) -> dict[str, Any]:
        return {
            "citizens": len(self._directory()),
            "lookups": [
                {"citizen_id": x.citizen_id, "status": x.status, "at": x.at.isoformat()} for x in self.lookups
            ],
        }

    def add(self, citizens: list[dict[str, Any]]) -> None:
        """Know these citizens (wire records) from now on, in this process only."""
        with self._lock:
            self.citizens.update({citizen["SoDinhDanh"]: citizen for citizen in citizens})

    def handle(self, request: WireRequest) -> WireResponse:
        path = request.url.split("?", 1)[0]
        marker = path.rfind(CITIZENS_PATH)
        if request.method != "GET" or marker < 0:
            return _reply(404, {"error": "no such endpoint"})
        number = path[marker + len(CITIZENS_PATH) :]
        if not request.headers.get("X-Purpose"):
            return self._answer(number, 400, {"error": "say why you look this citizen up (X-Purpose)"})
        if self._random.random() < self.error_rate:
            return self._answer(number, 503, {"error": "overloaded"})
        citizen = self._directory().get(number)
        if citizen is None:
            return self._answer(number, 404, {"error": "no citizen with this number"})
        return self._answer(number, 200, citizen)

    def _answer(self, number: str, status: int, body: dict[str, Any]) -> WireResponse:
        with self._lock:
            self.lookups.append(Lookup(number, status, clock.now()))
        return _reply(status, body)

    def _directory(self) -> dict[str, dict[str, Any]]:
        return {**self._load_file(), **self.citizens}

    def _load_file(self) -> dict[str, dict[str, Any]]:
        """The citizens the demo registered for every process; re-read when the file changes."""
        path = directory_file()
        if path is None:
            return {}
        try:
            seen = (str(path), path.stat().st_mtime)
        except OSError:
            return {}
        if seen != self._file_seen:
            try:
                rows = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                rows = []
            self._from_file = {row["SoDinhDanh"]: row for row in rows if isinstance(row, dict)}
            self._file_seen = seen
        return self._from_file


def directory_file() -> Path | None:
    value = getattr(settings, "POPULATION_SIMULATOR_FILE", "")
    return Path(value) if value else None


def save_directory(citizens: list[dict[str, Any]]) -> int:
    """Add wire records to the shared directory file (atomically); how many it now holds."""
    path = directory_file()
    if path is None:
        return 0
    try:
        known = {row["SoDinhDanh"]: row for row in json.loads(path.read_text(encoding="utf-8"))}
    except (OSError, ValueError, TypeError, KeyError):
        known = {}
    known.update({citizen["SoDinhDanh"]: citizen for citizen in citizens})
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(
            sorted(known.values(), key=lambda row: row["SoDinhDanh"]), out, ensure_ascii=False, indent=1
        )
    os.replace(tmp, path)
    return len(known)


def _reply(status: int, body: dict[str, Any]) -> WireResponse:
    return WireResponse(
        status, json.dumps(body, ensure_ascii=False).encode(), {"Content-Type": "application/json"}
    )


simulator = PopulationSimulator()
register_simulator("population", lambda: simulator)
