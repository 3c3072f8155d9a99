from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from motcua.core.audit import record_audit, verify_audit_chain
from motcua.core.models import AuditEntry

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only]


def _append_many(worker: int) -> None:
    try:
        for n in range(10):
            record_audit(actor=f"worker{worker}", action="load.test", object_type="x", object_id=n)
    finally:
        connection.close()


def test_concurrent_appends_keep_one_unbroken_chain():
    # given
    before = AuditEntry.objects.count()
    # when: eight connections append at once
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(_append_many, range(8)))
    # then
    seqs = list(AuditEntry.objects.order_by("seq").values_list("seq", flat=True))
    assert len(seqs) == before + 80
    assert seqs == list(range(1, len(seqs) + 1))
    assert verify_audit_chain().ok
