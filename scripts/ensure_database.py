"""Create the PostgreSQL database named by DATABASE_URL when it does not exist yet."""

from __future__ import annotations

import os
import sys

import dj_database_url
import psycopg
from psycopg import sql

config = dj_database_url.parse(os.environ["DATABASE_URL"])
if config["ENGINE"] != "django.db.backends.postgresql":
    sys.exit(0)
params = {"host": config["HOST"] or None, "port": config["PORT"] or None, "user": config["USER"] or None}
params = {k: v for k, v in params.items() if v}
if config["PASSWORD"]:
    params["password"] = config["PASSWORD"]
with psycopg.connect(dbname="postgres", autocommit=True, **params) as connection:
    exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone()
    if not exists:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
