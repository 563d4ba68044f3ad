"""Recording backends: every message a worker hands over, appended to one JSON-lines file.

Used in development, tests and the benchmark, from any number of processes: a
file lock orders the writes. They behave like a provider that honours idempotency
keys: a second request with a key already accepted is recorded with
``accepted: false`` and delivers nothing, so a test can count both what reached
the patient and what the workers attempted.
"""

import fcntl
import json
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

from scheduling.reminders.sms.base import BaseSmsBackend

MESSAGE_KEY_HEADER = "X-VeinFlow-Message-Key"


class _Recorder:
    """Per process: how far into the file we have read, and the keys seen so far."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.offset = 0
        self.keys: set[str] = set()

    def record(self, entry: dict[str, Any]) -> bool:
        with open(self.path, "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                size = os.fstat(handle.fileno()).st_size
                if size < self.offset:  # a new file under the same name
                    self.offset, self.keys = 0, set()
                handle.seek(self.offset)
                for line in handle:
                    self.keys.add(json.loads(line)["key"])
                accepted = entry["key"] not in self.keys
                entry.update(accepted=accepted, pid=os.getpid(), at=time.time())
                handle.write((json.dumps(entry) + "\n").encode())
                handle.flush()
                self.offset = handle.tell()
                self.keys.add(entry["key"])
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
        return accepted


_recorders: dict[str, _Recorder] = {}


def _recorder() -> _Recorder:
    path = settings.REMINDER_RECORD_PATH
    if path not in _recorders:
        _recorders[path] = _Recorder(path)
    return _recorders[path]


def read_records(path: str | Path | None = None) -> list[dict[str, Any]]:
    path = Path(path or settings.REMINDER_RECORD_PATH)
    if not path.exists():
        return []
    with open(path, "rb") as handle:
        return [json.loads(line) for line in handle if line.strip()]


class RecordingSmsBackend(BaseSmsBackend):
    def send(self, *, to: str, body: str, idempotency_key: str) -> str:
        if settings.RECORDING_SEND_SECONDS:
            time.sleep(settings.RECORDING_SEND_SECONDS)
        _recorder().record({"key": idempotency_key, "channel": "sms", "to": to, "body": body})
        return f"rec-{idempotency_key}"


class RecordingEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            key = message.extra_headers.get(MESSAGE_KEY_HEADER) or message.extra_headers.get("Message-ID", "")
            attachments = [
                {"name": name, "type": mimetype, "content": content.decode() if isinstance(content, bytes) else content}
                for name, content, mimetype in message.attachments
            ]
            _recorder().record(
                {
                    "key": key,
                    "channel": "email",
                    "to": list(message.to),
                    "subject": message.subject,
                    "body": message.body,
                    "attachments": attachments,
                }
            )
        return len(email_messages)
