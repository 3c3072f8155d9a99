"""The run: prepare the database and the province, generate, write, analyze, report."""

from __future__ import annotations

import argparse
import inspect
import json
import os
import random
import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from dossiergen.dossier import Generator
from dossiergen.province import Province
from dossiergen.shape import PROVINCE_CODE, Batch, Report
from dossiergen.timeline import Timeline, daily_counts
from dossiergen.writing import Table, Writer, tables, write_batch


def generate(
    *,
    count: int,
    years: int = 3,
    seed: int = 1,
    batch_size: int = 50_000,
    drop_indexes: bool = False,
    now: datetime | None = None,
    log: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True),
) -> Report:
    """Write ``count`` dossiers received over the last ``years`` years; the province must be seeded."""
    from django.db import connection

    from motcua.core import clock
    from motcua.dossiers.models import CodeCounter, Dossier

    started = time.perf_counter()
    rng = random.Random(seed)
    postgres = connection.vendor == "postgresql"
    # A separate writer thread needs committed reference data: not inside a test's transaction.
    threaded = postgres and not connection.in_atomic_block
    timeline = Timeline(now=now or clock.now(), years=years)
    province = Province(rng)
    schema = tables()
    generator = Generator(province=province, timeline=timeline, rng=rng)
    day_index = {d: i for i, d in enumerate(timeline.days)}
    for agency, day, last in CodeCounter.objects.values_list("agency_id", "day", "last"):
        if day in day_index:  # go on from numbers already issued (a second run, real receipts)
            generator.counters[(agency, day_index[day])] = last
    first_id = _reserve_ids(Dossier, count)
    counts = daily_counts(timeline, count, rng)
    report = generator.report
    report.first_day = timeline.days[0].isoformat()
    report.last_day = timeline.days[timeline.today].isoformat()
    log(
        f"generating {count:,} dossiers over {timeline.today + 1} working days "
        f"({report.first_day} … {report.last_day}), {len(province.procedures)} procedures, "
        f"{len(province.units)} communes; {'COPY' if postgres else 'bulk_create'}"
        f"{', writer thread' if threaded else ''}"
    )
    dropped = _drop_indexes(schema) if postgres and drop_indexes else []
    prepared = time.perf_counter()
    report.seconds["prepare"] = prepared - started
    writer = Writer(schema) if threaded else None
    if writer is not None:
        writer.start()
    generating = 0.0
    next_id, done = first_id, 0

    def flush(day: date) -> None:
        nonlocal done
        batch, generator.batch = generator.batch, Batch()
        done += len(batch.dossiers)
        for name, size in batch.sizes().items():
            report.rows[name] += size
        if writer is not None:
            writer.put(batch)
        else:
            write_batch(batch, schema, copy=postgres)
        elapsed = time.perf_counter() - prepared
        rows = sum(report.rows.values())
        log(
            f"  {done:>10,} / {count:,} dossiers  {day}  {done / elapsed:>8,.0f} dossiers/s  "
            f"{rows / elapsed:>9,.0f} rows/s  (generating {generating:.0f} s of {elapsed:.0f} s)"
        )

    try:
        for index, day_count in enumerate(counts):
            if not day_count:
                continue
            t0 = time.perf_counter()
            next_id = generator.day(index, day_count, next_id)
            generating += time.perf_counter() - t0
            if len(generator.batch.dossiers) >= batch_size:
                flush(timeline.days[index])
        if generator.batch.dossiers:
            flush(timeline.days[timeline.today])
    finally:
        if writer is not None:
            writer.put(None)
            writer.join()
        loaded = time.perf_counter()
        if dropped:  # even after a failure: the database stays usable
            log(f"recreating {len(dropped)} indexes")
            _recreate_indexes(dropped)
            report.seconds["recreate_indexes"] = time.perf_counter() - loaded
    if writer is not None and writer.error is not None:
        raise RuntimeError("the writer thread failed") from writer.error
    report.seconds["generate_python"] = generating
    report.seconds["load"] = loaded - prepared
    if writer is not None:
        report.seconds["writer_busy"] = writer.busy
    t0 = time.perf_counter()
    _analyze()
    report.seconds["vacuum_analyze"] = time.perf_counter() - t0
    report.counters = CodeCounter.objects.count()
    report.seconds["total"] = time.perf_counter() - started
    return report


