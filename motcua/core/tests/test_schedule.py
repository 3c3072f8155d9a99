from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command

from motcua.core import clock, schedule
from motcua.core.models import ScheduledJob

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered():
    """Two jobs registered for the test only."""
    saved = dict(schedule._jobs)
    calls = []

    schedule._jobs.clear()  # only this test's jobs run

    @schedule.periodic("test.quarter", every=timedelta(minutes=15))
    def quarter():
        """Every quarter of an hour."""
        calls.append("quarter")
        return "3 checked"

    @schedule.periodic("test.broken", every=timedelta(hours=1))
    def broken():
        calls.append("broken")
        raise ValueError("remote said no")

    yield calls
    schedule._jobs.clear()
    schedule._jobs.update(saved)


def test_a_job_runs_when_due_and_not_again_before_its_interval(registered):
    start = clock.now()
    assert schedule.run_due(now=start) == ["test.broken", "test.quarter"]
    assert schedule.run_due(now=start + timedelta(minutes=14)) == []
    assert schedule.run_due(now=start + timedelta(minutes=15)) == ["test.quarter"]
    assert registered == ["broken", "quarter", "quarter"]


def test_the_outcome_and_a_failure_are_kept_on_the_job_row(registered):
    schedule.run_due()
    quarter = ScheduledJob.objects.get(name="test.quarter")
    broken = ScheduledJob.objects.get(name="test.broken")
    assert (quarter.last_summary, quarter.last_error) == ("3 checked", "")
    assert broken.last_error == "ValueError: remote said no"
    assert broken.next_run_at > clock.now() + timedelta(minutes=59)  # no tight retry loop


def test_the_command_lists_runs_one_and_refuses_an_unknown_job(registered, capsys):
    call_command("run_scheduler", "--list")
    assert "test.quarter\tevery 0:15:00" in capsys.readouterr().out
    call_command("run_scheduler", "--run", "test.quarter")
    assert "test.quarter: 3 checked" in capsys.readouterr().out
    with pytest.raises(CommandError, match="no periodic job named 'nope'"):
        call_command("run_scheduler", "--run", "nope")
    call_command("run_scheduler", "--once")
    assert registered.count("broken") == 1
