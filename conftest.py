"""Shared test set-up: fast password hashing, reference data loaded once per test database."""

from __future__ import annotations

import pytest

from motcua.agencies.tests.factories import *  # noqa: F403  (factories as fixtures)


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:  # noqa: ANN001
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # noqa: ANN001, ANN201
    """Load the 3,355 administrative units once; every test starts from them."""
    from motcua.agencies.services import load_admin_units

    with django_db_blocker.unblock():
        load_admin_units()
