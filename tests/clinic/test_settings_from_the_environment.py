"""Each environment variable becomes a typed setting, or a start-up error naming it and its form.

These run clinic/settings.py itself with the variable set, in this process (no subprocess).
"""

import datetime
import re
import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from clinic.configuration import QuietHours, RateLimit

SETTINGS = str(Path(__file__).resolve().parents[2] / "clinic" / "settings.py")
# So a production case starts from a complete production profile and fails only on its own variable.
PRODUCTION = {
    "VEINFLOW_ENV": "production",
    "SECRET_KEY": "a-long-random-production-secret-" + "k9P2xQ7vLm3Zr8Ws" * 3,
    "ALLOWED_HOSTS": "veinflow.example.test",
    "SITE_URL": "https://veinflow.example.test",
}


@pytest.fixture
def settings_from(monkeypatch):
    """The settings module's values with these variables set (and nothing of the shell's profile)."""

    def load(**variables: str) -> dict:
        for name in ("VEINFLOW_ENV", "SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "SITE_URL", "DATABASE_URL"):
            monkeypatch.delenv(name, raising=False)
        for name, value in variables.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(SETTINGS)

    return load


@pytest.mark.parametrize(
    ("variables", "problem"),
    [
        ({"VEINFLOW_ENV": "prod"}, "VEINFLOW_ENV='prod' is not valid: expected one of development, production."),
        ({"DEBUG": "ture"}, "DEBUG='ture' is not valid: expected true or false"),
        ({"ALLOWED_HOSTS": "a.example,,b.example"}, "ALLOWED_HOSTS='a.example,,b.example' is not valid"),
        ({"DATABASE_URL": "postgres://db:notaport/veinflow"}, "DATABASE_URL is not valid: expected postgres://"),
        ({"DATABASE_URL": "postgres://db:5432"}, "DATABASE_URL is not valid"),
        (
            {"DATABASE_URL": "postgres://db/veinflow", "DATABASE_POOL_MIN": "30"},
            "DATABASE_POOL_MIN='30' is not valid: expected no more than DATABASE_POOL_MAX (20).",
        ),
        ({"DATABASE_URL": "postgres://db/veinflow", "DATABASE_POOL": "maybe"}, "DATABASE_POOL='maybe' is not valid"),
        (
            {"SESSION_IDLE_SECONDS": "0"},
            "SESSION_IDLE_SECONDS='0' is not valid: expected a whole number of at least 60",
        ),
        ({"AXES_FAILURE_LIMIT": "0"}, "AXES_FAILURE_LIMIT='0' is not valid"),
        ({"AXES_COOLOFF_MINUTES": "0"}, "AXES_COOLOFF_MINUTES='0' is not valid"),
        ({"TRUST_X_FORWARDED_FOR": "sometimes"}, "TRUST_X_FORWARDED_FOR='sometimes' is not valid"),
        ({"EMAIL_URL": "smtp-tls://user:pw@mail:587"}, "EMAIL_URL is not valid: expected an e-mail URL"),
        ({"DEFAULT_FROM_EMAIL": "VeinFlow"}, "DEFAULT_FROM_EMAIL='VeinFlow' is not valid: expected an address"),
        ({"EMAIL_BACKEND": "recording backend"}, "EMAIL_BACKEND='recording backend' is not valid: expected a dotted"),
        ({"REDIS_URL": "localhost:6379"}, "REDIS_URL is not valid: expected redis://HOST:PORT/DB"),
        ({"REDIS_URL": "redis://localhost:6379/cache"}, "REDIS_URL is not valid"),
        ({"CELERY_TASK_DEFAULT_QUEUE": "two words"}, "CELERY_TASK_DEFAULT_QUEUE='two words' is not valid"),
        (
            {"CELERY_VISIBILITY_TIMEOUT": "600"},
            "CELERY_VISIBILITY_TIMEOUT='600' is not valid: expected more seconds than REMINDER_LEASE_SECONDS (600).",
        ),
        ({"SITE_URL": "veinflow.example.org"}, "SITE_URL='veinflow.example.org' is not valid: expected an http(s)"),
        ({"SITE_URL": "https://veinflow.example.org/?from=sms"}, "SITE_URL='https://veinflow.example.org/?from=sms'"),
        ({"SMS_BACKEND": "twilio"}, "SMS_BACKEND='twilio' is not valid: expected a dotted path"),
        ({"TWILIO_ACCOUNT_SID": "AC123"}, "TWILIO_ACCOUNT_SID='AC123' is not valid: expected an account SID"),
        ({"TWILIO_FROM_NUMBER": "503-555-0100"}, "TWILIO_FROM_NUMBER='503-555-0100' is not valid: expected an E.164"),
        (
            {"REMINDER_RATE_PER_SECOND": "-1"},
            "REMINDER_RATE_PER_SECOND='-1' is not valid: expected a number of at least 0",
        ),
        ({"REMINDER_RATE_PER_SECOND": "nan"}, "REMINDER_RATE_PER_SECOND='nan' is not valid"),
        ({"REMINDER_BATCH_SIZE": "0"}, "REMINDER_BATCH_SIZE='0' is not valid: expected a whole number of at least 1."),
        (
            {"REMINDER_LEASE_SECONDS": "5"},
            "REMINDER_LEASE_SECONDS='5' is not valid: expected a whole number of at least 10",
        ),
        ({"REMINDER_MAX_ATTEMPTS": "zero"}, "REMINDER_MAX_ATTEMPTS='zero' is not valid"),
        ({"REMINDER_SENT_MARK_ASYNC_COMMIT": "fast"}, "REMINDER_SENT_MARK_ASYNC_COMMIT='fast' is not valid"),
        (
            {"REMINDER_QUIET_HOURS": "21:00 to 08:00"},
            "REMINDER_QUIET_HOURS='21:00 to 08:00' is not valid: expected HH:MM",
        ),
        ({"REMINDER_QUIET_HOURS": "9pm-8am"}, "REMINDER_QUIET_HOURS='9pm-8am' is not valid"),
        ({"REMINDER_QUIET_HOURS": "24:00-08:00"}, "REMINDER_QUIET_HOURS='24:00-08:00' is not valid"),
        ({"REMINDER_QUIET_HOURS": "21:00-21:00"}, "REMINDER_QUIET_HOURS='21:00-21:00' is not valid"),
        ({"REMINDER_LINK_MAX_AGE_DAYS": "0"}, "REMINDER_LINK_MAX_AGE_DAYS='0' is not valid"),
        ({"RECORDING_SEND_SECONDS": "-0.5"}, "RECORDING_SEND_SECONDS='-0.5' is not valid"),
        (
            {"SCREENING_RATE_LIMIT": "5 per hour"},
            "SCREENING_RATE_LIMIT='5 per hour' is not valid: expected COUNT/SECONDS",
        ),
        ({"SCREENING_RATE_LIMIT": "0/3600"}, "SCREENING_RATE_LIMIT='0/3600' is not valid"),
        (
            {"LOG_LEVEL": "LOUD"},
            "LOG_LEVEL='LOUD' is not valid: expected one of DEBUG, INFO, WARNING, ERROR, CRITICAL.",
        ),
        ({**PRODUCTION, "DEBUG": "true"}, "DEBUG='true' is not valid: expected false (or unset) when VEINFLOW_ENV"),
        ({**PRODUCTION, "SECURE_HSTS_SECONDS": "-1"}, "SECURE_HSTS_SECONDS='-1' is not valid"),
        ({**PRODUCTION, "SECURE_SSL_REDIRECT": "sure"}, "SECURE_SSL_REDIRECT='sure' is not valid"),
        (
            {**PRODUCTION, "CSRF_TRUSTED_ORIGINS": "veinflow.example.test"},
            "CSRF_TRUSTED_ORIGINS='veinflow.example.test'",
        ),
        ({**PRODUCTION, "SITE_URL": ""}, "SITE_URL must be set when VEINFLOW_ENV=production"),
    ],
    ids=lambda value: next(iter(value)) if isinstance(value, dict) else None,
)
def test_a_malformed_variable_stops_start_up_with_its_name_and_form(settings_from, variables, problem) -> None:
    with pytest.raises(ImproperlyConfigured) as refused:
        settings_from(**variables)
    assert problem in str(refused.value)


def test_passwords_inside_urls_are_never_repeated_in_the_message(settings_from) -> None:
    with pytest.raises(ImproperlyConfigured) as refused:
        settings_from(
            DATABASE_URL="postgresql://clinic:pw-one@db:notaport/veinflow",
            EMAIL_URL="smtp-tls://clinic:pw-two@mail:587",
            REDIS_URL="redis//:pw-three@cache:6379/0",
        )
    message = str(refused.value)
    assert "DATABASE_URL" in message and "EMAIL_URL" in message and "REDIS_URL" in message
    assert "pw-one" not in message and "pw-two" not in message and "pw-three" not in message


def test_with_no_variables_the_settings_are_the_documented_defaults(settings_from) -> None:
    loaded = settings_from()
    assert loaded["REMINDER_QUIET_HOURS"] == QuietHours(datetime.time(21), datetime.time(8))
    assert loaded["SCREENING_RATE_LIMIT"] == RateLimit(count=5, seconds=3600)
    assert loaded["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert loaded["SITE_URL"] == "http://localhost:8000"
    assert loaded["REMINDER_RATE_PER_SECOND"] == 0
    assert (loaded["REMINDER_BATCH_SIZE"], loaded["REMINDER_LEASE_SECONDS"], loaded["REMINDER_MAX_ATTEMPTS"]) == (
        200,
        600,
        6,
    )


@pytest.mark.parametrize(
    ("name", "text", "setting", "value"),
    [
        (
            "REMINDER_QUIET_HOURS",
            " 22:30 - 7:00 ",
            "REMINDER_QUIET_HOURS",
            QuietHours(datetime.time(22, 30), datetime.time(7)),
        ),
        ("REMINDER_QUIET_HOURS", "", "REMINDER_QUIET_HOURS", None),
        ("SCREENING_RATE_LIMIT", "10/60", "SCREENING_RATE_LIMIT", (10, 60)),
        ("REMINDER_RATE_PER_SECOND", "2.5", "REMINDER_RATE_PER_SECOND", 2.5),
        ("SITE_URL", "https://veinflow.example.org/", "SITE_URL", "https://veinflow.example.org"),
        ("DEBUG", "False", "DEBUG", False),
        ("DEBUG", "yes", "DEBUG", True),
        ("REDIS_URL", "", "REDIS_URL", ""),
        ("REDIS_URL", "rediss://cache.example.org:6380/2", "CELERY_BROKER_URL", "rediss://cache.example.org:6380/2"),
        ("LOG_LEVEL", "warning", "LOGGING", {"handlers": ["console"], "level": "WARNING"}),
        ("DEFAULT_FROM_EMAIL", "Clinic <desk@clinic.example>", "DEFAULT_FROM_EMAIL", "Clinic <desk@clinic.example>"),
        ("TWILIO_FROM_NUMBER", "+15035550100", "TWILIO_FROM_NUMBER", "+15035550100"),
        ("RECORDING_SEND_SECONDS", "0.002", "RECORDING_SEND_SECONDS", 0.002),
        ("FHIR_EXPORT_DIR", "/srv/veinflow/exports", "FHIR_EXPORT_DIR", "/srv/veinflow/exports"),
    ],
)
def test_a_well_formed_variable_becomes_a_typed_setting(settings_from, name, text, setting, value) -> None:
    loaded = settings_from(**{name: text})[setting]
    assert (loaded["root"] if setting == "LOGGING" else loaded) == value


def test_an_empty_database_url_means_the_embedded_database(settings_from) -> None:
    assert settings_from(DATABASE_URL="")["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"


def test_the_postgresql_pool_takes_its_sizes_from_the_environment(settings_from) -> None:
    loaded = settings_from(DATABASE_URL="postgres://db/veinflow", DATABASE_POOL_MIN="1", DATABASE_POOL_MAX="4")
    assert loaded["DATABASES"]["default"]["OPTIONS"]["pool"] == {"min_size": 1, "max_size": 4, "timeout": 10}


# -- Clinical photos: a private storage of their own ---------------------------------------


def test_clinical_photos_default_to_a_private_folder_and_15_mb(settings_from) -> None:
    loaded = settings_from()
    assert loaded["CLINICAL_PHOTO_MAX_MB"] == 15
    storage = loaded["STORAGES"]["clinical_photos"]
    assert storage["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert storage["OPTIONS"]["location"] == str(Path(SETTINGS).parents[1] / "var" / "clinical-photos")
    assert storage["OPTIONS"]["file_permissions_mode"] == 0o600
    assert not storage["OPTIONS"]["location"].startswith(str(loaded["STATIC_ROOT"]))


def test_the_photo_size_limit_and_folder_come_from_the_environment(settings_from, tmp_path) -> None:
    loaded = settings_from(CLINICAL_PHOTO_MAX_MB="25", CLINICAL_PHOTO_ROOT=str(tmp_path / "photos"))
    assert loaded["CLINICAL_PHOTO_MAX_MB"] == 25
    assert loaded["STORAGES"]["clinical_photos"]["OPTIONS"]["location"] == str(tmp_path / "photos")


@pytest.mark.parametrize(
    ("variables", "problem"),
    [
        (
            {"CLINICAL_PHOTO_MAX_MB": "0"},
            "CLINICAL_PHOTO_MAX_MB='0' is not valid: expected a whole number of at least 1",
        ),
        ({"CLINICAL_PHOTO_MAX_MB": "15MB"}, "CLINICAL_PHOTO_MAX_MB='15MB' is not valid"),
        (
            {"CLINICAL_PHOTO_STORAGE": "ftp"},
            "CLINICAL_PHOTO_STORAGE='ftp' is not valid: expected one of filesystem, s3.",
        ),
        ({"CLINICAL_PHOTO_STORAGE": "s3"}, "CLINICAL_PHOTO_S3_BUCKET must be set when CLINICAL_PHOTO_STORAGE=s3."),
        (
            {
                "CLINICAL_PHOTO_STORAGE": "s3",
                "CLINICAL_PHOTO_S3_BUCKET": "b",
                "CLINICAL_PHOTO_S3_ENDPOINT_URL": "minio",
            },
            "CLINICAL_PHOTO_S3_ENDPOINT_URL='minio' is not valid: expected an http(s) URL.",
        ),
        (
            {"CLINICAL_PHOTO_ROOT": str(Path(SETTINGS).parents[1] / "staticfiles" / "photos")},
            "is not valid: expected a private folder outside the static files.",
        ),
        (
            {"CLINICAL_PHOTO_ROOT": str(Path(SETTINGS).parents[1] / "clinic" / "static")},
            "is not valid: expected a private folder outside the static files.",
        ),
    ],
)
def test_a_malformed_photo_setting_stops_start_up(settings_from, variables, problem) -> None:
    with pytest.raises(ImproperlyConfigured, match=re.escape(problem)):
        settings_from(**variables)


S3_ENVIRONMENT = {
    "CLINICAL_PHOTO_STORAGE": "s3",
    "CLINICAL_PHOTO_S3_BUCKET": "clinic-leg-photos",
    "CLINICAL_PHOTO_S3_ENDPOINT_URL": "https://s3.storage.example.test/",
    "CLINICAL_PHOTO_S3_REGION": "us-west-2",
    "CLINICAL_PHOTO_S3_ACCESS_KEY_ID": "AKIAEXAMPLEKEY",
    "CLINICAL_PHOTO_S3_SECRET_ACCESS_KEY": "s3-secret-do-not-print",
}


def test_s3_storage_is_built_private_from_the_environment(settings_from, settings) -> None:
    """The storage django-storages builds from these settings: private, never overwriting, signed URLs only.

    Building it makes no network call (boto3 connects on first use), so this runs offline.
    """
    from django.core.files.storage import storages
    from storages.backends.s3 import S3Storage

    config = settings_from(**S3_ENVIRONMENT)["STORAGES"]["clinical_photos"]
    assert config["BACKEND"] == "storages.backends.s3.S3Storage"
    settings.STORAGES = {**settings.STORAGES, "clinical_photos": config}
    storage = storages["clinical_photos"]
    assert isinstance(storage, S3Storage)
    assert storage.bucket_name == "clinic-leg-photos"
    assert storage.endpoint_url == "https://s3.storage.example.test"
    assert storage.region_name == "us-west-2"
    assert storage.access_key == "AKIAEXAMPLEKEY"
    assert storage.secret_key == "s3-secret-do-not-print"
    assert storage.default_acl == "private"
    assert storage.querystring_auth is True
    assert storage.file_overwrite is False
    assert storage.location == "leg-photos"
    assert storage.get_object_parameters("x.jpg")["CacheControl"] == "private, no-store"


def test_s3_without_keys_leaves_credentials_to_boto3s_own_chain(settings_from) -> None:
    options = settings_from(CLINICAL_PHOTO_STORAGE="s3", CLINICAL_PHOTO_S3_BUCKET="b")["STORAGES"]["clinical_photos"]
    assert options["OPTIONS"]["access_key"] is None and options["OPTIONS"]["secret_key"] is None
    assert options["OPTIONS"]["endpoint_url"] is None and options["OPTIONS"]["region_name"] is None


def test_the_s3_secret_is_never_repeated_in_a_start_up_error(settings_from) -> None:
    with pytest.raises(ImproperlyConfigured) as refused:
        settings_from(**S3_ENVIRONMENT, CLINICAL_PHOTO_MAX_MB="none")
    assert "s3-secret-do-not-print" not in str(refused.value)
