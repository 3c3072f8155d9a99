"""A transactional test flushes the tables; the next test still finds the reference data."""

import pytest

from motcua.agencies.models import AdminUnit


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_runs_first():
    assert AdminUnit.objects.filter(code="01273").exists()


@pytest.mark.django_db
def test_the_next_test_still_has_every_unit():
    assert AdminUnit.objects.count() == 3355


@pytest.mark.django_db(transaction=True)
def test_and_so_does_the_next_transactional_one():
    assert AdminUnit.objects.filter(parent__code="04").count() == 56
