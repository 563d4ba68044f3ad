"""Passkeys answer to the address the page was opened at.

Django has already checked the host against ALLOWED_HOSTS, so the relying party
(the host name) and the expected origin come from the request itself: the same
code serves http://localhost:8000 in development and the clinic's own name in
production, and a passkey made for one never works on the other.
"""

from django.http import HttpRequest
from django.http.request import split_domain_port
from django_otp_webauthn.helpers import WebAuthnHelper


def relying_party_id(request: HttpRequest) -> str:
    domain, _port = split_domain_port(request.get_host())
    return domain


class ClinicWebAuthnHelper(WebAuthnHelper):
    def get_allowed_origins(self) -> list[str]:
        own = f"{self.request.scheme}://{self.request.get_host()}"
        return [*super().get_allowed_origins(), own]