def _reserve_ids(model: Any, count: int) -> int:
    """The first of ``count`` dossier ids taken for this run (the sequence moves past them)."""
    from django.db import connection
    from django.db.models import Max

    first = (model.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    if connection.vendor == "postgresql":
        table = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [table, first + max(count, 1) - 1]
            )
    return first


def _drop_indexes(schema: dict[str, Table]) -> list[str]:
    """Drop the tables' plain indexes (not those behind a primary key or a unique constraint)."""
    from django.db import connection

    definitions = []
    with connection.cursor() as cursor:
        for table in schema.values():
            cursor.execute(
                "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                "WHERE i.indrelid = %s::regclass AND NOT EXISTS "
                "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
                [table.model._meta.db_table],
            )
            for name, definition in cursor.fetchall():
                cursor.execute(f"DROP INDEX {name}")
                definitions.append(definition)
    return definitions


def _recreate_indexes(definitions: list[str]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for definition in definitions:
            cursor.execute(definition)


def _analyze() -> None:
    """Statistics for every table, not only the loaded ones: the agencies, procedures and users
    seeded a minute ago have none yet, and with a guess of 30 agencies instead of 130 the
    planner ran an official's queue as a nested loop over agencies (224 ms instead of 90).
    VACUUM also sets the visibility map and hint bits, as autovacuum would in a live database."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            cursor.execute("VACUUM (ANALYZE)")
        else:
            cursor.execute("ANALYZE")


def prepare_province(*, password: str | None = None) -> float:
    """Migrate, load the administrative units and seed the demo province with its catalog."""
    from django.core.management import call_command

    from motcua.agencies.services import load_admin_units
    from motcua.demo.data import DEMO_PASSWORD_DEFAULT
    from motcua.demo.services import seed_demo

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    load_admin_units()
    options: dict[str, Any] = {"with_catalog": True}
    if "with_dossiers" in inspect.signature(seed_demo).parameters:
        options["with_dossiers"] = False  # the demo's own dossiers go through the services: slow
    seed_demo(province_code=PROVINCE_CODE, password=password or DEMO_PASSWORD_DEFAULT, **options)
    return time.perf_counter() - started


def ensure_database(url: str, *, recreate: bool) -> None:
    """Create the PostgreSQL database named in ``url`` when it does not exist (or drop it first)."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as conn:
        if recreate:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created database {name}", file=sys.stderr)


def boot(database_url: str, *, recreate: bool = False) -> None:
    """Point Django at ``database_url`` (bench scripts may set the environment) and set it up."""
    if database_url.startswith(("postgres://", "postgresql://")):
        ensure_database(database_url, recreate=recreate)
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    import django

    django.setup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument(
        "--database-url", required=True, help="e.g. postgres://postgres@127.0.0.1:5432/motcua_bench"
    )
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=50_000, help="dossiers per COPY transaction")
    parser.add_argument("--recreate", action="store_true", help="drop the database first")
    parser.add_argument(
        "--drop-indexes", action="store_true", help="drop plain indexes for the load and build them after"
    )
    args = parser.parse_args()
    boot(args.database_url, recreate=args.recreate)
    from django.db import connection

    seconds = prepare_province()
    print(f"province ready in {seconds:.1f} s ({connection.vendor})", file=sys.stderr)
    report = generate(
        count=args.dossiers,
        years=args.years,
        seed=args.seed,
        batch_size=args.batch_size,
        drop_indexes=args.drop_indexes,
    )
    report.seconds["prepare_province"] = seconds
    print(json.dumps(report.as_dict(), indent=1, ensure_ascii=False))
