"""The console's language, and the base of thidua's management commands.

The console speaks Vietnamese unless ``THIDUA_LANGUAGE=en`` (or ``LANGUAGE=en``) asks for English;
``thidua`` and ``manage.py`` activate that language once, before the command runs, so that its help,
progress bar, messages and errors all come out in it through gettext.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def console_language(environ: Mapping[str, str] = os.environ) -> str:
    """``THIDUA_LANGUAGE``, else the first language of ``LANGUAGE`` ("en_US:en" → "en"), if thidua
    speaks it; Vietnamese otherwise."""
    supported = {code for code, _name in settings.LANGUAGES}
    for variable in ("THIDUA_LANGUAGE", "LANGUAGE"):
        first = environ.get(variable, "").split(":")[0]
        code = first.replace("-", "_").split("_")[0].lower()
        if code in supported:
            return code
    return str(settings.LANGUAGE_CODE)


def activate_console_language(environ: Mapping[str, str] = os.environ) -> str:
    language = console_language(environ)
    translation.activate(language)
    return language


class Command(BaseCommand):
    """A thidua command: its ``help`` is a lazy translation, read in the console's language.

    argparse cannot format a lazy text, so the description is made a string when the parser is built
    (after the language is active); the arguments' help, built then too, uses ``gettext``.
    """

    # Django declares ``help`` a str; thidua's is a lazy translation, read when the language is known.
    help: StrOrPromise = ""  # type: ignore[assignment]

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        if parser.description:
            parser.description = str(parser.description)
        return parser
