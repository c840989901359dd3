"""Links shown only to who may open them: the pages, menus and tabs ask the same predicates as the
views behind the links (``has_permission``), through this one helper, never through copies."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from thidua.accounts.permissions import has_permission


def may_open(user: Any, action: str, obj: Any = None) -> bool:
    """Whether ``user`` may open the page whose view checks ``action`` on ``obj``."""
    return bool(has_permission(action, user, obj)[0])


def shown(user: Any, links: Iterable[tuple[Any, str, str, Any]]) -> list[tuple[str, str]]:
    """``(label, url)`` of the links ``(label, url, action, obj)`` that ``user`` may open."""
    return [(str(label), url) for label, url, action, obj in links if may_open(user, action, obj)]
