"""Errors that users read: one message in the reader's language, naming where it happened.

``DomainError`` is a refused operation or a bad input row; ``Refused`` is a refusal of the actor
(role or place), raised by ``thidua.accounts.permissions.authorize`` inside every writing service.
A ``Refused`` that is ``hidden`` concerns an object outside the actor's subtree: pages and the API
answer it with 404, so that another district's records do not even show that they exist.
The boundaries that turn these into answers are registered once: ``thidua.api.errors`` for the API
(installed on ``thidua.api_v1``), ``thidua.middleware.RefusedMiddleware`` for pages (a refusal is the
403 or 404 page; other errors are shown beside the form by the view); a command raises
``CommandError(str(error))``, in the console's language (``thidua.console``).
"""

from __future__ import annotations

import re
from typing import Any

from django.utils import translation
from django.utils.functional import Promise

_FIELD_KEY = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")


class DomainError(Exception):
    """A refused operation or a bad input row. ``message`` is a lazy translation with %(name)s params."""

    def __init__(
        self, message: Promise | str, *, row: int | None = None, column: str | None = None, **params: Any
    ) -> None:
        self.message = message
        self.params = params
        self.row = row
        self.column = column
        super().__init__(str(self))

    def reason(self, language: str | None = None) -> str:
        """The message alone, without where it happened (for a table with row and column columns)."""
        with translation.override(language or translation.get_language() or "vi"):
            return str(self.message) % self.params if self.params else str(self.message)

    def text(self, language: str | None = None) -> str:
        body = self.reason(language)
        with translation.override(language or translation.get_language() or "vi"):
            where = []
            if self.row is not None:
                where.append(str(translation.gettext("row %(row)s") % {"row": self.row}))
            # A column is named when it is a file's header ("Mã hộ"); a field's key ("votes_for") is for
            # the API's ``field`` and the form that marks the field, never for the reader's sentence.
            if self.column and not _FIELD_KEY.fullmatch(self.column):
                where.append(str(translation.gettext("column %(column)s") % {"column": self.column}))
        return f"{', '.join(where)}: {body}" if where else body

    def __str__(self) -> str:
        return self.text()


class Refused(DomainError):
    """The actor may not do this: the wrong role, or an object outside the unit they work for."""

    def __init__(self, message: Promise | str, *, hidden: bool = False, **params: Any) -> None:
        self.hidden = hidden
        super().__init__(message, **params)


class DomainErrors(Exception):
    """Several errors found at once (an import checks every row before refusing the whole file)."""

    def __init__(self, errors: list[DomainError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))
