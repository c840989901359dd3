"""Django settings for thidua, read from the environment (see the README's "Settings" table)."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import ipaddress
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from thidua.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("THIDUA_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
# Demo mode shows the demo accounts on the login page; never turn it on for real data.
DEMO_MODE = env_bool("THIDUA_DEMO", False)


def _secret_key() -> str:
    key = env_str("SECRET_KEY", "")
    if key:
        return key
    # The demo (make demo) runs with DEBUG off, as users would see it, on a key kept under var/.
    if not DEBUG and not DEMO_MODE:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. Generate one with: "
            'python -c "import secrets; print(secrets.token_urlsafe(50))"'
        )
    # A development machine gets a random key kept outside the repository, so that sessions
    # survive a restart and the web server and the worker agree on it.
    path = VAR_DIR / "dev-secret-key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
# The key of the audit trail's seals (thidua/audit/chain.py). Set it on a real server and keep it
# (with the backups, apart from the database): without it, it is derived from SECRET_KEY, and a new
# SECRET_KEY would make every earlier entry fail ``thidua audit verify``.
AUDIT_KEY = env_str("AUDIT_KEY", "") or hmac.new(SECRET_KEY.encode(), b"thidua.audit-chain", hashlib.sha256).hexdigest()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "thidua.apps.ThiduaConfig",
    "thidua.accounts",
    "thidua.audit",
    "thidua.units",
    "thidua.useradmin",
    "thidua.register",
    "thidua.campaigns",
    "thidua.people",
    "thidua.evaluations",
    "thidua.awards",
    "thidua.events",
    "thidua.reports",
    "thidua.jobs",
    "thidua.api",
    "thidua.documents",
    "thidua.tokens",
    "django.contrib.admin",
    "django.contrib.auth",
    "axes",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "thidua.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "thidua.middleware.LocaleMiddleware",
    "thidua.middleware.ApiErrorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "thidua.middleware.LoginRequiredMiddleware",
    "thidua.error_pages.ErrorPagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "thidua.accounts.middleware.PasswordChangeRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "thidua.middleware.RefusedMiddleware",
    "thidua.tokens.middleware.TokenAuditMiddleware",
    # Last, so that it sees the lockout whatever view (the login page, the admin's) authenticated.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "thidua.urls"
# A refused CSRF token (a form left open past the session) gets the error page with the way back.
CSRF_FAILURE_VIEW = "thidua.error_pages.csrf_failure"
WSGI_APPLICATION = "thidua.wsgi.application"
ASGI_APPLICATION = "thidua.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "thidua.context_processors.shell",
            ],
        },
    },
]

# The embedded default is a SQLite file, so that a first run needs no server; production sets
# DATABASE_URL=postgres://… . WAL and IMMEDIATE transactions let the web server and the task
# worker write to the same SQLite file without "database is locked" errors.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'thidua.sqlite3'}")
try:
    # Persistent connections by default: a new PostgreSQL connection per request cost two thirds of a
    # bare view's throughput (233 against 735–863 req/s measured with gunicorn, 2 workers). Health
    # checks make a connection that died (PostgreSQL restarted) be replaced before the next request.
    _database = dj_database_url.parse(
        DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True
    )
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL is not a database URL: {exc}") from None
if _database["ENGINE"] == "django.db.backends.sqlite3":
    _database["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    VAR_DIR.mkdir(parents=True, exist_ok=True)
elif _database["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL (postgres://…) or SQLite (sqlite:///…).")
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    # What limits the public (the objection form's rate limit and its one-use tokens) must be counted
    # once for every app server and worker: in Redis when there is one, else in a table of the
    # database (``thidua createcachetable``, which setup runs after migrate; the tests create it).
    "limits": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "thidua_limits"}
    ),
}

# A running job's worker says it is alive every JOB_HEARTBEAT_SECONDS; a job silent for longer than
# JOB_LEASE_SECONDS (or whose worker process ended, on its own machine) is marked failed, to be retried.
JOB_HEARTBEAT_SECONDS = env_int("JOB_HEARTBEAT_SECONDS", 10)
JOB_LEASE_SECONDS = env_int("JOB_LEASE_SECONDS", 60)

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Throttling of signing in (thidua/accounts/throttle.py, django-axes, on every way in): this many failed
# logins of one user name from one address within the window lock that pair for the window; so many
# from one address, whatever the names, lock the address.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 30)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)
# The proxies (addresses or networks) whose X-Forwarded-For is believed; none: REMOTE_ADDR is the client.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {_proxy!r} is not an address or a network.") from None
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "thidua.accounts.backends.AccountBackend"]
# How long a one-time code handed to a new user lets them in to choose their password (days).
ONE_TIME_CODE_DAYS = env_int("ONE_TIME_CODE_DAYS", 14)
AXES_HANDLER = "thidua.accounts.throttle.ThrottleHandler"
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = datetime.timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"], "ip_address"]
AXES_CLIENT_IP_CALLABLE = "thidua.accounts.throttle.client_address"
AXES_USERNAME_CALLABLE = "thidua.accounts.throttle.username_of"
AXES_LOCKOUT_CALLABLE = "thidua.accounts.throttle.locked_out"
AXES_RESET_ON_SUCCESS = True
# An attempt refused while locked is not counted: the lock ends when the window of the failures does,
# and only the attempt that locked is audited.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# No row per login or per failure: the counts above are all that is kept, and they expire.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_VERBOSE = False
# Session timeout: a session idle this long ends; every request renews it.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Django 6.1's mailer configuration. A development machine (DEBUG) prints mail on the console; production
# sends it by SMTP with EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS.
_EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS: dict[str, dict[str, Any]] = {"default": {"BACKEND": _EMAIL_BACKEND}}
if _EMAIL_BACKEND.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25),
        "username": env_str("EMAIL_HOST_USER", ""),
        "password": env_str("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
    }
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "thidua@localhost")

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "thidua" / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["thidua.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
# Generated and issued files live in the database by default, so that every app server and worker
# reaches them and the backup takes them (why: thidua/documents/storage.py); ``filesystem`` keeps them
# under MEDIA_ROOT, which several machines must then share.
FILE_STORAGE = env_str("FILE_STORAGE", "database")
if FILE_STORAGE not in {"database", "filesystem"}:
    raise ImproperlyConfigured(f"FILE_STORAGE={FILE_STORAGE!r}: use database or filesystem.")
STORAGES = {
    "default": {
        "BACKEND": (
            "thidua.documents.storage.DatabaseStorage"
            if FILE_STORAGE == "database"
            else "django.core.files.storage.FileSystemStorage"
        )
    },
    "staticfiles": {
        "BACKEND": (
            # The demo (DEBUG off) is served by WhiteNoise from what setup collected, without the hashed
            # names, whose compressed collection costs a minute and a half at every start.
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or DEMO_MODE
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))

# Behind a TLS-terminating proxy, production keeps these on; a development server (DEBUG) has no TLS.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
# Content-Security-Policy (Django's own, on every response): nothing from outside the site. Scripts and
# styles are files of the site (no inline script, no style attribute: the pages use classes); images
# are the site's or data: URIs (the report's charts); forms post only to the site; no page may be framed.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
