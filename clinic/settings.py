"""VeinFlow settings, read from the environment.

With no environment at all the project runs on its embedded default: SQLite and
a Celery broker in plain folders under var/ (no server to install). DATABASE_URL and REDIS_URL switch to PostgreSQL
and Redis. VEINFLOW_ENV=production turns on the hardened profile, which refuses
to start without SECRET_KEY, ALLOWED_HOSTS and an https SITE_URL, or on SQLite.

Every variable is parsed here, once, into a typed value (clinic.configuration);
a malformed one stops every process at start-up (manage.py, runserver, gunicorn,
the Celery worker and beat) with its name and the form it expects, all of them
listed together at the end of this module.
"""

import datetime
import os
from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF

from clinic import configuration as conf

BASE_DIR = Path(__file__).resolve().parent.parent

env = conf.Environment(os.environ)

# ---------------------------------------------------------------------------
# Profile
# ---------------------------------------------------------------------------
VEINFLOW_ENV = env.choice("VEINFLOW_ENV", "development", ("development", "production"))
PRODUCTION = VEINFLOW_ENV == "production"

if PRODUCTION:
    # Fail at start-up, not at the first request: a production node without its
    # own key or host list must never serve PHI.
    env.require("SECRET_KEY", "when VEINFLOW_ENV=production")
    env.require("ALLOWED_HOSTS", "when VEINFLOW_ENV=production")
    if env.get("DEBUG", conf.parse_bool, False, conf.BOOLEAN_FORM):
        env.problem("DEBUG", "false (or unset) when VEINFLOW_ENV=production", shown=os.environ["DEBUG"])
    SECRET_KEY = env.text("SECRET_KEY", secret=True)
    ALLOWED_HOSTS = env.names("ALLOWED_HOSTS", default=[])
    DEBUG = False
