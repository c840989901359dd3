#!/usr/bin/env bash
# Renders every sample document (decisions to DOCX and PDF, certificates normal and text-only) and
# turns every PDF page into a PNG with pdftoppm, for a person to look at. With LibreOffice
# installed, it also converts each DOCX to PDF and PNG, to see the DOCX as an editor lays it out.
#   scripts/render_documents.sh [DIR]      (default: var/documents-sample)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-var/documents-sample}
export DEBUG=true DJANGO_SETTINGS_MODULE=thidua.settings
.venv/bin/python manage.py documents sample --out "$OUT" --png
if command -v libreoffice >/dev/null 2>&1; then
  mkdir -p "$OUT/libreoffice"
  libreoffice "-env:UserInstallation=file://$(pwd)/var/libreoffice-profile" --headless \
    --convert-to pdf --outdir "$OUT/libreoffice" "$OUT"/*.docx >/dev/null 2>&1
  for pdf in "$OUT"/libreoffice/*.pdf; do
    pdftoppm -r 100 -png "$pdf" "$OUT/libreoffice/$(basename "$pdf" .pdf)"
    echo "$pdf"
  done
fi
echo "PNG: $OUT/png/"
