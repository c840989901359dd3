"""The ``thidua`` console command: thidua's own management commands, plus Django's, by one name.

``thidua units import-official`` is ``python manage.py units import-official``. ``thidua --help``
lists thidua's commands with their help and the Django commands operators use, in the console's
language (Vietnamese; English with ``THIDUA_LANGUAGE=en``).
"""

from __future__ import annotations

import os
import sys

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Django's own commands that an operator of thidua needs.
OPERATOR_COMMANDS = {
    "migrate": gettext_lazy("Apply database migrations"),
    "db_worker": gettext_lazy("Run a background-task worker"),
    "changepassword": gettext_lazy("Change a user's password"),
    "check": gettext_lazy("Check the configuration (--deploy for production)"),
    "collectstatic": gettext_lazy("Collect static files for serving"),
    "compilemessages": gettext_lazy("Compile the translation catalogues"),
    "shell": gettext_lazy("Open a Python shell with thidua loaded"),
}


def _thidua_commands() -> dict[str, str]:
    from django.core.management import get_commands, load_command_class

    result = {}
    for name, app in sorted(get_commands().items()):
        if app == "thidua" or app.startswith("thidua."):
            result[name] = str(load_command_class(app, name).help)
    return result


def usage() -> str:
    lines = [
        _("thidua — emulation and commendation"),
        "",
        _("Usage: thidua <command> [options]   (thidua <command> --help for details)"),
        "",
        _("thidua commands:"),
    ]
    lines += [f"  {name:<18} {text}" for name, text in _thidua_commands().items()]
    lines += ["", _("Django operator commands:")]
    lines += [f"  {name:<18} {text}" for name, text in OPERATOR_COMMANDS.items()]
    lines += ["", _("Every other manage.py command works too.")]
    return "\n".join(lines)


def setup(argv: list[str] | None = None) -> None:
    """Load Django and activate the console's language, once, before any command runs.

    ``--settings`` and ``--pythonpath`` in ``argv`` are honoured first, as Django's command line does.
    """
    import argparse

    import django
    from django.core.management.base import handle_default_options

    from thidua.console import activate_console_language

    early = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    early.add_argument("--settings")
    early.add_argument("--pythonpath")
    options, _rest = early.parse_known_args(argv or [])
    handle_default_options(options)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    django.setup()
    activate_console_language()


def run(argv: list[str]) -> None:
    """``manage.py``'s entry: Django's command line, in the console's language."""
    setup(argv[1:])
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in {"-h", "--help", "help"}:
        setup()
        print(usage())
        return 0
    run(["thidua", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
