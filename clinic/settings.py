"""VeinFlow settings, read from the environment.

With no environment at all the project runs on its embedded default: SQLite and
a Celery broker in plain folders under var/ (no server to install). DATABASE_URL and REDIS_URL switch to PostgreSQL
and Redis. VEINFLOW_ENV=production turns on the hardened profile, which refuses
to start without SECRET_KEY and ALLOWED_HOSTS.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# ---------------------------------------------------------------------------
# Profile
# ---------------------------------------------------------------------------
VEINFLOW_ENV = env.str("VEINFLOW_ENV", default="development")
PRODUCTION = VEINFLOW_ENV == "production"

if PRODUCTION:
    # Fail at start-up, not at the first request: a production node without its
    # own key or host list must never serve PHI.
    for required in ("SECRET_KEY", "ALLOWED_HOSTS"):
        if not env.str(required, default=""):
            raise ImproperlyConfigured(f"{required} must be set when VEINFLOW_ENV=production")
    SECRET_KEY = env.str("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
    DEBUG = False
else:
    SECRET_KEY = env.str("SECRET_KEY", default="veinflow-development-key-not-for-production-use-0123456789")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
    DEBUG = env.bool("DEBUG", default=True)

# ---------------------------------------------------------------------------
# Applications
# ---------------------------------------------------------------------------
INSTALLED_APPS = [
    "clinic.apps.ClinicAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Exclusion constraints and range types for scheduling (PostgreSQL; inert on SQLite).
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "django_htmx",
    "csp",
    "axes",
    "auditlog",
    "clinic",
    "intake",
    "scheduling",
    "evaluations",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "clinic.middleware.AuditContextMiddleware",
    # Axes goes last so it sees the outcome of every authentication attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "clinic.urls"
WSGI_APPLICATION = "clinic.wsgi.application"
ASGI_APPLICATION = "clinic.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "clinic.context_processors.site_navigation",
            ],
        },
    },
]

# ---------------------------------------------------------------------------
# Database: SQLite by default, PostgreSQL (psycopg 3, pooled) from DATABASE_URL
# ---------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})
    if env.bool("DATABASE_POOL", default=True):
        # Django's built-in psycopg pool; CONN_MAX_AGE must stay 0 with it.
        DATABASES["default"]["OPTIONS"]["pool"] = {
            "min_size": env.int("DATABASE_POOL_MIN", default=2),
            "max_size": env.int("DATABASE_POOL_MAX", default=20),
            "timeout": 10,
        }
        DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    # Booking on SQLite relies on BEGIN IMMEDIATE to serialise writers; the
    # timeout lets a second writer wait for the first instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    # The web server and the worker share the file: with WAL, readers never wait for a writer.
    DATABASES["default"]["OPTIONS"].setdefault("init_command", "PRAGMA journal_mode=WAL;")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---------------------------------------------------------------------------
# Authentication, sessions, lock-out
# ---------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Idle timeout: HIPAA's automatic log-off. Saving on every request slides the
# expiry, so the session ends after 15 minutes without a request.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=15 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# A clinic's whole front desk sits behind one public address, so locking by IP
# alone would lock out the office; lock the (username, address) pair instead.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# ---------------------------------------------------------------------------
# Audit trail (django-auditlog with our append-only entry model)
# ---------------------------------------------------------------------------
AUDITLOG_LOGENTRY_MODEL = "clinic.AuditEntry"
# The audit middleware records REMOTE_ADDR; X-Forwarded-For is trusted only when
# the deployment says a proxy in front of it sets it.
AUDITLOG_DISABLE_REMOTE_ADDR = False
TRUST_X_FORWARDED_FOR = env.bool("TRUST_X_FORWARDED_FOR", default=False)
AUDITLOG_STORE_JSON_CHANGES = True

# ---------------------------------------------------------------------------
# Internationalisation: stored in UTC, shown in each office's own zone
# ---------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Los_Angeles"
USE_I18N = True
USE_TZ = True

# ---------------------------------------------------------------------------
# Static files: everything served by the project itself (no CDN)
# ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "clinic" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Outside production the files come straight from the apps, so `make run` needs no
# collectstatic; production serves the hashed, compressed copies.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# ---------------------------------------------------------------------------
# Email
# ---------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="VeinFlow <no-reply@veinflow.invalid>")
if env.str("EMAIL_BACKEND", default=""):
    # A backend EMAIL_URL cannot name (the reminders' recording backend in tests and the bench).
    EMAIL_BACKEND = env.str("EMAIL_BACKEND")

# ---------------------------------------------------------------------------
# Celery: Redis when REDIS_URL is set, otherwise a broker in plain folders
# ---------------------------------------------------------------------------
# Without REDIS_URL the embedded default still runs the real thing: tasks are files
# in var/celery/ (kombu's filesystem transport, no server), and `make run` starts a
# worker with the beat on them, so reminders go out as they do in production. Only
# the test suite runs tasks in-process (tests/conftest.py), or CELERY_TASK_ALWAYS_EAGER=true.
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_FOLDER = Path(env.str("CELERY_FOLDER", default=str(BASE_DIR / "var" / "celery")))
# kombu's filesystem transport ignores the host; naming one keeps it from warning that none was given.
CELERY_BROKER_URL = REDIS_URL or "filesystem://localhost/"
# No result backend anywhere: tasks report through the rows they change, never through results.
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 5 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 4 * 60
CELERY_TIMEZONE = "UTC"
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")
CELERY_BEAT_SCHEDULE: dict = {
    # One beat for the whole deployment claims due reminders and hands batches to the workers.
    "dispatch-due-reminders": {
        "task": "scheduling.dispatch_due_reminders",
        "schedule": env.float("REMINDER_DISPATCH_SECONDS", default=60.0),
    },
}
CELERY_BEAT_SCHEDULE_FILENAME = str(CELERY_FOLDER / "beat-schedule")
if REDIS_URL:
    # A killed worker's unacknowledged batch comes back after this; the claim lease
    # (below) decides whether anything in it is still to be sent.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)}
else:
    # One folder is both ends of the queue; a task file is removed once a worker takes it.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_FOLDER / "queue"),
        "data_folder_out": str(CELERY_FOLDER / "queue"),
        "control_folder": str(CELERY_FOLDER / "control"),
        "store_processed": False,
    }
    for folder in ("queue", "control"):
        (CELERY_FOLDER / folder).mkdir(parents=True, exist_ok=True)

# ---------------------------------------------------------------------------
# Reminders (scheduling.reminders): channels, rate, quiet hours, links
# ---------------------------------------------------------------------------
# The public address patients open links at (reminder links are absolute).
SITE_URL = env.str("SITE_URL", default="http://localhost:8000").rstrip("/")
SMS_BACKEND = env.str("SMS_BACKEND", default="scheduling.reminders.sms.console.ConsoleSmsBackend")
TWILIO_ACCOUNT_SID = env.str("TWILIO_ACCOUNT_SID", default="")
TWILIO_AUTH_TOKEN = env.str("TWILIO_AUTH_TOKEN", default="")
TWILIO_FROM_NUMBER = env.str("TWILIO_FROM_NUMBER", default="")
# Inbound STOP replies are signed with this (Twilio signs with the auth token).
SMS_WEBHOOK_SECRET = env.str("SMS_WEBHOOK_SECRET", default=TWILIO_AUTH_TOKEN)
# Messages per second across every worker; 0 means no limit.
REMINDER_RATE_PER_SECOND = env.float("REMINDER_RATE_PER_SECOND", default=0)
REMINDER_BATCH_SIZE = env.int("REMINDER_BATCH_SIZE", default=200)
# How long a worker owns a claimed row; past it the beat hands the row to another worker.
REMINDER_LEASE_SECONDS = env.int("REMINDER_LEASE_SECONDS", default=10 * 60)
REMINDER_MAX_ATTEMPTS = env.int("REMINDER_MAX_ATTEMPTS", default=6)
# PostgreSQL: commit each 'sent' mark without waiting for its WAL flush. A worker crash
# cannot lose it; a database crash can lose the last 3 x wal_writer_delay of marks
# (scheduling.reminders.dispatch documents the bound). False waits for every flush.
REMINDER_SENT_MARK_ASYNC_COMMIT = env.bool("REMINDER_SENT_MARK_ASYNC_COMMIT", default=True)
# No texts between these local hours at the office (TCPA: 8 am to 9 pm); empty turns it off.
REMINDER_QUIET_HOURS = env.str("REMINDER_QUIET_HOURS", default="21:00-08:00")
REMINDER_LINK_MAX_AGE_DAYS = env.int("REMINDER_LINK_MAX_AGE_DAYS", default=35)
# Where the recording backends (development, tests, bench) write what they were asked to send.
REMINDER_RECORD_PATH = env.str("REMINDER_RECORD_PATH", default=str(BASE_DIR / "sent-messages.jsonl"))

if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# ---------------------------------------------------------------------------
# Security headers and Content-Security-Policy: only the site's own assets
# ---------------------------------------------------------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# ---------------------------------------------------------------------------
# Logging: to stderr, never PHI in messages
# ---------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
