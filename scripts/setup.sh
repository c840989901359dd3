#!/usr/bin/env bash
# Sets up everything thidua needs on a Debian/Ubuntu machine, idempotently and quietly:
#   scripts/setup.sh demo   system packages for documents, .venv, locked dependencies,
#                           compiled translations, static files, migrations
#   scripts/setup.sh test   the same, plus Chromium and poppler for the browser and PDF tests,
#                           LibreOffice (Writer, no GUI) to lay out the DOCX as an editor does, and
#                           Graphviz for the architecture drawing (make architecture)
# A second run with nothing to do prints nothing and takes a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
purpose="${1:-demo}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

say() { printf 'setup: %s\n' "$*" >&2; }
fail() { say "$*"; exit 1; }

# --- system packages -----------------------------------------------------------------------
# Fonts: fonts-liberation2 has every Vietnamese letter (the old fonts-liberation lacks 92 of them).
# WeasyPrint needs Pango and HarfBuzz's subsetter; gettext compiles the translation catalogues.
packages=(gettext fonts-liberation2 fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
if [ "$purpose" = test ]; then
  packages+=(chromium poppler-utils graphviz libreoffice-writer-nogui)
fi
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
      command -v sudo >/dev/null 2>&1 || fail "missing Debian packages (${missing[*]}); install them as root: apt-get install ${missing[*]}"
      sudo="sudo"
    fi
    say "installing Debian packages: ${missing[*]}"
    if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
      cat "$log" >&2
      fail "apt-get failed to install: ${missing[*]}"
    fi
  fi
else
  say "not a Debian/Ubuntu system: make sure these are installed: ${packages[*]}"
fi

# --- Python ≥ 3.12 -------------------------------------------------------------------------
find_python() {
  local candidate
  for candidate in "${PYTHON:-}" python3.13 python3.12 python3; do
    [ -n "$candidate" ] || continue
    command -v "$candidate" >/dev/null 2>&1 || continue
    if "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}
if [ -x .venv/bin/python ] && ! .venv/bin/python -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
  say "removing .venv: it was made with a Python older than 3.12"
  rm -rf .venv
fi
if [ ! -x .venv/bin/python ]; then
  python="$(find_python)" || fail "thidua needs Python 3.12 or newer (3.13 preferred). Install it (Debian: apt-get install python3.13 python3.13-venv; pyenv: pyenv install 3.13) or set PYTHON=/path/to/python3.13."
  say "creating .venv with $("$python" --version 2>&1)"
  "$python" -m venv .venv >"$log" 2>&1 || { cat "$log" >&2; fail "could not create .venv (Debian: apt-get install python3-venv)"; }
fi

# --- locked dependencies -------------------------------------------------------------------
# uv installs exactly what requirements.lock pins; the stamp skips the step when nothing changed.
UV_VERSION=0.13.9
stamp=.venv/.thidua-deps
# Only the lock and the [project] tables (dependencies, entry points) matter, not tool settings.
want="$({ cat requirements.lock; sed -n '/^\[project/,/^\[tool/p' pyproject.toml; } | sha256sum | cut -d' ' -f1) uv-$UV_VERSION"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  say "installing the locked Python dependencies"
  {
    .venv/bin/python -m pip install -q --disable-pip-version-check "uv==$UV_VERSION" &&
    .venv/bin/uv pip sync -q --python .venv/bin/python requirements.lock &&
    .venv/bin/uv pip install -q --python .venv/bin/python --no-deps -e .
  } >"$log" 2>&1 || { cat "$log" >&2; fail "installing the Python dependencies failed"; }
  echo "$want" >"$stamp"
fi

# --- translations, static files, database ----------------------------------------------------
export DJANGO_SETTINGS_MODULE=thidua.settings
export DEBUG="${DEBUG:-true}"
for po in thidua/locale/*/LC_MESSAGES/*.po; do
  mo="${po%.po}.mo"
  if [ ! -f "$mo" ] || [ "$po" -nt "$mo" ]; then
    msgfmt --check -o "$mo" "$po" || fail "the catalogue $po does not compile"
  fi
done
.venv/bin/python manage.py collectstatic --noinput -v0
if [ "$purpose" = demo ]; then
  .venv/bin/python manage.py migrate --noinput -v0
  # The table of the shared "limits" cache when there is no Redis (the tests create their own).
  .venv/bin/python manage.py createcachetable
fi
