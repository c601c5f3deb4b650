"""Django settings for the Paritas platform.

Everything that differs between a laptop and production comes from the environment:

* ``PARITAS_DATA_DIR`` — where the embedded SQLite database, the secret key and the compiled translations
  live (default: the user's data directory);
* ``DATABASE_URL`` — e.g. ``postgres://paritas@db/paritas`` for PostgreSQL (default: SQLite in the data dir);
* ``PARITAS_SECRET_KEY``, ``PARITAS_ENCRYPTION_KEY`` — else generated once and kept in the data dir;
* ``PARITAS_DEBUG=1``, ``PARITAS_ALLOWED_HOSTS``, ``PARITAS_HTTPS=1`` (secure cookies, HSTS);
* ``PARITAS_TRUSTED_PROXIES`` — addresses or networks of the reverse proxies whose ``X-Forwarded-For``
  (``PARITAS_CLIENT_IP_HEADER``) and ``X-Forwarded-Proto`` (``PARITAS_PROTO_HEADER``) are believed;
* ``PARITAS_MAX_UPLOAD_MB`` — the largest HR export accepted (default 50);
* ``PARITAS_SPOOL_DIR`` — where uploads and checked rows wait, encrypted, for their job or their user
  (default: ``spool`` in the data dir with SQLite; in the database with PostgreSQL, unless a directory
  every worker mounts is set; ``-`` keeps them in the database always; docs/jobs.md);
* ``PARITAS_JOB_WORKER_NICE`` — how much lower a job worker's CPU priority is than the web workers'
  (``nice``, default 10; 0 keeps it equal).

What is protected how — keys, throttles, headers, retention — is in docs/security.md.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
import platformdirs

from paritas.web.i18n import compiled_locale_dir

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("PARITAS_DATA_DIR") or platformdirs.user_data_dir("paritas", appauthor=False))
if not DATA_DIR.exists():
    DATA_DIR.mkdir(parents=True, mode=0o700)


def _private_file(path: Path, content: bytes = b"") -> None:
    """Create ``path`` readable and writable by the owner only (0600) from its first byte: opened with
    that mode, not chmod-ed after it was written (which leaves a moment in which others may read it)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(fd, "wb") as fh:
        fh.write(content)


def _persistent_secret(name: str, env: str) -> str:
    """A secret from the environment, else one generated on first start and kept (mode 600) in the data dir."""
    if os.environ.get(env):
        return os.environ[env]
    path = DATA_DIR / name
    _private_file(path, secrets.token_urlsafe(50).encode("ascii"))
    return path.read_text(encoding="ascii").strip()


SECRET_KEY = _persistent_secret("secret_key", "PARITAS_SECRET_KEY")
ENCRYPTION_KEY = _persistent_secret("encryption_key", "PARITAS_ENCRYPTION_KEY")
DEBUG = os.environ.get("PARITAS_DEBUG") == "1"
HTTPS = os.environ.get("PARITAS_HTTPS") == "1"
ALLOWED_HOSTS = [h for h in os.environ.get("PARITAS_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
                 .split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("PARITAS_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "paritas.web.admin_site.AdminConfig",  # Django's admin behind the platform's own sign-in
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # /api/docs serves Swagger UI from django-ninja's own static files, nothing from another host
    "paritas.web.accounts",
    "paritas.web.organisations",
    "paritas.web.workforce",
    "paritas.web.awards",
    "paritas.web.plans",
    "paritas.web.network",
    "paritas.web.library",
    "paritas.web.projects",
    "paritas.web.paytransparency",
    "django_tasks",
    "django_tasks_db",
    "paritas.web.jobs",
]

#: Background jobs (docs/jobs.md): Django's Tasks framework with the database backend, so that the
#: embedded default needs no other service and workers anywhere share the queue through the database.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
#: A running job's worker renews its lease every sixth of this; a job whose lease is older is taken up
#: again by another worker (its worker died).
JOB_LEASE_SECONDS = int(os.environ.get("PARITAS_JOB_LEASE_SECONDS", "30"))
#: A job worker yields the CPU to the web workers: a 1,000,000-row upload must not slow the pages of the
#: people using the platform meanwhile (docs/jobs.md).
JOB_WORKER_NICE = int(os.environ.get("PARITAS_JOB_WORKER_NICE", "10"))

MIDDLEWARE = [
    "paritas.web.security.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "paritas.web.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "paritas.web.security.RequestSizeMiddleware",
    "paritas.web.security.NulInQueryMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "paritas.web.accounts.audit.AuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "paritas.web.urls"
WSGI_APPLICATION = "paritas.web.wsgi.application"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [BASE_DIR / "templates"],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
        "django.template.context_processors.i18n",
        "paritas.web.awards.context.roles",
    ]},
}]

