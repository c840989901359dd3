"""Fill the catalogues: Vietnamese translations from JSON files, English as the msgid itself.

    .venv/bin/python scripts/translate.py var/translations-*.json

Each JSON file maps an English msgid to its Vietnamese translation. Entries already translated in
the catalogue keep their translation unless a file gives a new one. Prints the msgids still missing.
Run `make messages` first so the catalogues hold every string of the code.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
HEADER = {
    "Project-Id-Version": "thidua",
    "Language-Team": "thidua",
    "Last-Translator": "thidua team",
    "Content-Type": "text/plain; charset=UTF-8",
}


def fill(path: Path, language: str, table: dict[str, str] | None) -> list[str]:
    catalogue = polib.pofile(str(path), wrapwidth=0)
    catalogue.metadata.update({**HEADER, "Language": language})
    catalogue.metadata_is_fuzzy = False
    missing = []
    for entry in catalogue:
        if "fuzzy" in entry.flags:
            # makemessages guessed from a similar message: never trust the guess.
            entry.flags.remove("fuzzy")
            entry.msgstr = ""
            entry.msgstr_plural = {index: "" for index in entry.msgstr_plural}
        entry.previous_msgid = entry.previous_msgid_plural = None
        if entry.msgid_plural:
            # Vietnamese has one plural form; English two.
            if table is None:
                entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
            elif entry.msgid in table:
                entry.msgstr_plural = {0: table[entry.msgid]}
            elif not entry.msgstr_plural.get(0):
                missing.append(entry.msgid)
        elif table is None:
            entry.msgstr = entry.msgid
        elif entry.msgid in table:
            entry.msgstr = table[entry.msgid]
        elif not entry.msgstr:
            missing.append(entry.msgid)
    catalogue.save(str(path))
    return missing


def main(files: list[str]) -> int:
    table: dict[str, str] = {}
    for name in files:
        table.update(json.loads(Path(name).read_text(encoding="utf-8")))
    locale = ROOT / "thidua" / "locale"
    missing = fill(locale / "vi" / "LC_MESSAGES" / "django.po", "vi", table)
    fill(locale / "en" / "LC_MESSAGES" / "django.po", "en", None)
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
