#!/usr/bin/env bash
# The whole suite: lint, migration check, pytest on SQLite, then on PostgreSQL when one answers.
set -euo pipefail
PY=${PY:-.venv/bin/python}
PG_URL=${PG_TEST_URL:-postgres://postgres@127.0.0.1:5432/motcua}
if [[ "${DATABASE_URL:-}" == postgres* ]]; then PG_URL=$DATABASE_URL; fi
export MOTCUA_VAR_DIR=${MOTCUA_VAR_DIR:-$(mktemp -d)}

echo "== ruff"
$PY -m ruff check .
$PY -m ruff format --check --quiet motcua tests conftest.py
echo "== migrations"
env -u DATABASE_URL $PY manage.py makemigrations --check --dry-run --verbosity 1
echo "== pytest on SQLite"
env -u DATABASE_URL $PY -m pytest -n 2 "$@"

if $PY scripts/pg_reachable.py "$PG_URL"; then
  echo "== pytest on PostgreSQL"
  DATABASE_URL=$PG_URL $PY -m pytest -n 2 "$@"
else
  if [[ "${CI:-}" == "true" ]]; then
    echo "motcua: PostgreSQL at $PG_URL does not answer; CI needs it" >&2; exit 1
  fi
  echo "== PostgreSQL not reachable at $PG_URL: skipped (set PG_TEST_URL or start it)"
fi
