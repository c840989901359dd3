"""Progress reporting for long work, independent of where it is shown.

A service receives a ``Progress`` and calls ``start(total)`` then ``advance(n)``; the CLI passes a
``TerminalProgress`` (a bar on stderr), a background task passes a progress that writes to its Job
row (``thidua.jobs.services.JobProgress``), and tests or quiet callers pass ``Progress()``.

A message is one translatable text (``gettext_lazy("Checking row %(row)s")``) with its parameters
given apart (``advance(message=…, row=12)``): the terminal shows it in the console's language, and a
job keeps the untranslated text and the parameters so that each reader of the job's page sees it
in their own language. Never join two languages in one message.
"""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO


class Progress:
    def __init__(self) -> None:
        self.total = 0
        self.done = 0
        # A str or a lazy translation; ``params`` fill its %(name)s placeholders.
        self.message: Any = ""
        self.params: dict[str, Any] = {}

    def _say(self, message: Any, params: dict[str, Any]) -> None:
        if message:
            self.message, self.params = message, params

    @property
    def text(self) -> str:
        """The message in the active language, its parameters filled in."""
        text = str(self.message)
        return text % self.params if self.params else text

    def start(self, total: int, message: Any = "", **params: Any) -> None:
        self.total, self.done = total, 0
        self._say(message, params)
        self.changed(force=True)

    def advance(self, count: int = 1, message: Any = "", **params: Any) -> None:
        self.done = min(self.total, self.done + count) if self.total else self.done + count
        self._say(message, params)
        self.changed(force=False)

    def finish(self, message: Any = "", **params: Any) -> None:
        self.done = self.total
        self._say(message, params)
        self.changed(force=True)

    @property
    def percent(self) -> int:
        return 100 if not self.total else int(100 * self.done / self.total)

    def changed(self, *, force: bool) -> None:
        """Show the new state; subclasses throttle unless ``force``."""


class TerminalProgress(Progress):
    """A one-line bar, redrawn at most ten times a second: ``[#####     ]  52% 5200/10000 message``."""

    def __init__(self, stream: TextIO | None = None, width: int = 30) -> None:
        super().__init__()
        self.stream = stream or sys.stderr
        self.width = width
        self._last = 0.0

    def changed(self, *, force: bool) -> None:
        now = time.monotonic()
        if not force and now - self._last < 0.1:
            return
        self._last = now
        filled = self.width * self.percent // 100
        bar = "#" * filled + " " * (self.width - filled)
        line = f"\r[{bar}] {self.percent:3d}% {self.done}/{self.total} {self.text}"
        self.stream.write(line[:120].ljust(80))
        if self.total and self.done >= self.total:
            self.stream.write("\n")
        self.stream.flush()
