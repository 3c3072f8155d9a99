"""Two officials acting on one dossier at once: serialised, the loser gets 409, nothing half-done.

Each thread has its own connection, as two web processes would; a barrier starts them
together. PostgreSQL only (SQLite's shared in-memory test database cannot wait on locks;
its IMMEDIATE transactions serialise writers the same way in production).
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from motcua.core.errors import Conflict
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.selectors import dossier_code_gaps
from motcua.dossiers.tests.helpers import desk_dossier, user

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only]


@pytest.fixture
def province():
    from motcua.demo.services import seed_demo

    seed_demo(province_code="04", password="x", with_catalog=True, with_dossiers=False)


def _race(*calls) -> list[object]:
    """Run the calls at the same moment in threads; each returns its result or the error raised."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        try:
            barrier.wait(timeout=30)
            return call()
        except Exception as error:  # the outcome under test
            return error
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return [future.result() for future in [pool.submit(run, call) for call in calls]]


def _in_processing() -> Dossier:
    dossier = services.receive_dossier(dossier=desk_dossier(), by=user("thucphan.motcua"))
    return services.assign_dossier(dossier=dossier.code, by=user("thucphan.motcua"))


def test_two_leaders_approve_at_once_one_wins(province):
    dossier = _in_processing()
    leader, chairwoman = user("thucphan.lanhdao"), user("thucphan.kyso")
    outcomes = _race(
        lambda: services.approve_dossier(dossier=dossier.code, by=leader),
        lambda: services.approve_dossier(dossier=dossier.code, by=chairwoman),
    )
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert len(errors) == 1 and isinstance(errors[0], Conflict) and errors[0].status == 409
    assert DossierEvent.objects.filter(dossier=dossier, action="approve").count() == 1
    assert Dossier.objects.get(pk=dossier.pk).status == "approved"


def test_same_version_twice_the_second_is_told_it_changed(province):
    dossier = _in_processing()
    seen = dossier.version
    outcomes = _race(
        lambda: services.complete_step(dossier=dossier.code, by=user("thucphan.xuly"), expected_version=seen),
        lambda: services.transfer_dossier(
            dossier=dossier.code, by=user("thucphan.xuly"), to_agency="000.00.03.H14", expected_version=seen
        ),
    )
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert len(errors) == 1 and errors[0].code == "dossier.changed"
    assert Dossier.objects.get(pk=dossier.pk).version == seen + 1


def test_concurrent_receipts_get_distinct_gapless_codes(province):
    submitted = [desk_dossier() for _ in range(12)]
    desk = user("thucphan.motcua")
    outcomes = _race(
        *[(lambda d=d: services.receive_dossier(dossier=d.reference, by=desk)) for d in submitted]
    )
    codes = sorted(o.code for o in outcomes)
    assert len(set(codes)) == 12
    assert [int(code[-4:]) for code in codes] == list(range(1, 13))
    assert dossier_code_gaps(agency_code="001.01.50.H14", day=outcomes[0].received_on) == []
