import ipaddress

from auditlog.middleware import AuditlogMiddleware
from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or behind our proxies the address the outermost one saw.

    Each proxy appends the address it received the request from to X-Forwarded-For,
    so with TRUSTED_PROXY_COUNT proxies the client is that many entries from the
    right. Entries further left are whatever the client sent and are ignored; a
    header too short to have passed every proxy, or not an address, is not believed.
    """
    remote = request.META.get("REMOTE_ADDR")
    forwarded = request.headers.get("X-Forwarded-For")
    proxies = settings.TRUSTED_PROXY_COUNT
    if not (settings.TRUST_X_FORWARDED_FOR and forwarded and proxies > 0):
        return remote
    hops = [hop.strip() for hop in forwarded.split(",")]
    if len(hops) < proxies:
        return remote
    candidate = hops[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


class AuditContextMiddleware(AuditlogMiddleware):
    """Ties audit entries to the signed-in user and the client's address.

    X-Forwarded-For is only believed when the deployment declares a proxy in front
    (TRUST_X_FORWARDED_FOR); otherwise any client could write any address into
    the audit trail.
    """

    @staticmethod
    def _get_remote_addr(request: HttpRequest) -> str | None:
        return client_address(request)
