"""Domain ↔ wire for the National Population Database: the one place the mapping lives.

No official specification is public: the field names below are our reading of what the
database returns (docs/integrations/population.md); change them here only.

A lookup has a hard time budget (``POPULATION_TIMEOUT_SECONDS``, 3 s by default): the call
runs on a small pool of threads and the caller stops waiting when the budget is spent, so
a desk is never held longer than that, not even by a DNS lookup that hangs. A timeout, a
connection error, a 5xx or an answer we cannot read is :class:`PopulationUnavailable`; an
unknown number is ``None``; a malformed number is refused before any call.
"""

from __future__ import annotations

import logging
import re
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from datetime import date
from typing import Any

from django.conf import settings

from motcua.integrations.base import DeliveryError, Outgoing, TerminalError, registry
from motcua.integrations.errors import MalformedCitizenId
from motcua.integrations.population.client import PopulationClient
from motcua.integrations.population.simulator import simulator
from motcua.integrations.simulators import wire_for
from motcua.integrations.types import PersonRecord, Residence

logger = logging.getLogger(__name__)

SYSTEM = "population"
SIMULATED_URL = "http://population.simulator"
DEFAULT_TIMEOUT = 3.0
CITIZEN_ID = re.compile(r"[0-9]{12}")  # ASCII digits only
SEX_CODES = {1: "male", 2: "female"}  # GioiTinh; 0 or absent: not recorded
_pool = ThreadPoolExecutor(max_workers=8, thread_name_prefix="population")


class PopulationUnavailable(Exception):
    """The database did not answer usefully within the budget; enter the details by hand."""


def check_citizen_id(citizen_id: str) -> str:
    number = citizen_id.strip() if isinstance(citizen_id, str) else ""
    if not CITIZEN_ID.fullmatch(number):
        raise MalformedCitizenId(value=repr(str(citizen_id)[:20]))
    return number


def record_from_wire(data: dict[str, Any]) -> PersonRecord:
    """The database's record → a :class:`PersonRecord`; KeyError/TypeError/ValueError if unreadable."""
    born = data.get("NgaySinh")
    return PersonRecord(
        citizen_id=_text(data["SoDinhDanh"]),
        full_name=" ".join(_text(data["HoVaTen"]).split()),
        date_of_birth=_birth_date(_text(born)) if born else None,
        sex=SEX_CODES.get(int(data.get("GioiTinh") or 0), ""),
        nationality=_text(data.get("QuocTich") or "VN"),
        permanent_residence=_residence(data.get("ThuongTru")),
        current_residence=_residence(data.get("NoiOHienTai")),
    )


def record_to_wire(record: PersonRecord) -> dict[str, Any]:
    """The reverse, for the simulator's directory (the demo's people)."""
    codes = {sex: code for code, sex in SEX_CODES.items()}
    return {
        "SoDinhDanh": record.citizen_id,
        "HoVaTen": record.full_name,
        "NgaySinh": record.date_of_birth.strftime("%Y%m%d") if record.date_of_birth else None,
        "GioiTinh": codes.get(record.sex, 0),
        "QuocTich": record.nationality,
        "ThuongTru": _residence_to_wire(record.permanent_residence),
        "NoiOHienTai": _residence_to_wire(record.current_residence),
    }


class PopulationAdapter:
    def __init__(self, client: PopulationClient) -> None:
        self.client = client

    def lookup(self, citizen_id: str, *, purpose: str, timeout: float | None = None) -> PersonRecord | None:
        """The citizen, or None when unknown; :class:`PopulationUnavailable` past the budget."""
        number = check_citizen_id(citizen_id)
        budget = timeout if timeout is not None else lookup_budget()
        call = _pool.submit(self.client.get_citizen, number, purpose=purpose, timeout=budget)
        try:
            data = call.result(timeout=budget)
        except FutureTimeout:
            call.cancel()
            raise PopulationUnavailable(f"no answer within {budget:g} s") from None
        except TerminalError as error:  # 401/403/4xx: misconfigured; the desk must go on anyway
            logger.error("population database refused the lookup: %s", error)
            raise PopulationUnavailable(str(error)) from error
        except DeliveryError as error:
            raise PopulationUnavailable(str(error)) from error
        if data is None:
            return None
        try:
            record = record_from_wire(data)
        except (KeyError, TypeError, ValueError) as error:
            raise PopulationUnavailable(f"unreadable record: {error!r}") from error
        if record.citizen_id != number:
            raise PopulationUnavailable("the database answered for another citizen ID")
        return record

    def deliver(self, message: Outgoing, *, timeout: float) -> Any:
        """The population database is only looked up; nothing is sent to it through the outbox."""
        raise TerminalError(f"the population adapter does not send {message.topic!r}")


def lookup_budget() -> float:
    return float(getattr(settings, "POPULATION_TIMEOUT_SECONDS", DEFAULT_TIMEOUT))


@registry.register(SYSTEM)
def build_adapter() -> PopulationAdapter:
    """Live mode talks to the configured URL; simulated mode to the shared simulator server
    when one runs (``SIMULATOR_SERVERS``, so a trainer's switches reach every process), else
    to the in-process simulator."""
    transport, base_url = wire_for(
        SYSTEM, simulator, live_url=getattr(settings, "POPULATION_URL", ""), simulated_url=SIMULATED_URL
    )
    client = PopulationClient(
        transport=transport,
        base_url=base_url,
        token=getattr(settings, "POPULATION_TOKEN", ""),
    )
    return PopulationAdapter(client)


def _residence(data: Any) -> Residence:
    if not data:
        return Residence()
    return Residence(
        commune_code=_text(data.get("MaXa") or ""), address=_text(data.get("DiaChi") or "").strip()
    )


def _residence_to_wire(residence: Residence) -> dict[str, str] | None:
    return None if residence.is_empty else {"MaXa": residence.commune_code, "DiaChi": residence.address}


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return value


def _birth_date(text: str) -> date:
    """``yyyyMMdd`` → a date; ValueError otherwise."""
    if len(text) != 8 or not text.isdigit():
        raise ValueError(f"not a yyyyMMdd date: {text!r}")
    return date(int(text[:4]), int(text[4:6]), int(text[6:]))
