#!/usr/bin/env bash
# Serves thidua on $HOST:$PORT with a background-task worker beside it; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python manage.py db_worker --interval 1 >var/worker.log 2>&1 &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
echo "thidua: http://${HOST:-127.0.0.1}:${PORT:-8000}/ (worker log: var/worker.log; Ctrl-C to stop)"
.venv/bin/python manage.py runserver "${HOST:-127.0.0.1}:${PORT:-8000}" --noreload
