#!/usr/bin/env bash
# Prints a DATABASE_URL for a PostgreSQL server on this machine, for the test suite.
# Order: the server on 127.0.0.1:5432 (CI and developer machines: trust auth, user postgres);
# else the distribution's server, installed and started when missing, reached through its socket
# with a superuser role named after the current user. It never falls back to SQLite: the tests
# on PostgreSQL must not be skipped silently.
set -euo pipefail
say() { printf 'postgres: %s\n' "$*" >&2; }

if command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432 -U postgres; then
  if psql -h 127.0.0.1 -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1; then
    echo "postgres://postgres@127.0.0.1:5432/thidua"
    exit 0
  fi
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  say "installing PostgreSQL from the distribution's packages"
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql; } >/dev/null 2>&1 ||
    { say "could not install PostgreSQL; set DATABASE_URL=postgres://… to a server"; exit 1; }
fi
version="$(ls /etc/postgresql | sort -n | tail -1)"
if ! pg_lsclusters -h | grep -q "^$version *main *[0-9]* *online"; then
  say "starting PostgreSQL $version"
  $sudo pg_ctlcluster --skip-systemctl-redirect "$version" main start >/dev/null 2>&1 ||
    { say "could not start PostgreSQL $version; set DATABASE_URL=postgres://… to a server"; exit 1; }
fi
me="$(id -un)"
as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -c "$*"; else sudo -u postgres sh -c "$*"; fi; }
if ! as_postgres "psql -Atc \"select 1 from pg_roles where rolname='$me'\"" | grep -q 1; then
  as_postgres "createuser --superuser '$me'" >/dev/null
fi
echo "postgres://$me@%2Fvar%2Frun%2Fpostgresql/thidua"
