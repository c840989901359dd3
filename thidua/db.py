"""Database helpers shared by every app."""

from __future__ import annotations

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Expression
from django.db.models.functions import Collate

from thidua.lib.text import vi_compare

# PostgreSQL ships this ICU collation; on SQLite the same name is registered below, so a single
# expression sorts Vietnamese names correctly on both databases.
VI_COLLATION = "vi-VN-x-icu"


def vi_order(field: str) -> Expression:
    """An ORDER BY expression that sorts ``field`` in Vietnamese alphabetical order."""
    return Collate(field, VI_COLLATION).asc()


def install_sqlite_functions(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_collation(VI_COLLATION, vi_compare)