else:
    SECRET_KEY = env.text("SECRET_KEY", "veinflow-development-key-not-for-production-use-0123456789", secret=True)
    ALLOWED_HOSTS = env.names("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
    DEBUG = env.boolean("DEBUG", True)

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
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "auditlog",
    "clinic",
    "intake",
    "scheduling",
    "evaluations",
    "photos",
    "portal",
    "interop",
    # Reads every app above; none of them imports it.
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages may show PHI: browsers and proxies keep none of them (static files are served above).
    "clinic.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "clinic.signin.middleware.IdleTimeoutMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "clinic.signin.middleware.SessionLifetimeMiddleware",
    # django-otp marks request.user verified (or not); ours then refuses unverified sessions.
    "django_otp.middleware.OTPMiddleware",
    "clinic.signin.middleware.SecondFactorMiddleware",
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
embedded_database = conf.parse_database_url(f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASES = {
    "default": env.get(
        "DATABASE_URL",
        # Empty means the embedded default, as unset does.
        conf.optional(conf.parse_database_url, embedded_database),
        embedded_database,
        "postgres://USER:PASSWORD@HOST:PORT/NAME or sqlite:///PATH",
        secret=True,
    ),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})
    # PostgreSQL's JIT compiles any query whose estimated cost passes jit_above_cost, and the
    # dashboard's aggregates (correlated subqueries per row) pass it: compiling took longer than
    # running, 287 of 325 ms for one office-year at 10,000 appointments and 99 of 115 ms at
    # 1,000,000 (EXPLAIN ANALYZE; benchmark P9). The app's queries are short, so it is off for
    # every connection. Options given in DATABASE_URL come after, so they can turn it back on.
    given = DATABASES["default"]["OPTIONS"].get("options", "")
    DATABASES["default"]["OPTIONS"]["options"] = f"-c jit=off {given}".strip()
    if env.boolean("DATABASE_POOL", True):
        pool_min = env.integer("DATABASE_POOL_MIN", 2, minimum=0)
        pool_max = env.integer("DATABASE_POOL_MAX", 20, minimum=1)
        if pool_min > pool_max:
            env.problem("DATABASE_POOL_MIN", f"no more than DATABASE_POOL_MAX ({pool_max})", shown=str(pool_min))
        # Django's built-in psycopg pool; CONN_MAX_AGE must stay 0 with it.
        DATABASES["default"]["OPTIONS"]["pool"] = {"min_size": pool_min, "max_size": pool_max, "timeout": 10}
        DATABASES["default"]["CONN_MAX_AGE"] = 0
elif PRODUCTION:
    # 45 CFR 164.312(b), (c)(1): the audit trail and signed records must hold against
    # anyone who can reach the database. SQLite has no roles: whoever can write the
    # file can drop its triggers. PostgreSQL gives the app a role that cannot.
    env.problem(
        "DATABASE_URL",
        "a postgres:// URL: VEINFLOW_ENV=production runs on PostgreSQL only (SQLite has no database roles, so it "
        "cannot keep the audit trail and signed records safe from whoever can write its file; see README, "
        "Database roles)",
    )
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
    # Reads roles and permissions in one query for ModelBackend to answer from (bench P2f).
    "clinic.auth_backends.GrantsBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Idle timeout: HIPAA's automatic log-off. Saving on every request slides the
# expiry, so the session ends after 15 minutes without a request.
SESSION_COOKIE_AGE = env.integer("SESSION_IDLE_SECONDS", 15 * 60, minimum=60, unit=" seconds")
# Activity slides the idle expiry without a write per request: clinic.signin.middleware.IdleTimeoutMiddleware.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# However busy, a session ends this long after sign-in (a shift), then asks again.
SESSION_ABSOLUTE_SECONDS = env.integer("SESSION_ABSOLUTE_SECONDS", 12 * 60 * 60, minimum=60)
# The page warns this long before the idle log-off and offers "stay signed in".
SESSION_WARNING_SECONDS = 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# A clinic's whole front desk sits behind one public address, so locking by IP
# alone would lock out the office; lock the (username, address) pair instead.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env.integer("AXES_FAILURE_LIMIT", 5, minimum=1)
# Axes never lifts a lock-out without a cool-off, so zero is refused.
AXES_COOLOFF_TIME = timedelta(minutes=env.integer("AXES_COOLOFF_MINUTES", 15, minimum=1, unit=" minutes"))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# Second factor (django-otp): TOTP apps, recovery codes, passkeys (django-otp-webauthn).
OTP_TOTP_ISSUER = env.text("OTP_TOTP_ISSUER", "VeinFlow")
OTP_WEBAUTHN_HELPER_CLASS = "clinic.signin.passkeys.ClinicWebAuthnHelper"
OTP_WEBAUTHN_RP_NAME = "VeinFlow"
OTP_WEBAUTHN_RP_ID_CALLABLE = "clinic.signin.passkeys.relying_party_id"
# The public address (SITE_URL, below) plus whichever allowed host a page is opened at.
# Passkeys are a second factor here, never a way around the password (axes must see every log-in).
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
# Throttles (clinic.throttle) count in the cache; a cache outage lets requests through, logged.
RATELIMIT_FAIL_OPEN = True

# ---------------------------------------------------------------------------
# Audit trail (django-auditlog with our append-only entry model)
# ---------------------------------------------------------------------------
AUDITLOG_LOGENTRY_MODEL = "clinic.AuditEntry"
# The audit middleware records REMOTE_ADDR; X-Forwarded-For is trusted only when
# the deployment says a proxy in front of it sets it.
AUDITLOG_DISABLE_REMOTE_ADDR = False
TRUST_X_FORWARDED_FOR = env.boolean("TRUST_X_FORWARDED_FOR", False)
# How many proxies of ours stand in front (each appends the address it saw): the
# client's address is that many entries from the right; anything left of it was
# written by the client and is never believed.
TRUSTED_PROXY_COUNT = env.integer("TRUSTED_PROXY_COUNT", 1, minimum=0)
# Sign-in lock-outs count per the same client address the audit trail records.
AXES_CLIENT_IP_CALLABLE = "clinic.middleware.client_address"
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
# FHIR bulk exports (interop.export): a private folder no URL serves; an audited view hands files out.
# Every web node and worker must see the same folder (a shared volume) in a deployment of several.
FHIR_EXPORT_DIR = env.text("FHIR_EXPORT_DIR", str(BASE_DIR / "var" / "fhir-exports"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "fhir_exports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": FHIR_EXPORT_DIR, "base_url": None, "file_permissions_mode": 0o600},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# ---------------------------------------------------------------------------
# Clinical photos (photos app): a storage of their own, never publicly served.
# They are read only through the audited views in photos/views.py, never by URL.
# ---------------------------------------------------------------------------
CLINICAL_PHOTO_STORAGE = env.choice("CLINICAL_PHOTO_STORAGE", "filesystem", ("filesystem", "s3"))
CLINICAL_PHOTO_ROOT = Path(env.text("CLINICAL_PHOTO_ROOT", str(BASE_DIR / "var" / "clinical-photos"))).resolve()
for _public_folder in (Path(STATIC_ROOT).resolve(), *(Path(f).resolve() for f in STATICFILES_DIRS)):
    if _public_folder == CLINICAL_PHOTO_ROOT or _public_folder in CLINICAL_PHOTO_ROOT.parents:
        env.problem("CLINICAL_PHOTO_ROOT", "a private folder outside the static files", shown=str(CLINICAL_PHOTO_ROOT))
# A phone's full-resolution JPEG is 3-8 MB; 15 MB leaves room without inviting RAW files.
CLINICAL_PHOTO_MAX_MB = env.integer("CLINICAL_PHOTO_MAX_MB", 15, minimum=1, unit=" megabytes")
if CLINICAL_PHOTO_STORAGE == "s3":
    env.require("CLINICAL_PHOTO_S3_BUCKET", "when CLINICAL_PHOTO_STORAGE=s3")
    _photo_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.text("CLINICAL_PHOTO_S3_BUCKET"),
            # Empty: AWS itself; set for another S3-compatible service (MinIO, Ceph, R2...).
            "endpoint_url": env.get(
                "CLINICAL_PHOTO_S3_ENDPOINT_URL", conf.optional(conf.parse_web_url, None), None, "an http(s) URL"
            ),
            "region_name": env.text("CLINICAL_PHOTO_S3_REGION") or None,
            # Empty keys: boto3's own chain (instance role, AWS_* variables, ~/.aws).
            "access_key": env.text("CLINICAL_PHOTO_S3_ACCESS_KEY_ID") or None,
            "secret_key": env.text("CLINICAL_PHOTO_S3_SECRET_ACCESS_KEY", secret=True) or None,
            "location": env.text("CLINICAL_PHOTO_S3_PREFIX", "leg-photos"),
            # Private objects, never overwritten; any URL the library could make would be
            # signed and short-lived, but VeinFlow makes none: the views stream the bytes.
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 60,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "private, no-store"},
        },
    }
