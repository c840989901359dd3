from __future__ import annotations

from django.apps import AppConfig
from django.db.backends.signals import connection_created


class ThiduaConfig(AppConfig):
    """The project package as an app: base templates, static files, catalogues, DB hooks."""

    name = "thidua"
    verbose_name = "thidua"

    def ready(self) -> None:
        from thidua.db import install_sqlite_functions

        connection_created.connect(install_sqlite_functions, dispatch_uid="thidua-sqlite-functions")
