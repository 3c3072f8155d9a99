import pytest

from motcua.reporting.tests.conftest import _demo, _english, _no_rollup_lag, demo  # noqa: F401


@pytest.fixture(scope="module")
def _rolled_up(_demo, django_db_blocker):  # noqa: F811
    """The demo's rollups, built once per module (inside the demo's rolled-back transaction)."""
    from motcua.reporting.services import rebuild_rollups

    with django_db_blocker.unblock():
        rebuild_rollups()
    return _demo


@pytest.fixture
def board(db, _rolled_up):
    return _rolled_up


def _official(unit_code: str, kind: str = "peoples_committee", role: str = "leader"):
    from motcua.agencies.models import OfficialRole

    held = OfficialRole.objects.select_related("official__user").filter(
        role=role, agency__unit__code=unit_code, agency__kind=kind
    )
    return held.first().official.user


@pytest.fixture
def ward_leader(board):
    return _official("01273")


@pytest.fixture
def mountain_leader(board):
    return _official("01290")


@pytest.fixture
def admin_user(board):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="admin")


HAND_PERIOD = {"from": "2024-01-01", "to": "2024-06-30"}  # before the demo starts: only these rows


@pytest.fixture
def hand_rollups(board):
    """Two communes' rollups written by hand; the expected scores are worked out in the tests.

    Ward 01273 (2024-03-05): 10 received (4 online), 5 digitised, 2 with fees (none paid
    online), 8 finished (6 on time, 2 late), 8 results (4 electronic), 3 bad for satisfaction.
    Mountain commune 01290 (2024-04-10): 2 received online, both digitised, finished on time
    with electronic results.
    """
    from datetime import date

    from motcua.agencies.models import Agency
    from motcua.catalog.models import Procedure
    from motcua.reporting import rollups
    from motcua.reporting.models import DAILY_COUNTS

    procedure = Procedure.objects.exclude(online_level="").order_by("code").first()
    ward = Agency.objects.get(unit__code="01273", kind="peoples_committee")
    mountain = Agency.objects.get(unit__code="01290", kind="peoples_committee")

    def row(agency, day, channel, **counts):
        """Added the way the job adds: the day row and the month rows."""
        key = (day, agency.pk, agency.unit_id, procedure.pk, channel, procedure.online_level)
        rollups._apply_daily({key: [counts.get(name, 0) for name in DAILY_COUNTS]})

    row(ward, date(2024, 3, 5), "desk", received=6, digitised=3, with_fees=2, finished=5,
        finished_on_time=3, finished_late=2, processed=5, e_results=2, satisfaction_bad=2)  # fmt: skip
    row(ward, date(2024, 3, 5), "online", received=4, received_online=4, digitised=2, finished=3,
        finished_on_time=3, processed=3, e_results=2, rated=1, rated_unsatisfied=1,
        satisfaction_bad=1)  # fmt: skip
    row(mountain, date(2024, 4, 10), "online", received=2, received_online=2, digitised=2, finished=2,
        finished_on_time=2, processed=2, e_results=2)  # fmt: skip
    return {"ward": ward, "mountain": mountain, "procedure": procedure}


@pytest.fixture(autouse=True)
def _english_pages(client):
    """Pages in English, so the tests can read the msgids (the site defaults to Vietnamese)."""
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
