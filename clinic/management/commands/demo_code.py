import time

from django.core.management.base import BaseCommand
from django_otp.oath import TOTP

from clinic.demo import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the current second-factor code of the demo staff logins (demo only: the key is published)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--secret", action="store_true", help="print the published demo key instead")

    def handle(self, *args, **options) -> None:
        from base64 import b32decode

        if options["secret"]:
            self.stdout.write(DEMO_TOTP_SECRET)
            return
        totp = TOTP(b32decode(DEMO_TOTP_SECRET))
        totp.time = time.time()
        left = 30 - int(totp.time) % 30
        self.stdout.write(f"{totp.token():06d}  (valid for {left} more seconds)")
