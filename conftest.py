"""Shared test set-up: fast password hashing, reference data loaded once per test database."""

from __future__ import annotations

import pytest

from motcua.agencies.tests.factories import *  # noqa: F403  (factories as fixtures)


@pytest.fixture(autouse=True)
def _test_settings(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # A fresh in-memory cache per test, so throttle counters never leak between tests.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "tests"}}
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
    skip = pytest.mark.skip(reason="needs PostgreSQL: many connections writing at once; "
                            "make test runs it there when PostgreSQL answers")
    for item in items:
        if item.get_closest_marker("postgres_only"):
            item.add_marker(skip)
