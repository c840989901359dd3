#!/usr/bin/env bash
# The whole suite: lint, format, types, Django checks, migrations, then the tests on PostgreSQL
# (DATABASE_URL when set, else this machine's server) including the browser tests.
#   scripts/test.sh            on PostgreSQL
#   scripts/test.sh sqlite     the same tests on the embedded SQLite default
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=thidua.settings DEBUG=true
PY=.venv/bin

step() { printf '\n== %s\n' "$*"; }

if [ "${1:-}" = sqlite ]; then
  export DATABASE_URL="sqlite:///$(pwd)/var/test-sqlite.sqlite3"
  step "tests on SQLite"
  exec $PY/pytest -q -n 2 --dist loadgroup -p no:cacheprovider
fi

if [ -z "${DATABASE_URL:-}" ]; then
  DATABASE_URL="$(scripts/postgres.sh)"
  export DATABASE_URL
fi
case "$DATABASE_URL" in
  postgres://*|postgresql://*) ;;
  *) echo "make test runs on PostgreSQL; DATABASE_URL=$DATABASE_URL is not a PostgreSQL URL" >&2; exit 1 ;;
esac

$PY/python scripts/ensure_database.py

step "ruff check"; $PY/ruff check .
step "ruff format --check"; $PY/ruff format --check .
step "mypy"; $PY/mypy
step "import contracts (lint-imports)"; $PY/lint-imports --no-cache
step "manage.py check"; $PY/python manage.py check --fail-level WARNING
step "makemigrations --check"; $PY/python manage.py makemigrations --check --dry-run
step "tests on PostgreSQL (unit, database, browser)"
$PY/pytest -q -n 2 --dist loadgroup -p no:cacheprovider --require-postgres
