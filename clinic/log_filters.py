"""Log filters: no PHI in the server's own log lines."""

import logging
import re

# The request line of the development server's access log: "GET /patients/?q=... HTTP/1.1".
_QUERY = re.compile(r"\?[^ ]*")


class StripQueryString(logging.Filter):
    """Drops the query string from access-log request lines (a patient search carries a
    date of birth or a phone number there). See also gunicorn.conf.py."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and record.args and isinstance(record.args[0], str):
            record.args = (_QUERY.sub("", record.args[0], count=1), *record.args[1:])
        return True
