"""gunicorn's configuration for a thidua app server (``gunicorn -c deploy/gunicorn.conf.py thidua.wsgi``).

Every value can be changed from the environment file (``/etc/thidua/thidua.env``) without editing
this file. The defaults suit a 2-core machine behind nginx on the same host.
"""

from __future__ import annotations

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


# nginx talks to gunicorn on the loopback (or the private network of the cluster).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# Synchronous workers: thidua's requests are short (heavy work runs in the task workers), so
# 2 × cores + 1 processes keep the cores busy while some wait on PostgreSQL.
workers = _int("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1)
worker_class = "sync"
# A request that needs more than this is a bug (documents and imports go to the worker); 60 s leaves
# room for a slow upload of a 10 MB import on a rural connection (nginx buffers it first anyway).
timeout = _int("GUNICORN_TIMEOUT", 60)
# On restart (systemctl reload sends HUP) workers finish what they are doing for up to this long.
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = 5
# Recycle a worker after this many requests (plus jitter so they do not all restart together): a
# leak, if one ever appears, cannot grow without bound.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)
# Only the proxy's addresses may set X-Forwarded-* (thidua reads the client address from the trusted
# proxy's header only).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Sent to systemd's journal with the unit's name.
proc_name = "thidua-web"
