"""bench/generate.py on the test database: a few hundred dossiers, numbered as the engine numbers."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from datetime import datetime
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from motcua.agencies.models import Agency
from motcua.core import clock
from motcua.demo.services import seed_demo
from motcua.dossiers import deadlines
from motcua.dossiers.calendar import province_calendar
from motcua.dossiers.codes import build_dossier_code, parse_dossier_code
from motcua.dossiers.models import CodeCounter, Dossier, DossierComponent, DossierEvent, DossierStep
from motcua.dossiers.tests.helpers import THUC_PHAN_CENTER, desk_dossier

GENERATOR = Path(__file__).resolve().parents[1] / "bench" / "generate.py"
NOW = datetime(2026, 3, 18, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))  # a Wednesday morning
COUNT = 300

pytestmark = pytest.mark.django_db


def load_generator():
    """bench/ is not a package: load the script as a module (not run: no __main__)."""
    if "bench_generate" not in sys.modules:
        spec = importlib.util.spec_from_file_location("bench_generate", GENERATOR)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # its dataclasses look their module up
        spec.loader.exec_module(module)
    return sys.modules["bench_generate"]


@pytest.fixture
def generated():
    seed_demo(province_code="04", password="x", with_catalog=True, with_dossiers=False)
    before = set(Dossier.objects.values_list("id", flat=True))
    report = load_generator().generate(
        count=COUNT, years=1, seed=7, batch_size=120, now=NOW, log=lambda _: None
    )
    return report, Dossier.objects.exclude(id__in=before)


def test_generates_a_province_the_engine_would_have_written(generated):
    report, dossiers = generated
    check_counts(report, dossiers)
    check_codes(dossiers)
    check_timelines(dossiers)


def check_counts(report, dossiers) -> None:
    assert report.dossiers == dossiers.count() == COUNT
    assert report.rows["events"] == DossierEvent.objects.filter(dossier__in=dossiers).count()
    received = dossiers.filter(received_at__isnull=False)
    assert report.rows["steps"] == DossierStep.objects.filter(dossier__in=received).count() > COUNT
    per_dossier = Counter(
        DossierComponent.objects.filter(dossier__in=dossiers).values_list("dossier", flat=True)
    )
    assert set(per_dossier.values()) <= {1, 2, 3}
    statuses = Counter(dossiers.values_list("status", flat=True))
    assert statuses["returned"] > 0.8 * COUNT
    assert set(dossiers.values_list("channel", flat=True)) == {"desk", "online", "post"}
    days = dossiers.values_list("received_on", flat=True)
    assert max(d for d in days if d) <= NOW.date()
    assert min(d for d in days if d).weekday() < 5


def check_codes(dossiers) -> None:
    """Codes unique, ``<receiving agency>-<YYMMDD>-<NNNN>``, numbered 1…n per agency and day."""
    rows = list(dossiers.exclude(code=None).values_list("code", "receiving_agency__code", "received_on"))
    assert len({code for code, _, _ in rows}) == len(rows) > 0.9 * COUNT
    numbers: dict[tuple[str, object], list[int]] = {}
    for code, agency_code, day in rows:
        parts = parse_dossier_code(code)
        assert parts is not None and str(parts) == code
        assert (parts.agency_code, parts.received_on) == (agency_code, day)
        numbers.setdefault((agency_code, day), []).append(parts.sequence)
    counters = {(c.agency.code, c.day): c.last for c in CodeCounter.objects.select_related("agency")}
    for key, issued in numbers.items():
        assert sorted(issued) == list(range(1, len(issued) + 1)), key
        assert counters[key] == len(issued), key


def check_timelines(dossiers) -> None:
    """Events in order and chained; status and version follow them; dates by the engine's rules."""
    calendar = province_calendar()
    for dossier in dossiers.select_related("procedure").prefetch_related("events"):
        events = sorted(dossier.events.all(), key=lambda e: e.seq)
        assert [e.seq for e in events] == list(range(1, len(events) + 1))
        assert all(a.at <= b.at and a.to_status == b.from_status for a, b in pairwise(events))
        assert events[-1].to_status == dossier.status and dossier.version == len(events) + 1
        if dossier.received_at is None:
            assert dossier.code is None
            continue
        online = dossier.channel == "online"
        procedure = dossier.procedure
        assert dossier.received_on == deadlines.receipt_date(
            dossier.received_at, online=online, calendar=calendar
        )
        assert dossier.original_appointment_on == deadlines.appointment_date(
            dossier.received_at,
            procedure.time_limit_value,
            procedure.time_limit_unit,
            online=online,
            calendar=calendar,
        )


def test_the_engine_numbers_on_after_the_generated_receipts(generated):
    center = Agency.objects.get(code=THUC_PHAN_CENTER)
    counter = CodeCounter.objects.filter(agency=center, day=NOW.date()).first()
    with clock.frozen(NOW.replace(hour=11)):
        dossier = desk_dossier()
        from motcua.dossiers.services import receive_dossier

        receive_dossier(dossier=dossier, by=dossier.events.first().actor)
    dossier.refresh_from_db()
    expected = build_dossier_code(center.code, NOW.date(), (counter.last if counter else 0) + 1)
    assert dossier.code == expected
