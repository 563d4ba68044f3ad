"""The interface every SMS backend implements, and the errors dispatch tells apart."""


class SmsError(Exception):
    """``code`` is the provider's short reason, safe to store and show (no PHI)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code[:200]


class TransientSmsError(SmsError):
    """Try again later: the provider is down, slow, or throttling us."""


class PermanentSmsError(SmsError):
    """Trying again will not help; the front desk has to look."""


class InvalidNumber(PermanentSmsError):
    """The number cannot receive texts; reported on the patient."""


class RecipientOptedOut(PermanentSmsError):
    """The provider says this number replied STOP to us; recorded as the patient's opt-out."""


class BaseSmsBackend:
    def send(self, *, to: str, body: str, idempotency_key: str) -> str:
        """Send one message; return the provider's message id."""
        raise NotImplementedError