else:
    _photo_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": str(CLINICAL_PHOTO_ROOT),
            # No URL: nothing serves this folder, and storage.url() must not pretend it does.
            "base_url": "/no-public-url/",
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    }
STORAGES["clinical_photos"] = _photo_storage

# Outside production the files come straight from the apps, so `make run` needs no
# collectstatic; production serves the hashed, compressed copies.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# ---------------------------------------------------------------------------
# Email
# ---------------------------------------------------------------------------
EMAIL_CONFIG = env.get(
    "EMAIL_URL",
    conf.parse_email_url,
    conf.parse_email_url("consolemail://"),
    'an e-mail URL such as "smtp+tls://USER:PASSWORD@HOST:587" or "consolemail://"',
    secret=True,
)
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.get(
    "DEFAULT_FROM_EMAIL",
    conf.parse_address,
    "VeinFlow <no-reply@veinflow.invalid>",
    'an address such as "VeinFlow <no-reply@clinic.example>"',
)
if env.is_set("EMAIL_BACKEND"):
    # A backend EMAIL_URL cannot name (the reminders' recording backend in tests and the bench).
    # Whether it imports is system check veinflow.E003.
    EMAIL_BACKEND = env.get(
        "EMAIL_BACKEND", conf.parse_dotted_path, EMAIL_CONFIG["EMAIL_BACKEND"], "a dotted path to an e-mail backend"
    )

