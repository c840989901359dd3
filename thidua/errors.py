"""Errors that users read: one message, shown in Vietnamese and English, naming where it happened."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.functional import Promise


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
            if self.column:
                where.append(str(translation.gettext("column %(column)s") % {"column": self.column}))
        return f"{', '.join(where)}: {body}" if where else body

    def __str__(self) -> str:
        return f"{self.text('vi')} / {self.text('en')}"


class DomainErrors(Exception):
    """Several errors found at once (an import checks every row before refusing the whole file)."""

    def __init__(self, errors: list[DomainError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))
