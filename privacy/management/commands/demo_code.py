from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP

from privacy.demo import DEMO_TOTP_KEY


class Command(BaseCommand):
    help = (
        "Print the current two-factor code for the demo staff accounts (loaded by `manage.py demo`). "
        "Works only with DEBUG on; reads and changes nothing."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo codes are only for local demonstrations with DEBUG on.")
        totp = TOTP(bytes.fromhex(DEMO_TOTP_KEY))
        self.stdout.write(f"{totp.token():06d}  (changes every 30 seconds)")