# ---------------------------------------------------------------------------
# Celery: Redis when REDIS_URL is set, otherwise a broker in plain folders
# ---------------------------------------------------------------------------
# Without REDIS_URL the embedded default still runs the real thing: tasks are files
# in var/celery/ (kombu's filesystem transport, no server), and `make run` starts a
# worker with the beat on them, so reminders go out as they do in production. Only
# the test suite runs tasks in-process (tests/conftest.py), or CELERY_TASK_ALWAYS_EAGER=true.
REDIS_URL = env.get(
    "REDIS_URL",
    conf.optional(conf.parse_redis_url, ""),
    "",
    "redis://HOST:PORT/DB (or rediss://, unix://PATH), or empty for the folder broker in var/celery/",
    secret=True,
)
CELERY_FOLDER = Path(env.text("CELERY_FOLDER", str(BASE_DIR / "var" / "celery")))
# kombu's filesystem transport ignores the host; naming one keeps it from warning that none was given.
CELERY_BROKER_URL = REDIS_URL or "filesystem://localhost/"
# No result backend anywhere: tasks report through the rows they change, never through results.
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = env.boolean("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 5 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 4 * 60
CELERY_TIMEZONE = "UTC"
CELERY_TASK_DEFAULT_QUEUE = env.get(
    "CELERY_TASK_DEFAULT_QUEUE", conf.parse_queue_name, "celery", "a queue name (letters, digits, . : _ -)"
)
CELERY_BEAT_SCHEDULE: dict = {
    # One beat for the whole deployment claims due reminders and hands batches to the workers.
    "dispatch-due-reminders": {
        "task": "scheduling.dispatch_due_reminders",
        "schedule": env.number("REMINDER_DISPATCH_SECONDS", 60.0, minimum=1),
    },
}
CELERY_BEAT_SCHEDULE_FILENAME = str(CELERY_FOLDER / "beat-schedule")
# A killed worker's unacknowledged batch comes back after this; the claim lease
# (below) decides whether anything in it is still to be sent.
CELERY_VISIBILITY_TIMEOUT = env.integer("CELERY_VISIBILITY_TIMEOUT", 3600, minimum=1, unit=" seconds")
if REDIS_URL:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_VISIBILITY_TIMEOUT}
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
SITE_URL = env.get(
    "SITE_URL",
    conf.parse_web_url,
    "http://localhost:8000",
    "an http(s) address such as https://veinflow.example.org, without query or fragment",
)
if PRODUCTION:
    # Texts carry links to it: the development default would send patients to localhost.
    env.require("SITE_URL", "when VEINFLOW_ENV=production (reminder links point at it)")
    if env.is_set("SITE_URL") and not SITE_URL.startswith("https://"):
        env.problem("SITE_URL", "an https:// address when VEINFLOW_ENV=production", shown=SITE_URL)
# Passkeys are bound to the origin the site is served from.
OTP_WEBAUTHN_ALLOWED_ORIGINS = [SITE_URL]
# Whether the class imports, and accepts its configuration, is system check veinflow.E001/E002.
SMS_BACKEND = env.get(
    "SMS_BACKEND",
    conf.parse_dotted_path,
    "scheduling.reminders.sms.console.ConsoleSmsBackend",
    "a dotted path to an SMS backend, e.g. scheduling.reminders.sms.twilio.TwilioSmsBackend",
)
TWILIO_ACCOUNT_SID = env.get(
    "TWILIO_ACCOUNT_SID",
    conf.optional(conf.parse_twilio_account_sid, ""),
    "",
    'an account SID: "AC" and 32 hexadecimal digits',
)
TWILIO_AUTH_TOKEN = env.text("TWILIO_AUTH_TOKEN", secret=True)
TWILIO_FROM_NUMBER = env.get(
    "TWILIO_FROM_NUMBER",
    conf.optional(conf.parse_phone_sender, ""),
    "",
    "an E.164 number such as +15035550100, or a short code",
)
# Inbound STOP replies are signed with this (Twilio signs with the auth token).
SMS_WEBHOOK_SECRET = env.text("SMS_WEBHOOK_SECRET", TWILIO_AUTH_TOKEN, secret=True)
# Messages per second across every worker; 0 means no limit.
REMINDER_RATE_PER_SECOND = env.number("REMINDER_RATE_PER_SECOND", 0.0, minimum=0)
REMINDER_BATCH_SIZE = env.integer("REMINDER_BATCH_SIZE", 200, minimum=1)
# How long a worker owns a claimed row; past it the beat hands the row to another worker.
# At least one SMS call's timeout (10 s), or no send could finish inside its lease.
REMINDER_LEASE_SECONDS = env.integer("REMINDER_LEASE_SECONDS", 10 * 60, minimum=10, unit=" seconds")
if CELERY_VISIBILITY_TIMEOUT <= REMINDER_LEASE_SECONDS:
    # Redis would hand a batch that is still being sent to a second worker, under the same claim.
    env.problem(
        "CELERY_VISIBILITY_TIMEOUT",
        f"more seconds than REMINDER_LEASE_SECONDS ({REMINDER_LEASE_SECONDS})",
        shown=str(CELERY_VISIBILITY_TIMEOUT),
    )
