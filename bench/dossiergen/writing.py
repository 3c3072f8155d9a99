"""Writing the batches: COPY on PostgreSQL (a writer thread), bulk_create elsewhere."""

from __future__ import annotations

import json
import queue
import threading
import time
from datetime import date
from typing import Any

from dossiergen.shape import (
    COMPONENT_COLUMNS,
    DOSSIER_COLUMNS,
    EVENT_COLUMNS,
    FEE_COLUMNS,
    PAUSE_COLUMNS,
    STEP_COLUMNS,
    Batch,
)


class Table:
    """A model's table as the generator writes it: our columns, then the model's defaults."""

    def __init__(self, model: Any, columns: tuple[str, ...]) -> None:
        fields = {f.attname: f for f in model._meta.concrete_fields}
        unknown = set(columns) - set(fields)
        if unknown:
            raise SystemExit(f"{model.__name__} has no column {sorted(unknown)}: update bench/generate.py")
        self.model = model
        self.attnames = list(columns)
        self.extra: tuple = ()
        for name, f in fields.items():
            if name in columns or (f.primary_key and name == "id"):
                continue
            value = f.get_default()  # "" for a text or file field without one
            if value is None and not f.null:
                raise SystemExit(f"{model.__name__}.{name} has no default: update bench/generate.py")
            if isinstance(value, dict | list):
                value = json.dumps(value)
            self.attnames.append(name)
            self.extra += (value,)
        self.columns = [fields[a].column for a in self.attnames]
        self.json = [i for i, a in enumerate(self.attnames) if fields[a].get_internal_type() == "JSONField"]


def tables() -> dict[str, Table]:
    from motcua.dossiers.models import (
        Dossier,
        DossierComponent,
        DossierEvent,
        DossierFee,
        DossierPause,
        DossierStep,
    )

    return {
        "dossiers": Table(Dossier, DOSSIER_COLUMNS),
        "events": Table(DossierEvent, EVENT_COLUMNS),
        "steps": Table(DossierStep, STEP_COLUMNS),
        "components": Table(DossierComponent, COMPONENT_COLUMNS),
        "fees": Table(DossierFee, FEE_COLUMNS),
        "pauses": Table(DossierPause, PAUSE_COLUMNS),
    }


def write_batch(batch: Batch, schema: dict[str, Table], *, copy: bool) -> None:
    """One transaction: the rows of a batch and the code counters they raised."""
    from django.db import connection, transaction

    with transaction.atomic():
        for name, table in schema.items():
            rows: list[tuple] = getattr(batch, name)
            if not rows:
                continue
            if copy:
                _copy(connection, table, rows)
            else:
                _bulk_create(table, rows)
        _save_counters(batch.counters)


def _copy(connection: Any, table: Table, rows: list[tuple]) -> None:
    qn = connection.ops.quote_name
    sql = f"COPY {qn(table.model._meta.db_table)} ({', '.join(qn(c) for c in table.columns)}) FROM STDIN"
    extra = table.extra
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        write = copy.write_row
        if extra:
            for row in rows:
                write(row + extra)
        else:
            for row in rows:
                write(row)


def _bulk_create(table: Table, rows: list[tuple]) -> None:
    model, attnames, extra, json_at = table.model, table.attnames, table.extra, table.json
    objects = []
    for row in rows:
        values = list(row + extra)
        for i in json_at:
            values[i] = None if values[i] is None else json.loads(values[i])
        objects.append(model(**dict(zip(attnames, values, strict=True))))
    model.objects.bulk_create(objects, batch_size=500)


def _save_counters(counters: dict[tuple[int, date], int]) -> None:
    from motcua.dossiers.models import CodeCounter

    CodeCounter.objects.bulk_create(
        [CodeCounter(agency_id=agency, day=day, last=last) for (agency, day), last in counters.items()],
        update_conflicts=True,
        unique_fields=["agency", "day"],
        update_fields=["last"],
        batch_size=2000,
    )


class Writer(threading.Thread):
    """Writes batches on its own connection while the main thread generates the next one."""

    def __init__(self, schema: dict[str, Table]) -> None:
        super().__init__(name="bench-writer", daemon=True)
        self.schema = schema
        self.batches: queue.Queue[Batch | None] = queue.Queue(maxsize=1)
        self.error: BaseException | None = None
        self.busy = 0.0

    def run(self) -> None:
        from django.db import connection

        try:
            while (batch := self.batches.get()) is not None:
                started = time.perf_counter()
                write_batch(batch, self.schema, copy=True)
                self.busy += time.perf_counter() - started
        except BaseException as error:  # handed to the main thread
            self.error = error
            while self.batches.get() is not None:  # let the producer finish
                pass
        finally:
            connection.close()

    def put(self, batch: Batch | None) -> None:
        if self.error is not None:
            raise RuntimeError("the writer thread failed") from self.error
        self.batches.put(batch)
