"""Shared test set-up: fast password hashing, reference data loaded once per test database."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from motcua.agencies.tests.factories import *  # noqa: F403  (factories as fixtures)


@pytest.fixture(autouse=True)
def _test_settings(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.POPULATION_SIMULATOR_FILE = ""  # seeding demo dossiers must not write var/ in tests
    # A fresh in-memory cache per test, so throttle counters never leak between tests.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}
    }
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the 3,355 administrative units once; every test starts from them."""
    from motcua.agencies.services import load_admin_units

    with django_db_blocker.unblock():
        load_admin_units()


def pytest_collection_modifyitems(config, items) -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(
        reason="needs PostgreSQL: many connections writing at once; "
        "make test runs it there when PostgreSQL answers"
    )
    for item in items:
        if item.get_closest_marker("postgres_only"):
            item.add_marker(skip)


def pytest_configure(config) -> None:
    from pathlib import Path

    from django.conf import settings

    # WhiteNoise warns on every request when the collected-static folder does not exist.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    _compile_stale_catalogues(Path(settings.BASE_DIR) / "locale")


def _compile_stale_catalogues(locale_dir) -> None:
    """`make test` compiles the .mo files; a bare `pytest` run should see translations too."""
    import os
    import shutil
    import subprocess
    import tempfile

    msgfmt = shutil.which("msgfmt")
    for po in locale_dir.glob("*/LC_MESSAGES/django.po"):
        mo = po.with_suffix(".mo")
        if msgfmt is None or (mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime):
            continue
        fd, tmp = tempfile.mkstemp(dir=mo.parent, suffix=".mo")  # rename: workers never see half
        os.close(fd)
        subprocess.run([msgfmt, "-o", tmp, str(po)], check=True)
        os.chmod(tmp, 0o644)
        os.replace(tmp, mo)


@pytest.fixture(autouse=True)
def _reference_data(request) -> None:
    """Transactional tests flush the tables when they end: load the units again if so."""
    names = set(request.fixturenames)
    if not (
        request.node.get_closest_marker("django_db") or names & {"db", "transactional_db", "live_server"}
    ):
        return
    # live_server asks for its transactional database on the fly; ask for it first here.
    request.getfixturevalue("transactional_db" if "live_server" in names else "_django_db_helper")
    from motcua.agencies.models import AdminUnit
    from motcua.agencies.services import load_admin_units

    if not AdminUnit.objects.exists():
        load_admin_units()


@contextmanager
def _seeded_province(django_db_blocker, *, with_catalog: bool):
    """Seed the demo province once per test module, in a transaction rolled back after it.

    Each test still runs in its own savepoint, so what a test changes is undone before the
    next one; the seed itself is undone when the module ends. No demo dossiers: tests make
    the dossiers they need.
    """
    from django.db import connection, transaction
    from django.test import override_settings

    from motcua.demo.services import seed_demo

    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
    ):
        report = seed_demo(province_code="04", password="x", with_catalog=with_catalog, with_dossiers=False)
        # Check the seed's deferred foreign keys once, here, instead of at the end of every
        # test's savepoint (about 9 ms a test on PostgreSQL).
        connection.check_constraints()
        yield report
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def _demo_province(django_db_setup, django_db_blocker):
    with _seeded_province(django_db_blocker, with_catalog=False) as report:
        yield report


@pytest.fixture
def demo(db, _demo_province):
    """The seeded demo province Cao Bằng (its SeedReport)."""
    return _demo_province


@pytest.fixture(scope="module")
def _demo_province_with_catalog(django_db_setup, django_db_blocker):
    with _seeded_province(django_db_blocker, with_catalog=True) as report:
        yield report


@pytest.fixture
def demo_catalog(db, _demo_province_with_catalog):
    """Cao Bằng with agencies, officials, the 41 procedures and who decides them."""
    return _demo_province_with_catalog
