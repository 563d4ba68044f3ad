"""Development: texts appear in the runserver/worker console instead of on a phone."""

import sys

from scheduling.reminders.sms.base import BaseSmsBackend


class ConsoleSmsBackend(BaseSmsBackend):
    def send(self, *, to: str, body: str, idempotency_key: str) -> str:
        sys.stdout.write(f"--- SMS to {to} ({idempotency_key})\n{body}\n---\n")
        sys.stdout.flush()
        return f"console-{idempotency_key}"
