"""gunicorn reads this file from the directory it starts in (the project root).

The access log names the path, never the query string or the Referer: the patient
search puts a date of birth or a phone number in the query (?q=...), and a log line is
kept and shipped far beyond the audit trail's protections. The search stays a GET so
results can be bookmarked, reloaded and reached with Back; the log is what changes.
"""

accesslog = "-"
# Path (%(U)s) instead of the request line (%(r)s) or the query (%(q)s); no Referer (%(f)s).
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)ss "%(a)s"'
