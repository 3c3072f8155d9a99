"""Dossier data generator: a province with N dossiers over several years, loaded in bulk.

Run by hand (not in CI), against a database of its own (created when missing):

    .venv/bin/python bench/generate.py --dossiers 1000000 \\
        --database-url postgres://postgres@127.0.0.1:5432/motcua_bench [--years 3] [--seed 1]

It migrates, loads the administrative units, seeds the demo province (Cao Bằng, 04) with
its catalog, then writes N dossiers received on the working days of the last ``--years``
years: spread over the communes' and departments' agencies (routed by the engine's own
``route``), channels (desk ~60 %, online ~35 %, post ~5 %) and procedures, each with its
events, process steps (from the procedure's process), 1–3 components, fees and pauses, and
the code counters, so codes are ``<receiving agency>-<YYMMDD>-<NNNN>`` exactly as a receipt
numbers them. Most dossiers are returned (≈ 86 % early or on time); the open backlog sits
in the last weeks, plus a thin tail of chronically late and abandoned ones.

On PostgreSQL rows go in with COPY (psycopg 3), in batches of ``--batch-size`` dossiers,
each batch one transaction (foreign keys checked at its commit), written by a second thread
while the next batch is generated; indexes stay in place unless ``--drop-indexes``.
Elsewhere (SQLite, the smoke test) it uses bulk_create. Ends with VACUUM ANALYZE and prints
a JSON report; progress goes to stderr.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the project: motcua
sys.path.insert(0, str(HERE))  # bench/: the dossiergen package

from dossiergen.run import generate, main

__all__ = ["generate", "main"]

if __name__ == "__main__":
    main()
