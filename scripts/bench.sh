#!/usr/bin/env bash
# Runs every benchmark in bench/ against the PostgreSQL database of DATABASE_URL (created and
# migrated here; its contents are replaced). Prints `name: value` lines.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBUG=true DJANGO_SETTINGS_MODULE=thidua.settings
.venv/bin/python scripts/ensure_database.py
.venv/bin/python manage.py migrate --noinput -v0
for script in bench/bench_*.py; do
  .venv/bin/python "$script"
done