DATABASES = {"default": dj_database_url.config(default=f"sqlite:///{DATA_DIR / 'paritas.sqlite3'}",
                                               conn_max_age=60)}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The database holds personal data: created 0600 (SQLite gives its -wal and -shm files the same mode).
    _database_file = Path(str(DATABASES["default"]["NAME"]))
    if str(_database_file) not in ("", ":memory:") and _database_file.parent.is_dir():
        _private_file(_database_file)
    # WAL lets readers go on while one request writes (the audit log writes on every view); IMMEDIATE
    # transactions take the write lock up front instead of failing half-way under concurrency.
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "timeout": 20, "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Large encrypted blobs in transit (paritas.web.spool): files beside SQLite; with PostgreSQL, whose workers
# may be on other machines, in the database unless a shared directory is named.
_spool = os.environ.get("PARITAS_SPOOL_DIR", "")
if _spool == "-":
    SPOOL_DIR: Path | None = None
elif _spool:
    SPOOL_DIR = Path(_spool)
else:
    SPOOL_DIR = DATA_DIR / "spool" if DATABASES["default"]["ENGINE"].endswith("sqlite3") else None

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "organisations:home"
LOGOUT_REDIRECT_URL = "accounts:login"
#: Failed sign-ins within the window before sign-in pauses: for one account from one client, for one
#: account from anywhere, for one client whatever the account (accounts/throttle.py, docs/security.md).
LOGIN_FAILURE_LIMIT = 5
LOGIN_ACCOUNT_FAILURE_LIMIT = 20
LOGIN_CLIENT_FAILURE_LIMIT = 100
LOGIN_FAILURE_WINDOW = 15 * 60
#: Password-reset requests an hour, per client and per account.
PASSWORD_RESET_CLIENT_LIMIT = 10
PASSWORD_RESET_ACCOUNT_LIMIT = 3
#: Proxies whose forwarding headers are believed (addresses or networks, comma-separated), and the header
#: that names the client; without trusted proxies, the connecting address is the client.
TRUSTED_PROXIES = os.environ.get("PARITAS_TRUSTED_PROXIES", "")
CLIENT_IP_HEADER = os.environ.get("PARITAS_CLIENT_IP_HEADER", "X-Forwarded-For")
#: The header in which a trusted proxy says whether the client spoke HTTPS (web/security.py).
PROTO_HEADER = os.environ.get("PARITAS_PROTO_HEADER", "X-Forwarded-Proto")

# Sessions and cookies: HTTP-only, same-site, short-lived; secure and HSTS behind HTTPS.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Shared by every worker process (sign-in throttling must count across them): files in the data dir,
# or Redis where REDIS_URL is set.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                      "LOCATION": str(DATA_DIR / "cache"), "OPTIONS": {"MAX_ENTRIES": 5000}}}
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                         "LOCATION": os.environ["REDIS_URL"]}

EMAIL_BACKEND = os.environ.get("PARITAS_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("PARITAS_FROM_EMAIL", "paritas@localhost")
# A mail server that takes a connection and then says nothing must not hold a worker for ever (smtplib
# waits without a limit): after this many seconds the attempt fails and is tried again later.
EMAIL_TIMEOUT = int(os.environ.get("PARITAS_EMAIL_TIMEOUT", "30"))

LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch"), ("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [compiled_locale_dir(DATA_DIR)]
USE_I18N = True
TIME_ZONE = "Europe/Berlin"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

MAX_UPLOAD_MB = int(os.environ.get("PARITAS_MAX_UPLOAD_MB", "50"))
#: Participants of network events are anonymised this many days after their event (docs/network.md).
PARTICIPANT_RETENTION_DAYS = int(os.environ.get("PARITAS_PARTICIPANT_RETENTION_DAYS", "180"))
#: Participants of a funded project are anonymised this many years after the 31 December of the project's
#: last year (Regulation (EU) 2021/1060 art. 82: documents kept five years; docs/projects.md).
PROJECT_RETENTION_YEARS = int(os.environ.get("PARITAS_PROJECT_RETENTION_YEARS", "5"))
#: Requests for information on pay are anonymised this many years after the answer was sent (or the request
#: received, if it never was): the directive's limitation periods are at least three years (art. 21(1)).
PAY_REQUEST_RETENTION_YEARS = int(os.environ.get("PARITAS_PAY_REQUEST_RETENTION_YEARS", "3"))
#: Hours before an event its participants are reminded (``manage.py send_reminders``, hourly in ``paritas serve``).
EVENT_REMINDER_HOURS = int(os.environ.get("PARITAS_EVENT_REMINDER_HOURS", "48"))
#: The address people reach the platform at, for links in mails sent outside a request (reminders);
#: ``paritas serve`` sets it from its host and port when it is not set.
PUBLIC_URL = os.environ.get("PARITAS_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {"version": 1, "disable_existing_loggers": False,
           "handlers": {"console": {"class": "logging.StreamHandler"}},
           "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}}}
