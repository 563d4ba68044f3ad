"""The production profile: refuses to start half-configured; check --deploy is clean."""

from tests.helpers import ROOT, manage

# Never connected to: `check` reads the settings only.
PRODUCTION_DATABASE_URL = "postgres://veinflow_app@db.example.test:5432/veinflow"


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = manage("check", VEINFLOW_ENV="production", ALLOWED_HOSTS="veinflow.example.test")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts() -> None:
    result = manage("check", VEINFLOW_ENV="production", SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_refuses_to_start_on_sqlite() -> None:
    result = manage(
        "check",
        VEINFLOW_ENV="production",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="veinflow.example.test",
        DATABASE_URL="sqlite:///production.sqlite3",
    )
    assert result.returncode != 0
    assert "VEINFLOW_ENV=production runs on PostgreSQL only" in result.stderr
    assert not (ROOT / "production.sqlite3").exists()


def test_check_deploy_reports_no_warnings_in_production() -> None:
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        VEINFLOW_ENV="production",
        SECRET_KEY="a-long-random-production-secret-" + "k9P2xQ7vLm3Zr8Ws" * 3,
        ALLOWED_HOSTS="veinflow.example.test",
        SITE_URL="https://veinflow.example.test",
        DATABASE_URL=PRODUCTION_DATABASE_URL,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_send_reminder_links_to_the_development_address() -> None:
    result = manage(
        "check",
        VEINFLOW_ENV="production",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="veinflow.example.test",
        SITE_URL="http://veinflow.example.test",
    )
    assert result.returncode != 0
    assert "SITE_URL='http://veinflow.example.test' is not valid: expected an https:// address" in result.stderr
