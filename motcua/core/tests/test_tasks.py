import pytest
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from motcua.core.audit import record_audit
from motcua.core.tasks import verify_audit_chain_job

pytestmark = pytest.mark.django_db(transaction=True)


def test_job_enqueued_in_a_rolled_back_transaction_is_never_stored():
    # given / when
    with pytest.raises(RuntimeError), transaction.atomic():
        verify_audit_chain_job.enqueue()
        raise RuntimeError("the change failed")
    # then
    assert DBTaskResult.objects.count() == 0


def test_worker_runs_the_enqueued_job():
    # given
    record_audit(actor="tester", action="x.done", object_type="x", object_id=1)
    result = verify_audit_chain_job.enqueue()
    assert DBTaskResult.objects.get(id=result.id).status == "READY"
    # when
    call_command("run_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    # then
    stored = DBTaskResult.objects.get(id=result.id)
    assert stored.status == "SUCCESSFUL"
    assert stored.return_value["ok"] is True
    assert stored.return_value["checked"] >= 1
