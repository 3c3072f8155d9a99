import pytest


@pytest.fixture(autouse=True)
def _no_rollup_lag(settings):
    settings.REPORTING_ROLLUP_LAG_SECONDS = 0


@pytest.fixture(autouse=True)
def _english():
    """The tests read the English msgids; the interface defaults to Vietnamese."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def _demo(django_db_setup, django_db_blocker):
    """Cao Bằng with its catalog, officials and demo dossiers, once per module (rolled back)."""
    from django.db import transaction
    from django.test import override_settings

    from motcua.demo import dossiers as demo_dossiers
    from motcua.demo.services import seed_demo

    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
    ):
        seed_demo(province_code="04", password="x", with_dossiers=False)
        yield demo_dossiers.seed_dossiers(province_code="04", level1="H14")
        transaction.set_rollback(True)


@pytest.fixture
def demo(db, _demo):
    return _demo