REMINDER_MAX_ATTEMPTS = env.integer("REMINDER_MAX_ATTEMPTS", 6, minimum=1)
# PostgreSQL: commit each 'sent' mark without waiting for its WAL flush. A worker crash
# cannot lose it; a database crash can lose the last 3 x wal_writer_delay of marks
# (scheduling.reminders.dispatch documents the bound). False waits for every flush.
REMINDER_SENT_MARK_ASYNC_COMMIT = env.boolean("REMINDER_SENT_MARK_ASYNC_COMMIT", True)
# No texts between these local hours at the office (TCPA: 8 am to 9 pm); empty turns it off.
# Held parsed: a conf.QuietHours or None (scheduling.reminders.quiet reads it).
REMINDER_QUIET_HOURS = env.get(
    "REMINDER_QUIET_HOURS",
    conf.parse_quiet_hours,
    conf.QuietHours(datetime.time(21), datetime.time(8)),
    conf.QUIET_HOURS_FORM,
)
REMINDER_LINK_MAX_AGE_DAYS = env.integer("REMINDER_LINK_MAX_AGE_DAYS", 35, minimum=1, unit=" days")
# Where the recording backends (development, tests, bench) write what they were asked to send.
REMINDER_RECORD_PATH = env.text("REMINDER_RECORD_PATH", str(BASE_DIR / "sent-messages.jsonl"))
# The recording SMS backend waits this long per message, standing in for a provider's round
# trip (a test then finds a worker mid-batch long enough to kill it).
RECORDING_SEND_SECONDS = env.number("RECORDING_SEND_SECONDS", 0.0, minimum=0)

# The public screening form, per client address (intake.throttle). Five an hour: a family
# filling in for several members fits; a script does not.
SCREENING_RATE_LIMIT = env.get(
    "SCREENING_RATE_LIMIT", conf.parse_rate_limit, conf.RateLimit(5, 60 * 60), conf.RATE_LIMIT_FORM
)

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
    SECURE_SSL_REDIRECT = env.boolean("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.integer("SECURE_HSTS_SECONDS", 31536000, minimum=0, unit=" seconds")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = env.get(
        "CSRF_TRUSTED_ORIGINS", conf.parse_origins, [], "comma-separated origins such as https://veinflow.example.org"
    )

# ---------------------------------------------------------------------------
# Logging: to stderr, never PHI in messages
# ---------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_query_string": {"()": "clinic.log_filters.StripQueryString"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env.get("LOG_LEVEL", conf.parse_log_level, "INFO", "one of " + ", ".join(conf.LOG_LEVELS)),
    },
    "loggers": {
        "axes": {"level": "WARNING"},
        # runserver's access log: paths without their query string (a search by date of
        # birth or phone puts it there); gunicorn's format is in gunicorn.conf.py.
        "django.server": {"handlers": ["console"], "filters": ["no_query_string"], "propagate": False},
    },
}

# Last: every malformed variable above, reported together.
env.raise_problems()
