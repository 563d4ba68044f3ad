"""A search by date of birth or phone puts PHI in the URL's query string; the servers'
access logs write the path only."""

import datetime
import logging
import runpy
import types
from pathlib import Path

from django.conf import settings
from gunicorn.config import Config
from gunicorn.glogging import Logger

SEARCH = "/patients/?q=1958-03-14"


def test_the_development_servers_access_log_drops_the_query_string() -> None:
    logger = logging.getLogger("django.server")
    record = logger.makeRecord(
        "django.server", logging.INFO, __file__, 1, '"%s" %s %s', (f"GET {SEARCH} HTTP/1.1", "200", "512"), None
    )
    assert all(f.filter(record) for f in logger.filters)
    assert record.getMessage() == '"GET /patients/ HTTP/1.1" 200 512'


def test_gunicorns_access_log_drops_the_query_string_and_the_referer() -> None:
    conf = runpy.run_path(str(Path(settings.BASE_DIR) / "gunicorn.conf.py"))
    config = Config()
    config.set("access_log_format", conf["access_log_format"])
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": SEARCH,
        "PATH_INFO": "/patients/",
        "QUERY_STRING": "q=1958-03-14",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "10.0.0.2",
        "HTTP_REFERER": "https://clinic.example/patients/?q=5035550101",
        "HTTP_USER_AGENT": "test",
    }
    response = types.SimpleNamespace(status="200 OK", headers=[], sent=512)
    line = config.access_log_format % Logger(config).atoms(response, [], environ, datetime.timedelta(seconds=0.01))
    assert '"GET /patients/ HTTP/1.1" 200 512' in line
    assert "1958" not in line and "5035550101" not in line
