from auditlog.middleware import AuditlogMiddleware
from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The client's address; X-Forwarded-For only when a trusted proxy sets it."""
    forwarded = request.headers.get("X-Forwarded-For")
    if settings.TRUST_X_FORWARDED_FOR and forwarded:
        return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR")


class AuditContextMiddleware(AuditlogMiddleware):
    """Ties audit entries to the signed-in user and the client's address.

    X-Forwarded-For is only believed when the deployment declares a proxy in front
    (TRUST_X_FORWARDED_FOR); otherwise any client could write any address into
    the audit trail.
    """

    @staticmethod
    def _get_remote_addr(request: HttpRequest) -> str | None:
        return client_address(request)
