"""On PostgreSQL: pg_trgm and a trigram index on the normalised search text.

The index serves both the substring filters (LIKE '%word%') and the typo-tolerant
word-similarity search. SQLite needs neither: the catalog is small enough to scan.
"""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS catalog_procedure_search_trgm "
    "ON catalog_procedure USING gin (search_text gin_trgm_ops)",
]
DROP = ["DROP INDEX IF EXISTS catalog_procedure_search_trgm"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
