"""Many receipts at once: every committed code is distinct and the numbers have no gaps.

Each thread has its own database connection and receives its dossiers one transaction
at a time, as concurrent web requests would. A barrier starts them together, so they
also race to create the day's counter.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from django.conf import settings
from django.db import connection, transaction

from motcua.agencies.models import Agency
from motcua.dossiers.codes import parse_dossier_code
from motcua.dossiers.models import CodeCounter
from motcua.dossiers.numbering_report import code_gaps
from motcua.dossiers.services.numbering import allocate_dossier_code

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 8
RECEIPTS_PER_THREAD = 25
DAY = date(2025, 7, 1)

_DATABASE = settings.DATABASES["default"]
# Django's in-memory SQLite test database is shared between threads in shared-cache mode,
# where a writer waiting for another gets "database table is locked" at once instead of
# waiting: threads need the test database in a file (SQLITE_TEST_NAME), as in production.
sqlite_file_only = pytest.mark.skipif(
    not _DATABASE["ENGINE"].endswith("sqlite3") or not (_DATABASE.get("TEST") or {}).get("NAME"),
    reason="threads on SQLite need a test database file: run with SQLITE_TEST_NAME=/tmp/t.sqlite3 "
    "(on PostgreSQL the postgres_only tests cover this)",
)


class ReceiptFailed(Exception):
    pass


@pytest.fixture
def agency(agency_factory) -> Agency:
    # The factory recreates its unit if the test before flushed the reference data.
    return agency_factory()


def _receive_many(agency_id: int, barrier: threading.Barrier, fail_every: int) -> list[str]:
    """Receive RECEIPTS_PER_THREAD dossiers; every ``fail_every``-th one rolls back."""
    committed = []
    try:
        agency = Agency.objects.get(pk=agency_id)
        barrier.wait(timeout=30)
        for n in range(1, RECEIPTS_PER_THREAD + 1):
            try:
                with transaction.atomic():
                    code = allocate_dossier_code(agency=agency, received_on=DAY)
                    if fail_every and n % fail_every == 0:
                        raise ReceiptFailed
            except ReceiptFailed:
                continue
            committed.append(code)
    finally:
        connection.close()
    return committed


def _receive_concurrently(agency: Agency, *, fail_every: int = 0) -> list[str]:
    barrier = threading.Barrier(THREADS)
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        futures = [pool.submit(_receive_many, agency.pk, barrier, fail_every) for _ in range(THREADS)]
        return [code for future in futures for code in future.result()]


def _assert_distinct_and_gapless(agency: Agency, codes: list[str], expected: int) -> None:
    duplicates = [code for code, times in Counter(codes).items() if times > 1]
    assert duplicates == []
    sequences = sorted(parse_dossier_code(code).sequence for code in codes)
    assert sequences == list(range(1, expected + 1))
    assert {parse_dossier_code(code).agency_code for code in codes} == {agency.code}
    assert CodeCounter.objects.get(agency=agency, day=DAY).last == expected
    assert code_gaps(agency=agency, day=DAY, used_codes=codes) == []


@pytest.mark.postgres_only
def test_concurrent_receipts_get_distinct_codes_numbered_1_to_200(agency):
    # when: 8 connections × 25 receipts for the same agency and day
    codes = _receive_concurrently(agency)
    # then
    assert len(codes) == THREADS * RECEIPTS_PER_THREAD == 200
    _assert_distinct_and_gapless(agency, codes, expected=200)


@pytest.mark.postgres_only
def test_numbers_of_rolled_back_receipts_are_reused_so_committed_codes_have_no_gaps(agency):
    # when: every 5th receipt of each connection fails after taking its number
    codes = _receive_concurrently(agency, fail_every=5)
    # then: 40 rolled back, 160 committed, numbered exactly 1 … 160
    assert len(codes) == THREADS * (RECEIPTS_PER_THREAD - RECEIPTS_PER_THREAD // 5) == 160
    _assert_distinct_and_gapless(agency, codes, expected=160)


@sqlite_file_only
def test_on_sqlite_concurrent_receipts_queue_on_the_write_lock_without_duplicates_or_gaps(agency):
    # given: the IMMEDIATE transactions of motcua.settings.db, so every receipt takes the
    # database's write lock at BEGIN and waits (busy timeout) for the one before it
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    # when: 8 connections × 25 receipts, every 5th one rolled back
    codes = _receive_concurrently(agency, fail_every=5)
    # then
    assert len(codes) == 160
    _assert_distinct_and_gapless(agency, codes, expected=160)


@pytest.mark.postgres_only
def test_the_loser_of_the_race_to_create_a_days_counter_takes_the_next_number(agency):
    """Forces the IntegrityError path: the second insert waits on the first's, which commits.

    The first receipt creates the day's counter and holds its transaction open. The second
    finds no committed counter, so its insert blocks on the first's uncommitted row; we
    see it wait on a lock in pg_stat_activity and only then let the first commit.
    """
    # given
    first_has_number, first_may_commit = threading.Event(), threading.Event()
    codes: dict[str, str] = {}

    def first() -> None:
        try:
            with transaction.atomic():
                codes["first"] = allocate_dossier_code(agency=agency, received_on=DAY)
                first_has_number.set()
                assert first_may_commit.wait(timeout=30)
        finally:
            connection.close()

    def second() -> None:
        try:
            with transaction.atomic():
                codes["second"] = allocate_dossier_code(agency=agency, received_on=DAY)
        finally:
            connection.close()

    # when
    with ThreadPoolExecutor(max_workers=2) as pool:
        first_done = pool.submit(first)
        assert first_has_number.wait(timeout=30)
        second_done = pool.submit(second)
        second_waited = _wait_for_a_blocked_backend(timeout=30)
        first_may_commit.set()
        first_done.result(), second_done.result()
    # then
    assert second_waited
    assert codes == {"first": f"{agency.code}-250701-0001", "second": f"{agency.code}-250701-0002"}
    assert CodeCounter.objects.get(agency=agency, day=DAY).last == 2


def _wait_for_a_blocked_backend(*, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return True
        time.sleep(0.01)
    return False
