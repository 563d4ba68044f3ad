import ipaddress

from auditlog.middleware import AuditlogMiddleware
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


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


class NoStoreMiddleware:
    """Nothing the application renders is kept by a browser or a shared cache.

    Every page but the static files (WhiteNoise answers those before this runs) may
    hold PHI: staff and portal pages, and the anonymous ones too (a screening form
    shown again with its errors, a reminder link's appointment). Marking them all is
    simpler, and safer, than deciding page by page; the pages are small and never
    shared, so the cost is only a re-fetch on Back. A view that sets its own
    Cache-Control keeps it.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            # max-age=0, no-cache, no-store, must-revalidate, private
            add_never_cache_headers(response)
        return response
